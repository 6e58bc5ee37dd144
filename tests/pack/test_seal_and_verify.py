"""A sealed pack verifies; every kind of tampering fails verification with its reason; poppler
and qpdf, independently, agree that the pack is signed as a whole and well formed."""

from __future__ import annotations

import contextlib
import email
import email.policy
import shutil
import subprocess
from email.message import EmailMessage
from pathlib import Path

import pytest
from tests.pack.genuine import ORGANISATION, attachments_of, files_of
from tests.pack.making import PHOTO, appended, genuine_data, identity, report_pdf

from selfassess.core.pack.seal import Attachment, seal
from selfassess.core.pack.verify import Unreadable, Verdict, verify
from selfassess.core.signing.identity import IdentityStore

RESPONSE, FORM = genuine_data()


@pytest.fixture
def pack(isolated_home: Path) -> bytes:
    return seal(report_pdf(), [RESPONSE, FORM, PHOTO], identity(isolated_home))


def test_a_sealed_pack_verifies_and_carries_its_files(pack: bytes, isolated_home: Path) -> None:
    verdict = verify(pack)
    assert verdict.reasons == []
    assert verdict.valid
    assert verdict.coverage == "entire_file"
    assert verdict.signer is not None
    assert verdict.signer.details.organisation == ORGANISATION
    assert (
        verdict.signer.fingerprint_sha256 == IdentityStore(isolated_home).show().fingerprint_sha256
    )
    assert verdict.data[RESPONSE.name] == RESPONSE.data
    assert verdict.files[PHOTO.name] == len(PHOTO.data)
    assert files_of(pack)[PHOTO.name] == PHOTO.data


def test_flipped_bytes_anywhere_are_caught(pack: bytes) -> None:
    for position in range(0, len(pack), max(1, len(pack) // 97)):
        tampered = bytearray(pack)
        tampered[position] ^= 0x01
        try:
            verdict = verify(bytes(tampered))
        except Unreadable:
            continue  # so broken it is not a PDF any more: refused all the same
        assert not verdict.valid, f"a flipped byte at {position} went unnoticed"


def test_a_truncated_pack_is_refused(pack: bytes) -> None:
    for cut in (len(pack) - 1, len(pack) // 2, 100):
        with contextlib.suppress(Unreadable):  # refused as unreadable: fine too
            assert not verify(pack[:cut]).valid


@pytest.mark.parametrize("change", ["attachment", "page"])
def test_an_update_appended_after_signing_is_tampering(pack: bytes, change: str) -> None:
    verdict = verify(appended(pack, change))
    assert not verdict.valid
    assert any("after it was signed" in str(reason) for reason in verdict.reasons)


def test_a_swapped_file_does_not_match_the_manifest(isolated_home: Path) -> None:
    from selfassess.core.pack import seal as sealing

    honest = sealing.manifest_of([RESPONSE, FORM, PHOTO])
    lied = RESPONSE.data + b" "  # still the same JSON, but not the bytes the manifest hashed
    forged = Attachment(RESPONSE.name, lied, "application/json")
    original = sealing.manifest_of
    sealing.manifest_of = lambda _attachments: honest  # type: ignore[assignment]
    try:
        pack = seal(report_pdf(), [forged, FORM, PHOTO], identity(isolated_home))
    finally:
        sealing.manifest_of = original  # type: ignore[assignment]
    verdict = verify(pack)
    assert list(map(str, verdict.reasons)) == [
        "response.json does not match its SHA-256 in the manifest"
    ]


def test_a_pack_re_signed_by_another_key_names_another_signer(pack: bytes, tmp_path: Path) -> None:
    forger = identity(tmp_path / "forger")
    attachments = [a for a in attachments_of(pack) if a.name != "manifest.json"]
    forged = verify(seal(report_pdf(), attachments, forger))
    original = verify(pack)
    assert forged.signer is not None
    assert original.signer is not None
    assert forged.signer.fingerprint_sha256 != original.signer.fingerprint_sha256


def test_the_signature_survives_an_email_round_trip(pack: bytes) -> None:
    message = EmailMessage()
    message["To"] = "buyer@example.com"
    message.set_content("Our response pack.")
    message.add_attachment(pack, maintype="application", subtype="pdf", filename="pack.pdf")
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    (part,) = list(parsed.iter_attachments())  # type: ignore[attr-defined]
    received = part.get_content()
    assert received == pack
    assert verify(received).valid


def test_not_a_pdf_is_unreadable() -> None:
    with pytest.raises(Unreadable):
        verify(b"PK\x03\x04 this is a zip")


def test_an_unsigned_pdf_is_not_valid() -> None:
    verdict: Verdict = verify(report_pdf())
    assert list(map(str, verdict.reasons)) == ["the pack is not signed"]


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_poppler_sees_a_valid_signature_over_the_whole_document(
    pack: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack)
    report = subprocess.run(
        ["pdfsig", str(path)], capture_output=True, text=True, check=False
    ).stdout
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_finds_the_pack_well_formed(pack: bytes, tmp_path: Path) -> None:
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack)
    checked = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_email_draft_carries_the_pack_intact(pack: bytes, tmp_path: Path) -> None:
    from selfassess.core.pack.email_draft import write_email_draft

    path = tmp_path / "pack.pdf"
    path.write_bytes(pack)
    verdict = verify(pack)
    assert verdict.signer is not None
    draft = write_email_draft(
        path,
        tmp_path / "pack.eml",
        recipients=["buyer@example.com"],
        organisation=ORGANISATION,
        fingerprint=verdict.signer.fingerprint_sha256,
        language="fr",
    )
    assert not draft.large
    parsed = email.message_from_bytes(draft.path.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "buyer@example.com"
    subject = "Dossier de réponse à l'auto-évaluation « minerais responsables »"
    assert parsed["Subject"] == f"{subject} : {ORGANISATION}"
    body = parsed.get_body(preferencelist=("plain",)).get_content()  # type: ignore[attr-defined]
    assert "Veuillez trouver ci-joint" in body
    assert "Please find attached" in body  # and in English, for buyers who read no French
    assert verdict.signer.fingerprint_sha256[:4].upper() in body
    (attached,) = list(parsed.iter_attachments())  # type: ignore[attr-defined]
    assert verify(attached.get_content()).valid


def test_a_response_that_breaks_the_schema_is_not_valid(isolated_home: Path) -> None:
    broken = Attachment("response.json", b'{"answers": "none"}', "application/json")
    verdict = verify(seal(report_pdf(), [broken, FORM], identity(isolated_home)))
    assert not verdict.valid
    (reason,) = verdict.reasons
    assert str(reason).startswith("response.json does not follow the response schema: ")


def test_a_pack_without_response_data_is_not_valid(isolated_home: Path) -> None:
    verdict = verify(seal(report_pdf(), [PHOTO], identity(isolated_home)))
    assert list(map(str, verdict.reasons)) == ["the pack carries no response.json"]


def test_a_byte_changed_in_the_signature_container_is_caught(pack: bytes) -> None:
    """Parts of the signature's CMS container are not covered by the signature itself (its list
    of digest algorithms, versions, content type): a change there is caught all the same."""
    start = pack.rindex(b"/Contents <") + len(b"/Contents <")
    der_hex = len(bytes.fromhex(pack[start : pack.index(b">", start)].decode()).rstrip(b"\0")) * 2
    for position in range(start, start + der_hex, 5):
        tampered = bytearray(pack)
        tampered[position] ^= 0x01
        try:
            verdict = verify(bytes(tampered))
        except Unreadable:
            continue
        assert not verdict.valid, f"a flipped byte at {position - start} of the container passed"
