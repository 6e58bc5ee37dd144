"""Large evidence before signing: photos sent as smaller copies, the largest files left out
until the e-mail fits, or no files at all; the pack says which, and the originals stay."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image
from tests.pack.genuine import files_of
from tests.store.test_export import AMANI, text_of

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.pack.evidence_fit import (
    MAIL_LIMIT,
    EvidenceChoice,
    EvidenceFile,
    estimate,
    smaller_copy,
)
from selfassess.core.pack.export import evidence_to_send, export_pack
from selfassess.core.pack.verify import Verdict, verify
from selfassess.core.signing.identity import IdentityStore
from selfassess.core.store.records import Assessment

MB = 1024 * 1024


def photo(width: int, height: int, *, orientation: int | None = None) -> bytes:
    """A noisy photo (noise does not compress, like a real one)."""
    image = Image.effect_noise((width, height), 80).convert("RGB")
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def finalized_with(
    service: AssessmentService, draft: Assessment, files: dict[str, bytes], tmp_path: Path
) -> str:
    service.set_answer(draft.id, "A1.1", 2)
    service.set_answer(draft.id, "A1.2", "2023-05-01")
    service.set_answer(draft.id, "A2.1", "exploitation")
    service.set_answer(draft.id, "B1.1", True)
    paths = []
    for name, data in files.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    service.attach(draft.id, "A1.3", paths)
    service.finalize(draft.id, Declaration("Amani", "Président", date(2026, 11, 22)))
    return draft.id


def export(
    service: AssessmentService, assessment_id: str, target: Path, choice: EvidenceChoice
) -> tuple[Verdict, dict[str, Any]]:
    identities = IdentityStore(service.store.home)
    if not identities.exists():
        identities.create(AMANI)
    export_pack(PlanService(service), identities, assessment_id, target, evidence=choice)
    verdict = verify(target.read_bytes())
    assert verdict.reasons == []
    return verdict, json.loads(verdict.data["response.json"])


def test_a_smaller_copy_of_a_photo_is_upright_smaller_and_at_most_1600_pixels() -> None:
    original = photo(3000, 2000, orientation=6)  # taken with the phone on its side
    copy = smaller_copy(original, "image/jpeg")
    assert copy is not None
    assert len(copy) < len(original)
    with Image.open(io.BytesIO(copy)) as image:
        assert image.size == (1067, 1600)  # turned upright, longest side 1600
        assert image.getexif().get(0x0112) is None


def test_files_that_are_not_readable_photos_are_never_altered() -> None:
    assert smaller_copy(b"%PDF-1.7 a policy", "application/pdf") is None
    assert smaller_copy(b"\xff\xd8\xff not really a jpeg", "image/jpeg") is None
    small = photo(400, 300)
    assert smaller_copy(small, "image/jpeg") is None  # already small: sent as it is


def test_a_photo_claiming_billions_of_pixels_is_not_decoded() -> None:
    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk
    png += struct.pack(">I", zlib.crc32(chunk)) + b"\x00" * 64
    assert smaller_copy(png, "image/png") is None


def test_photos_travel_as_smaller_copies_and_the_originals_stay(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    original = photo(3000, 2000)
    report = b"%PDF-1.4 " + os.urandom(200_000)
    assessment_id = finalized_with(
        service, draft, {"site.jpg": original, "rapport.pdf": report}, tmp_path
    )
    _, response = export(service, assessment_id, tmp_path / "p.pdf", EvidenceChoice.SMALLER)
    carried = {e["name"]: e["in_pack"] for e in response["evidence"]}
    assert carried == {"site.jpg": "smaller_copy", "rapport.pdf": "original"}
    sent = files_of((tmp_path / "p.pdf").read_bytes())
    (sent_photo,) = [data for name, data in sent.items() if name.endswith("site.jpg")]
    with Image.open(io.BytesIO(sent_photo)) as image:
        assert max(image.size) == 1600
    (sent_report,) = [data for name, data in sent.items() if name.endswith(".pdf")]
    assert sent_report == report
    original_sha = hashlib.sha256(original).hexdigest()
    assert original_sha in {e["sha256"] for e in response["evidence"]}
    locker = service.store.evidence.path_of(original_sha)
    assert hashlib.sha256(locker.read_bytes()).hexdigest() == original_sha
    if shutil.which("pdftotext"):
        text = " ".join(text_of((tmp_path / "p.pdf").read_bytes(), tmp_path).split())
        assert "Copie réduite" in text
        assert "195,3 Ko" in text  # sizes as French readers write them


def test_fit_leaves_out_the_largest_files_until_the_email_fits(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    files = {f"{name}.pdf": os.urandom(size) for name, size in [("a", 4 * MB), ("b", 3 * MB)]}
    files["c.pdf"] = os.urandom(2 * MB)
    assessment_id = finalized_with(service, draft, files, tmp_path)
    planned = evidence_to_send(PlanService(service), assessment_id)
    assert estimate(planned, EvidenceChoice.ALL).too_large
    guess = estimate(planned, EvidenceChoice.FIT)
    assert not guess.too_large
    assert guess.left_out == ["a.pdf"]
    target = tmp_path / "pack.pdf"
    verdict, response = export(service, assessment_id, target, EvidenceChoice.FIT)
    carried = {e["name"]: e["in_pack"] for e in response["evidence"]}
    assert carried == {"a.pdf": "left_out", "b.pdf": "original", "c.pdf": "original"}
    assert not any(name.endswith("a.pdf") for name in verdict.files)
    assert target.stat().st_size * 4 / 3 < MAIL_LIMIT
    if shutil.which("pdftotext"):
        assert "Laissé de côté" in " ".join(text_of(target.read_bytes(), tmp_path).split())


def test_none_sends_no_file_but_lists_each_one(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    assessment_id = finalized_with(service, draft, {"a.pdf": os.urandom(50_000)}, tmp_path)
    verdict, response = export(service, assessment_id, tmp_path / "p.pdf", EvidenceChoice.NONE)
    assert not [name for name in verdict.files if name.startswith("evidence/")]
    assert [e["in_pack"] for e in response["evidence"]] == ["left_out"]


def test_the_estimate_guesses_smaller_photos_before_any_is_made() -> None:
    photos = [EvidenceFile(f"{i:064x}", f"p{i}.jpg", "image/jpeg", 3 * MB) for i in range(5)]
    assert estimate(photos, EvidenceChoice.ALL).too_large
    assert not estimate(photos, EvidenceChoice.SMALLER).too_large
    nothing = estimate(photos, EvidenceChoice.NONE)
    assert nothing.email_bytes < estimate(photos[:1], EvidenceChoice.ALL).email_bytes
