"""The store tests' fixtures (a service over a temporary home, the sample form, a draft) and a
genuine archive to import or to spoil."""

from pathlib import Path

import pytest
from tests.archive.builders import genuine_archive
from tests.store.conftest import ASM_GOLD, draft, sample_form, service

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.store.records import Assessment

__all__ = ["ASM_GOLD", "archive", "draft", "sample_form", "service"]


@pytest.fixture
def archive(service: AssessmentService, draft: Assessment, tmp_path: Path) -> Path:
    """A finalized-then-reopened assessment with answers, evidence and a plan, exported."""
    return genuine_archive(service, draft, tmp_path)
