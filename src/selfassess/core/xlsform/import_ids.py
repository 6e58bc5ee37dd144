"""Identifiers for an imported form: XLSForm names made into ids our format accepts, each
unique, and the columns an import reads or leaves out, reported by column.

XLSForm names may start with `_` or hold `:`; our ids start with a letter and hold letters,
digits, `_`, `.` and `-` (at most 64). A name that must change is noted in the report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from selfassess.core.findings import Finding
from selfassess.core.i18n import N_
from selfassess.core.xlsform.import_report import ImportReport, Place
from selfassess.core.xlsform.import_texts import UNKNOWN_LANGUAGE, Heading

_ID = re.compile(r"^([A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9_]|[A-Za-z])$")
_NOT_ID = re.compile(r"[^A-Za-z0-9_.\-]+")
MAX_ID = 64


@dataclass
class IdMaker:
    """Makes ids unique within one namespace (questions, criteria and sections share one)."""

    taken: set[str] = field(default_factory=set)

    def claim(
        self, name: str, report: ImportReport | None = None, place: Place | None = None
    ) -> str:
        """An id for `name`: the name itself when it is free and valid, else the nearest free
        valid one; a change is noted at `place`."""
        candidate = _NOT_ID.sub("_", name).strip("._-") or "item"
        if not candidate[0].isalpha():
            candidate = "q" + candidate
        candidate = candidate[:MAX_ID].rstrip(".-")
        unique, counter = candidate, 2
        while unique in self.taken:
            suffix = f"_{counter}"
            unique = candidate[: MAX_ID - len(suffix)].rstrip(".-") + suffix
            counter += 1
        self.taken.add(unique)
        if unique != name and report is not None and place is not None:
            report.note(
                place,
                Finding.of(
                    "the name '{name}' becomes the id '{id}': an id starts with a letter, is "
                    "unique and holds only letters, digits, '_', '.' or '-'",
                    name=name,
                    id=unique,
                ),
            )
        return unique


def is_id(name: str) -> bool:
    return bool(_ID.match(name)) and len(name) <= MAX_ID


_COLUMN_REASONS = {
    "appearance": N_("how ODK Collect lays out a question; selfassess lays out its own"),
    "choice_filter": N_(
        "selfassess offers every option of the list: a choice_filter is not carried"
    ),
    "required_message": N_(
        "selfassess says itself, in the reader's language, that an answer is needed"
    ),
    "image": N_("media files are not carried into a form"),
    "big-image": N_("media files are not carried into a form"),
    "audio": N_("media files are not carried into a form"),
    "video": N_("media files are not carried into a form"),
    "calculation": N_("only the calculation of a calculate row is carried"),
    "default": N_("a default worked out from other answers is not carried"),
    "save_to": N_("entities (ODK's shared lists of people or places) are not carried"),
}
_GENERIC = N_("this column has no equivalent in a selfassess form")
_NO_LANGUAGE_CODE = N_(
    "its language has no code: write the heading as label::Name (code), such as label::Lingala (ln)"
)


@dataclass
class ColumnsLeftOut:
    """The cells of imported rows that the import did not use, gathered by column."""

    sheet: str
    rows_by_column: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, letter: str, row: int) -> None:
        self.rows_by_column[letter].append(row)

    def report_into(self, report: ImportReport, headings: list[Heading]) -> None:
        """One entry per column left out, with its rows and why; Kobo's own `$` columns
        (`$kuid`, `$autoname`) are not user content and are passed over in silence."""
        for heading in headings:
            rows = self.rows_by_column.get(heading.column.letter)
            if not rows or heading.column.heading.startswith("$"):
                continue
            if heading.language == UNKNOWN_LANGUAGE and heading.base not in _COLUMN_REASONS:
                reason = _NO_LANGUAGE_CODE
            else:
                reason = _COLUMN_REASONS.get(heading.base, _GENERIC)
            place = Place(
                self.sheet,
                column=heading.column.letter,
                header=heading.column.heading,
                rows=tuple(rows),
            )
            report.skip(place, Finding.of(reason))
