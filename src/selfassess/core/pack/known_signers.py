"""Trust on first use: the certificate fingerprints a buyer has seen, per supplier organisation.

The first valid pack from an organisation records its fingerprint (to be confirmed with the
supplier by phone). A later pack from the same organisation with another fingerprint is flagged
loudly and not recorded unless the buyer says the new key is genuine.
"""

from __future__ import annotations

import enum
import json
from datetime import UTC, datetime
from pathlib import Path

from selfassess.core.errors import StoreError
from selfassess.core.files import write_atomically
from selfassess.core.pack.verify import Signer, Verdict

FILE_NAME = "known-signers.json"


class Recognition(enum.Enum):
    KNOWN = "known"  # this organisation signed with this certificate before
    FIRST_TIME = "first_time"  # never seen: confirm the fingerprint with the supplier
    CHANGED = "changed"  # the organisation is known, with another certificate


class KnownSigners:
    def __init__(self, home: Path) -> None:
        self.path = home / FILE_NAME

    def recognise(self, signer: Signer) -> Recognition:
        seen = self._load().get(_key(signer), [])
        if any(entry["fingerprint_sha256"] == signer.fingerprint_sha256 for entry in seen):
            return Recognition.KNOWN
        return Recognition.CHANGED if seen else Recognition.FIRST_TIME

    def remember(self, signer: Signer) -> None:
        data = self._load()
        seen = data.setdefault(_key(signer), [])
        if all(entry["fingerprint_sha256"] != signer.fingerprint_sha256 for entry in seen):
            seen.append(
                {
                    "fingerprint_sha256": signer.fingerprint_sha256,
                    "name": signer.details.name,
                    "first_seen": datetime.now(UTC).isoformat(timespec="seconds"),
                }
            )
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
        write_atomically(self.path, text.encode("utf-8"))

    def _load(self) -> dict[str, list[dict[str, str]]]:
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(
                f"{self.path} cannot be read ({exc}); move it aside to start afresh"
            ) from None
        return data if isinstance(data, dict) else {}


def _key(signer: Signer) -> str:
    """The organisation, as a buyer would recognise it: case and spacing do not matter."""
    organisation = " ".join(signer.details.organisation.split()).casefold()
    return f"{signer.details.country.upper()}/{organisation}"


def recognise(verdict: Verdict, home: Path, *, trust_new: bool = False) -> Recognition | None:
    """How the signer of a valid pack stands with this buyer, remembering a first signer (and a
    changed one only when the buyer confirmed it with `trust_new`). None for an invalid pack."""
    if verdict.signer is None or not verdict.valid:
        return None
    known = KnownSigners(home)
    recognition = known.recognise(verdict.signer)
    if recognition is Recognition.FIRST_TIME or (recognition is Recognition.CHANGED and trust_new):
        known.remember(verdict.signer)
    return recognition
