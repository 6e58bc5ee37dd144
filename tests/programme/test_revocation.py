"""Revocation: a certificate the programme issued is revoked by file or serial number, with a
reason kept in the register, and the revocation list the root signs lists it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from tests.programme.making import Authority, issued, programme, supplier, write_pem

from selfassess.core.errors import InvalidInput, Refused
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.issuing import Issued
from selfassess.core.programme.register import Register
from selfassess.core.programme.revocation import revoke, write_crl


@pytest.fixture
def store(tmp_path: Path) -> ProgrammeStore:
    return programme(tmp_path / "programme-home")


@pytest.fixture
def done(store: ProgrammeStore, isolated_home: Path, tmp_path: Path) -> Issued:
    return issued(store, supplier(isolated_home), tmp_path / "mail")


def test_revoked_by_file_with_its_reason_kept(store: ProgrammeStore, done: Issued) -> None:
    record = revoke(store, str(done.output), "  laptop stolen  ")
    assert record.revoked is not None
    assert record.revoked.reason == "laptop stolen"
    (kept,) = Register(store.register_file).records()
    assert kept.revoked == record.revoked
    with pytest.raises(Refused, match=r"revoked already, on .* \(laptop stolen\)"):
        revoke(store, record.serial, "again")


def test_revoked_by_serial_as_openssl_prints_it(store: ProgrammeStore, done: Issued) -> None:
    hex_serial = format(done.certificate.serial_number, "X")
    spaced = ":".join(hex_serial[i : i + 2] for i in range(0, len(hex_serial), 2))
    assert revoke(store, spaced, "left the programme").serial == done.record.serial


def test_what_cannot_be_revoked_is_said(
    store: ProgrammeStore, done: Issued, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="no certificate with the serial 1234 was issued"):
        revoke(store, "1234", "a reason")
    with pytest.raises(InvalidInput, match="neither a certificate file nor a serial number"):
        revoke(store, "not-a-serial", "a reason")
    stranger = write_pem(tmp_path / "stranger.pem", Authority("Other", ca=False).certificate)
    with pytest.raises(InvalidInput, match="was not issued by this programme"):
        revoke(store, str(stranger), "a reason")
    with pytest.raises(InvalidInput, match="say why"):
        revoke(store, done.record.serial, "   ")
    with pytest.raises(InvalidInput, match="--reason"):
        revoke(store, done.record.serial, "line one\nline two")
    assert Register(store.register_file).records()[0].revoked is None


def test_the_list_is_signed_by_the_root_and_lists_the_revoked(
    store: ProgrammeStore, done: Issued, tmp_path: Path
) -> None:
    first = write_crl(store, tmp_path / "first.crl")
    revoke(store, str(done.output), "laptop stolen")
    second = write_crl(store, tmp_path / "second.crl", days=7)
    assert (first.number, first.revoked, second.number, second.revoked) == (1, 0, 2, 1)
    crl = x509.load_pem_x509_crl((tmp_path / "second.crl").read_bytes())
    root = store.root()
    assert crl.issuer == root.subject
    assert crl.is_signature_valid(root.public_key())  # type: ignore[arg-type]
    entry = crl.get_revoked_certificate_by_serial_number(done.certificate.serial_number)
    assert entry is not None
    assert entry.revocation_date_utc.date() == second.this_update.date()
    assert crl.next_update_utc is not None
    assert crl.next_update_utc - crl.last_update_utc == timedelta(days=7)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 2
    with pytest.raises(InvalidInput, match="--days must be a whole number from 1 to 366"):
        write_crl(store, tmp_path / "third.crl", days=0)
