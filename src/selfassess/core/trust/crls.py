"""Revocation lists a buyer adds by file (`selfassess trust crl FILE`): an X.509 CRL (RFC 5280
§5) is accepted only when a trusted root signed it (its issuer is the root's subject, its
signature verifies with the root's key, and the root may sign CRLs); the newest list of each
root is kept, as `<home>/trust/crls/<root fingerprint>.pem`, and is checked again each time it
is read. Lists are compared by their CRL number, else by when they were made; an older list
than the one kept is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

from selfassess.core.errors import InvalidInput, Refused, StoreError, UserError
from selfassess.core.files import read_input, write_atomically
from selfassess.core.signing.certfiles import (
    CRL_LIMIT,
    UNREADABLE,
    authority_name,
    extension_of,
    read_crl,
    strict_parsing,
)
from selfassess.core.storable import visible
from selfassess.core.trust.roots import TrustedRoot, crls_folder, trusted_roots


@dataclass(frozen=True)
class KeptCrl:
    """A revocation list as the buyer keeps it, for one trusted root."""

    root: TrustedRoot
    crl: x509.CertificateRevocationList
    number: int | None
    this_update: datetime
    next_update: datetime | None
    revoked: int  # serial numbers listed


def add_crl(home: Path, source: Path) -> tuple[KeptCrl, bool]:
    """Keep the list in `source`; the list, and False when the same list was kept already."""
    crl = read_crl(source)
    root = issuing_root(crl, trusted_roots(home))
    if root is None:
        raise InvalidInput.of(
            "{source} is not signed by a trusted root (its issuer: {issuer}); add the "
            "programme's root first (`selfassess trust add`)",
            source=source,
            issuer=visible(authority_name(crl.issuer)),
        )
    given = _kept(root, crl)
    current = kept_crl(home, root)
    if current is not None:
        if _order(given) < _order(current):
            raise Refused.of(
                "{source} is older than the revocation list kept for {programme} (made on "
                "{date}); the newer one stays",
                source=source,
                programme=visible(root.programme),
                date=current.this_update.date().isoformat(),
            )
        if _order(given) == _order(current):
            return current, False
    target = crls_folder(home) / f"{root.fingerprint_sha256}.pem"
    write_atomically(target, crl.public_bytes(serialization.Encoding.PEM))
    return given, True


def kept_crl(home: Path, root: TrustedRoot) -> KeptCrl | None:
    """The list kept for `root`, checked again; None when there is none."""
    path = crls_folder(home) / f"{root.fingerprint_sha256}.pem"
    if not path.exists():
        return None
    try:
        with strict_parsing():
            crl = x509.load_pem_x509_crl(read_input(path, CRL_LIMIT))
    except (UserError, *UNREADABLE) as exc:
        raise _damaged(path, exc) from None
    if issuing_root(crl, [root]) is None:
        raise _damaged(path, "not signed by its root")
    return _kept(root, crl)


def issuing_root(
    crl: x509.CertificateRevocationList, roots: list[TrustedRoot]
) -> TrustedRoot | None:
    """The trusted root that signed `crl`, if any."""
    for root in roots:
        certificate = root.certificate
        if crl.issuer != certificate.subject or not _may_sign_crls(certificate):
            continue
        try:
            if crl.is_signature_valid(certificate.public_key()):  # type: ignore[arg-type]
                return root
        except (UnsupportedAlgorithm, TypeError, ValueError):
            continue
    return None


def revoked_on(kept: KeptCrl, serial: int) -> datetime | None:
    """When the list says the certificate with `serial` was revoked; None if it does not."""
    entry = kept.crl.get_revoked_certificate_by_serial_number(serial)
    return None if entry is None else entry.revocation_date_utc


def _may_sign_crls(root: x509.Certificate) -> bool:
    try:
        usage = extension_of(root, x509.KeyUsage)
    except ValueError:
        return False
    return usage is None or usage.crl_sign


def _kept(root: TrustedRoot, crl: x509.CertificateRevocationList) -> KeptCrl:
    try:
        number_extension = crl.extensions.get_extension_for_class(x509.CRLNumber).value
        number: int | None = number_extension.crl_number
    except (x509.ExtensionNotFound, ValueError):
        number = None
    return KeptCrl(root, crl, number, crl.last_update_utc, crl.next_update_utc, sum(1 for _ in crl))


def _order(kept: KeptCrl) -> tuple[int, datetime]:
    return (kept.number if kept.number is not None else -1, kept.this_update)


def _damaged(path: Path, reason: object) -> StoreError:
    return StoreError.of(
        "{path} cannot be read ({reason}); move it aside or remove it", path=path, reason=reason
    )
