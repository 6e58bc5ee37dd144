"""The supplier's signing identity: an EC P-256 key and a self-signed X.509 certificate, kept in
an encrypted PKCS#12 file (mode 0600) in the data directory, beside the public certificate.

The PKCS#12 passphrase is random and lives in the operating system's keyring (`keyring`). Where
no keyring exists, the user chooses the passphrase; it is asked for at each signing and never
written down. A replaced identity is retired to `identity/retired/`, never deleted: buyers may
have pinned its fingerprint, and old packs stay verifiable.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from selfassess.core.errors import (
    InvalidInput,
    NotFound,
    Refused,
    StoreError,
    UserError,
    write_failure,
)
from selfassess.core.files import check_output_file, read_input, write_atomically, write_output
from selfassess.core.signing import certificate_names, secrets_store
from selfassess.core.storable import shown, storable_text

# Names in any Unicode (emoji, N'Ko, right-to-left beside Latin) sign and verify: see
# certificate_names. Installed here, where every part that handles a certificate looks.
certificate_names.install()

VALID_YEARS = 5
MIN_PASSWORD = 8
P12_LIMIT = 1024 * 1024  # a key, its certificate and a chain: a few kilobytes
SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


class PassphraseNeeded(UserError):
    """No keyring keeps the passphrase: the user must give it (or choose one)."""


@dataclass(frozen=True)
class IdentityDetails:
    """Who signs: shown on the cover of every pack and in the certificate."""

    name: str
    organisation: str
    email: str  # "" when the signer has none: the certificate then names no address
    country: str  # ISO 3166 alpha-2, e.g. CD


@dataclass(frozen=True)
class Identity:
    details: IdentityDetails
    fingerprint_sha256: str  # hex, lower case, of the certificate's DER
    not_before: datetime
    not_after: datetime
    self_signed: bool
    passphrase_in_keyring: bool

    @property
    def spoken_fingerprint(self) -> str:
        return spoken(self.fingerprint_sha256)


@dataclass(frozen=True)
class Unlocked:
    """The key and certificate, ready to sign with."""

    key: SigningKey
    certificate: x509.Certificate
    chain: list[x509.Certificate]


def spoken(fingerprint: str) -> str:
    """ "3F2A 9C01 …": groups of four, upper case, to read out over the phone."""
    text = fingerprint.upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def fingerprint_of(certificate: x509.Certificate) -> str:
    return certificate.fingerprint(hashes.SHA256()).hex()


class IdentityStore:
    """The identity kept under `home/identity/`."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "identity"
        self.p12 = self.folder / "identity.p12"
        self.certificate_file = self.folder / "identity.crt"
        self.settings = self.folder / "identity.json"

    def exists(self) -> bool:
        return self.p12.exists() and self.certificate_file.exists()

    def show(self) -> Identity:
        """The identity from its public certificate: no passphrase needed."""
        if not self.exists():
            raise NotFound.of(
                "no signing identity yet: create one (`selfassess identity create`) or import one"
            )
        try:
            certificate = x509.load_pem_x509_certificate(self.certificate_file.read_bytes())
        except (OSError, ValueError) as exc:
            raise StoreError.of(
                "{path} cannot be read ({reason}); import your backup .p12",
                path=self.certificate_file,
                reason=exc,
            ) from None
        return _describe(certificate, self._settings().get("passphrase") == "keyring")

    def create(
        self, details: IdentityDetails, passphrase: str | None = None, *, replace: bool = False
    ) -> Identity:
        """A new key and self-signed certificate; `passphrase` only where no keyring exists."""
        details = checked(details)
        self._refuse_overwrite(replace)
        key = ec.generate_private_key(ec.SECP256R1())
        return self._save(key, self_signed(key, details), [], passphrase)

    def import_p12(
        self, source: Path, password: str, passphrase: str | None = None, *, replace: bool = False
    ) -> Identity:
        """Adopt an identity from a PKCS#12 file (e.g. from a certification authority)."""
        self._refuse_overwrite(replace)
        key, certificate, chain = read_p12(source, password)
        return self._save(key, certificate, chain, passphrase, fallback=password)

    def export_p12(self, target: Path, password: str, passphrase: str | None = None) -> Path:
        """A backup of the identity, protected by a password the user chooses; written whole
        or not at all, in a folder that must exist."""
        check_output_file(target)
        if len(password) < MIN_PASSWORD:
            raise InvalidInput.of(
                "the backup password needs at least {count} characters", count=MIN_PASSWORD
            )
        unlocked = self.unlock(passphrase)
        data = _serialize(unlocked.key, unlocked.certificate, unlocked.chain, password)
        write_output(target, data, mode=0o600)
        return target

    def unlock(self, passphrase: str | None = None) -> Unlocked:
        """Open the PKCS#12 with the keyring's passphrase, or the one the user gives."""
        self.show()
        settings = self._settings()
        if passphrase is None and settings.get("passphrase") == "keyring":
            passphrase = secrets_store.get(str(settings["keyring_entry"]))
            if passphrase is None:
                raise PassphraseNeeded.of(
                    "the keyring no longer holds the signing passphrase; give it, or import "
                    "your backup .p12"
                )
        if passphrase is None:
            raise PassphraseNeeded.of("give the passphrase of your signing identity")
        key, certificate, chain = read_p12(self.p12, passphrase)
        return Unlocked(key, certificate, chain)

    def replace_certificate(
        self,
        certificate: x509.Certificate,
        chain: list[x509.Certificate],
        passphrase: str | None = None,
    ) -> Identity:
        """Keep the key, and sign from now on with `certificate` (issued for that key, e.g. by a
        programme) and its issuers' `chain`; the old certificate is retired. The passphrase
        stays in the keyring, or stays the one the user gives."""
        unlocked = self.unlock(passphrase)
        if certificate.public_key() != unlocked.key.public_key():
            raise InvalidInput.of("the certificate is not for this identity's key")
        return self._save(unlocked.key, certificate, chain, passphrase)

    def _save(
        self,
        key: SigningKey,
        certificate: x509.Certificate,
        chain: list[x509.Certificate],
        passphrase: str | None,
        fallback: str | None = None,
    ) -> Identity:
        """Keep the identity under a random passphrase in the keyring; else under the one the
        user gave (`passphrase`, or `fallback`: an imported file's own password)."""
        entry = f"identity-{secrets.token_hex(8)}"
        stored = secrets_store.put(entry, secrets.token_urlsafe(32)) if passphrase is None else None
        secret = stored or passphrase or fallback
        if secret is None:
            raise PassphraseNeeded.of(
                "there is no keyring on this computer to keep the signing passphrase: choose "
                "one; it will be asked for at each signing and never stored"
            )
        if stored is None:
            check_passphrase(secret)
        try:
            self._retire()
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.folder.chmod(0o700)
        except OSError as exc:
            raise write_failure(self.folder, exc) from None
        _write_private(self.p12, _serialize(key, certificate, chain, secret))
        pem = certificate.public_bytes(serialization.Encoding.PEM)
        _write_private(self.certificate_file, pem)
        kept = (
            {"passphrase": "keyring", "keyring_entry": entry} if stored else {"passphrase": "user"}
        )
        _write_private(self.settings, json.dumps(kept).encode())
        return _describe(certificate, stored is not None)

    def _settings(self) -> dict[str, object]:
        try:
            data = json.loads(self.settings.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"passphrase": "user"}
        return data if isinstance(data, dict) else {"passphrase": "user"}

    def _refuse_overwrite(self, replace: bool) -> None:
        if self.exists() and not replace:
            current = self.show()
            raise Refused.of(
                "a signing identity exists already ({name}, {fingerprint}); replace it "
                "explicitly (the old one is kept under {folder})",
                name=current.details.name,
                fingerprint=current.spoken_fingerprint[:19],
                folder=self.folder / "retired",
            )

    def _retire(self) -> None:
        if not self.exists():
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.folder / "retired" / f"{stamp}-{secrets.token_hex(2)}"
        target.mkdir(parents=True)
        for path in (self.p12, self.certificate_file, self.settings):
            if path.exists():
                os.replace(path, target / path.name)


