"""Is a pack's signer certified by a programme the buyer trusts? The path is built here, with
cryptography alone: from the signer's certificate, through the certificates the pack carries,
to one of the buyer's trusted roots, each link's signature verified
(`verify_directly_issued_by`), within bounds (at most MAX_CARRIED certificates read, at most
MAX_INTERMEDIATES between the signer and the root); a carried certificate that cannot be read
is left aside.

Each issuing certificate on the path must be a certification authority (CA:TRUE), allowed to
sign certificates when its key usage says what it is for, valid at the signing time, and its
path length constraint respected (RFC 5280 §4.2.1.9, §6.1). The certificate the root issued is
looked up in the root's revocation list (core/trust/crls.py).

The verdict, `Certification`:
- `programme` is the trusted root's programme when the signer chains to it, None when it does
  not (the caller then falls back to trust on first use);
- `problems` are reasons to refuse the pack: a link that does not hold, a revoked certificate
  ("revoked on {date} by {programme}": the signing time in a pack is the signer's own claim, so
  a certificate revoked after it is refused all the same), a certificate that names a trusted
  programme as its issuer without that root's signature;
- `notes` are what the buyer should know without refusing: no revocation list from that
  programme yet, or the one kept is out of date (its next update has passed: revocations since
  then are unknown, while those it lists still count).

The signer's own fitness (validity at the signing time, key usage, CA:FALSE, key, digest) is
the caller's, with core/signing/fitness.py; it is not repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509

from selfassess.core.errors import UserError
from selfassess.core.findings import Finding
from selfassess.core.signing.certfiles import (
    authority_name,
    extension_of,
    is_authority,
    is_issued_by,
    readable,
)
from selfassess.core.signing.fitness import digest_problems
from selfassess.core.storable import visible
from selfassess.core.trust.crls import kept_crl, revoked_on
from selfassess.core.trust.roots import TrustedRoot, trusted_roots

MAX_CARRIED = 16  # certificates read from a pack (a chain holds three or four)
MAX_INTERMEDIATES = 3  # between the signer and the root (a programme's root issues directly)


@dataclass(frozen=True)
class Certification:
    """Whether, and by whom, a signer is certified; see the module's docstring."""

    programme: str | None  # the trusted root's programme, already made `visible`
    root_fingerprint: str | None  # SHA-256 of the trusted root, hex, lower case
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    revoked_on: datetime | None = None

    @property
    def certified(self) -> bool:
        """Chained to a trusted root, with nothing to refuse."""
        return self.programme is not None and not self.problems


def certification_of(
    signer: x509.Certificate,
    carried: list[x509.Certificate],
    signed_at: datetime,
    home: Path,
    *,
    now: datetime | None = None,
) -> Certification:
    """The certification of `signer`, who signed at `signed_at` and whose pack carries
    `carried` (the signer's own certificate among them or not), by the roots trusted in
    `home`; `now` (for the revocation list's age) defaults to the current time."""
    at = signed_at if signed_at.tzinfo else signed_at.replace(tzinfo=UTC)
    try:
        roots = trusted_roots(home)
    except UserError as error:
        return Certification(None, None, notes=[_unreadable(error)])
    if not roots:
        return Certification(None, None)
    if not readable(signer):
        return Certification(None, None, [Finding.of("the signer's certificate cannot be read")])
    carried = [certificate for certificate in carried if readable(certificate)]
    if len(carried) > MAX_CARRIED:
        too_many = Finding.of(
            "the pack carries {count} certificates; at most {limit} are read",
            count=len(carried),
            limit=MAX_CARRIED,
        )
        return Certification(None, None, [too_many])
    path, root, problems = _path(signer, carried, roots)
    if root is None:
        return Certification(None, None, problems)
    programme = visible(root.programme)
    problems += _issuer_problems([*path[1:], root.certificate], at)
    if path[0] == root.certificate:
        problems.append(
            Finding.of(
                "the pack is signed with the root of {programme} itself, not with a "
                "certificate it issued",
                programme=programme,
            )
        )
    revoked, notes = _revocation(home, root, path[-1], now or datetime.now(UTC))
    if revoked is not None:
        problems.append(
            Finding.of(
                "revoked on {date} by {programme}",
                date=revoked.date().isoformat(),
                programme=programme,
            )
        )
    if len(path) > 1:
        notes.append(
            Finding.of(
                "certificates issued by {issuer} cannot be checked for revocation (only the "
                "programme's own list is kept)",
                issuer=authority_name(path[1].subject),
            )
        )
    return Certification(programme, root.fingerprint_sha256, problems, notes, revoked)


