"""The programme's register of the certificates it issued, `<home>/programme/issued.json`: for
each, its serial number, subject, SHA-256 fingerprint, validity, when it was issued and, once
revoked, when and why. The revocation list is made from it, and it keeps the number of the last
list (RFC 5280 §5.2.3: CRL numbers only increase).

    {"format": 1, "crl_number": 2, "issued": [{"serial": "5f1c…", "subject": {"name": …,
     "organisation": …, "email": …, "country": …}, "fingerprint_sha256": …, "not_before": …,
     "not_after": …, "issued_at": …, "revoked": null | {"on": …, "reason": …}}]}
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.files import write_atomically
from selfassess.core.signing.identity import IdentityDetails
from selfassess.core.storable import shown

FORMAT = 1
SERIAL_DIGITS = 40  # RFC 5280 §4.1.2.2: at most 20 octets


@dataclass(frozen=True)
class Revocation:
    on: datetime
    reason: str


@dataclass(frozen=True)
class IssuedRecord:
    serial: str  # hexadecimal, lower case, without leading zeros
    subject: IdentityDetails
    fingerprint_sha256: str
    not_before: datetime
    not_after: datetime
    issued_at: datetime
    revoked: Revocation | None = None


def serial_text(serial: int) -> str:
    return format(serial, "x")


def parse_serial(text: str) -> str:
    """A serial number as given ("5F:1C:…", "0x5f1c…", "5f1c …"), in the register's form."""
    digits = re.sub(r"[\s:]", "", text.strip()).lower().removeprefix("0x")
    if not re.fullmatch(f"[0-9a-f]{{1,{SERIAL_DIGITS}}}", digits):
        raise InvalidInput.of(
            "'{value}' is neither a certificate file nor a serial number (hexadecimal)",
            value=shown(text),
        )
    return serial_text(int(digits, 16))


class Register:
    def __init__(self, path: Path) -> None:
        self.path = path

    def records(self) -> list[IssuedRecord]:
        return [_record(entry, self.path) for entry in self._load()["issued"]]

    def find(self, serial: str) -> IssuedRecord | None:
        return next((r for r in self.records() if r.serial == serial), None)

    def add(self, record: IssuedRecord) -> None:
        data = self._load()
        data["issued"].append(_entry(record))
        self._write(data)

    def revoke(self, serial: str, revocation: Revocation) -> IssuedRecord:
        """Mark the certificate revoked; the record as it is now."""
        data = self._load()
        for index, entry in enumerate(data["issued"]):
            record = _record(entry, self.path)
            if record.serial == serial:
                revoked = replace(record, revoked=revocation)
                data["issued"][index] = _entry(revoked)
                self._write(data)
                return revoked
        raise InvalidInput.of(
            "no certificate with the serial {serial} was issued by this programme", serial=serial
        )

    def next_crl_number(self) -> int:
        """The number of a new revocation list, counted in the register."""
        data = self._load()
        data["crl_number"] += 1
        self._write(data)
        return int(data["crl_number"])

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"format": FORMAT, "crl_number": 0, "issued": []}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise _damaged(self.path, exc) from None
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("issued"), list)
            or not isinstance(data.get("crl_number"), int)
        ):
            raise _damaged(self.path, "not a register of issued certificates")
        return data

    def _write(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, indent=1, ensure_ascii=False)
        write_atomically(self.path, text.encode("utf-8") + b"\n", mode=0o600)


def _entry(record: IssuedRecord) -> dict[str, Any]:
    revoked = record.revoked
    return {
        "serial": record.serial,
        "subject": asdict(record.subject),
        "fingerprint_sha256": record.fingerprint_sha256,
        "not_before": record.not_before.isoformat(),
        "not_after": record.not_after.isoformat(),
        "issued_at": record.issued_at.isoformat(timespec="seconds"),
        "revoked": None
        if revoked is None
        else {"on": revoked.on.isoformat(timespec="seconds"), "reason": revoked.reason},
    }


def _record(entry: Any, path: Path) -> IssuedRecord:
    try:
        revoked = entry["revoked"]
        return IssuedRecord(
            serial=str(entry["serial"]),
            subject=IdentityDetails(**{k: str(v) for k, v in entry["subject"].items()}),
            fingerprint_sha256=str(entry["fingerprint_sha256"]),
            not_before=datetime.fromisoformat(entry["not_before"]),
            not_after=datetime.fromisoformat(entry["not_after"]),
            issued_at=datetime.fromisoformat(entry["issued_at"]),
            revoked=None
            if revoked is None
            else Revocation(datetime.fromisoformat(revoked["on"]), str(revoked["reason"])),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _damaged(path, f"an entry cannot be read: {exc}") from None


def _damaged(path: Path, reason: object) -> StoreError:
    return StoreError.of(
        "{path} cannot be read ({reason}); restore it from a backup", path=path, reason=reason
    )
