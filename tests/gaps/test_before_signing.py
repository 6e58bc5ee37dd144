"""Before signing, the declarer reads the red lines breached or not verified and the critical
gaps; none of them blocks finalizing."""

from __future__ import annotations

from pathlib import Path

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import RedLineStatus
from selfassess.core.gaps.before_signing import before_signing
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))


def plans(home: Path) -> tuple[PlanService, str]:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    service = AssessmentService(Store.open(home))
    return PlanService(service), service.create(form, KALIMBI).id


def test_a_breach_and_the_red_lines_left_open_are_to_acknowledge(isolated_home: Path) -> None:
    service, assessment_id = plans(isolated_home)
    service.assessments.set_answer(assessment_id, "B1.1", True)  # children work at the site
    notice = before_signing(service.report(assessment_id))
    assert notice.needs_acknowledgement
    assert [line.red_line_id for line in notice.breached] == ["child-labour"]
    assert "forced-labour" in [line.red_line_id for line in notice.not_verified]
    assert all(line.status is RedLineStatus.NOT_VERIFIED for line in notice.not_verified)
    assert [gap.criterion_id for gap in notice.critical] == ["B1"]
    service.store.close()


def test_nothing_to_acknowledge_when_every_red_line_is_clear() -> None:
    from selfassess.core.gaps.results import GapReport

    assert not before_signing(GapReport(language="en")).needs_acknowledgement
