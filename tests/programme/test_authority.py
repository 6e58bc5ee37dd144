"""The programme's root: made once, a certification authority that issues signers only, kept
encrypted with its passphrase in the keyring (or chosen by the user where there is none)."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from tests.conftest import MemoryKeyring
from tests.programme.making import PROGRAMME, programme

from selfassess.core.errors import InvalidInput, NotFound, Refused
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.signing.identity import PassphraseNeeded


def test_the_root_is_a_ca_that_issues_signers_only(isolated_home: Path) -> None:
    store = programme(isolated_home)
    root = store.root()
    extensions = root.extensions
    basic = extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical
    assert basic.value.ca
    assert basic.value.path_length == 0
    usage = extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.key_cert_sign
    assert usage.value.crl_sign
    assert not usage.value.digital_signature
    identifier = extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert identifier == x509.SubjectKeyIdentifier.from_public_key(root.public_key())
    root.verify_directly_issued_by(root)
    years = (root.not_valid_after_utc - root.not_valid_before_utc).days / 365.25
    assert 9.9 < years < 10.1
    key = root.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    assert key.curve.name == "secp256r1"
    shown = store.show()
    assert (shown.name, shown.country, shown.curve) == (PROGRAMME, "RW", "P-256")
    assert shown.passphrase_in_keyring


def test_a_p384_root_signs_with_sha384(isolated_home: Path) -> None:
    store = ProgrammeStore(isolated_home)
    store.create("Gold Programme", curve="P-384")
    root = store.root()
    assert isinstance(root.signature_hash_algorithm, hashes.SHA384)
    assert store.show().curve == "P-384"


def test_the_key_is_encrypted_private_and_its_passphrase_in_the_keyring(
    isolated_home: Path, memory_keyring: MemoryKeyring
) -> None:
    store = programme(isolated_home)
    assert stat.S_IMODE(store.p12.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    with pytest.raises(ValueError, match="(?i)password"):
        pkcs12.load_key_and_certificates(store.p12.read_bytes(), None)
    ((_service, entry), passphrase), *_ = memory_keyring.entries.items()
    assert entry.startswith("programme-")
    assert passphrase.encode() not in b"".join(p.read_bytes() for p in store.folder.iterdir())
    unlocked = store.unlock()
    assert unlocked.key.public_key() == store.root().public_key()


def test_without_a_keyring_the_user_chooses_the_passphrase(
    isolated_home: Path, no_keyring: None
) -> None:
    store = ProgrammeStore(isolated_home)
    with pytest.raises(PassphraseNeeded, match="no keyring on this computer"):
        store.create(PROGRAMME)
    assert not store.folder.exists()
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        store.create(PROGRAMME, passphrase="short")
    store.create(PROGRAMME, passphrase="mlima mrefu sana")
    assert not store.show().passphrase_in_keyring
    with pytest.raises(PassphraseNeeded, match="give the passphrase"):
        store.unlock()
    with pytest.raises(InvalidInput, match="wrong passphrase"):
        store.unlock("not the one")
    assert store.unlock("mlima mrefu sana").certificate == store.root()


def test_a_second_root_needs_replace_and_the_first_is_retired_with_its_register(
    isolated_home: Path,
) -> None:
    store = programme(isolated_home)
    first = store.show()
    store.register_file.write_text('{"format": 1, "crl_number": 0, "issued": []}\n')
    with pytest.raises(Refused, match="a programme exists already"):
        store.create("Another")
    second = store.create("Another", replace=True)
    assert second.fingerprint_sha256 != first.fingerprint_sha256
    (retired,) = (store.folder / "retired").iterdir()
    assert sorted(p.name for p in retired.iterdir()) == [
        "issued.json",
        "programme.crt",
        "programme.json",
        "programme.p12",
    ]
    assert not store.register_file.exists()


@pytest.mark.parametrize(
    ("name", "country", "message"),
    [
        ("", "", "name: give 1 to 64 characters"),
        ("x" * 65, "", "name: give 1 to 64 characters"),
        ("Tin\nProgramme", "", "name"),
        ("Tin", "Rwanda", "not a two-letter country code"),
    ],
)
def test_names_that_do_not_fit_a_certificate_are_refused(
    isolated_home: Path, name: str, country: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        ProgrammeStore(isolated_home).create(name, country)
    assert not ProgrammeStore(isolated_home).exists()


def test_no_programme_yet_says_how_to_make_one(isolated_home: Path) -> None:
    with pytest.raises(NotFound, match="selfassess programme create"):
        ProgrammeStore(isolated_home).show()


def test_the_root_is_valid_from_now(isolated_home: Path) -> None:
    root = programme(isolated_home).root()
    assert root.not_valid_before_utc <= datetime.now(UTC)
    assert root.not_valid_before_utc > datetime.now(UTC) - timedelta(hours=1)
