"""Revocation lists the buyer adds by file: only one a trusted root signed, and only the newest
of each root is kept."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from tests.programme.making import NOW, Authority, issued, programme, supplier, write_pem

from selfassess.core.errors import InvalidInput, Refused, StoreError
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.revocation import revoke, write_crl
from selfassess.core.trust.crls import add_crl, kept_crl, revoked_on
from selfassess.core.trust.roots import TrustedRoot, add_root


@pytest.fixture
def store(tmp_path: Path) -> ProgrammeStore:
    return programme(tmp_path / "programme-home")


@pytest.fixture
def trusted(store: ProgrammeStore, isolated_home: Path, tmp_path: Path) -> TrustedRoot:
    return add_root(isolated_home, write_pem(tmp_path / "root.pem", store.root()))[0]


def _crl(issuer: Authority, number: int, serials: tuple[int, ...] = ()) -> bytes:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.name)
        .last_update(NOW - timedelta(hours=1))
        .next_update(NOW + timedelta(days=30))
        .add_extension(x509.CRLNumber(number), critical=False)
    )
    for serial in serials:
        entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(NOW)
        builder = builder.add_revoked_certificate(entry.build())
    return builder.sign(issuer.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def test_the_programmes_list_is_kept_and_says_who_is_revoked(
    store: ProgrammeStore, trusted: TrustedRoot, isolated_home: Path, tmp_path: Path
) -> None:
    done = issued(store, supplier(tmp_path / "supplier-home"), tmp_path / "mail")
    revoke(store, str(done.output), "laptop stolen")
    write_crl(store, tmp_path / "list.crl")
    kept, new = add_crl(isolated_home, tmp_path / "list.crl")
    assert new
    assert (kept.root, kept.number, kept.revoked) == (trusted, 1, 1)
    assert kept_crl(isolated_home, trusted) == kept
    assert revoked_on(kept, done.certificate.serial_number) is not None
    assert revoked_on(kept, 12345) is None
    same, new = add_crl(isolated_home, tmp_path / "list.crl")
    assert not new
    assert same.number == 1


def test_an_older_list_than_the_one_kept_is_refused(
    store: ProgrammeStore, trusted: TrustedRoot, isolated_home: Path, tmp_path: Path
) -> None:
    write_crl(store, tmp_path / "first.crl")
    write_crl(store, tmp_path / "second.crl")
    add_crl(isolated_home, tmp_path / "second.crl")
    with pytest.raises(Refused, match="is older than the revocation list kept for"):
        add_crl(isolated_home, tmp_path / "first.crl")
    kept = kept_crl(isolated_home, trusted)
    assert kept is not None
    assert kept.number == 2


def test_a_list_no_trusted_root_signed_is_refused(
    trusted: TrustedRoot, isolated_home: Path, tmp_path: Path
) -> None:
    stranger = Authority("Stranger Programme")
    impostor = Authority("Impostor")
    impostor.name = trusted.certificate.subject  # the programme's name, another key
    cases = {
        "stranger.crl": (_crl(stranger, 1), "is not signed by a trusted root"),
        "impostor.crl": (_crl(impostor, 99), "is not signed by a trusted root"),
        "garbage.crl": (b"0\x82\x01\x00garbage", "is not a certificate revocation list"),
        "huge.crl": (b"\0" * (4 * 1024 * 1024 + 1), "is larger than 4 MB"),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InvalidInput, match=message):
            add_crl(isolated_home, tmp_path / name)
    assert kept_crl(isolated_home, trusted) is None


def test_a_list_changed_on_disk_is_not_believed(
    store: ProgrammeStore, trusted: TrustedRoot, isolated_home: Path, tmp_path: Path
) -> None:
    write_crl(store, tmp_path / "list.crl")
    add_crl(isolated_home, tmp_path / "list.crl")
    impostor = Authority("Impostor")
    impostor.name = trusted.certificate.subject
    forged = x509.load_der_x509_crl(_crl(impostor, 5))
    kept_file = isolated_home / "trust" / "crls" / f"{trusted.fingerprint_sha256}.pem"
    kept_file.write_bytes(forged.public_bytes(serialization.Encoding.PEM))
    with pytest.raises(StoreError, match="not signed by its root"):
        kept_crl(isolated_home, trusted)
