"""What of the remediation register leaves the laptop in a signed pack: its counts, in
response.json and in one paragraph of the printed summary; never a case number, a partner or a
note. A pack whose register is empty reads as packs did before the register existed."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
from tests.store.test_export import AMANI, text_of
from tests.store.test_response import SCHEMA

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.pack.export import export_pack
from selfassess.core.pack.verify import verify
from selfassess.core.remediation.service import RemediationService
from selfassess.core.signing.identity import IdentityStore
from selfassess.core.store.records import Assessment

DECLARED = date(2026, 11, 22)
DETAILS = ("CL-001", "CL-002", "Comité local de Kalimbi", "trouvée au puits 3", "en 5e année")


def finalized_with_cases(service: AssessmentService, draft: Assessment, tmp_path: Path) -> str:
    register = RemediationService(service.store)
    register.add_case(
        draft.id, age_band="12_14", sex="female", work=["digging"], identified="2026-05-01",
        partner="Comité local de Kalimbi", support=["school_fees"], note="trouvée au puits 3",
        today=DECLARED,
    )  # fmt: skip
    register.record_follow_up(
        draft.id, "CL-001", 3, on="2026-08-03", situation="in_school_or_training",
        note="en 5e année", today=DECLARED,
    )  # fmt: skip
    # its 3-month follow-up, due on 1 October, is 52 days late when declared: lost
    register.add_case(
        draft.id, age_band="under_12", sex="male", work=["carrying"], identified="2026-07-01",
        today=DECLARED,
    )  # fmt: skip
    return finalized(service, draft, tmp_path)


def finalized(service: AssessmentService, draft: Assessment, tmp_path: Path) -> str:
    service.set_answer(draft.id, "A1.1", 1)
    service.set_answer(draft.id, "A2.1", "exploitation")
    service.set_answer(draft.id, "B1.1", True)
    evidence = tmp_path / "politique.pdf"
    evidence.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 50)
    service.attach(draft.id, "A1.3", [evidence])
    PlanService(service).finalize(draft.id, Declaration("Amani", "Président", DECLARED))
    return draft.id


def exported(service: AssessmentService, assessment_id: str, home: Path, target: Path) -> bytes:
    identities = IdentityStore(home)
    identities.create(AMANI)
    export_pack(PlanService(service), identities, assessment_id, target, language="en")
    return target.read_bytes()


def test_the_pack_carries_the_counts_and_no_case(
    service: AssessmentService, draft: Assessment, tmp_path: Path, isolated_home: Path
) -> None:
    assessment_id = finalized_with_cases(service, draft, tmp_path)
    pack = exported(service, assessment_id, isolated_home, tmp_path / "pack.pdf")
    verdict = verify(pack)
    assert verdict.reasons == []
    assert verdict.valid
    body = verdict.data["response.json"]
    response = json.loads(body)
    jsonschema.validate(response, SCHEMA)
    assert response["remediation"] == {
        "identified": 2,
        "referred": 1,
        "supported": 1,
        "in_school_at_last_follow_up": 1,
        "lost_to_follow_up": 1,
    }
    for name, data in verdict.data.items():
        for detail in DETAILS:
            assert detail.encode() not in data, (name, detail)
    if shutil.which("pdftotext"):
        text = " ".join(text_of(pack, tmp_path).split())
        assert (
            "Child-labour remediation: 2 children and youth identified, by case number only. "
            "Referred to a child-protection partner: 1; supported: 1; in school or training at "
            "their last follow-up: 1; lost to follow-up: 1."
        ) in text
        assert text.index("Red lines") < text.index("Child-labour remediation")
        for detail in DETAILS:
            assert detail not in text


def test_a_pack_without_a_register_reads_as_before(
    service: AssessmentService, draft: Assessment, tmp_path: Path, isolated_home: Path
) -> None:
    assessment_id = finalized(service, draft, tmp_path)
    pack = exported(service, assessment_id, isolated_home, tmp_path / "pack.pdf")
    verdict = verify(pack)
    assert verdict.valid
    assert "remediation" not in json.loads(verdict.data["response.json"])
    if shutil.which("pdftotext"):
        assert "remediation" not in text_of(pack, tmp_path)
