"""The pack's one signature, checked: a certification signature that allows no change (DocMDP
P=1, referenced by the catalog's /Perms), intact, matching its certificate, covering the entire
file, nothing hidden in its reserved space; and a certificate fit to sign at the time it signed
(`signing.fitness`). pyHanko does the cryptography; what it does not check on a self-signed
certificate (made its own trust root, so no dates or key usage) is checked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography import x509

from selfassess.core.findings import Finding
from selfassess.core.pack.cms_container import container_as_written
from selfassess.core.signing.fitness import signing_problems
from selfassess.core.trust.signer import Signer, signer_of

MAX_CARRIED_CERTIFICATES = 8
DIGEST_BLOCK = 1024 * 1024


@dataclass
class SignatureCheck:
    """What the signature says, and what is wrong with it."""

    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    signer: Signer | None = None
    certificate: x509.Certificate | None = None
    carried: list[x509.Certificate] = field(default_factory=list)  # the chain in the CMS
    signed_at: datetime | None = None
    coverage: str = "none"


def check_signature(signature: Any, appended_after_signing: bool) -> SignatureCheck:
    """Check pyHanko's EmbeddedPdfSignature `signature` of a pack."""
    check = SignatureCheck()
    try:
        certificate = x509.load_der_x509_certificate(signature.signer_cert.dump())
        check.certificate, check.signer = certificate, signer_of(certificate)
        check.carried = [
            x509.load_der_x509_certificate(c.dump())
            for c in signature.other_embedded_certs[:MAX_CARRIED_CERTIFICATES]
        ]
    except Exception:  # pyHanko and asn1crypto raise many kinds on a mangled CMS
        check.problems.append(Finding.of("the signature carries no readable certificate"))
        return check
    _check_certification(signature, check)
    _check_integrity(signature, check, appended_after_signing)
    if check.signed_at is not None:
        _check_fitness(certificate, check.signed_at, check)
    return check


def _check_certification(signature: Any, check: SignatureCheck) -> None:
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation.pdf_embedded import _extract_docmdp_for_sig

    level = _extract_docmdp_for_sig(signature_obj=signature.sig_object)
    if level != MDPPerm.NO_CHANGES or not _certifies_the_document(signature):
        check.problems.append(
            Finding.of(
                "the pack is not certified: its signature must be a certification signature "
                "that allows no change (DocMDP), as selfassess makes"
            )
        )


def _certifies_the_document(signature: Any) -> bool:
    """Whether the catalog's /Perms /DocMDP names this very signature (ISO 32000-1 §12.8.2.2):
    a DocMDP transform in an approval signature alone certifies nothing."""
    from pyhanko.pdf_utils import generic

    try:
        perms = signature.reader.root["/Perms"]
        named = perms.raw_get("/DocMDP")
        own = signature.sig_field.raw_get("/V")
    except (KeyError, TypeError, AttributeError):
        return False
    if not isinstance(named, generic.IndirectObject) or not isinstance(own, generic.IndirectObject):
        return False
    return bool(named.reference == own.reference)


def _digest_in_large_blocks(signature: Any) -> None:
    """pyHanko digests the signed byte range 4 KB at a time, and caches the digest: computed
    here once in 1 MB blocks (the byte range was checked against the file by `pdfguard`), a
    large pack is checked in half the time. Left to pyHanko if its cache is not there."""
    from pyhanko.sign.general import byte_range_digest

    cache = getattr(signature, "external_digests", None)
    if not isinstance(cache, dict):
        return
    algorithm = signature.external_md_algorithm
    _, cache[algorithm] = byte_range_digest(
        signature.reader.stream, signature.byte_range, algorithm, chunk_size=DIGEST_BLOCK
    )


def _check_integrity(signature: Any, check: SignatureCheck, appended: bool) -> None:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    usage = KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
    try:
        _digest_in_large_blocks(signature)
        status = validate_pdf_signature(
            signature,
            ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False),
            key_usage_settings=usage,
        )
    except Exception as exc:  # pyHanko raises many kinds on a mangled CMS
        check.problems.append(
            Finding.of("the signature cannot be checked: {reason}", reason=str(exc))
        )
        return
    check.coverage = status.coverage.name.lower() if status.coverage else "unclear"
    check.signed_at = _aware(signature.self_reported_timestamp)
    contents = bytes(signature.sig_object["/Contents"])
    if not _padding_is_clean(contents):
        check.problems.append(
            Finding.of("bytes were changed beside the signature, in its reserved space")
        )
    elif not container_as_written(contents):
        check.problems.append(
            Finding.of(
                "the signature's container was changed: it is not what a signing program writes"
            )
        )
    if not status.intact:
        check.problems.append(
            Finding.of("the content was changed after signing (its digest differs)")
        )
    elif not status.valid:
        check.problems.append(Finding.of("the signature does not match the signer's certificate"))
    if appended or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        check.problems.append(
            Finding.of(
                "something was added to the file after it was signed (the signature no longer "
                "covers the entire file)"
            )
        )
    if check.signed_at is None:
        check.problems.append(Finding.of("the signature does not say when it was made"))


def _check_fitness(
    certificate: x509.Certificate, signed_at: datetime, check: SignatureCheck
) -> None:
    check.problems.extend(signing_problems(certificate, signed_at))
    now = datetime.now(UTC)
    if certificate.not_valid_after_utc < now and certificate.not_valid_after_utc >= signed_at:
        check.notes.append(
            Finding.of(
                "the certificate expired on {end}, after it signed this pack on {signed}: the "
                "signature was made while it was valid",
                end=certificate.not_valid_after_utc.date().isoformat(),
                signed=signed_at.date().isoformat(),
            )
        )
    if signed_at > now:
        check.notes.append(
            Finding.of(
                "the signature claims a time in the future ({signed}): the signer's clock is wrong",
                signed=signed_at.isoformat(timespec="minutes"),
            )
        )


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _padding_is_clean(contents: bytes) -> bool:
    """The signature's reserved space holds the DER signature, then only zeros. (The space is
    outside what the signature covers, so nothing else would notice a change there.)"""
    if len(contents) < 2 or contents[0] != 0x30:
        return False
    length, start = contents[1], 2
    if length & 0x80:
        count = length & 0x7F
        length, start = int.from_bytes(contents[2 : 2 + count], "big"), 2 + count
    end = start + length
    return end <= len(contents) and not any(contents[end:])
