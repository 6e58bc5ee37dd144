"""A supplier's identity certified by a programme: the certificate request (PKCS#10, RFC 2986)
made from the identity's key and subject, sent to the programme by file or e-mail; and the
installation of the certificate the programme sends back, which replaces the self-signed one
while the key stays the same (the old certificate is retired, never deleted).

The programme's file holds the certificate followed by its issuer, the programme's root; the
identity keeps that chain so every pack carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_output_file, write_output
from selfassess.core.signing.certfiles import (
    MAX_CERTIFICATES,
    authority_name,
    is_authority,
    is_issued_by,
    read_certificates,
    self_issued,
)
from selfassess.core.signing.fitness import signing_problems
from selfassess.core.signing.identity import Identity, IdentityStore
from selfassess.core.storable import visible


@dataclass(frozen=True)
class Installed:
    """The identity after the installation, and who certified it."""

    identity: Identity
    issuer: str  # the issuing programme's name, as the certificate gives it (raw)
    chain_length: int  # certificates kept above the identity's own


def certificate_request(store: IdentityStore, passphrase: str | None = None) -> bytes:
    """A PEM certificate request for the identity's key and subject, signed by that key."""
    unlocked = store.unlock(passphrase)
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(unlocked.certificate.subject)
        .sign(unlocked.key, hashes.SHA256())
    )
    return request.public_bytes(serialization.Encoding.PEM)


def write_request(store: IdentityStore, target: Path, passphrase: str | None = None) -> Path:
    """The request written to `target` (a file the user names, in a folder that exists)."""
    check_output_file(target)
    write_output(target, certificate_request(store, passphrase))
    return target


def install_certificate(
    store: IdentityStore, source: Path, passphrase: str | None = None
) -> Installed:
    """Adopt the certificate a programme issued for this identity's key, with its chain."""
    certificates = read_certificates(source)
    own_key = store.unlock(passphrase).key.public_key()
    mine = [c for c in certificates if c.public_key() == own_key]
    if not mine:
        raise InvalidInput.of(
            "{source} holds no certificate for this identity's key (was it issued for another "
            "request?)",
            source=source,
        )
    certificate = mine[0]
    _check_fit(source, certificate)
    chain = _chain_above(source, certificate, certificates)
    identity = store.replace_certificate(certificate, chain, passphrase)
    return Installed(identity, authority_name(certificate.issuer), len(chain))


def _check_fit(source: Path, certificate: x509.Certificate) -> None:
    if self_issued(certificate):
        raise InvalidInput.of(
            "{source}: the certificate is self-signed; install the one a programme issued",
            source=source,
        )
    now = datetime.now(UTC)
    if certificate.not_valid_after_utc < now:
        raise InvalidInput.of(
            "{source}: the certificate expired on {date}",
            source=source,
            date=certificate.not_valid_after_utc.date().isoformat(),
        )
    problems = signing_problems(certificate, now)
    if problems:  # said in the finding's own words, so that the app can translate them
        raise InvalidInput.of(problems[0].message_id, **problems[0].params)


def _chain_above(
    source: Path, certificate: x509.Certificate, certificates: list[x509.Certificate]
) -> list[x509.Certificate]:
    """The issuers of `certificate` found in the file, each verified, up to a root."""
    chain: list[x509.Certificate] = []
    current = certificate
    while not self_issued(current) and len(chain) < MAX_CERTIFICATES:
        issuer = next(
            (c for c in certificates if c not in chain and is_issued_by(current, c)), None
        )
        if issuer is None:
            raise InvalidInput.of(
                "{source} does not hold the certificate of {issuer}, who issued {subject}: "
                "install the whole file the programme sent (the certificate, then its root)",
                source=source,
                issuer=visible(authority_name(current.issuer)),
                subject=visible(authority_name(current.subject)),
            )
        if not is_authority(issuer):
            raise InvalidInput.of(
                "{source}: {issuer} is not a certification authority (CA:TRUE)",
                source=source,
                issuer=visible(authority_name(issuer.subject)),
            )
        chain.append(issuer)
        current = issuer
    return chain
