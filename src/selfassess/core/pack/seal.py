"""Sealing a pack: the data files embedded in a PDF with a manifest of their SHA-256, then a PAdES
B-B certification signature (pyHanko) over the whole file, all in one incremental revision.

Evidence that is already compressed (photos, PDFs) is stored as it is; JSON is deflated. The
certification forbids any later change: a buyer's verifier then requires the signature to cover
the entire file, so anything appended after signing is seen as tampering.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from selfassess import __version__
from selfassess.core.errors import InvalidInput
from selfassess.core.signing.identity import Unlocked

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

MANIFEST = "manifest.json"
FIELD_NAME = "SupplierSignature"
COMPRESSIBLE = ("application/json", "text/plain", "text/csv", "application/yaml")


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the pack."""

    name: str
    data: bytes
    media_type: str
    description: str = ""


def manifest_of(attachments: Sequence[Attachment]) -> bytes:
    """The manifest: every carried file's SHA-256 and size, in a stable order."""
    files = {
        a.name: {"sha256": hashlib.sha256(a.data).hexdigest(), "size": len(a.data)}
        for a in sorted(attachments, key=lambda a: a.name)
    }
    body = {"format": 1, "app": f"selfassess {__version__}", "files": files}
    return json.dumps(body, indent=1, sort_keys=True).encode("utf-8")


def seal(
    pdf: bytes,
    attachments: Sequence[Attachment],
    identity: Unlocked,
    *,
    reason: str = "Supplier self-assessment response pack",
    location: str | None = None,
) -> bytes:
    """The PDF with the attachments and their manifest embedded, certified by `identity`."""
    from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    names = [a.name for a in attachments]
    if MANIFEST in names or len(set(names)) != len(names):
        raise InvalidInput(f"attachment names must be unique and not {MANIFEST}: {names}")
    carried = [*attachments, Attachment(MANIFEST, manifest_of(attachments), "application/json")]
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for attachment in carried:
        embedded = EmbeddedFileObject.from_file_data(
            writer,
            attachment.data,
            mime_type=attachment.media_type,
            compress=attachment.media_type in COMPRESSIBLE,
            params=EmbeddedFileParams(embed_size=True, embed_checksum=True),
        )
        spec = FileSpec(
            file_spec_string=attachment.name,
            file_name=attachment.name,
            embedded_data=embedded,
            description=attachment.description or None,
        )
        embed_file(writer, spec)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    output = io.BytesIO()
    signers.sign_pdf(writer, metadata, signer=pyhanko_signer(identity), output=output)
    return output.getvalue()


def pyhanko_signer(identity: Unlocked) -> SimpleSigner:
    """pyHanko's signer for `identity`: its key, certificate and carried chain."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def load(certificate: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))

    key = identity.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signers.SimpleSigner(
        signing_cert=load(identity.certificate),
        signing_key=keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [load(c) for c in identity.chain]
        ),
    )
