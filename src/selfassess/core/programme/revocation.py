"""Revoking a certificate the programme issued, and the revocation list buyers add by file.

`revoke` marks a certificate of the register revoked, with the date and the programme's reason
(kept in the register only: a CRL carries reason codes, not words). `write_crl` writes an X.509
CRL (RFC 5280 §5) signed by the root: every revoked serial number with its date, this update,
the next update (by default 30 days on: a buyer's verify says when the list they hold is out of
date), an increasing CRL number and the root's key identifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from selfassess.core.errors import InvalidInput, Refused
from selfassess.core.files import check_output_file, write_output
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.register import (
    IssuedRecord,
    Register,
    Revocation,
    parse_serial,
    serial_text,
)
from selfassess.core.signing.certfiles import authority_name, is_issued_by, read_certificates
from selfassess.core.storable import storable_integer, storable_text, visible

DEFAULT_DAYS = 30
MAX_DAYS = 366
REASON_LIMIT = 200


@dataclass(frozen=True)
class WrittenCrl:
    output: Path
    number: int
    revoked: int  # serial numbers listed
    this_update: datetime
    next_update: datetime


def revoke(store: ProgrammeStore, target: str, reason: str) -> IssuedRecord:
    """Revoke the certificate in the file `target`, or the one whose serial number it is."""
    reason = storable_text(reason, "--reason", limit=REASON_LIMIT, one_line=True).strip()
    if not reason:
        raise InvalidInput.of("--reason: say why the certificate is revoked")
    serial = _serial_of(store, target)
    register = Register(store.register_file)
    record = register.find(serial)
    if record is None:
        raise InvalidInput.of(
            "no certificate with the serial {serial} was issued by this programme", serial=serial
        )
    if record.revoked is not None:
        raise Refused.of(
            "the certificate {serial} was revoked already, on {date} ({reason})",
            serial=serial,
            date=record.revoked.on.date().isoformat(),
            reason=record.revoked.reason,
        )
    return register.revoke(serial, Revocation(datetime.now(UTC).replace(microsecond=0), reason))


def _serial_of(store: ProgrammeStore, target: str) -> str:
    path = Path(target)
    if not path.exists():
        return parse_serial(target)
    certificate = read_certificates(path)[0]
    root = store.root()
    if not is_issued_by(certificate, root):
        raise InvalidInput.of(
            "{source} was not issued by this programme ({programme})",
            source=path,
            programme=visible(authority_name(root.subject)),
        )
    return serial_text(certificate.serial_number)


def write_crl(
    store: ProgrammeStore, output: Path, days: int = DEFAULT_DAYS, passphrase: str | None = None
) -> WrittenCrl:
    """The revocation list of every certificate revoked so far, signed by the root."""
    storable_integer(days, "--days", 1, MAX_DAYS)
    check_output_file(output)
    root = store.unlock(passphrase)
    register = Register(store.register_file)
    revoked = [(r.serial, r.revoked) for r in register.records() if r.revoked is not None]
    now = datetime.now(UTC).replace(microsecond=0)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.certificate.subject)
        .last_update(now)
        .next_update(now + timedelta(days=days))
    )
    for serial, revocation in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(int(serial, 16))
            .revocation_date(revocation.on)
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    number = register.next_crl_number()
    builder = builder.add_extension(x509.CRLNumber(number), critical=False).add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False
    )
    crl = builder.sign(root.key, root.digest)
    write_output(output, crl.public_bytes(serialization.Encoding.PEM))
    return WrittenCrl(output, number, len(revoked), now, now + timedelta(days=days))
