"""Fixtures of the submission tests: the built-in self-assessment, a service over a fresh store,
and what a store holds once an import is done (to show that a refused one wrote nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.submissions.builders import self_assessment

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.model import Form
from selfassess.core.store.store import Store


@pytest.fixture(scope="session")
def form() -> Form:
    return self_assessment()


@pytest.fixture
def service(isolated_home: Path) -> Iterator[AssessmentService]:
    store = Store.open(isolated_home)
    yield AssessmentService(store)
    store.close()


def written(service: AssessmentService) -> dict[str, int]:
    """How many rows of each kind the store holds, and the files in its evidence locker."""
    conn = service.store.read()
    counts = {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("assessments", "answers", "attachments", "submission_imports")
    }
    locker = service.store.evidence.root
    counts["locker files"] = (
        sum(1 for p in locker.rglob("*") if p.is_file()) if locker.exists() else 0
    )
    return counts


NOTHING = {
    "assessments": 0,
    "answers": 0,
    "attachments": 0,
    "submission_imports": 0,
    "locker files": 0,
}
