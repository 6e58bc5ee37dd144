"""Is a certificate fit to sign a pack? Checked on the supplier's side (an imported identity, a
certificate a programme issues) and on the buyer's (the certificate inside a pack), with the
same rules, at the moment that matters: the signing time for a received pack.

The rules (RFC 5280 §4.2.1.3 key usage, §4.2.1.9 basic constraints; ETSI EN 319 412-2 §4.3.2
for signing certificates; NIST SP 800-57 Part 1 §5.6 and ETSI TS 119 312 for key sizes and
digests): valid at that time; key usage, when present, allows digitalSignature or
nonRepudiation; not a CA (basicConstraints CA:FALSE or absent); an EC key on P-256, P-384 or
P-521, or RSA of at least 2048 bits; signed with SHA-256 or stronger.
"""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from selfassess.core.findings import Finding

ACCEPTED_CURVES = ("secp256r1", "secp384r1", "secp521r1")
MIN_RSA_BITS = 2048
ACCEPTED_DIGESTS = (hashes.SHA256, hashes.SHA384, hashes.SHA512, hashes.SHA3_256, hashes.SHA3_512)


def signing_problems(certificate: x509.Certificate, at: datetime) -> list[Finding]:
    """Every reason `certificate` could not sign at `at` (a timezone-aware time); [] if fit."""
    return [
        *validity_problems(certificate, at),
        *usage_problems(certificate),
        *key_problems(certificate.public_key()),
        *digest_problems(certificate),
    ]


def validity_problems(certificate: x509.Certificate, at: datetime) -> list[Finding]:
    start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    if at < start:
        return [
            Finding.of(
                "the certificate was not yet valid when it signed ({signed}; valid from {start})",
                signed=_day(at),
                start=_day(start),
            )
        ]
    if at > end:
        return [
            Finding.of(
                "the certificate had expired when it signed ({signed}; valid until {end})",
                signed=_day(at),
                end=_day(end),
            )
        ]
    return []


def usage_problems(certificate: x509.Certificate) -> list[Finding]:
    found: list[Finding] = []
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    except ValueError:  # a malformed extension
        return [Finding.of("the certificate's extensions cannot be read")]
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        found.append(
            Finding.of(
                "the certificate's key usage does not allow signing (neither digital "
                "signature nor non-repudiation)"
            )
        )
    try:
        basic = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        basic = None
    except ValueError:
        return [*found, Finding.of("the certificate's extensions cannot be read")]
    if basic is not None and basic.ca:
        found.append(
            Finding.of("the certificate is a certification authority's (CA:TRUE), not a signer's")
        )
    return found


def key_problems(key: object) -> list[Finding]:
    """A key too weak or of a kind we do not accept for signing."""
    if isinstance(key, ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey):
        if key.curve.name in ACCEPTED_CURVES:
            return []
        return [
            Finding.of(
                "the certificate's key is on the curve {curve}; only P-256, P-384 and P-521 "
                "are accepted",
                curve=key.curve.name,
            )
        ]
    if isinstance(key, rsa.RSAPublicKey | rsa.RSAPrivateKey):
        if key.key_size >= MIN_RSA_BITS:
            return []
        return [
            Finding.of(
                "the certificate's RSA key has {bits} bits; at least {minimum} are needed",
                bits=key.key_size,
                minimum=MIN_RSA_BITS,
            )
        ]
    return [Finding.of("the certificate's key is neither EC nor RSA")]


def digest_problems(certificate: x509.Certificate) -> list[Finding]:
    try:
        algorithm = certificate.signature_hash_algorithm
    except Exception:  # cryptography raises UnsupportedAlgorithm for unknown OIDs
        algorithm = None
    if isinstance(algorithm, ACCEPTED_DIGESTS):
        return []
    name = algorithm.name if algorithm is not None else "unknown"
    return [
        Finding.of(
            "the certificate is signed with the digest {digest}; SHA-256 or stronger is needed",
            digest=name,
        )
    ]


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
