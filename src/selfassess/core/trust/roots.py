"""The programme roots a buyer trusts: each a certification authority's self-signed certificate,
kept as `<home>/trust/roots/<SHA-256 fingerprint>.pem`, added by file (`selfassess trust add`)
after the buyer checked its fingerprint with the programme.

A root must be a certification authority's certificate (basicConstraints CA:TRUE, RFC 5280
§4.2.1.9) signed by its own key, allowed to sign certificates when it says what its key is for
(keyCertSign, §4.2.1.3), not expired, with a key and digest fit to sign (core/signing/fitness).
A signer's own self-signed certificate is refused as a root: it is recognised by its
fingerprint instead (trust on first use), never "certified".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from selfassess.core.errors import InvalidInput, NotFound, StoreError, UserError, write_failure
from selfassess.core.files import read_input, write_atomically
from selfassess.core.findings import Finding
from selfassess.core.signing.certfiles import (
    CERTIFICATE_LIMIT,
    UNREADABLE,
    attribute,
    authority_name,
    extension_of,
    is_authority,
    read_certificates,
    self_issued,
    strict_parsing,
)
from selfassess.core.signing.fitness import digest_problems, key_problems
from selfassess.core.signing.identity import fingerprint_of, spoken
from selfassess.core.storable import shown

MAX_ROOTS = 64  # a buyer trusts a handful of programmes


@dataclass(frozen=True)
class TrustedRoot:
    certificate: x509.Certificate
    fingerprint_sha256: str
    programme: str  # its organisation, else its common name (raw: show it through `visible`)
    country: str
    not_after: datetime
    path: Path

    @property
    def spoken_fingerprint(self) -> str:
        return spoken(self.fingerprint_sha256)


def trust_folder(home: Path) -> Path:
    return home / "trust"


def roots_folder(home: Path) -> Path:
    return trust_folder(home) / "roots"


def crls_folder(home: Path) -> Path:
    return trust_folder(home) / "crls"


def trusted_roots(home: Path) -> list[TrustedRoot]:
    """Every root the buyer added, by programme name; a file that cannot be read is an error
    naming it (the buyer moves it aside)."""
    folder = roots_folder(home)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.pem"))[:MAX_ROOTS]:
        try:
            with strict_parsing():
                certificate = x509.load_pem_x509_certificate(read_input(path, CERTIFICATE_LIMIT))
        except (UserError, *UNREADABLE) as exc:
            raise StoreError.of(
                "{path} cannot be read ({reason}); move it aside or remove it",
                path=path,
                reason=exc,
            ) from None
        found.append(_described(certificate, path))
    return sorted(found, key=lambda root: (root.programme.casefold(), root.fingerprint_sha256))


def add_root(home: Path, source: Path) -> tuple[TrustedRoot, bool]:
    """Trust the root in `source`; the root, and False when it was trusted already."""
    certificates = read_certificates(source)
    if len(certificates) != 1:
        raise InvalidInput.of(
            "{source} holds {count} certificates; add the programme's root alone",
            source=source,
            count=len(certificates),
        )
    certificate = certificates[0]
    problems = root_problems(certificate, datetime.now(UTC), source)
    if problems:  # said in the finding's own words, so that the app can translate them
        raise InvalidInput.of(problems[0].message_id, **problems[0].params)
    fingerprint = fingerprint_of(certificate)
    target = roots_folder(home) / f"{fingerprint}.pem"
    if target.exists():
        return _described(certificate, target), False
    if len(trusted_roots(home)) >= MAX_ROOTS:
        raise InvalidInput.of("at most {limit} roots can be trusted", limit=MAX_ROOTS)
    write_atomically(target, certificate.public_bytes(serialization.Encoding.PEM))
    return _described(certificate, target), True


def root_problems(certificate: x509.Certificate, at: datetime, source: Path) -> list[Finding]:
    """Every reason `certificate` (read from `source`) cannot be a trusted root at `at`."""
    if not is_authority(certificate):
        return [
            Finding.of(
                "{source} cannot be a trusted root: it is not a certification authority's "
                "certificate (CA:TRUE); a signer's own certificate is recognised by its "
                "fingerprint instead",
                source=str(source),
            )
        ]
    if not self_issued(certificate):
        return [
            Finding.of(
                "{source} cannot be a trusted root: {issuer} issued it; add that root instead",
                source=str(source),
                issuer=authority_name(certificate.issuer),
            )
        ]
    found: list[Finding] = []
    if certificate.not_valid_after_utc < at:
        found.append(
            Finding.of(
                "{source} cannot be a trusted root: it expired on {date}",
                source=str(source),
                date=certificate.not_valid_after_utc.date().isoformat(),
            )
        )
    try:
        usage = extension_of(certificate, x509.KeyUsage)
    except ValueError:
        return [*found, Finding.of("the certificate's extensions cannot be read")]
    if usage is not None and not usage.key_cert_sign:
        found.append(
            Finding.of(
                "{source} cannot be a trusted root: its key usage does not allow signing "
                "certificates",
                source=str(source),
            )
        )
    try:
        key: object = certificate.public_key()
    except (UnsupportedAlgorithm, ValueError):
        key = None
    return [*found, *key_problems(key), *digest_problems(certificate)]


def remove_root(home: Path, prefix: str) -> TrustedRoot:
    """Stop trusting the root whose fingerprint starts with `prefix`, and drop its list."""
    root = find_root(trusted_roots(home), prefix)
    for path in (root.path, crls_folder(home) / f"{root.fingerprint_sha256}.pem"):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise write_failure(path, exc) from None
    return root


def find_root(roots: list[TrustedRoot], prefix: str) -> TrustedRoot:
    """The one root whose fingerprint starts with `prefix` (spaces and colons ignored)."""
    wanted = re.sub(r"[\s:]", "", prefix).lower()
    if not re.fullmatch(r"[0-9a-f]{4,64}", wanted):
        raise InvalidInput.of(
            "'{value}' is not a fingerprint: give at least its first 4 hexadecimal digits",
            value=shown(prefix),
        )
    matches = [root for root in roots if root.fingerprint_sha256.startswith(wanted)]
    if not matches:
        raise NotFound.of("no trusted root has a fingerprint starting {prefix}", prefix=wanted)
    if len(matches) > 1:
        raise InvalidInput.of(
            "{count} trusted roots have a fingerprint starting {prefix}; give more digits",
            count=len(matches),
            prefix=wanted,
        )
    return matches[0]


def _described(certificate: x509.Certificate, path: Path) -> TrustedRoot:
    return TrustedRoot(
        certificate,
        fingerprint_of(certificate),
        authority_name(certificate.subject),
        attribute(certificate.subject, NameOID.COUNTRY_NAME),
        certificate.not_valid_after_utc,
        path,
    )
