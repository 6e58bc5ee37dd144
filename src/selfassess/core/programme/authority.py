"""The programme's root: the key and self-signed certificate of a buying programme's or trainer
organisation's own small certification authority, run offline on one computer.

It is kept like the supplier's signing identity (core/signing/identity.py): an encrypted
PKCS#12 file (mode 0600) in `<home>/programme/` (mode 0700), beside the public certificate that
buyers add to their trusted roots; the passphrase is random and lives in the keyring, or, where
there is none, the user chooses it and gives it at each use. A replaced root is retired with its
register of issued certificates to `programme/retired/`, never deleted.

The root (RFC 5280 §4.2.1.9, §4.2.1.3; CA/Browser Forum Baseline Requirements §7.1.2.1 for a
root's profile): an EC key on P-256 or P-384, basicConstraints CA:TRUE with pathLenConstraint 0
(it issues signers' certificates only), key usage keyCertSign and cRLSign (critical), a subject
key identifier, valid for ten years.
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
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from selfassess.core.errors import InvalidInput, NotFound, Refused, StoreError, write_failure
from selfassess.core.files import write_atomically
from selfassess.core.signing import certificate_names, secrets_store
from selfassess.core.signing.certfiles import attribute, authority_name
from selfassess.core.signing.identity import (
    MIN_PASSWORD,
    P12_LIMIT,
    PassphraseNeeded,
    fingerprint_of,
    spoken,
)
from selfassess.core.storable import shown, storable_text

ROOT_YEARS = 10
NAME_LIMIT = 64  # what a certificate's organisation may hold (RFC 5280 ub-organization-name)
CURVES: dict[str, type[ec.EllipticCurve]] = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1}


@dataclass(frozen=True)
class Programme:
    """The programme's root as shown: no passphrase needed."""

    name: str
    country: str  # "" when none was given
    fingerprint_sha256: str
    not_before: datetime
    not_after: datetime
    curve: str
    passphrase_in_keyring: bool

    @property
    def spoken_fingerprint(self) -> str:
        return spoken(self.fingerprint_sha256)


@dataclass(frozen=True)
class UnlockedRoot:
    """The root's key and certificate, ready to issue and to sign revocation lists."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def digest(self) -> hashes.SHA256 | hashes.SHA384:
        return digest_for(self.key)


class ProgrammeStore:
    """The programme kept under `home/programme/`."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "programme"
        self.p12 = self.folder / "programme.p12"
        self.certificate_file = self.folder / "programme.crt"
        self.settings = self.folder / "programme.json"
        self.register_file = self.folder / "issued.json"

    def exists(self) -> bool:
        return self.p12.exists() and self.certificate_file.exists()

    def root(self) -> x509.Certificate:
        """The root's public certificate (what buyers add to their trusted roots)."""
        if not self.exists():
            raise NotFound.of(
                "no programme on this computer yet: create one (`selfassess programme create`)"
            )
        try:
            return x509.load_pem_x509_certificate(self.certificate_file.read_bytes())
        except (OSError, ValueError) as exc:
            raise StoreError.of(
                "{path} cannot be read ({reason})", path=self.certificate_file, reason=exc
            ) from None

    def show(self) -> Programme:
        return _describe(self.root(), self._settings().get("passphrase") == "keyring")

    def create(
        self,
        name: str,
        country: str = "",
        passphrase: str | None = None,
        *,
        curve: str = "P-256",
        replace: bool = False,
    ) -> Programme:
        """A new root key and certificate; `passphrase` only where no keyring exists."""
        name, country = checked_name(name), checked_country(country)
        if curve not in CURVES:
            raise InvalidInput.of(
                "curve: '{value}' is not one of {choices}",
                value=shown(curve),
                choices=", ".join(CURVES),
            )
        self._refuse_overwrite(replace)
        key = ec.generate_private_key(CURVES[curve]())
        return self._save(key, root_certificate(key, name, country), passphrase)

    def unlock(self, passphrase: str | None = None) -> UnlockedRoot:
        """Open the root's PKCS#12 with the keyring's passphrase, or the one the user gives."""
        root = self.root()
        settings = self._settings()
        if passphrase is None and settings.get("passphrase") == "keyring":
            passphrase = secrets_store.get(str(settings.get("keyring_entry")))
            if passphrase is None:
                raise PassphraseNeeded.of(
                    "the keyring no longer holds the programme's passphrase; give it"
                )
        if passphrase is None:
            raise PassphraseNeeded.of("give the passphrase of the programme's root key")
        key = _read_key(self.p12, passphrase)
        if key.public_key() != root.public_key():
            raise StoreError.of(
                "{path} does not hold the key of {certificate}",
                path=self.p12,
                certificate=self.certificate_file,
            )
        return UnlockedRoot(key, root)

    def _save(
        self, key: ec.EllipticCurvePrivateKey, root: x509.Certificate, passphrase: str | None
    ) -> Programme:
        entry = f"programme-{secrets.token_hex(8)}"
        stored = secrets_store.put(entry, secrets.token_urlsafe(32)) if passphrase is None else None
        secret = stored or passphrase
        if secret is None:
            raise PassphraseNeeded.of(
                "there is no keyring on this computer to keep the programme's passphrase: "
                "choose one; it will be asked for at each use and never stored"
            )
        if stored is None and len(secret) < MIN_PASSWORD:
            raise InvalidInput.of(
                "the passphrase needs at least {count} characters", count=MIN_PASSWORD
            )
        try:
            self._retire()
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.folder.chmod(0o700)
        except OSError as exc:
            raise write_failure(self.folder, exc) from None
        encryption = serialization.BestAvailableEncryption(_secret(secret))
        p12 = pkcs12.serialize_key_and_certificates(b"programme", key, root, None, encryption)
        write_atomically(self.p12, p12, mode=0o600)
        write_atomically(self.certificate_file, root.public_bytes(serialization.Encoding.PEM))
        kept = (
            {"passphrase": "keyring", "keyring_entry": entry} if stored else {"passphrase": "user"}
        )
        write_atomically(self.settings, json.dumps(kept).encode(), mode=0o600)
        return _describe(root, stored is not None)

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
                "a programme exists already on this computer ({name}, {fingerprint}); replace "
                "it explicitly (the old root and its register are kept under {folder})",
                name=current.name,
                fingerprint=current.spoken_fingerprint[:19],
                folder=self.folder / "retired",
            )

    def _retire(self) -> None:
        if not self.exists():
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.folder / "retired" / f"{stamp}-{secrets.token_hex(2)}"
        target.mkdir(parents=True)
        for path in (self.p12, self.certificate_file, self.settings, self.register_file):
            if path.exists():
                os.replace(path, target / path.name)


