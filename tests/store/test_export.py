"""Exporting the pack: a finalized assessment becomes one signed PDF that verifies and carries
its data; a draft can only be previewed, unsigned and marked DRAFT."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.errors import InvalidInput, Refused
from selfassess.core.pack.export import export_pack, preview_pdf
from selfassess.core.pack.verify import verify
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.store.records import Assessment

AMANI = IdentityDetails("Amani Bisimwa", "Coopérative Minière de Kalimbi", "a@k.cd", "CD")


def finalized(service: AssessmentService, draft: Assessment, tmp_path: Path) -> str:
    service.set_answer(draft.id, "A1.1", 2, comment="signée en 2023")
    service.set_answer(draft.id, "A1.2", "2023-05-01")
    service.set_answer(draft.id, "A2.1", "exploitation")
    service.set_answer(draft.id, "B1.1", True)
    evidence = tmp_path / "politique.pdf"
    evidence.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 50)
    service.attach(draft.id, "A1.3", [evidence])
    service.finalize(draft.id, Declaration("Amani", "Président", date(2026, 11, 22)))
    return draft.id


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "pack-text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_finalized_assessment_exports_a_signed_pack(
    service: AssessmentService, draft: Assessment, tmp_path: Path, isolated_home: Path
) -> None:
    assessment_id = finalized(service, draft, tmp_path)
    identities = IdentityStore(isolated_home)
    identity = identities.create(AMANI)
    target = tmp_path / "pack.pdf"
    export_pack(PlanService(service), identities, assessment_id, target)
    verdict = verify(target.read_bytes())
    assert verdict.reasons == []
    assert verdict.signer is not None
    assert verdict.signer.fingerprint_sha256 == identity.fingerprint_sha256
    assert {"response.json", "form.json", "manifest.json"} <= set(verdict.files)
    (evidence,) = [name for name in verdict.files if name.startswith("evidence/")]
    assert evidence.endswith("-politique.pdf")
    response = json.loads(verdict.data["response.json"])
    assert response["answers"]["A1.1"]["comment"] == "signée en 2023"
    reader = PdfFileReader(io.BytesIO(target.read_bytes()))
    assert reader.trailer["/Info"]["/Author"] == "Amani Bisimwa"
    if shutil.which("pdftotext"):
        text = text_of(target.read_bytes(), tmp_path)  # the sample assessment is in French
        assert "page 1 sur " in text
        assert "Lignes rouges" in text
        assert "BROUILLON" not in text


def test_a_draft_is_refused_a_signed_pack_but_previews_marked_draft(
    service: AssessmentService, draft: Assessment, tmp_path: Path, isolated_home: Path
) -> None:
    identities = IdentityStore(isolated_home)
    identities.create(AMANI)
    with pytest.raises(Refused, match="is a draft: finalize it"):
        export_pack(PlanService(service), identities, draft.id, tmp_path / "pack.pdf")
    assert not (tmp_path / "pack.pdf").exists()
    preview = preview_pdf(PlanService(service), draft.id)
    assert list(map(str, verify(preview).reasons)) == ["the pack is not signed"]
    if shutil.which("pdftotext"):
        assert "BROUILLON · Coopérative Minière de Kalimbi" in text_of(preview, tmp_path)


def test_a_pack_can_be_printed_in_another_language_than_the_assessment(
    service: AssessmentService, draft: Assessment, tmp_path: Path, isolated_home: Path
) -> None:
    assessment_id = finalized(service, draft, tmp_path)
    identities = IdentityStore(isolated_home)
    identities.create(AMANI)
    target = tmp_path / "pack-en.pdf"
    export_pack(PlanService(service), identities, assessment_id, target, language="en")
    assert verify(target.read_bytes()).valid
    with pytest.raises(InvalidInput, match="a pack is printed in en, fr, sw, not 'de'"):
        export_pack(
            PlanService(service), identities, assessment_id, tmp_path / "x.pdf", language="de"
        )
    assert not (tmp_path / "x.pdf").exists()
    if shutil.which("pdftotext"):
        text = text_of(target.read_bytes(), tmp_path)
        assert "page 1 of " in text
        assert "Red lines" in text
        assert "Lignes rouges" not in text
        assert "Answered in" in text  # the answers themselves stay in French


def test_an_identity_of_another_organisation_is_refused_before_signing(
    service: AssessmentService, draft: Assessment, tmp_path: Path, isolated_home: Path
) -> None:
    assessment_id = finalized(service, draft, tmp_path)
    identities = IdentityStore(isolated_home)
    identities.create(IdentityDetails("Amani", "Mallory Trading", "a@k.cd", "CD"))
    target = tmp_path / "pack.pdf"
    with pytest.raises(Refused, match="the signing identity is for Mallory Trading") as refused:
        export_pack(PlanService(service), identities, assessment_id, target)
    assert "Coopérative Minière de Kalimbi" in str(refused.value)
    assert not target.exists()


def test_a_pack_that_fails_its_own_verification_is_never_written(
    service: AssessmentService,
    draft: Assessment,
    tmp_path: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfassess.core.pack import export as exporting

    assessment_id = finalized(service, draft, tmp_path)
    identities = IdentityStore(isolated_home)
    identities.create(AMANI)
    real_seal = exporting.seal_into

    def broken_seal(output: BinaryIO, *args: Any, **options: Any) -> None:
        """A signing library that broke the signature (say, on an odd name)."""
        real_seal(output, *args, **options)
        output.seek(0)
        sealed = output.read().replace(b"/Contents <", b"/Contents<")
        output.seek(0)
        output.truncate()
        output.write(sealed)

    monkeypatch.setattr(exporting, "seal_into", broken_seal)
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"an older pack")
    with pytest.raises(Refused) as refused:
        export_pack(PlanService(service), identities, assessment_id, target)
    assert "did not pass its own verification, so it was not written" in str(refused.value)
    assert "n'a pas passé" in refused.value.localized("fr")
    assert target.read_bytes() == b"an older pack"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="a byte changed"),
        pytest.param(lambda data: data + b"more", id="grown"),
        pytest.param(lambda data: data[:100], id="cut short"),
    ],
)
def test_evidence_that_changed_in_the_locker_stops_the_export_and_names_the_file(
    service: AssessmentService,
    draft: Assessment,
    tmp_path: Path,
    isolated_home: Path,
    damage: Any,
) -> None:
    """Evidence is copied into the pack block by block from the locker; bytes that are no longer
    the file that was attached never travel under its name and SHA-256."""
    assessment_id = finalized(service, draft, tmp_path)
    identities = IdentityStore(isolated_home)
    identities.create(AMANI)
    (attached,) = service.attachments(assessment_id)
    stored = service.store.evidence.path_of(attached.sha256)
    stored.chmod(0o644)
    stored.write_bytes(damage(stored.read_bytes()))
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"an older pack")
    with pytest.raises(InvalidInput, match="politique.pdf is no longer the file that was attached"):
        export_pack(PlanService(service), identities, assessment_id, target)
    assert target.read_bytes() == b"an older pack"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_large_evidence_travels_whole_and_byte_for_byte(
    service: AssessmentService, draft: Assessment, tmp_path: Path, isolated_home: Path
) -> None:
    """A file larger than the copy's block (1 MB) arrives in the pack exactly as attached."""
    assessment_id = finalized(service, draft, tmp_path)
    large = tmp_path / "registre.jpg"
    large.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    service.reopen(assessment_id, "one more photo")
    service.attach(assessment_id, "A1.3", [large])
    service.finalize(assessment_id, Declaration("Amani", "Président", date(2026, 11, 22)))
    identities = IdentityStore(isolated_home)
    identities.create(AMANI)
    target = tmp_path / "pack.pdf"
    export_pack(PlanService(service), identities, assessment_id, target)
    verdict = verify(target.read_bytes())
    assert verdict.valid, verdict.reasons
    (name,) = [n for n in verdict.files if n.endswith("-registre.jpg")]
    listed = json.loads(verdict.data["manifest.json"])["files"][name]
    assert listed == {
        "sha256": hashlib.sha256(large.read_bytes()).hexdigest(),
        "size": large.stat().st_size,
    }
