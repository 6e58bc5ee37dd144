"""Sealing a pack: the data files embedded in a PDF with a manifest of their SHA-256, then a PAdES
B-B certification signature (pyHanko) over the whole file, all in one incremental revision.

Evidence that is already compressed (photos, PDFs) is stored as it is; JSON is deflated. The
certification forbids any later change: a buyer's verifier then requires the signature to cover
the entire file, so anything appended after signing is seen as tampering.

Large evidence never sits in memory: a `FileAttachment` is copied from its file into the pack
block by block while the pack is written to its output file, and hashed on the way; a file
whose bytes are no longer the SHA-256 it was listed under stops the sealing
(`CarriedFileChanged`), so the manifest never lies.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from selfassess import __version__
from selfassess.core.errors import InvalidInput
from selfassess.core.signing.identity import Unlocked

if TYPE_CHECKING:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import SimpleSigner

MANIFEST = "manifest.json"
FIELD_NAME = "SupplierSignature"
COMPRESSIBLE = ("application/json", "text/plain", "text/csv", "application/yaml")
BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the pack, held in memory (the data files, smaller photos)."""

    name: str
    data: bytes
    media_type: str
    description: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class FileAttachment:
    """A file carried inside the pack, copied from `path` while the pack is written; `sha256`
    and `size` are what its bytes must be (the evidence locker's name for them), `description`
    the name the supplier knows it by."""

    name: str
    path: Path
    media_type: str
    sha256: str
    size: int
    description: str = ""


Carried = Attachment | FileAttachment


class CarriedFileChanged(InvalidInput):
    """A file's bytes were not those it was listed under when they were copied into the pack."""


def manifest_of(attachments: Sequence[Carried]) -> bytes:
    """The manifest: every carried file's SHA-256 and size, in a stable order."""
    files = {
        a.name: {"sha256": a.sha256, "size": a.size}
        for a in sorted(attachments, key=lambda a: a.name)
    }
    body = {"format": 1, "app": f"selfassess {__version__}", "files": files}
    return json.dumps(body, indent=1, sort_keys=True).encode("utf-8")


def seal(
    pdf: bytes,
    attachments: Sequence[Carried],
    identity: Unlocked,
    *,
    reason: str = "Supplier self-assessment response pack",
    location: str | None = None,
) -> bytes:
    """The PDF with the attachments and their manifest embedded, certified by `identity`, in
    memory (for small packs; `seal_into` writes to a file)."""
    output = io.BytesIO()
    seal_into(output, pdf, attachments, identity, reason=reason, location=location)
    return output.getvalue()


def seal_into(
    output: IO[bytes],
    pdf: bytes,
    attachments: Sequence[Carried],
    identity: Unlocked,
    *,
    reason: str = "Supplier self-assessment response pack",
    location: str | None = None,
) -> None:
    """Write the sealed pack to `output` (readable, writable and seekable: pyHanko reads the
    written bytes back to digest them), carrying files from disk block by block."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    names = [a.name for a in attachments]
    if MANIFEST in names or len(set(names)) != len(names):
        raise InvalidInput(f"attachment names must be unique and not {MANIFEST}: {names}")
    carried = [*attachments, Attachment(MANIFEST, manifest_of(attachments), "application/json")]
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for attachment in carried:
        _embed(writer, attachment)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    signer = signers.PdfSigner(metadata, signer=pyhanko_signer(identity))
    signer.sign_pdf(writer, output=output, chunk_size=BLOCK)  # digested in large blocks


def _embed(writer: IncrementalPdfFileWriter, attachment: Carried) -> None:
    from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file

    embedded: EmbeddedFileObject
    if isinstance(attachment, FileAttachment):
        embedded = _streamed_file(writer, attachment)
    else:
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


def _streamed_file(writer: IncrementalPdfFileWriter, carried: FileAttachment) -> Any:
    """An embedded-file stream whose bytes are copied from `carried.path` when it is written."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.embed import EmbeddedFileObject

    size = generic.NumberObject(carried.size)  # type: ignore[no-untyped-call]

    class StreamedFromFile(EmbeddedFileObject):
        def write_to_stream(
            self, stream: IO[bytes], handler: Any = None, container_ref: Any = None
        ) -> None:
            if handler is not None:
                raise InvalidInput("packs are never encrypted")
            self[generic.pdf_name("/Length")] = size
            generic.DictionaryObject.write_to_stream(self, stream, handler, container_ref)
            del self[generic.pdf_name("/Length")]
            stream.write(b"\nstream\n")
            copy_checked(carried, stream)
            stream.write(b"\nendstream")

    embedded = StreamedFromFile(writer, mime_type=carried.media_type)
    params = generic.DictionaryObject()  # type: ignore[no-untyped-call]
    params[generic.pdf_name("/Size")] = size
    embedded[generic.pdf_name("/Params")] = params
    return embedded


def copy_checked(carried: FileAttachment, output: IO[bytes]) -> None:
    """Copy the file into `output` block by block, refusing bytes other than those listed."""
    digest, copied = hashlib.sha256(), 0
    try:
        with carried.path.open("rb") as source:
            while copied <= carried.size and (block := source.read(BLOCK)):
                digest.update(block)
                output.write(block[: max(0, carried.size - copied)])
                copied += len(block)
    except OSError as exc:
        raise CarriedFileChanged.of(
            "{name} cannot be read to put it in the pack ({reason})",
            name=carried.description or carried.name,
            reason=exc.strerror or str(exc),
        ) from None
    if copied != carried.size or digest.hexdigest() != carried.sha256:
        raise CarriedFileChanged.of(
            "{name} is no longer the file that was attached (its bytes have changed): run "
            "`selfassess doctor`, or attach the file again",
            name=carried.description or carried.name,
        )


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