def checked(details: IdentityDetails) -> IdentityDetails:
    """The details trimmed, or a refusal naming the field that does not fit a certificate. The
    e-mail address may be left empty."""
    name, organisation = details.name.strip(), details.organisation.strip()
    email, country = details.email.strip(), details.country.strip().upper()
    for field, value in (("name", name), ("organisation", organisation), ("email", email)):
        storable_text(value, field, one_line=True)
    for field, value in (("name", name), ("organisation", organisation)):
        if not 0 < len(value) <= 64:
            raise InvalidInput.of("{field}: give 1 to 64 characters", field=field)
    if email and (not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email) or len(email) > 128):
        raise InvalidInput.of("email: '{value}' is not an email address", value=shown(email))
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidInput.of(
            "country: '{value}' is not a two-letter country code such as CD", value=shown(country)
        )
    return IdentityDetails(name, organisation, email, country)


def check_passphrase(passphrase: str) -> str:
    """A passphrase the user chose, or a refusal when it is too short."""
    if len(passphrase) < MIN_PASSWORD:
        raise InvalidInput.of(
            "the passphrase needs at least {count} characters", count=MIN_PASSWORD
        )
    return passphrase


def self_signed(key: ec.EllipticCurvePrivateKey, details: IdentityDetails) -> x509.Certificate:
    """The certificate of `details`: name and organisation as typed (UTF8String), whatever
    their characters and however many bytes these take; see certificate_names for the e-mail
    address."""
    subject = certificate_names.subject(
        details.name, details.organisation, details.email, details.country
    )
    start = datetime.now(UTC) - timedelta(minutes=5)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def read_p12(
    source: Path, password: str
) -> tuple[SigningKey, x509.Certificate, list[x509.Certificate]]:
    """Key, certificate and chain of a PKCS#12 file, or a refusal that says what is wrong."""
    data = read_input(source, P12_LIMIT)
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, _secret(password))
    except ValueError:
        raise InvalidInput.of(
            "{source}: wrong password, or not a PKCS#12 (.p12) file", source=source
        ) from None
    if certificate is None or not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise InvalidInput.of(
            "{source} holds no signing key (EC or RSA) with its certificate", source=source
        )
    _check_usable(source, key, certificate)
    return key, certificate, list(chain)


