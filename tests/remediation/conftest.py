"""The register tests' fixtures: the store tests' service over a temporary home, the sample
form and a draft, and the register over the same store."""

import pytest
from tests.store.conftest import ASM_GOLD, draft, sample_form, service

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.remediation.service import RemediationService

__all__ = ["ASM_GOLD", "draft", "register", "sample_form", "service"]


@pytest.fixture
def register(service: AssessmentService) -> RemediationService:
    return RemediationService(service.store)
