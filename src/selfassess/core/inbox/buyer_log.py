"""The buyer's own records, kept in the inbox folder beside the packs, one log per machine:
`<inbox>/buyer/<machine>.json`, `{"format": 1, "machine": …, "events": [...]}`.

Why a log in the folder rather than a database: the index is derived from the folder and must
survive `rebuild`, and a team sharing one inbox shares its follow-up too. Each machine writes only
its own file (so two machines never write one file), always whole (a new file flushed to disk,
then renamed over the old one: a reader or a synchronising tool sees the old file or the new,
never half of one), and two programs on one machine take turns through the index's write lock.
Every machine reads every log; the events are applied in the order of their time (then machine,
then sequence), the later winning, so the buyer's records are the same on every machine once the
folder is synchronised. A log that cannot be read, or an event that does not fit, is left out
and said (`problems`), never applied.

Events: `register` (a supplier from the buyer's list), `set` (the buyer's own values for a
supplier: role, minerals, risk with its reason, certifications, enrolment), `note`, `follow_up`
(an action of a supplier's plan: accepted, challenged, verified done) and `arrival` (the name a
pack arrived under).
"""

from __future__ import annotations

import getpass
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from selfassess.core.errors import StoreError
from selfassess.core.files import read_input, write_atomically
from selfassess.core.findings import Finding
from selfassess.core.inbox.folder import InboxFolder, machine_id
from selfassess.core.inbox.index import InboxIndex

FORMAT = 1
LOG_LIMIT = 64 * 1024 * 1024
_LOG_NAME = re.compile(r"^[0-9a-f]{16}\.json$")
Kind = Literal["register", "set", "note", "follow_up", "arrival"]


class Event(BaseModel):
    """One record of the buyer's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    at: str = Field(max_length=40)  # ISO 8601, UTC, with microseconds
    by: str = Field(max_length=200)
    machine: str = Field(pattern=r"^[0-9a-f]{16}$")
    seq: int = Field(ge=0)
    supplier: str | None = Field(default=None, max_length=400)
    values: dict[str, Any] = Field(default_factory=dict)

    @property
    def day(self) -> str:
        return self.at[:10]


@dataclass
class BuyerRecords:
    """Every machine's events, in the order they are applied, and what could not be read."""

    events: list[Event] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)

    def of_kind(self, kind: Kind) -> list[Event]:
        return [event for event in self.events if event.kind == kind]


def read_records(folder: InboxFolder) -> BuyerRecords:
    """The buyer's records from every machine's log in the folder."""
    records = BuyerRecords()
    try:
        names = sorted(p.name for p in folder.buyer_folder.iterdir() if _LOG_NAME.match(p.name))
    except OSError:
        return records
    for name in names:
        _read_log(folder, name, records)
    records.events.sort(key=lambda e: (e.at, e.machine, e.seq))
    return records


def append(
    index: InboxIndex, kind: Kind, entries: Sequence[tuple[str | None, Mapping[str, Any]]]
) -> None:
    """Add events of one kind (a supplier key and values each) to this machine's log."""
    if not entries:
        return
    folder = index.folder
    machine = machine_id(folder.home)
    path = folder.buyer_folder / f"{machine}.json"
    with index.writing():
        own = _own_events(path)
        by = _login()
        for supplier, values in entries:
            own.append(
                {
                    "kind": kind,
                    "at": datetime.now(UTC).isoformat(timespec="microseconds"),
                    "by": by,
                    "machine": machine,
                    "seq": len(own),
                    "supplier": supplier,
                    "values": dict(values),
                }
            )
        body = {"format": FORMAT, "machine": machine, "events": own}
        write_atomically(path, json.dumps(body, ensure_ascii=False, indent=0).encode("utf-8"))


def _own_events(path: Any) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    try:
        body = json.loads(read_input(path, LOG_LIMIT))
        events = body["events"]
        if body.get("format") != FORMAT or not isinstance(events, list):
            raise ValueError("not a log of this format")
    except (ValueError, KeyError, TypeError, StoreError) as exc:
        raise StoreError.of(
            "{path} cannot be read ({reason}); move it aside to keep its records",
            path=path,
            reason=exc,
        ) from None
    return events


def _read_log(folder: InboxFolder, name: str, records: BuyerRecords) -> None:
    path = folder.buyer_folder / name
    try:
        body = json.loads(read_input(path, LOG_LIMIT))
        events = body["events"] if isinstance(body, dict) else None
        if not isinstance(events, list) or body.get("format") != FORMAT:
            raise ValueError("not a log of this format")
    except Exception as exc:  # a damaged or foreign file: said, never applied
        records.problems.append(
            Finding.of(
                "{path} cannot be read and is left out: {reason}", path=str(path), reason=str(exc)
            )
        )
        return
    machine = name.removesuffix(".json")
    skipped = 0
    for item in events:
        try:
            event = Event.model_validate(item)
        except ValidationError:
            skipped += 1
            continue
        if event.machine != machine:  # a log speaks for its own machine only
            skipped += 1
            continue
        records.events.append(event)
    if skipped:
        records.problems.append(
            Finding.of(
                "{path}: {count} records do not fit and are left out", path=str(path), count=skipped
            )
        )


def _login() -> str:
    try:
        return getpass.getuser()[:200]
    except (OSError, KeyError):
        return "unknown"
