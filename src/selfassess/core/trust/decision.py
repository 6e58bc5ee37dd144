"""How a buyer stands with the signer of an otherwise valid pack: `certified` (the certificate
chains to a programme root the buyer trusts), `known` (this organisation signed with this
certificate before), `new` (first pack: confirm the fingerprint by phone) or `changed` (a known
organisation with another certificate: not valid until the buyer accepts it, with a reason).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography import x509

from selfassess.core.findings import Finding
from selfassess.core.trust.chain import certification_of
from selfassess.core.trust.known_signers import Acceptance, KnownSigners, Recognition
from selfassess.core.trust.signer import Signer


class SignerStatus(enum.Enum):
    CERTIFIED = "certified"
    KNOWN = "known"
    NEW = "new"
    CHANGED = "changed"


@dataclass
class Standing:
    status: SignerStatus | None  # None: a chain to a trusted root that fails (revoked, forged)
    certified_by: str | None = None
    problems: list[Finding] = field(default_factory=list)  # make the pack invalid
    notes: list[Finding] = field(default_factory=list)


def standing_of(
    signer: Signer,
    certificate: x509.Certificate,
    carried: list[x509.Certificate],
    signed_at: datetime,
    home: Path,
    *,
    record: bool,
    acceptance: Acceptance | None = None,
) -> Standing:
    """The signer's standing with the buyer whose data lives in `home`. With `record` (the rest
    of the pack is valid), a new signer is remembered, and a changed one when `acceptance`."""
    certification = certification_of(certificate, carried, signed_at, home)
    if certification.problems:
        return Standing(None, None, list(certification.problems), list(certification.notes))
    if certification.programme is not None:
        return Standing(
            SignerStatus.CERTIFIED, certification.programme, notes=list(certification.notes)
        )
    known = KnownSigners(home)
    recognition = known.recognise(signer)
    if recognition is Recognition.KNOWN:
        return Standing(SignerStatus.KNOWN)
    if recognition is Recognition.NEW:
        if record:
            known.remember(signer)
        return Standing(SignerStatus.NEW)
    return _changed(known, signer, record, acceptance)


def _changed(
    known: KnownSigners, signer: Signer, record: bool, acceptance: Acceptance | None
) -> Standing:
    if acceptance is not None and record:
        accepted = acceptance.checked()
        known.remember(signer, accepted)
        note = Finding.of(
            "the new certificate was accepted by {by}: {reason}",
            by=accepted.by,
            reason=accepted.reason,
        )
        return Standing(SignerStatus.KNOWN, notes=[note])
    before = [e.get("fingerprint_sha256", "") for e in known.entries(signer)]
    problem = Finding.of(
        "this organisation signed before with another certificate ({before}); do not rely on "
        "this pack until the supplier confirms the new fingerprint, then accept the new "
        "certificate, saying how it was confirmed",
        before=", ".join(str(f)[:16] for f in before),
    )
    return Standing(SignerStatus.CHANGED, problems=[problem])