def _path(
    signer: x509.Certificate, carried: list[x509.Certificate], roots: list[TrustedRoot]
) -> tuple[list[x509.Certificate], TrustedRoot | None, list[Finding]]:
    """The certificates from the signer up to (not including) a trusted root, and that root;
    a trusted root is preferred to a carried copy of it."""
    path = [signer]
    while True:
        current = path[-1]
        root = next((r for r in roots if is_issued_by(current, r.certificate)), None)
        if root is not None:
            return path, root, []
        issuer = next((c for c in carried if c not in path and is_issued_by(current, c)), None)
        if issuer is None:
            return path, None, _false_claim(current, roots)
        if len(path) > MAX_INTERMEDIATES:
            too_long = Finding.of(
                "the chain from the signer to a trusted root is longer than {limit} certificates",
                limit=MAX_INTERMEDIATES + 2,
            )
            return path, None, [too_long]
        path.append(issuer)


def _false_claim(certificate: x509.Certificate, roots: list[TrustedRoot]) -> list[Finding]:
    """A certificate that names a trusted programme as its issuer without its signature."""
    claimed = next((r for r in roots if r.certificate.subject == certificate.issuer), None)
    if claimed is None:
        return []
    return [
        Finding.of(
            "the certificate of {subject} names {programme} as its issuer, but that "
            "programme's root did not sign it",
            subject=authority_name(certificate.subject),
            programme=claimed.programme,
        )
    ]


def _issuer_problems(issuers: list[x509.Certificate], at: datetime) -> list[Finding]:
    """Each issuing certificate, from the signer's issuer up to the root."""
    found: list[Finding] = []
    for below, issuer in enumerate(issuers):
        name = authority_name(issuer.subject)
        if not is_authority(issuer):
            found.append(
                Finding.of(
                    "{issuer} issued a certificate of the chain but is not a certification "
                    "authority (CA:TRUE)",
                    issuer=name,
                )
            )
            continue
        found += _usage_and_length(issuer, name, below)
        found += _validity(issuer, name, at)
        if below < len(issuers) - 1:  # a root's self-signature is not relied upon
            found += digest_problems(issuer)
    return found


def _usage_and_length(issuer: x509.Certificate, name: str, below: int) -> list[Finding]:
    """Key usage allowing keyCertSign, and `below` intermediates within its path length."""
    found: list[Finding] = []
    try:
        usage = extension_of(issuer, x509.KeyUsage)
        basic = extension_of(issuer, x509.BasicConstraints)
    except ValueError:
        return [Finding.of("the certificate's extensions cannot be read")]
    if usage is not None and not usage.key_cert_sign:
        found.append(
            Finding.of(
                "{issuer} issued a certificate of the chain, but its key usage does not allow "
                "signing certificates",
                issuer=name,
            )
        )
    if basic is not None and basic.path_length is not None and below > basic.path_length:
        found.append(
            Finding.of(
                "the chain is longer than {issuer} allows ({limit} intermediate certificates "
                "at most)",
                issuer=name,
                limit=basic.path_length,
            )
        )
    return found


def _validity(issuer: x509.Certificate, name: str, at: datetime) -> list[Finding]:
    start, end = issuer.not_valid_before_utc, issuer.not_valid_after_utc
    if at > end:
        return [
            Finding.of(
                "the certificate of {issuer} had expired when the pack was signed ({signed}; "
                "valid until {end})",
                issuer=name,
                signed=_day(at),
                end=_day(end),
            )
        ]
    if at < start:
        return [
            Finding.of(
                "the certificate of {issuer} was not yet valid when the pack was signed "
                "({signed}; valid from {start})",
                issuer=name,
                signed=_day(at),
                start=_day(start),
            )
        ]
    return []


def _revocation(
    home: Path, root: TrustedRoot, certificate: x509.Certificate, now: datetime
) -> tuple[datetime | None, list[Finding]]:
    """When the root's list says `certificate` was revoked, and notes on the list."""
    programme = visible(root.programme)
    try:
        kept = kept_crl(home, root)
    except UserError as error:
        return None, [_unreadable(error)]
    if kept is None:
        return None, [
            Finding.of(
                "no revocation list from {programme} has been added: a certificate it revoked "
                "would not be recognised",
                programme=programme,
            )
        ]
    notes = []
    if kept.next_update is not None and kept.next_update < now:
        notes.append(
            Finding.of(
                "the revocation list from {programme} is out of date (its next update was due "
                "on {date}): ask the programme for a new one",
                programme=programme,
                date=kept.next_update.date().isoformat(),
            )
        )
    return revoked_on(kept, certificate.serial_number), notes


def _unreadable(error: UserError) -> Finding:
    return Finding.of("the buyer's trust files cannot be read: {reason}", reason=str(error))


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
