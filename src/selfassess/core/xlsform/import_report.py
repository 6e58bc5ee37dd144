"""What importing an XLSForm left out or changed, each said with the sheet, row and column of
the workbook it comes from, in English or the reader's language.

    report.skip(Place("survey", 12, "F", "relevant"), Finding.of("..."))
    for line in report.lines("fr"): ...

A skipped entry is content that is not in the imported form (a repeat, an external select, an
expression the language cannot say); a note is content carried in another shape (a calculate
written in place, a name made into an id). Both are listed, in workbook order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfassess.core.findings import Finding
from selfassess.core.i18n import translate


@dataclass(frozen=True)
class Place:
    """Where in the workbook: a sheet, a row (or the last row of a range), a column."""

    sheet: str
    row: int | None = None
    column: str | None = None  # the column's letter
    header: str | None = None  # the column's heading, as written
    last_row: int | None = None  # a range of rows, such as a repeat and its questions
    rows: tuple[int, ...] = ()  # the rows of a column that are left out

    def text(self, language: str) -> str:
        """The place as a reader finds it: "survey, row 12, column F (relevant)"."""
        column = f"{self.column} ({self.header})" if self.column and self.header else self.column
        row = self.rows[0] if len(set(self.rows)) == 1 else self.row
        if len(set(self.rows)) > 1 and column:
            rows = _row_list(self.rows)
            return translate(
                language,
                "{sheet}, column {column}, rows {rows}",
                sheet=self.sheet,
                column=column,
                rows=rows,
            )
        if row is not None and self.last_row is not None and self.last_row != row:
            return translate(
                language,
                "{sheet}, rows {first} to {last}",
                sheet=self.sheet,
                first=row,
                last=self.last_row,
            )
        if row is not None and column:
            return translate(
                language,
                "{sheet}, row {row}, column {column}",
                sheet=self.sheet,
                row=row,
                column=column,
            )
        if row is not None:
            return translate(language, "{sheet}, row {row}", sheet=self.sheet, row=row)
        if column:
            return translate(language, "{sheet}, column {column}", sheet=self.sheet, column=column)
        return self.sheet


def _row_list(rows: tuple[int, ...]) -> str:
    """Row numbers, runs shortened: 4, 7-9, 12."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


@dataclass(frozen=True)
class Entry:
    """One thing left out (`skipped`) or carried in another shape (a note)."""

    place: Place
    finding: Finding
    skipped: bool

    def text(self, language: str = "en") -> str:
        what = self.finding.text(language)
        if self.skipped:
            what = translate(language, "skipped: {reason}", reason=what)
        return f"{self.place.text(language)}: {what}"

    def sort_key(self) -> tuple[int, int, str]:
        order = {"settings": 0, "survey": 1, "choices": 2}.get(self.place.sheet, 3)
        first_row = self.place.rows[0] if self.place.rows else self.place.row
        return (order, first_row or 0, self.place.column or "")


@dataclass
class ImportReport:
    """Every entry of an import, in the order they were found."""

    entries: list[Entry] = field(default_factory=list)

    def skip(self, place: Place, finding: Finding) -> None:
        self.entries.append(Entry(place, finding, skipped=True))

    def note(self, place: Place, finding: Finding) -> None:
        self.entries.append(Entry(place, finding, skipped=False))

    @property
    def skipped(self) -> list[Entry]:
        return [entry for entry in self.sorted() if entry.skipped]

    @property
    def notes(self) -> list[Entry]:
        return [entry for entry in self.sorted() if not entry.skipped]

    def sorted(self) -> list[Entry]:
        return sorted(self.entries, key=Entry.sort_key)

    def lines(self, language: str = "en") -> list[str]:
        """Each entry as one line, sheets in workbook order and rows in order."""
        return [entry.text(language) for entry in self.sorted()]
