"""The signer of a received pack, as read from its certificate: the names exactly as written
(for comparing them) and made visible (for showing them), the fingerprint, the dates."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from selfassess.core.signing.identity import IdentityDetails, details_of
from selfassess.core.storable import visible
from selfassess.core.trust.names import organisation_key


@dataclass(frozen=True)
class Signer:
    raw: IdentityDetails  # as written in the certificate: compare with it, never print it
    fingerprint_sha256: str
    not_before: datetime
    not_after: datetime
    issuer: str  # made visible
    self_signed: bool

    @property
    def details(self) -> IdentityDetails:
        """The names made visible (control and format characters shown as codes): print these."""
        raw = self.raw
        return IdentityDetails(
            visible(raw.name), visible(raw.organisation), visible(raw.email), visible(raw.country)
        )

    @property
    def organisation_key(self) -> str:
        return organisation_key(self.raw.organisation, self.raw.country)


def signer_of(certificate: x509.Certificate) -> Signer:
    der = certificate.public_bytes(Encoding.DER)
    return Signer(
        details_of(certificate),
        hashlib.sha256(der).hexdigest(),
        certificate.not_valid_before_utc,
        certificate.not_valid_after_utc,
        visible(certificate.issuer.rfc4514_string()),
        certificate.issuer == certificate.subject,
    )
