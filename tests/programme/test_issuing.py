"""Issuing: the request is checked (its signature, its key, its subject) before anything is
issued; the certificate is a signer's, issued by the programme, written with the root and
recorded in the register."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from tests.programme.making import AMANI, PROGRAMME, issued, programme, supplier

from selfassess.core.errors import InvalidInput
from selfassess.core.programme import authority
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.issuing import issue
from selfassess.core.programme.register import Register
from selfassess.core.signing.fitness import signing_problems
from selfassess.core.signing.identity import fingerprint_of
from selfassess.core.signing.requests import write_request


@pytest.fixture
def store(tmp_path: Path) -> ProgrammeStore:
    return programme(tmp_path / "programme-home")


def test_the_certificate_is_a_signers_issued_by_the_programme(
    store: ProgrammeStore, isolated_home: Path, tmp_path: Path
) -> None:
    identity = supplier(isolated_home)
    done = issued(store, identity, tmp_path / "mail")
    certificate, root = x509.load_pem_x509_certificates(done.output.read_bytes())
    assert root == store.root()
    assert certificate == done.certificate
    certificate.verify_directly_issued_by(root)
    assert certificate.public_key() == identity.unlock().key.public_key()
    assert certificate.subject == identity.unlock().certificate.subject
    assert certificate.issuer.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        PROGRAMME
    )
    extensions = certificate.extensions
    usage = extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature
    assert usage.value.content_commitment
    assert not usage.value.key_cert_sign
    basic = extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical
    assert not basic.value.ca
    authority_id = extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    root_id = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert authority_id.key_identifier == root_id.digest
    emails = extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert emails.get_values_for_type(x509.RFC822Name) == [AMANI.email]
    assert signing_problems(certificate, datetime.now(UTC)) == []
    days = (certificate.not_valid_after_utc - certificate.not_valid_before_utc).days
    assert 3 * 365 <= days <= 3 * 366
    assert not done.capped


def test_every_certificate_issued_is_recorded(
    store: ProgrammeStore, isolated_home: Path, tmp_path: Path
) -> None:
    done = issued(store, supplier(isolated_home), tmp_path / "mail")
    (record,) = Register(store.register_file).records()
    assert record.serial == format(done.certificate.serial_number, "x")
    assert record.subject == AMANI
    assert record.fingerprint_sha256 == fingerprint_of(done.certificate)
    assert record.not_after == done.certificate.not_valid_after_utc
    assert record.revoked is None
    saved = json.loads(store.register_file.read_text(encoding="utf-8"))
    assert saved["issued"][0]["subject"]["organisation"] == "Coopérative de Kalimbi"


def test_the_years_asked_are_bounded_and_never_beyond_the_root(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = authority.root_certificate
    monkeypatch.setattr(
        authority, "root_certificate", lambda key, name, country: short(key, name, country, 1)
    )
    store = programme(tmp_path / "programme-home")
    identity = supplier(isolated_home)
    request = tmp_path / "request.csr"
    write_request(identity, request)
    for years in (0, 6):
        with pytest.raises(InvalidInput, match="--years must be a whole number from 1 to 5"):
            issue(store, request, tmp_path / "certificate.pem", years)
    done = issue(store, request, tmp_path / "certificate.pem", 5)
    assert done.capped
    assert done.certificate.not_valid_after_utc == store.root().not_valid_after_utc


def _request(
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey, *names: x509.NameAttribute
) -> bytes:
    subject = x509.Name(
        list(names)
        or [
            x509.NameAttribute(NameOID.COMMON_NAME, "Amani"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kalimbi"),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, "a@k.cd"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CD"),
        ]
    )
    request = x509.CertificateSigningRequestBuilder().subject_name(subject)
    return request.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def _flipped_signature(der: bytes) -> bytes:
    changed = bytearray(der)
    changed[-5] ^= 0x01  # inside the signature value, at the end of the request
    return bytes(changed)


EC_KEY = ec.generate_private_key(ec.SECP256R1())
HOSTILE_REQUESTS = {
    "garbage": (b"\x30\x82 not a request at all" * 10, "is not a certificate request"),
    "pem garbage": (
        b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
        "is not a certificate request",
    ),
    "signature fails": (
        _flipped_signature(_request(EC_KEY)),
        "the request's signature does not verify",
    ),
    "huge": (b"-" * (17 * 1024), "is larger than 16 KB"),
    "weak key": (
        _request(rsa.generate_private_key(public_exponent=65537, key_size=1024)),
        "RSA key has 1024 bits; at least 2048 are needed",
    ),
    "odd curve": (
        _request(ec.generate_private_key(ec.SECP256K1())),
        "the curve secp256k1",
    ),
    "extra subject field": (
        _request(
            EC_KEY,
            x509.NameAttribute(NameOID.COMMON_NAME, "Amani"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kalimbi"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Sales"),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, "a@k.cd"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CD"),
        ),
        "subject names 2.5.4.11",
    ),
    "organisation twice": (
        _request(
            EC_KEY,
            x509.NameAttribute(NameOID.COMMON_NAME, "Amani"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kalimbi"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Mallory Trading"),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, "a@k.cd"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CD"),
        ),
        "subject names 2.5.4.10",
    ),
    "email that is no address": (
        _request(
            EC_KEY,
            x509.NameAttribute(NameOID.COMMON_NAME, "Amani"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kalimbi"),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, "amani at kalimbi"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CD"),
        ),
        "email: 'amani at kalimbi' is not an email address",
    ),
    "control characters": (
        _request(
            EC_KEY,
            x509.NameAttribute(NameOID.COMMON_NAME, "Amani"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kalimbi\x1b[8m"),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, "a@k.cd"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CD"),
        ),
        "organisation",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_REQUESTS))
def test_a_hostile_request_is_refused_plainly_and_nothing_is_issued(
    store: ProgrammeStore, tmp_path: Path, case: str
) -> None:
    data, message = HOSTILE_REQUESTS[case]
    request = tmp_path / "request.csr"
    request.write_bytes(data)
    output = tmp_path / "certificate.pem"
    with pytest.raises(InvalidInput, match=message):
        issue(store, request, output)
    assert not output.exists()
    assert Register(store.register_file).records() == []


def test_a_request_for_the_programmes_own_key_is_refused(
    store: ProgrammeStore, tmp_path: Path
) -> None:
    request = tmp_path / "request.csr"
    request.write_bytes(_request(store.unlock().key))
    with pytest.raises(InvalidInput, match="the programme's own key"):
        issue(store, request, tmp_path / "certificate.pem")
