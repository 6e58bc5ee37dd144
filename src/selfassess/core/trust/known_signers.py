"""Trust on first use: the certificate fingerprints a buyer has seen, per supplier organisation.

The first valid pack from an organisation records its fingerprint (`new`: to be confirmed with
the supplier by phone). A later pack from the same organisation with another certificate is
`changed`: not valid until the buyer, having checked with the supplier, accepts the new
certificate explicitly, with a reason; the acceptance is recorded with who, when and why.

Organisations are keyed by `names.organisation_key` (country and normalised name), so the same
name in another Unicode form, case, spacing or without its accents is the same organisation.
The file `<data dir>/known-signers.json`:

    {"format": 2, "organisations": {"CD/cooperative de kalimbi": [
        {"fingerprint_sha256": "…", "name": "…", "organisation": "…", "first_seen": "…",
         "accepted": {"by": "…", "at": "…", "reason": "…", "replacing": ["…"]}}]}}
"""

from __future__ import annotations

import enum
import getpass
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.files import write_atomically
from selfassess.core.storable import storable_text
from selfassess.core.trust.names import normalised_name
from selfassess.core.trust.signer import Signer

FILE_NAME = "known-signers.json"
FORMAT = 2
MAX_FILE_BYTES = 16 * 1024 * 1024


class Recognition(enum.Enum):
    KNOWN = "known"  # this organisation signed with this certificate before
    NEW = "new"  # never seen: confirm the fingerprint with the supplier
    CHANGED = "changed"  # the organisation is known, with another certificate


@dataclass(frozen=True)
class Acceptance:
    """The buyer's explicit acceptance of a changed certificate."""

    reason: str
    by: str = ""

    def checked(self) -> Acceptance:
        reason = self.reason.strip()
        storable_text(reason, "reason", one_line=True)
        if not reason:
            raise InvalidInput.of(
                "say why the new certificate is accepted (--reason), for instance how the "
                "supplier confirmed it"
            )
        return Acceptance(reason, self.by.strip() or _login())


class KnownSigners:
    def __init__(self, home: Path) -> None:
        self.path = home / FILE_NAME

    def recognise(self, signer: Signer) -> Recognition:
        seen = self._load().get(signer.organisation_key, [])
        if any(entry.get("fingerprint_sha256") == signer.fingerprint_sha256 for entry in seen):
            return Recognition.KNOWN
        return Recognition.CHANGED if seen else Recognition.NEW

    def remember(self, signer: Signer, acceptance: Acceptance | None = None) -> None:
        """Record the signer's certificate (with the acceptance, for a changed one)."""
        data = self._load()
        seen = data.setdefault(signer.organisation_key, [])
        if any(entry.get("fingerprint_sha256") == signer.fingerprint_sha256 for entry in seen):
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        entry: dict[str, Any] = {
            "fingerprint_sha256": signer.fingerprint_sha256,
            "name": signer.raw.name,
            "organisation": signer.raw.organisation,
            "first_seen": now,
        }
        if acceptance is not None:
            entry["accepted"] = {
                "by": acceptance.by,
                "at": now,
                "reason": acceptance.reason,
                "replacing": [e.get("fingerprint_sha256") for e in seen],
            }
        seen.append(entry)
        body = {"format": FORMAT, "organisations": data}
        text = json.dumps(body, indent=1, ensure_ascii=False, sort_keys=True)
        write_atomically(self.path, text.encode("utf-8"))

    def entries(self, signer: Signer) -> list[dict[str, Any]]:
        """What was recorded for the signer's organisation, oldest first."""
        return list(self._load().get(signer.organisation_key, []))

    def _load(self) -> dict[str, list[dict[str, Any]]]:
        if not self.path.is_file():
            return {}
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("larger than 16 MB")
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError.of(
                "{path} cannot be read ({reason}); move it aside to start afresh",
                path=self.path,
                reason=exc,
            ) from None
        if not isinstance(data, dict):
            return {}
        organisations = data.get("organisations") if data.get("format") == FORMAT else data
        return _rekeyed(organisations if isinstance(organisations, dict) else {})


def _rekeyed(organisations: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The entries under today's keys: a file written with an older normalisation (format 1
    ignored only case and spacing) merges the names that are now one organisation."""
    merged: dict[str, list[dict[str, Any]]] = {}
    for key, entries in organisations.items():
        if not isinstance(key, str) or not isinstance(entries, list):
            continue
        country, _, name = key.partition("/")
        target = merged.setdefault(f"{country.upper()}/{normalised_name(name)}", [])
        target.extend(e for e in entries if isinstance(e, dict) and e not in target)
    return merged


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return "unknown"
