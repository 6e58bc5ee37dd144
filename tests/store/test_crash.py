"""SIGKILL at random moments never loses an acknowledged answer (its value and its comment)
nor damages the database.

A writer process runs `selfassess answer ID --jsonl -`; the test feeds it lines, reads its
`ok QUESTION` acknowledgements, and kills it after a random number of them (sometimes before the
first). Each round answers questions no other round touches, so an acknowledged value is exactly
the value that must be stored.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.loader import load_form_text
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

ROUNDS = 24
PER_ROUND = 60


def crash_form(questions: int) -> str:
    items = "".join(
        f"          - {{id: Q{n}, type: text, label: {{en: Question {n}}}}}\n"
        for n in range(questions)
    )
    return (
        "id: crash-test\nversion: '1'\ntitle: {en: Crash test}\nlanguages: [en]\n"
        "default_language: en\npublisher: tests\nlicence: CC0-1.0\n"
        "sections:\n  - id: S\n    title: {en: S}\n    criteria:\n"
        "      - id: C\n        title: {en: C}\n        intent: {en: I}\n        questions:\n"
        + items
    )


def feed(stdin: object, lines: list[str]) -> None:
    try:
        for line in lines:
            stdin.write(line)  # type: ignore[attr-defined]
            stdin.flush()  # type: ignore[attr-defined]
    except (BrokenPipeError, OSError, ValueError):
        pass  # the writer was killed


def comment_for(value: str) -> str:
    return f"comment on {value}\nsecond line"


def one_round(home: Path, assessment_id: str, first: int, stop_after: int) -> dict[str, str]:
    values = {f"Q{first + n}": f"round value {first + n}" for n in range(PER_ROUND)}
    lines = [
        json.dumps({"question": q, "value": v, "comment": comment_for(v)}) + "\n"
        for q, v in values.items()
    ]
    writer = subprocess.Popen(
        [sys.executable, "-m", "selfassess", "answer", assessment_id, "--jsonl", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env={**os.environ, "SELFASSESS_HOME": str(home)}, text=True,
    )  # fmt: skip
    feeder = threading.Thread(target=feed, args=(writer.stdin, lines), daemon=True)
    feeder.start()
    acknowledged: dict[str, str] = {}
    assert writer.stdout is not None
    while len(acknowledged) < stop_after:
        line = writer.stdout.readline()
        if not line:
            break
        question = line.split()[1]
        acknowledged[question] = values[question]
    writer.kill()
    writer.wait()
    feeder.join()
    for pipe in (writer.stdin, writer.stdout):
        with contextlib.suppress(BrokenPipeError):  # unflushed lines for a dead writer
            pipe.close()  # type: ignore[union-attr]
    return acknowledged


def test_sigkill_never_loses_an_acknowledged_answer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = load_form_text(crash_form(ROUNDS * PER_ROUND), "crash.yaml")
    assert result.form is not None
    with Store.open(home) as store:
        assessment = AssessmentService(store).create(
            result.form, Profile(organisation="Crash", entity_type="asm")
        )
    rng = random.Random(20261122)
    acknowledged: dict[str, str] = {}
    for round_number in range(ROUNDS):
        stop_after = rng.choice([0, 1, rng.randrange(2, PER_ROUND)])
        acknowledged |= one_round(home, assessment.id, round_number * PER_ROUND, stop_after)
    assert len(acknowledged) > ROUNDS  # the test really exercised acknowledged writes
    check = sqlite3.connect(home / "selfassess.db")
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
    with Store.open(home) as store:
        stored = AssessmentService(store).answers(assessment.id)
    missing = {
        q: v
        for q, v in acknowledged.items()
        if q not in stored or (stored[q].value, stored[q].comment) != (v, comment_for(v))
    }
    assert missing == {}
