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


@pytest.fixture
def draft(service: AssessmentService, sample_form: Form) -> Assessment:
    return service.create(sample_form, ASM_GOLD, language="fr", trainer="Trainer T")
