"""Programmes, suppliers and certificates for the tests: a programme created in a home of its
own, a supplier's identity certified by it (request, issue, install), and certificates built by
hand for the chains a forger or a careless authority would make."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from reportlab.pdfgen import canvas

from selfassess.core.pack.seal import Attachment
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.issuing import Issued, issue
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.signing.requests import install_certificate, write_request

PROGRAMME = "Tin Traceability Programme"
AMANI = IdentityDetails("Amani Bisimwa", "Coopérative de Kalimbi", "amani@kalimbi.cd", "CD")
NOW = datetime.now(UTC)
DATA = Attachment("response.json", b'{"note": "a carried file"}', "application/json")


def small_pdf() -> bytes:
    """A one-page PDF to seal (what it says does not matter to a certificate)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Coopérative de Kalimbi")
    page.showPage()
    page.save()
    return buffer.getvalue()


def programme(home: Path, name: str = PROGRAMME) -> ProgrammeStore:
    store = ProgrammeStore(home)
    store.create(name, "RW")
    return store


def supplier(home: Path, details: IdentityDetails = AMANI) -> IdentityStore:
    store = IdentityStore(home)
    store.create(details)
    return store


def issued(programme_store: ProgrammeStore, identity: IdentityStore, folder: Path) -> Issued:
    """The identity's request, issued by the programme (not yet installed)."""
    folder.mkdir(parents=True, exist_ok=True)
    request = write_request(identity, folder / "request.csr")
    return issue(programme_store, request, folder / "certificate.pem")


def certified(programme_store: ProgrammeStore, identity: IdentityStore, folder: Path) -> Issued:
    """The identity certified by the programme: requested, issued and installed."""
    done = issued(programme_store, identity, folder)
    install_certificate(identity, done.output)
    return done


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def write_pem(path: Path, *certificates: x509.Certificate) -> Path:
    path.write_bytes(pem(*certificates))
    return path


class Authority:
    """A certificate and its key, built by hand: a root, an intermediate or a signer."""

    def __init__(
        self,
        name: str,
        issuer: Authority | None = None,
        *,
        ca: bool = True,
        path_length: int | None = None,
        cert_sign: bool = True,
        start: datetime | None = None,
        end: datetime | None = None,
        key: ec.EllipticCurvePrivateKey | None = None,
        issuer_name: x509.Name | None = None,
    ) -> None:
        self.key = key or ec.generate_private_key(ec.SECP256R1())
        self.name = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, name),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            ]
        )
        signer = issuer or self
        start = start or NOW - timedelta(days=1)
        builder = (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(issuer_name or signer.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end or start + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
            .add_extension(_usage(ca and cert_sign), critical=True)
        )
        self.certificate = builder.sign(signer.key, hashes.SHA256())


def _usage(for_authority: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not for_authority,
        content_commitment=not for_authority,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=for_authority,
        crl_sign=for_authority,
        encipher_only=False,
        decipher_only=False,
    )
