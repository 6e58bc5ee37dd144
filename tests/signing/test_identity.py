"""The signing identity: created once, kept encrypted with its passphrase in the keyring (or
chosen by the user where there is none), shown by fingerprint, backed up and imported."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from tests.conftest import MemoryKeyring

from selfassess.core.errors import InvalidInput, NotFound, Refused
from selfassess.core.signing.identity import (
    IdentityDetails,
    IdentityStore,
    PassphraseNeeded,
    fingerprint_of,
)

AMANI = IdentityDetails("Amani Bisimwa", "Cooperative de Kalimbi", "amani@kalimbi.cd", "cd")


def test_a_new_identity_is_encrypted_private_and_in_the_keyring(
    isolated_home: Path, memory_keyring: MemoryKeyring
) -> None:
    store = IdentityStore(isolated_home)
    identity = store.create(AMANI)
    assert identity.details == IdentityDetails(
        "Amani Bisimwa", "Cooperative de Kalimbi", "amani@kalimbi.cd", "CD"
    )
    assert identity.passphrase_in_keyring
    assert identity.self_signed
    assert stat.S_IMODE(store.p12.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    ((_service, _entry), passphrase), *_ = memory_keyring.entries.items()
    with pytest.raises(ValueError, match="(?i)password"):
        pkcs12.load_key_and_certificates(store.p12.read_bytes(), None)  # not readable bare
    unlocked = store.unlock()
    assert fingerprint_of(unlocked.certificate) == identity.fingerprint_sha256
    assert isinstance(unlocked.key, ec.EllipticCurvePrivateKey)
    assert unlocked.key.curve.name == "secp256r1"
    assert passphrase.encode() not in b"".join(p.read_bytes() for p in store.folder.iterdir())
    spoken = identity.spoken_fingerprint
    assert len(spoken.split()) == 16
    assert spoken.replace(" ", "").lower() == identity.fingerprint_sha256


def test_without_a_keyring_the_user_chooses_the_passphrase(
    isolated_home: Path, no_keyring: None
) -> None:
    store = IdentityStore(isolated_home)
    with pytest.raises(PassphraseNeeded, match="no keyring on this computer"):
        store.create(AMANI)
    assert not store.folder.exists()  # nothing half-made
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        store.create(AMANI, "short")
    identity = store.create(AMANI, "mavi ya ngombe 2026")
    assert not identity.passphrase_in_keyring
    assert b"mavi ya ngombe" not in b"".join(p.read_bytes() for p in store.folder.iterdir())
    with pytest.raises(PassphraseNeeded, match="give the passphrase"):
        store.unlock()
    with pytest.raises(InvalidInput, match="wrong password"):
        store.unlock("guess")
    assert fingerprint_of(store.unlock("mavi ya ngombe 2026").certificate) == (
        identity.fingerprint_sha256
    )


def test_a_second_identity_retires_the_first_and_never_deletes_it(isolated_home: Path) -> None:
    store = IdentityStore(isolated_home)
    first = store.create(AMANI)
    with pytest.raises(Refused, match="a signing identity exists already"):
        store.create(AMANI)
    assert store.show() == first
    second = store.create(AMANI, replace=True)
    assert second.fingerprint_sha256 != first.fingerprint_sha256
    (retired,) = (store.folder / "retired").iterdir()
    kept = x509.load_pem_x509_certificate((retired / "identity.crt").read_bytes())
    assert fingerprint_of(kept) == first.fingerprint_sha256


def test_backup_and_import_on_another_computer(isolated_home: Path, tmp_path: Path) -> None:
    store = IdentityStore(isolated_home)
    identity = store.create(AMANI)
    backup = tmp_path / "amani.p12"
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        store.export_p12(backup, "1234")
    store.export_p12(backup, "nyumba ya zamani")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    elsewhere = IdentityStore(tmp_path / "other-laptop")
    with pytest.raises(InvalidInput, match="wrong password, or not a PKCS#12"):
        elsewhere.import_p12(backup, "nyumba")
    adopted = elsewhere.import_p12(backup, "nyumba ya zamani")
    assert adopted.fingerprint_sha256 == identity.fingerprint_sha256
    assert adopted.passphrase_in_keyring  # re-protected by a fresh passphrase in the keyring


def test_import_without_a_keyring_keeps_the_files_password(
    isolated_home: Path, tmp_path: Path, no_keyring: None
) -> None:
    backup = write_p12(tmp_path / "ca.p12", "from the CA", days=365)
    store = IdentityStore(isolated_home)
    identity = store.import_p12(backup, "from the CA")
    assert not identity.passphrase_in_keyring
    assert not identity.self_signed
    assert fingerprint_of(store.unlock("from the CA").certificate) == identity.fingerprint_sha256


def test_unusable_certificates_are_refused_with_the_reason(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "home")
    expired = write_p12(tmp_path / "old.p12", "password1", days=-1)
    with pytest.raises(InvalidInput, match="the certificate expired on "):
        store.import_p12(expired, "password1")
    not_p12 = tmp_path / "notes.p12"
    not_p12.write_text("hello", encoding="utf-8")
    with pytest.raises(InvalidInput, match="notes.p12: wrong password, or not a PKCS#12"):
        store.import_p12(not_p12, "password1")
    assert not store.exists()


def test_a_wiped_keyring_points_to_the_backup(
    isolated_home: Path, memory_keyring: MemoryKeyring
) -> None:
    store = IdentityStore(isolated_home)
    store.create(AMANI)
    memory_keyring.entries.clear()
    with pytest.raises(PassphraseNeeded, match="import your backup .p12"):
        store.unlock()


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (IdentityDetails("", "Kalimbi", "a@b.cd", "CD"), "name: give 1 to 64 characters"),
        (IdentityDetails("A", "Kalimbi", "amani", "CD"), "email: 'amani' is not an email"),
        (IdentityDetails("A", "Kalimbi", "a@b.cd", "Congo"), "country: 'CONGO' is not a two"),
    ],
)
def test_details_that_do_not_fit_a_certificate(
    isolated_home: Path, details: IdentityDetails, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        IdentityStore(isolated_home).create(details)


def test_show_before_any_identity_says_how_to_make_one(isolated_home: Path) -> None:
    with pytest.raises(NotFound, match="selfassess identity create"):
        IdentityStore(isolated_home).show()


def write_p12(target: Path, password: str, *, days: int) -> Path:
    """A CA-issued-looking identity valid for `days` from now (negative: expired)."""
    key = ec.generate_private_key(ec.SECP256R1())
    ca_key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Amani")])
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Some CA")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=400))
        .not_valid_after(now + timedelta(days=days))
        .sign(ca_key, hashes.SHA256())
    )
    target.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"amani",
            key,
            certificate,
            None,
            serialization.BestAvailableEncryption(password.encode()),
        )
    )
    return target
