"""Fixtures for store tests: an open service over a temporary home, the sample form, a draft."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.store.records import Assessment, Profile
from selfassess.core.store.store import Store

SAMPLE = Path(__file__).parents[1] / "data" / "sample.yaml"


@pytest.fixture(scope="session")
def sample_form() -> Form:
    form = load_form(SAMPLE).form
    assert form is not None
    return form


@pytest.fixture
def service(isolated_home: Path) -> Iterator[AssessmentService]:
    store = Store.open(isolated_home)
    yield AssessmentService(store)
    store.close()


ASM_GOLD = Profile(
    organisation="Coopérative Minière de Kalimbi",
    entity_type="asm",
    site="Nyabibwe",
    country="CD",
    province="Sud-Kivu",
    minerals=("gold", "tin"),
    workforce_size=120,
)


STARTED = "2026-01-05T08:00:00.000000Z"


def started_early(service: AssessmentService, assessment_id: str) -> Assessment:
    """The assessment as if started on 5 January 2026, so that a test can declare it on the
    fixed day it judges on (a declaration is never dated before the assessment was created)."""
    with service.store.write() as conn:
        conn.execute("UPDATE assessments SET created_at = ? WHERE id = ?", (STARTED, assessment_id))
    return service.get(assessment_id)


@pytest.fixture
def draft(service: AssessmentService, sample_form: Form) -> Assessment:
    """A draft started on 5 January 2026 (`started_early`)."""
    created = service.create(sample_form, ASM_GOLD, language="fr", trainer="Trainer T")
    return started_early(service, created.id)
