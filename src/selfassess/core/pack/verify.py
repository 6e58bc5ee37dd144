"""Verifying a received pack: one intact, valid signature that covers the entire file (anything
appended after signing is tampering), and embedded files that match the signed manifest.

The verdict says in plain words what failed. Trust in the signer (has this supplier signed with
this certificate before?) is decided by the caller from `signer.fingerprint_sha256`.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cryptography import x509

from selfassess.core.errors import UserError
from selfassess.core.pack.response import Response
from selfassess.core.pack.seal import MANIFEST
from selfassess.core.signing.identity import IdentityDetails, details_of

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader

RESPONSE = "response.json"


class Unreadable(UserError):
    """Not a PDF we can read at all (exit code 2 on the command line)."""


@dataclass(frozen=True)
class Signer:
    details: IdentityDetails
    fingerprint_sha256: str


@dataclass
class Verdict:
    """What a buyer needs to know about a pack."""

    valid: bool = False
    reasons: list[str] = field(default_factory=list)
    signer: Signer | None = None
    coverage: str = "none"
    files: dict[str, bytes] = field(default_factory=dict)
    response: Response | None = None  # response.json, once it follows the schema


def verify(data: bytes) -> Verdict:
    """Check the signature and the carried files of a pack held in memory."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise Unreadable(f"not a readable PDF: {exc}") from None
    verdict = Verdict()
    if len(signatures) != 1:
        verdict.reasons.append(
            "the pack is not signed" if not signatures else "the pack has more than one signature"
        )
        return verdict
    _check_signature(signatures[0], verdict)
    if not verdict.reasons:
        _check_files(reader, verdict)
    verdict.valid = not verdict.reasons
    return verdict


def _check_signature(signature: Any, verdict: Verdict) -> None:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    usage = KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
    try:
        certificate = signature.signer_cert
        verdict.signer = _signer(certificate.dump())
        status = validate_pdf_signature(
            signature,
            ValidationContext(trust_roots=[certificate], allow_fetching=False),
            key_usage_settings=usage,
        )
    except Exception as exc:  # pyHanko raises many kinds on a mangled CMS
        verdict.reasons.append(f"the signature cannot be checked: {exc}")
        return
    verdict.coverage = status.coverage.name.lower() if status.coverage else "unclear"
    if not _padding_is_clean(bytes(signature.sig_object["/Contents"])):
        verdict.reasons.append("bytes were changed beside the signature, in its reserved space")
    if not status.intact:
        verdict.reasons.append("the content was changed after signing (its digest differs)")
    elif not status.valid:
        verdict.reasons.append("the signature does not match the signer's certificate")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        verdict.reasons.append(
            "something was added to the file after it was signed (the signature no longer "
            "covers the entire file)"
        )


def _check_files(reader: PdfFileReader, verdict: Verdict) -> None:
    files = embedded_files(reader)
    verdict.files = files
    if MANIFEST not in files:
        verdict.reasons.append(f"the pack carries no {MANIFEST}")
        return
    try:
        listed = json.loads(files[MANIFEST])["files"]
    except (ValueError, KeyError, TypeError):
        verdict.reasons.append(f"{MANIFEST} is not readable")
        return
    for name, entry in sorted(listed.items()):
        data = files.get(name)
        if data is None:
            verdict.reasons.append(f"{name} is listed in the manifest but missing")
        elif hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            verdict.reasons.append(f"{name} does not match its SHA-256 in the manifest")
    for name in sorted(set(files) - set(listed) - {MANIFEST}):
        verdict.reasons.append(f"{name} is carried but not listed in the manifest")
    _check_response(files, verdict)


def _check_response(files: dict[str, bytes], verdict: Verdict) -> None:
    """The data a buyer imports must follow the published schema (docs/response.schema.json)."""
    from pydantic import ValidationError

    if RESPONSE not in files:
        verdict.reasons.append(f"the pack carries no {RESPONSE}")
        return
    try:
        verdict.response = Response.model_validate_json(files[RESPONSE])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the document"
        verdict.reasons.append(
            f"{RESPONSE} does not follow the response schema: {where}: {first['msg']}"
        )


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


def embedded_files(reader: PdfFileReader) -> dict[str, bytes]:
    """Every embedded file of the document's name tree, by name."""
    # Indexing, unlike .get(), follows indirect references in pyHanko's dictionaries.
    found: dict[str, bytes] = {}
    root = reader.root
    names = root["/Names"] if "/Names" in root else {}  # noqa: SIM401
    pending = [names["/EmbeddedFiles"]] if "/EmbeddedFiles" in names else []
    while pending:
        node = pending.pop().get_object()
        pending.extend(node["/Kids"] if "/Kids" in node else [])  # noqa: SIM401
        pairs = list(node["/Names"]) if "/Names" in node else []
        for key, spec in zip(pairs[0::2], pairs[1::2], strict=False):
            found[str(key)] = spec.get_object()["/EF"]["/F"].get_object().data
    return found


def _signer(der: bytes) -> Signer:
    details = details_of(x509.load_der_x509_certificate(der))
    return Signer(details, hashlib.sha256(der).hexdigest())