def checked_name(name: str) -> str:
    """The programme's name trimmed, or a refusal saying why it does not fit a certificate."""
    name = storable_text(name, "name", one_line=True).strip()
    if not 0 < len(name) <= NAME_LIMIT:
        raise InvalidInput.of("{field}: give 1 to 64 characters", field="name")
    return name


def checked_country(country: str) -> str:
    country = country.strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidInput.of(
            "country: '{value}' is not a two-letter country code such as CD", value=shown(country)
        )
    return country


def root_certificate(
    key: ec.EllipticCurvePrivateKey, name: str, country: str, years: int = ROOT_YEARS
) -> x509.Certificate:
    """The programme's self-signed root certificate (see the module's docstring)."""
    attributes = [
        certificate_names.common_name(name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
    ]
    if country:
        attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, country))
    subject = x509.Name(attributes)
    start = datetime.now(UTC) - timedelta(minutes=5)
    usage = x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
    identifier = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365 * years + years // 4))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(identifier, critical=False)
        .sign(key, digest_for(key))
    )


def digest_for(key: ec.EllipticCurvePrivateKey) -> hashes.SHA256 | hashes.SHA384:
    """SHA-384 for a P-384 key, else SHA-256: the digest of the curve's strength (NIST SP
    800-57 Part 1, Table 3)."""
    return hashes.SHA384() if key.curve.key_size >= 384 else hashes.SHA256()


def _read_key(source: Path, passphrase: str) -> ec.EllipticCurvePrivateKey:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise StoreError.of("{path} cannot be read ({reason})", path=source, reason=exc) from None
    if len(data) > P12_LIMIT:
        raise StoreError.of("{path} is damaged (too large)", path=source)
    try:
        key, _, _ = pkcs12.load_key_and_certificates(data, _secret(passphrase))
    except ValueError:
        raise InvalidInput.of("wrong passphrase for the programme's root key") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise StoreError.of("{path} holds no EC key", path=source)
    return key


def _secret(passphrase: str) -> bytes:
    try:
        return passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput.of(
            "the password holds a character that is not text (a byte that is not UTF-8); "
            "type it again"
        ) from None


def _describe(root: x509.Certificate, in_keyring: bool) -> Programme:
    key = root.public_key()
    curve = key.curve.name if isinstance(key, ec.EllipticCurvePublicKey) else "?"
    names = {"secp256r1": "P-256", "secp384r1": "P-384"}
    return Programme(
        authority_name(root.subject),
        attribute(root.subject, NameOID.COUNTRY_NAME),
        fingerprint_of(root),
        root.not_valid_before_utc,
        root.not_valid_after_utc,
        names.get(curve, curve),
        in_keyring,
    )
