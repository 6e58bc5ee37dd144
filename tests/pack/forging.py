"""Certificates and signatures a forger or a careless CA would make: another key under the same
name, a certificate unfit to sign, an approval signature instead of a certification, a chosen
signing time."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from unittest import mock

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from selfassess.core.pack.seal import Attachment, seal
from selfassess.core.signing.identity import Unlocked


@dataclass(frozen=True)
class Certificate:
    """What a forged or careless certificate says."""

    name: str = "Amani Bisimwa"
    organisation: str = "Kalimbi"
    country: str = "CD"
    not_before: datetime | None = None
    not_after: datetime | None = None
    digital_signature: bool = True
    ca: bool = False
    rsa_bits: int | None = None  # an RSA key of this size instead of EC P-256
    digest: hashes.HashAlgorithm | None = None


def unlocked(spec: Certificate = Certificate()) -> Unlocked:
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    if spec.rsa_bits:
        key = rsa.generate_private_key(public_exponent=65537, key_size=spec.rsa_bits)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, spec.name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, spec.organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, spec.country),
        ]
    )
    now = datetime.now(UTC)
    usage = x509.KeyUsage(
        digital_signature=spec.digital_signature,
        content_commitment=spec.digital_signature,
        key_encipherment=not spec.digital_signature,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=spec.ca,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(spec.not_before or now - timedelta(days=1))
        .not_valid_after(spec.not_after or now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=spec.ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, spec.digest or hashes.SHA256())
    )
    return Unlocked(key, certificate, [])


@contextlib.contextmanager
def signing_time(moment: datetime) -> Iterator[None]:
    """pyHanko signs as if the clock said `moment`."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            return moment

    with mock.patch("pyhanko.sign.signers.pdf_signer.datetime", Clock):
        yield


def approval_signed(pdf: bytes, attachments: Sequence[Attachment], identity: Unlocked) -> bytes:
    """A pack sealed like ours, but with a plain approval signature (no DocMDP)."""
    from pyhanko.sign import signers

    real = signers.PdfSignatureMetadata

    def approval(**kwargs: object) -> object:
        kwargs["certify"] = False
        kwargs.pop("docmdp_permissions", None)
        return real(**kwargs)  # type: ignore[arg-type]

    with mock.patch.object(signers, "PdfSignatureMetadata", approval):
        return seal(pdf, attachments, identity)


def second_signature(pack: bytes, identity: Unlocked) -> bytes:
    """The pack signed once more, by an approval signature in an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.signers import pdf_signer

    from selfassess.core.pack.seal import pyhanko_signer

    writer = IncrementalPdfFileWriter(io.BytesIO(pack), strict=False)
    output = io.BytesIO()
    metadata = signers.PdfSignatureMetadata(field_name="Second", md_algorithm="sha256")
    # a forger's tool need not respect the certification's "no changes", as pyHanko does
    with mock.patch.object(
        pdf_signer.PdfSigner, "_enforce_certification_constraints", return_value=None
    ):
        signers.sign_pdf(writer, metadata, signer=pyhanko_signer(identity), output=output)
    return output.getvalue()
