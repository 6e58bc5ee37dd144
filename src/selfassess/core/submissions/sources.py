"""Where submissions come from, as the import sees them: a `SubmissionSource` gives its
submissions one at a time (each with its instanceID and its cells by column heading) and the
bytes of a submission's attachment. An ODK Central export, a KoboToolbox export (`exports`) and
a Central server read through pyodk (`server`) are each one, so the tests of the export files
exercise the same import as a pull from a server.

Which column says the instanceID: Central's `KEY` (the submission's own id, kept when it is
edited), else the form's `meta/rootUuid` (Kobo, after an edit), `meta/instanceID`, or Kobo's
`_uuid`; written `uuid:…` whichever it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from selfassess.core.errors import InvalidInput
from selfassess.core.storable import shown

_INSTANCE_COLUMNS = (
    ("KEY",),
    ("meta-rootUuid", "meta/rootUuid", "rootUuid"),
    ("meta-instanceID", "meta/instanceID", "instanceID"),
    ("_uuid",),
)
_INSTANCE = re.compile(r"^(uuid:)?[A-Za-z0-9][A-Za-z0-9._:\-]{0,199}$")


@dataclass(frozen=True)
class Submission:
    """One submission: its instanceID, where it is (for messages), and its non-empty cells by
    column heading, as text."""

    instance_id: str
    where: str
    cells: Mapping[str, str]


class SubmissionSource(Protocol):
    """Submissions and their attachments, from an export or a server."""

    @property
    def label(self) -> str:
        """What messages name: the export's file, or the server's form."""

    @property
    def origin(self) -> str:
        """`central` or `kobo`."""

    def columns(self) -> Sequence[str]:
        """The column headings, when they are known before the submissions are read."""

    def submissions(self) -> Iterator[Submission]:
        """Every submission, one at a time, read anew at each call."""

    def attachment(self, instance: str, name: str) -> Iterator[bytes]:
        """The bytes of the submission's file `name`; InvalidInput when it is not there."""


def instance_of(cells: Mapping[str, str], where: str) -> str:
    """The submission's instanceID from its cells (module docstring), written `uuid:…`."""
    for headings in _INSTANCE_COLUMNS:
        for heading in headings:
            value = cells.get(heading, "").strip()
            if value:
                return _checked_instance(value, where)
    raise InvalidInput.of(
        "{where}: the submission has no instanceID (no column meta-instanceID, meta/instanceID, "
        "KEY or _uuid holds one); export the submissions with their metadata; nothing was "
        "imported",
        where=where,
    )


def _checked_instance(value: str, where: str) -> str:
    if not _INSTANCE.match(value):
        raise InvalidInput.of(
            "{where}: '{value}' is not an instanceID; nothing was imported",
            where=where,
            value=shown(value),
        )
    return value if value.startswith("uuid:") else f"uuid:{value}"


def has_instance_column(headings: Sequence[str]) -> bool:
    return any(heading in headings for group in _INSTANCE_COLUMNS for heading in group)
