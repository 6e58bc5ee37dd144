"""A risk table as a programme sends it: the table and its signature by the programme's root, in
one JSON file (`.riskdata`). `sign_table` makes one with a programme's unlocked root;
`install_table` checks one against the roots the user trusts (`selfassess trust add`) and, when
it is newer than the table in use, keeps it in the data home, where every new judgement uses it.

    {"format": "selfassess-risk-data", "format_version": 1,
     "table": {...}, "signature": "<base64 ECDSA of the table's canonical JSON>",
     "signer": "<PEM of the programme root>"}
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from selfassess.core.errors import InvalidInput, Refused, UserError
from selfassess.core.files import read_input, write_atomically
from selfassess.core.risk.table import (
    INSTALLED,
    MAX_NESTING,
    RiskTable,
    current_table,
    installed_table,
    json_nesting,
    parse_table,
    table_json,
    version_key,
)
from selfassess.core.signing.identity import fingerprint_of
from selfassess.core.trust.roots import TrustedRoot, trusted_roots

FORMAT = "selfassess-risk-data"
MAX_FILE_BYTES = 6 * 1024 * 1024


@dataclass(frozen=True)
class Installed:
    """A table installed, and the programme that signed it."""

    table: RiskTable
    programme: str
    replaced: str  # the version it replaced


def sign_table(table: RiskTable, key: ec.EllipticCurvePrivateKey, root: x509.Certificate) -> bytes:
    """The signed file of `table`, signed with a programme root's key."""
    digest = hashes.SHA384() if key.curve.key_size > 256 else hashes.SHA256()
    signature = key.sign(table_json(table), ec.ECDSA(digest))
    body = {
        "format": FORMAT,
        "format_version": 1,
        "table": json.loads(table_json(table)),
        "signature": base64.b64encode(signature).decode("ascii"),
        "signer": root.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def read_signed(source: Path, home: Path) -> tuple[RiskTable, TrustedRoot]:
    """The table in a signed file, once its signature is checked against a trusted root."""
    body = _body(read_input(source, MAX_FILE_BYTES), source)
    table = parse_table(json.dumps(body["table"]).encode("utf-8"), str(source))
    try:
        signer = x509.load_pem_x509_certificate(str(body["signer"]).encode("ascii"))
        signature = base64.b64decode(str(body["signature"]), validate=True)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise _not_signed(source) from None
    root = _trusted(signer, home, source)
    public = root.certificate.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey):
        raise _not_signed(source)
    digest = hashes.SHA384() if public.curve.key_size > 256 else hashes.SHA256()
    try:
        public.verify(signature, table_json(table), ec.ECDSA(digest))
    except InvalidSignature:
        raise InvalidInput.of(
            "{source} does not carry a valid signature of {programme}: the table was changed "
            "after it was signed, or it was not signed by that programme",
            source=source,
            programme=root.programme,
        ) from None
    return table, root


def install_table(source: Path, home: Path) -> Installed:
    """Install the signed table at `source` when it is newer than the one in use."""
    table, root = read_signed(source, home)
    current = current_table(home)
    if version_key(table.version) <= version_key(current.version):
        raise Refused.of(
            "{source} holds risk data {version}, not newer than {current} in use",
            source=source,
            version=table.version,
            current=current.version,
        )
    write_atomically(home / INSTALLED, table_json(table))
    write_atomically(home / INSTALLED.parent / f"{table.version}.riskdata", source.read_bytes())
    return Installed(table, root.programme, current.version)


def remove_installed(home: Path) -> str | None:
    """Stop using the installed table (the built-in one is used again); the version removed, or
    None when there was none."""
    folder = home / INSTALLED.parent
    if not (home / INSTALLED).exists():
        return None
    try:
        table = installed_table(home)
        removed = table.version if table is not None else "?"
    except UserError:
        removed = "?"  # damaged: removed all the same
    for path in [home / INSTALLED, *folder.glob("*.riskdata")]:
        path.unlink(missing_ok=True)
    return removed


def forget_tables_signed_by(home: Path, fingerprint: str) -> str | None:
    """When the root with `fingerprint` is no longer trusted, stop using the table it signed;
    the version removed, or None."""
    for signed in (home / INSTALLED.parent).glob("*.riskdata"):
        try:
            body = _body(read_input(signed, MAX_FILE_BYTES), signed)
            signer = x509.load_pem_x509_certificate(str(body["signer"]).encode("ascii"))
        except (UserError, ValueError, UnicodeEncodeError):
            continue
        if fingerprint_of(signer) == fingerprint:
            return remove_installed(home)
    return None


def _body(data: bytes, source: Path) -> dict[str, Any]:
    if json_nesting(data) > MAX_NESTING:
        raise _not_signed(source)
    try:
        body = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise _not_signed(source) from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise _not_signed(source)
    if body.get("format_version") != 1 or not {"table", "signature", "signer"} <= set(body):
        raise _not_signed(source)
    return body


def _trusted(signer: x509.Certificate, home: Path, source: Path) -> TrustedRoot:
    fingerprint = fingerprint_of(signer)
    for root in trusted_roots(home):
        if root.fingerprint_sha256 == fingerprint:
            return root
    raise Refused.of(
        "{source} is signed by a programme you do not trust: add its root first "
        "(`selfassess trust add ROOT.pem`, after checking its fingerprint with the programme)",
        source=source,
    )


def _not_signed(source: Path) -> InvalidInput:
    return InvalidInput.of(
        "{source} is not a signed risk table (a .riskdata file a programme makes with "
        "`selfassess programme sign-risk-data`)",
        source=source,
    )
