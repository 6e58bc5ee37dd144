"""SIGKILL at random moments of `selfassess archive import` leaves the whole assessment or none
of it (with --replace: the old one whole or the new one whole), a database that passes its
integrity check, and, once the store has been opened again, no staging file, import folder or
evidence file that no row records.

Each trial runs the command line on a fresh home and kills it after a random delay drawn
between the program's start-up time and the time a whole import takes, both measured first.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.archive.builders import count, leftovers

from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store

TRIALS = 15
EVIDENCE_FILES = 40
TABLES = ("answers", "attachments", "audit_log", "actions", "revisions")

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def run(home: Path, *argv: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "selfassess", "--home", str(home), *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def timed(home: Path, *argv: str) -> float:
    start = time.monotonic()
    assert run(home, *argv).wait(timeout=120) == 0
    return time.monotonic() - start


def state(store: Store) -> dict[str, int]:
    return {table: count(store, table) for table in ("assessments", *TABLES)}


def test_a_killed_import_leaves_all_of_the_assessment_or_none(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    service.set_answer(draft.id, "A1.1", 2)
    old = export_archive(service.store, draft.id, tmp_path / "old.zip")
    files = []
    for index in range(EVIDENCE_FILES):
        files.append(tmp_path / f"page-{index}.pdf")
        files[-1].write_bytes(random.Random(index).randbytes(256 * 1024))
    service.attach(draft.id, "A1.3", files)
    service.set_answer(draft.id, "A1.2", "2024-03-01")
    new = export_archive(service.store, draft.id, tmp_path / "new.zip")
    startup = timed(tmp_path / "calibrate-1", "list")
    whole = timed(tmp_path / "calibrate-2", "archive", "import", str(new))
    with Store.open(tmp_path / "calibrate-2") as store:
        complete = state(store)
    with Store.open(tmp_path / "calibrate-3") as store:
        import_archive(store, old)
        previous = state(store)
    rng = random.Random(20_26)
    outcomes: list[str] = []
    for trial in range(TRIALS):
        home = tmp_path / f"trial-{trial}"
        replacing = trial % 3 == 2
        argv = ["archive", "import", str(new)]
        if replacing:
            with Store.open(home) as store:
                import_archive(store, old)
            argv.append("--replace")
        importer = run(home, *argv)
        try:
            importer.wait(timeout=rng.uniform(0.8 * startup, whole))
        except subprocess.TimeoutExpired:
            importer.kill()
        importer.wait()
        with Store.open(home) as store:
            check = store.read().execute("PRAGMA integrity_check").fetchone()[0]
            assert check == "ok", (trial, check)
            found = state(store)
            empty = dict.fromkeys(found, 0)
            allowed = [complete, previous if replacing else empty]
            assert found in allowed, (trial, found, allowed)
            outcomes.append("whole" if found == complete else "before")
            assert leftovers(store) == [], trial
            for sha256, *_rest in store.read().execute("SELECT sha256 FROM evidence_files"):
                assert store.evidence.verify(sha256) is None, trial
    assert len(outcomes) == TRIALS
