"""Fault injection for `doctor`: a writer answering while it runs, and SIGKILL at random
instants of a repair (bounded in count). After each, a second `doctor` tells the truth and the
store holds every answer it held before: the old state or the repaired one, never an empty store.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.store.damage import checkpoint, leaf_pages, smash_page
from tests.store.test_doctor import a_days_work, assert_every_answer_is_back

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import StoreBusy
from selfassess.core.forms.model import Form
from selfassess.core.store.doctor import doctor
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

TRIALS = 10


def selfassess(home: Path, *argv: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "selfassess", *argv],
        env={**os.environ, "SELFASSESS_HOME": str(home)},
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def test_doctor_never_swaps_the_store_under_a_running_writer(
    isolated_home: Path, sample_form: Form
) -> None:
    with Store.open(isolated_home) as store:
        profile = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))
        assessment = AssessmentService(store).create(sample_form, profile, language="fr")
    writer = selfassess(
        isolated_home,
        "answer",
        assessment.id,
        "--jsonl",
        "-",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert writer.stdin is not None
    assert writer.stdout is not None
    acknowledged = []
    for number in range(40):
        writer.stdin.write(json.dumps({"question": "A2.2", "value": f"CD-{number}"}) + "\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "ok A2.2"
        acknowledged.append(f"CD-{number}")
        if number == 20:
            with pytest.raises(StoreBusy, match="in use by another selfassess"):
                doctor(isolated_home, timeout=0.3)
    writer.stdin.close()
    assert writer.wait(timeout=60) == 0
    writer.stdout.close()
    assert doctor(isolated_home).database_ok
    with Store.open(isolated_home) as store:
        assert AssessmentService(store).answers(assessment.id)["A2.2"].value == acknowledged[-1]


def test_doctor_killed_at_random_never_leaves_an_empty_or_lying_store(
    service: AssessmentService, sample_form: Form, tmp_path: Path
) -> None:
    home = service.store.home
    acknowledged = a_days_work(service, sample_form, suppliers=4)
    service.store.close()
    database = home / "selfassess.db"
    checkpoint(database)
    smash_page(database, leaf_pages(database, "answers")[1])
    template = tmp_path / "template"
    shutil.copytree(home, template)
    started = time.monotonic()
    assert selfassess(template, "doctor", stdout=subprocess.DEVNULL).wait(timeout=60) in (0, 1)
    duration = time.monotonic() - started
    chance = random.Random(12)
    for trial in range(TRIALS):
        trial_home = tmp_path / f"trial-{trial}"
        shutil.copytree(home, trial_home)
        process = selfassess(trial_home, "doctor", stdout=subprocess.DEVNULL)
        try:
            process.wait(timeout=chance.uniform(0.0, duration))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        first = doctor(trial_home)
        assert first.database_ok or first.repaired, (trial, first.problem)
        assert doctor(trial_home).database_ok, trial
        assert_every_answer_is_back(trial_home, acknowledged)
