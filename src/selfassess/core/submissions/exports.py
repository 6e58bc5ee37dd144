"""The export files of ODK Central and KoboToolbox as `SubmissionSource`s.

- ODK Central: the `.zip` of its CSV download: the submissions' table `<form>.csv` at the top,
  a table per repeat (`<form>-<repeat>.csv`, left out: our questionnaires have none) and the
  media files in `media/` (or `files/<instanceID>/`). A table alone (`.csv`) is read too.
- KoboToolbox: the table as `.xlsx` (its first sheet) or `.csv`, and its attachments zip.

`open_exports` sorts the files it is given: each table (a Central zip, an .xlsx, a .csv) is a
source; a zip holding no table is media, shared by the tables given with it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_input_file
from selfassess.core.findings import Finding
from selfassess.core.store.evidence import describe_size
from selfassess.core.submissions.media import MediaIndex
from selfassess.core.submissions.sources import Submission, instance_of
from selfassess.core.submissions.tables import Table, TableRow, csv_table, xlsx_table
from selfassess.core.submissions.zipped import ExportLimits, ExportZip

_AUDIT_SUFFIX = " - audit.csv"


class ExportSource:
    """A table of submissions in a file, with the zips that hold its media."""

    def __init__(self, table_file: Path, media: Sequence[ExportZip], origin: str) -> None:
        self.table_file = table_file
        self.media_zips = list(media)
        self.origin = origin
        self.label = str(table_file)
        self.media_label = ""  # what messages call the media's place, when not its zips
        self.notes: list[Finding] = []
        self.index = MediaIndex()
        for number, media_zip in enumerate(self.media_zips):
            self.index.add(number, _media_members(media_zip))
        self._headings: list[str] | None = None

    def columns(self) -> Sequence[str]:
        if self._headings is None:
            with self._opened() as table:
                self._headings = table.headings
            if "KEY" in self._headings and "SubmissionDate" in self._headings:
                self.origin = "central"  # a table of Central's, downloaded without its media
        return self._headings

    def submissions(self) -> Iterator[Submission]:
        with self._opened() as table:
            self._headings = table.headings
            for row in table.rows:
                yield self._submission(row)

    def _submission(self, row: TableRow) -> Submission:
        where = f"{self.label}, row {row.number}"
        return Submission(instance_of(row.cells, where), where, row.cells)

    def attachment(self, instance: str, name: str) -> Iterator[bytes]:
        found = self.index.find(instance, name, self._media_label())
        return self.media_zips[found.zip_index].chunks(found.member)

    def _media_label(self) -> str:
        if self.media_label:
            return self.media_label
        return ", ".join(str(media.path) for media in self.media_zips) or self.label

    @contextlib.contextmanager
    def _opened(self) -> Iterator[Table]:
        if self.table_file.suffix.lower() == ".xlsx":
            table, close = xlsx_table(self.table_file, self.label)
            try:
                yield table
            finally:
                close()
            return
        with self.table_file.open("r", encoding="utf-8-sig", newline="") as stream:
            yield csv_table(stream, self.label)

    def close(self) -> None:
        for media_zip in self.media_zips:
            media_zip.close()


class CentralExport(ExportSource):
    """ODK Central's CSV download: a zip of tables and media (module docstring)."""

    def __init__(self, export: ExportZip, table_member: str, media: Sequence[ExportZip]) -> None:
        super().__init__(export.path, [export, *media], "central")
        self.export = export
        self.table_member = table_member
        self.label = f"{export.path}: {table_member}"
        for name in export.members:
            if name.lower().endswith(".csv") and name != table_member:
                self.notes.append(
                    Finding.of(
                        "{source}: the table {table} (a repeat or an audit log) was left out: "
                        "the questionnaire has no repeats",
                        source=export.path.name,
                        table=name,
                    )
                )

    @contextlib.contextmanager
    def _opened(self) -> Iterator[Table]:
        self.export.new_reading()
        with self.export.text(self.table_member) as stream:
            yield csv_table(stream, self.label)


def open_exports(files: Sequence[Path], limits: ExportLimits) -> list[ExportSource]:
    """The sources among `files` (module docstring); refuses what is neither a table nor a zip
    of media, and media given without a table."""
    tables: list[Path] = []
    central: list[tuple[ExportZip, str]] = []
    media: list[ExportZip] = []
    try:
        for path in files:
            _sort_file(check_input_file(path), limits, tables, central, media)
        if not tables and not central:
            raise InvalidInput.of(
                "no table of submissions among the files given: give the export's .zip (ODK "
                "Central) or its .xlsx or .csv (KoboToolbox), with the attachments zip"
            )
    except BaseException:
        for opened in [*media, *(export for export, _ in central)]:
            opened.close()
        raise
    sources: list[ExportSource] = [
        CentralExport(export, member, media) for export, member in central
    ]
    sources.extend(ExportSource(table, media, "kobo") for table in tables)
    return sources


def _sort_file(
    path: Path,
    limits: ExportLimits,
    tables: list[Path],
    central: list[tuple[ExportZip, str]],
    media: list[ExportZip],
) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        size = path.stat().st_size
        if size > limits.table_bytes:
            raise InvalidInput.of(
                "{source} is {size}, more than a table of submissions may be ({limit}); refused",
                source=path,
                size=describe_size(size),
                limit=describe_size(limits.table_bytes),
            )
        tables.append(path)
    elif suffix == ".xlsx":
        with ExportZip(path, limits):  # the workbook's own members, sizes and expansion
            pass
        tables.append(path)
    elif suffix == ".zip":
        export = ExportZip(path, limits)
        member = main_table(export)
        if member is None:
            media.append(export)
        else:
            central.append((export, member))
    else:
        raise InvalidInput.of(
            "{source}: an export of submissions is a .zip (ODK Central), an .xlsx or a .csv "
            "(KoboToolbox), not '{suffix}'",
            source=path,
            suffix=path.suffix or path.name,
        )


def main_table(export: ExportZip) -> str | None:
    """The submissions' table of a Central zip: the top-level CSV that the others' names
    start with (`form.csv` before `form-repeat.csv`); None for a zip of media only."""
    tables = [
        name
        for name in export.members
        if "/" not in name and name.lower().endswith(".csv") and not name.endswith(_AUDIT_SUFFIX)
    ]
    if not tables:
        return None
    tables.sort(key=len)
    stem = tables[0][: -len(".csv")]
    if all(name.startswith(stem) for name in tables):
        return tables[0]
    raise InvalidInput.of(
        "{source} holds the tables of several forms ({tables}); export one form at a time",
        source=export.path,
        tables=", ".join(tables[:4]),
    )


def _media_members(media_zip: ExportZip) -> list[str]:
    return [name for name in media_zip.members if not name.lower().endswith(".csv")]