def _check_usable(source: Path, key: SigningKey, certificate: x509.Certificate) -> None:
    try:  # parsed on first use: a name in a text type cryptography cannot decode raises
        certificate.subject, certificate.issuer  # noqa: B018
    except ValueError:
        raise InvalidInput.of(
            "{source}: the certificate's names are in an encoding that cannot be read (such as "
            "a T61String that is not UTF-8); make it again with UTF-8 names",
            source=source,
        ) from None
    if certificate.public_key() != key.public_key():
        raise InvalidInput.of("{source}: the certificate is not the key's", source=source)
    if certificate.not_valid_after_utc < datetime.now(UTC):
        raise InvalidInput.of(
            "{source}: the certificate expired on {date}",
            source=source,
            date=certificate.not_valid_after_utc.date().isoformat(),
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise InvalidInput.of("{source}: the certificate is not for signing", source=source)


def details_of(certificate: x509.Certificate) -> IdentityDetails:
    """Who a certificate names (empty strings for what it leaves out)."""

    def attribute(oid: x509.ObjectIdentifier) -> str:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    return IdentityDetails(
        attribute(NameOID.COMMON_NAME),
        attribute(NameOID.ORGANIZATION_NAME),
        certificate_names.typed_email(attribute(NameOID.EMAIL_ADDRESS)),
        attribute(NameOID.COUNTRY_NAME),
    )


def _describe(certificate: x509.Certificate, in_keyring: bool) -> Identity:
    return Identity(
        details_of(certificate),
        fingerprint_of(certificate),
        certificate.not_valid_before_utc,
        certificate.not_valid_after_utc,
        certificate.issuer == certificate.subject,
        in_keyring,
    )


def _serialize(
    key: SigningKey, certificate: x509.Certificate, chain: list[x509.Certificate], password: str
) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        b"selfassess",
        key,
        certificate,
        chain or None,
        serialization.BestAvailableEncryption(_secret(password)),
    )


def _secret(password: str) -> bytes:
    """A password or passphrase as bytes; one holding what is not text is refused."""
    try:
        return password.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput.of(
            "the password holds a character that is not text (a byte that is not UTF-8); "
            "type it again"
        ) from None


def _write_private(target: Path, data: bytes) -> None:
    """Write a file readable by its owner only, whole or not at all."""
    write_atomically(target, data, mode=0o600)
