"""Issuing a supplier's signing certificate from the request their app made
(`selfassess identity request`), sent by file or e-mail.

The request is checked first: it must be a PKCS#10 request whose own signature verifies (made
with the key it carries, unchanged since), with a key fit to sign (core/signing/fitness.py) and
a subject of the signer's fields (name, organisation, email if any, two-letter country), each
fitting a certificate as the identity requires (identity.checked). Extensions a request asks
for are ignored: the programme sets its own.

The certificate (RFC 5280; ETSI EN 319 412-2 §4.3.2 for signing certificates): the subject as
checked, the programme as issuer, valid for the years asked (never beyond the root), key usage
digitalSignature and nonRepudiation (critical), basicConstraints CA:FALSE (critical), subject
and authority key identifiers, the email (when there is one) as subjectAltName. The file written
holds the certificate followed by the root (PEM), so the supplier installs the chain at once;
every certificate issued is recorded in the register before the file is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes

from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_output_file, write_output
from selfassess.core.programme.authority import ProgrammeStore, UnlockedRoot
from selfassess.core.programme.register import IssuedRecord, Register, serial_text
from selfassess.core.signing.certfiles import (
    SUBJECT_FIELDS,
    details_of_name,
    key_fingerprint,
    pem_of,
    read_request,
    subject_of,
)
from selfassess.core.signing.fitness import key_problems
from selfassess.core.signing.identity import IdentityDetails, checked, fingerprint_of
from selfassess.core.storable import storable_integer, visible

DEFAULT_YEARS = 3
MAX_YEARS = 5  # as long as a self-signed identity; renewing re-checks the supplier


@dataclass(frozen=True)
class Issued:
    record: IssuedRecord
    certificate: x509.Certificate
    output: Path
    capped: bool  # the validity was cut short at the root's end
    key_fingerprint: str  # SHA-256 of the request's key, to compare with the supplier's


def issue(
    store: ProgrammeStore,
    source: Path,
    output: Path,
    years: int = DEFAULT_YEARS,
    passphrase: str | None = None,
) -> Issued:
    """Check the request in `source`, issue its certificate, record it, and write it with the
    root to `output`."""
    storable_integer(years, "--years", 1, MAX_YEARS)
    check_output_file(output)
    request, details = checked_request(source)
    root = store.unlock(passphrase)
    key = request.public_key()
    if key == root.certificate.public_key():
        raise InvalidInput.of(
            "{source} asks a certificate for the programme's own key", source=source
        )
    certificate, capped = _certificate(root, key, details, years)
    record = IssuedRecord(
        serial=serial_text(certificate.serial_number),
        subject=details,
        fingerprint_sha256=fingerprint_of(certificate),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        issued_at=datetime.now(UTC).replace(microsecond=0),
    )
    Register(store.register_file).add(record)
    write_output(output, pem_of([certificate, root.certificate]))
    return Issued(record, certificate, output, capped, key_fingerprint(key))


def checked_request(source: Path) -> tuple[x509.CertificateSigningRequest, IdentityDetails]:
    """The request of `source` and the subject it names, or a refusal saying what is wrong."""
    request = read_request(source)
    try:
        signature_holds = request.is_signature_valid
        key = request.public_key()
    except (UnsupportedAlgorithm, ValueError, TypeError):
        signature_holds, key = False, None
    if not signature_holds or key is None:
        raise InvalidInput.of(
            "{source}: the request's signature does not verify (it was changed after it was "
            "made, or not made with the key it carries)",
            source=source,
        )
    problems = key_problems(key)
    if problems:  # said in the finding's own words, so that the app can translate them
        raise InvalidInput.of(problems[0].message_id, **problems[0].params)
    return request, checked(_subject(source, request.subject))


def _subject(source: Path, name: x509.Name) -> IdentityDetails:
    """The four fields of a signer's subject; a request naming anything else, or a field
    twice, is refused."""
    allowed = {oid for _, oid in SUBJECT_FIELDS}
    seen: list[x509.ObjectIdentifier] = []
    for attribute in name:
        if attribute.oid not in allowed or attribute.oid in seen:
            raise InvalidInput.of(
                "{source}: the request's subject names {field} (a signer's subject holds its "
                "name, organisation, email and country, once each)",
                source=source,
                field=visible(attribute.oid.dotted_string),
            )
        seen.append(attribute.oid)
    return details_of_name(name)


def _certificate(
    root: UnlockedRoot, key: CertificatePublicKeyTypes, details: IdentityDetails, years: int
) -> tuple[x509.Certificate, bool]:
    start = datetime.now(UTC) - timedelta(minutes=5)
    wanted = start + timedelta(days=365 * years + years // 4)
    end = min(wanted, root.certificate.not_valid_after_utc)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject_of(details))
        .issuer_name(root.certificate.subject)
        .public_key(key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),
            critical=False,
        )
    )
    if details.email and details.email.isascii():  # an rfc822Name is ASCII (RFC 5280 §4.2.1.6)
        alternative = x509.SubjectAlternativeName([x509.RFC822Name(details.email)])
        builder = builder.add_extension(alternative, critical=False)
    return builder.sign(root.key, root.digest), end < wanted
