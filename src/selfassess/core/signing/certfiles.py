"""Certificates, certificate requests and revocation lists read from files a person hands over
(by e-mail, on a USB stick): PEM or DER, within bounds, each refusal naming the file and what is
wrong; and the few facts about names and extensions that the programme and the buyer's trust
both read.

Every text taken from these files is raw here: whoever shows it passes it through
`storable.visible`.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID

from selfassess.core.errors import InvalidInput
from selfassess.core.files import read_input
from selfassess.core.signing.identity import IdentityDetails

CERTIFICATE_LIMIT = 64 * 1024  # a certificate and its chain: a few kilobytes
REQUEST_LIMIT = 16 * 1024  # a request is under one kilobyte
CRL_LIMIT = 4 * 1024 * 1024  # tens of thousands of revoked certificates
MAX_CERTIFICATES = 8  # in one file: a certificate, its issuers and a root
SUBJECT_FIELDS = (
    ("name", NameOID.COMMON_NAME),
    ("organisation", NameOID.ORGANIZATION_NAME),
    ("email", NameOID.EMAIL_ADDRESS),
    ("country", NameOID.COUNTRY_NAME),
)
E = TypeVar("E", bound=x509.ExtensionType)
# What cryptography raises, at once or when a part is first read, for a malformed file.
UNREADABLE = (
    ValueError,
    x509.InvalidVersion,
    x509.DuplicateExtension,
    UnsupportedAlgorithm,
    CryptographyDeprecationWarning,
)


def read_certificates(source: Path) -> list[x509.Certificate]:
    """The certificates of a PEM file (in their order) or the one of a DER file."""
    data = read_input(source, CERTIFICATE_LIMIT)
    try:
        with strict_parsing():
            if b"-----BEGIN" in data:
                found = x509.load_pem_x509_certificates(data)
            else:
                found = [x509.load_der_x509_certificate(data)]
    except UNREADABLE:
        raise InvalidInput.of(
            "{source} is not a certificate (PEM or DER) that can be read", source=source
        ) from None
    if not all(readable(certificate) for certificate in found):
        raise InvalidInput.of(
            "{source} is not a certificate (PEM or DER) that can be read", source=source
        )
    if len(found) > MAX_CERTIFICATES:
        raise InvalidInput.of(
            "{source} holds {count} certificates; at most {limit} are read",
            source=source,
            count=len(found),
            limit=MAX_CERTIFICATES,
        )
    return found


def read_request(source: Path) -> x509.CertificateSigningRequest:
    """The certificate request (PKCS#10, PEM or DER) of a file."""
    data = read_input(source, REQUEST_LIMIT)
    try:
        with strict_parsing():
            if b"-----BEGIN" in data:
                request = x509.load_pem_x509_csr(data)
            else:
                request = x509.load_der_x509_csr(data)
            len(request.subject.rdns)  # read when asked: a malformed subject raises here
            return request
    except UNREADABLE:
        raise InvalidInput.of(
            "{source} is not a certificate request (PKCS#10, PEM or DER) that can be read",
            source=source,
        ) from None


def read_crl(source: Path) -> x509.CertificateRevocationList:
    """The revocation list (X.509 CRL, PEM or DER) of a file."""
    data = read_input(source, CRL_LIMIT)
    try:
        with strict_parsing():
            if b"-----BEGIN" in data:
                crl = x509.load_pem_x509_crl(data)
            else:
                crl = x509.load_der_x509_crl(data)
            _read_whole(crl)
            return crl
    except UNREADABLE:
        raise InvalidInput.of(
            "{source} is not a certificate revocation list (CRL, PEM or DER) that can be read",
            source=source,
        ) from None


def readable(certificate: x509.Certificate) -> bool:
    """Whether every part of the certificate that selfassess reads can be read: cryptography
    parses names, extensions and keys only when asked, and a malformed one raises then."""
    try:
        with strict_parsing():
            len(certificate.subject.rdns) + len(certificate.issuer.rdns)
            len(certificate.extensions)
            certificate.public_key()
    except UNREADABLE:
        return False
    return True


def _read_whole(crl: x509.CertificateRevocationList) -> None:
    """Every part of the list read once, so that a malformed one raises ValueError now."""
    len(crl.issuer.rdns)
    len(crl.extensions)
    for entry in crl:
        entry.serial_number, entry.revocation_date_utc, len(entry.extensions)


@contextmanager
def strict_parsing() -> Iterator[None]:
    """What cryptography only warns about while it still reads it (a serial number that is
    negative or zero, against RFC 5280 §4.1.2.2) raised as CryptographyDeprecationWarning:
    such a file is refused, never half-trusted nor printed as a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", CryptographyDeprecationWarning)
        yield


def pem_of(certificates: list[x509.Certificate]) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def key_fingerprint(key: CertificatePublicKeyTypes) -> str:
    """The SHA-256 of a public key (its SubjectPublicKeyInfo), hex: the same in a request and
    in the certificate issued for it, so the programme and the supplier can compare it by
    phone."""
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    """The first value of `oid` in `name`, "" when it has none."""
    values = name.get_attributes_for_oid(oid)
    value = values[0].value if values else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def authority_name(name: x509.Name) -> str:
    """What a certification authority is called: its organisation, else its common name, else
    the whole name as RFC 4514 writes it."""
    return (
        attribute(name, NameOID.ORGANIZATION_NAME)
        or attribute(name, NameOID.COMMON_NAME)
        or name.rfc4514_string()
    )


def details_of_name(name: x509.Name) -> IdentityDetails:
    """Who a subject names (empty strings for what it leaves out), the e-mail domain shown in
    the letters it was typed in."""
    from selfassess.core.signing.certificate_names import typed_email

    name_, organisation, email, country = (attribute(name, oid) for _, oid in SUBJECT_FIELDS)
    return IdentityDetails(name_, organisation, typed_email(email), country)


def subject_of(details: IdentityDetails) -> x509.Name:
    """The subject of a signer's certificate, in the order the self-signed identity uses: any
    Unicode as typed, up to 64 characters, the e-mail domain in IDNA, no e-mail address when
    the signer has none (certificate_names)."""
    from selfassess.core.signing import certificate_names

    return certificate_names.subject(
        details.name, details.organisation, details.email, details.country
    )


def extension_of(certificate: x509.Certificate, kind: type[E]) -> E | None:
    """The extension of that kind, None when absent; ValueError when the extensions are
    malformed (cryptography reads them only when asked)."""
    try:
        return certificate.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None
    except x509.DuplicateExtension as exc:
        raise ValueError(str(exc)) from None


def is_authority(certificate: x509.Certificate) -> bool:
    """Whether the certificate is a certification authority's (basicConstraints CA:TRUE); a
    malformed extension counts as not."""
    try:
        basic = extension_of(certificate, x509.BasicConstraints)
    except ValueError:
        return False
    return basic is not None and basic.ca


def self_issued(certificate: x509.Certificate) -> bool:
    """Whether the certificate is signed by its own key (a root)."""
    return is_issued_by(certificate, certificate)


def is_issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether `issuer` names and signed `certificate` (its signature verifies)."""
    try:
        certificate.verify_directly_issued_by(issuer)
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError):
        return False
    return True
