"""Whom a buyer's `verify` trusts, as an impostor and a careless CA would test it: a changed
signer is never valid, one organisation has one key however its name is written, the signer is
the supplier in the pack, the certificate is fit to sign when it signed, the pack is certified
once, and nothing from a certificate is printed raw."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from tests.pack.forging import (
    Certificate,
    approval_signed,
    second_signature,
    signing_time,
    unlocked,
)
from tests.pack.genuine import COUNTRY, ORGANISATION
from tests.pack.making import report_pdf

from selfassess.cli.main import main
from selfassess.core.pack.seal import Attachment, seal
from selfassess.core.trust.known_signers import FILE_NAME

GENUINE = Certificate(organisation=ORGANISATION, country=COUNTRY)


def verify(
    capsys: pytest.CaptureFixture[str], buyer: Path, pack: Path, *extra: str
) -> tuple[int, dict[str, object], str]:
    code = main(["verify", str(pack), "--json", "--home", str(buyer), *extra])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


def sealed(tmp_path: Path, name: str, files: list[Attachment], spec: Certificate) -> Path:
    path = tmp_path / name
    path.write_bytes(seal(report_pdf(), files, unlocked(spec)))
    return path


def test_a_changed_signer_is_not_valid_until_accepted_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], genuine_files: list[Attachment]
) -> None:
    buyer = tmp_path / "buyer"
    first = sealed(tmp_path, "first.pdf", genuine_files, GENUINE)
    code, verdict, _ = verify(capsys, buyer, first)
    assert (code, verdict["valid"], verdict["signer_status"]) == (0, True, "new")
    impostor = sealed(tmp_path, "impostor.pdf", genuine_files, GENUINE)  # same subject
    code, verdict, _ = verify(capsys, buyer, impostor)
    assert (code, verdict["valid"], verdict["signer_status"]) == (3, False, "changed")
    assert "another certificate" in " ".join(verdict["reasons"])  # type: ignore[arg-type]
    assert main(["verify", str(impostor), "--home", str(buyer)]) == 3
    assert "NOT VALID: CHANGED SIGNER" in capsys.readouterr().out
    code, _, err = verify(capsys, buyer, impostor, "--accept-new-certificate")
    assert code == 2
    assert "--reason" in err  # accepting is an explicit act, with a reason
    code, verdict, _ = verify(
        capsys, buyer, impostor, "--accept-new-certificate", "--reason", "confirmed by phone"
    )
    assert (code, verdict["valid"], verdict["signer_status"]) == (0, True, "known")
    recorded = json.loads((buyer / FILE_NAME).read_text(encoding="utf-8"))
    (entries,) = recorded["organisations"].values()
    accepted = entries[-1]["accepted"]
    assert accepted["reason"] == "confirmed by phone"
    assert accepted["by"]
    assert accepted["at"].startswith(str(datetime.now(UTC).year))
    assert accepted["replacing"] == [entries[0]["fingerprint_sha256"]]
    code, verdict, _ = verify(capsys, buyer, first)
    assert (code, verdict["signer_status"]) == (0, "known")  # the first key stays known


@pytest.mark.parametrize(
    "written",
    [
        unicodedata.normalize("NFD", ORGANISATION),
        ORGANISATION.replace(" ", " \u200b", 1),
        "Cooperative miniere de Kalimbi",
        "COOPÉRATIVE   MINIÈRE de kalimbi",
    ],
    ids=["nfd", "zero-width-space", "no-accents", "case-and-spacing"],
)
def test_the_same_organisation_written_otherwise_is_not_a_new_one(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    genuine_files: list[Attachment],
    written: str,
) -> None:
    buyer = tmp_path / "buyer"
    assert verify(capsys, buyer, sealed(tmp_path, "a.pdf", genuine_files, GENUINE))[0] == 0
    other = Certificate(organisation=written, country=COUNTRY)
    code, verdict, _ = verify(capsys, buyer, sealed(tmp_path, "b.pdf", genuine_files, other))
    assert (code, verdict["signer_status"]) == (3, "changed")


def test_the_signer_must_be_the_supplier_the_pack_speaks_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], genuine_files: list[Attachment]
) -> None:
    mallory = Certificate(organisation="Mallory Trading", country=COUNTRY)
    code, verdict, _ = verify(
        capsys, tmp_path / "buyer", sealed(tmp_path, "m.pdf", genuine_files, mallory)
    )
    assert (code, verdict["valid"]) == (1, False)
    assert "the signer is not the supplier" in " ".join(verdict["reasons"])  # type: ignore[arg-type]
    assert not (tmp_path / "buyer" / FILE_NAME).exists()  # an invalid pack pins nothing


NOW = datetime.now(UTC)
UNFIT = {
    "expired": (Certificate(not_after=NOW - timedelta(days=1)), "had expired when it signed"),
    "not-yet-valid": (
        Certificate(not_before=NOW + timedelta(days=2)),
        "was not yet valid when it signed",
    ),
    "no-signing-usage": (Certificate(digital_signature=False), "does not allow signing"),
    "ca": (Certificate(ca=True), "certification authority"),
    "rsa-1024": (Certificate(rsa_bits=1024), "at least 2048"),
    "sha1": (Certificate(rsa_bits=2048, digest=hashes.SHA1()), "SHA-256 or stronger"),
}


@pytest.mark.parametrize("case", sorted(UNFIT))
def test_a_certificate_unfit_to_sign_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    genuine_files: list[Attachment],
    case: str,
) -> None:
    spec, words = UNFIT[case]
    spec = Certificate(**{**spec.__dict__, "organisation": ORGANISATION, "country": COUNTRY})
    try:
        pack = sealed(tmp_path, "unfit.pdf", genuine_files, spec)
    except Exception:
        pytest.skip(f"pyHanko refuses to sign with a {case} certificate")
    code, verdict, _ = verify(capsys, tmp_path / "buyer", pack)
    assert (code, verdict["valid"]) == (1, False)
    assert words in " ".join(verdict["reasons"])  # type: ignore[arg-type]


def test_a_certificate_expired_since_but_valid_when_it_signed_is_shown_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], genuine_files: list[Attachment]
) -> None:
    spec = Certificate(
        organisation=ORGANISATION,
        country=COUNTRY,
        not_before=NOW - timedelta(days=400),
        not_after=NOW - timedelta(days=30),
    )
    with signing_time(NOW - timedelta(days=60)):
        pack = sealed(tmp_path, "old.pdf", genuine_files, spec)
    code, verdict, _ = verify(capsys, tmp_path / "buyer", pack)
    assert (code, verdict["valid"]) == (0, True)
    assert "after it signed this pack" in " ".join(verdict["notes"])  # type: ignore[arg-type]


def test_only_one_certification_signature_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], genuine_files: list[Attachment]
) -> None:
    key = unlocked(GENUINE)
    approval = tmp_path / "approval.pdf"
    approval.write_bytes(approval_signed(report_pdf(), genuine_files, key))
    code, verdict, _ = verify(capsys, tmp_path / "buyer", approval)
    assert (code, verdict["valid"]) == (1, False)
    assert "not certified" in " ".join(verdict["reasons"])  # type: ignore[arg-type]
    twice = tmp_path / "twice.pdf"
    twice.write_bytes(second_signature(seal(report_pdf(), genuine_files, key), key))
    code, verdict, _ = verify(capsys, tmp_path / "buyer", twice)
    assert (code, verdict["valid"]) == (1, False)
    assert "more than one signature" in " ".join(verdict["reasons"])  # type: ignore[arg-type]


def test_control_characters_in_a_certificate_cannot_forge_the_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], genuine_files: list[Attachment]
) -> None:
    forged = Certificate(
        name="Amani\nfingerprint   0000 0000 0000\x1b[8m",
        organisation=ORGANISATION,
        country=COUNTRY,
    )
    pack = sealed(tmp_path, "forged.pdf", genuine_files, forged)
    assert main(["verify", str(pack), "--home", str(tmp_path / "buyer")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert [line for line in out.splitlines() if line.startswith("fingerprint")] == [
        next(line for line in out.splitlines() if line.startswith("fingerprint"))
    ]
    assert "Amani<U+000A>fingerprint   0000 0000 0000<U+001B>[8m" in out
    _code, verdict, _ = verify(capsys, tmp_path / "buyer", pack)
    assert verdict["signer"]["name"] == "Amani<U+000A>fingerprint   0000 0000 0000<U+001B>[8m"  # type: ignore[index]
