"""The survey sheet of an XLSForm read row by row into our questions, their groups and the
calculations their expressions may use; the expressions themselves are turned into ours once
every name is known (`import_expressions`).

Types carried: text, integer, decimal, date, select_one and select_multiple (with `or_other`,
which adds the option "other" and a text question to say it), note (an info text), image and
file (evidence), calculate (written in place where it is used) and groups. Skipped, each with
its row: repeats and all they hold, external selects, ODK's metadata, other types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from selfassess.core.errors import InvalidInput
from selfassess.core.findings import Finding
from selfassess.core.xlsform.import_ids import ColumnsLeftOut, IdMaker
from selfassess.core.xlsform.import_lists import OptionList
from selfassess.core.xlsform.import_questions import Conversion, RowView, question_data
from selfassess.core.xlsform.import_report import ImportReport, Place
from selfassess.core.xlsform.import_texts import SheetColumns
from selfassess.core.xlsform.import_workbook import Sheet, SheetRow

_CONTROL = re.compile(r"^(begin|end)[ _](group|repeat|looped[ _]group|lgroup|loop)\b")
METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
        "background-geopoint",
    }
)
_EXTERNAL = re.compile(r"^(select_one_from_file|select_multiple_from_file|select_one_external)\b")
_KOBO_VERSION = frozenset({"__version__", "_version_"})


@dataclass(frozen=True)
class Group:
    """An XLSForm group the questions are in: it becomes a section or a criterion."""

    name: str | None
    row: int
    label: dict[str, str]
    hint: dict[str, str]
    relevant: str | None
    relevant_column: tuple[str, str] | None  # (letter, heading)


@dataclass
class Imported:
    """A question carried over: its row, its XLSForm name, our question (less expressions),
    the groups it is in, and its XPath expressions by field with their columns."""

    row: int
    name: str
    data: dict[str, Any]
    groups: tuple[Group, ...]
    expressions: dict[str, tuple[str, str, str]] = field(default_factory=dict)


@dataclass
class Survey:
    """What the survey sheet holds for our form."""

    questions: list[Imported] = field(default_factory=list)
    calculations: dict[str, tuple[int, str, tuple[str, str]]] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    option_lists_used: dict[str, OptionList] = field(default_factory=dict)


@dataclass
class _Open:
    """A group or repeat opened and not yet closed."""

    kind: str  # "group" or "repeat"
    row: int
    name: str | None
    group: Group | None  # None for a repeat


class SurveyReader:
    """Reads the survey rows in order, keeping the groups open at each row."""

    def __init__(
        self,
        columns: SheetColumns,
        lists: dict[str, OptionList],
        languages: list[str],
        report: ImportReport,
    ) -> None:
        self.columns = columns
        self.report = report
        self.ids = IdMaker()
        self.conversion = Conversion(lists, languages, self.ids, report)
        self.survey = Survey()
        self.open: list[_Open] = []
        self.names: dict[str, int] = {}
        self.left_out = ColumnsLeftOut("survey")

    def read(self, sheet: Sheet) -> Survey:
        for row in sheet.rows:
            self._row(RowView(row, self.columns))
        if self.open:
            innermost = self.open[-1]
            raise InvalidInput.of(
                "sheet 'survey', row {row}: this {kind} is never closed with 'end {kind}'",
                row=innermost.row,
                kind=innermost.kind,
            )
        self.left_out.report_into(self.report, self.columns.headings)
        return self.survey

    def _row(self, view: RowView) -> None:
        kind = " ".join((view.value("type") or "").split())
        control = _CONTROL.match(kind.lower())
        if control:
            self._control(view, control.group(1), control.group(2))
        elif any(frame.kind == "repeat" for frame in self.open):
            self._inside_repeat(view)
        elif not kind:
            if view.has_content():
                self._skip(view, Finding.of("the row has no type"))
        else:
            self._typed(view, kind)

    def _control(self, view: RowView, verb: str, what: str) -> None:
        kind = "group" if what == "group" else "repeat"
        name = view.value("name")
        if verb == "begin":
            group = self._group(view) if kind == "group" else None
            self.open.append(_Open(kind, view.row.number, name, group))
            self._inside_repeat(view)
            return
        if not self.open or self.open[-1].kind != kind:
            raise InvalidInput.of(
                "sheet 'survey', row {row}: 'end {kind}' closes no open {kind}",
                row=view.row.number,
                kind=kind,
            )
        closed = self.open.pop()
        if kind == "repeat" and not any(frame.kind == "repeat" for frame in self.open):
            self.report.skip(
                Place("survey", closed.row, last_row=view.row.number),
                Finding.of(
                    "repeat '{name}' and every row in it: a selfassess form asks each question "
                    "once, and a repeat asks its questions again for each item (each worker, "
                    "each pit)",
                    name=closed.name or "?",
                ),
            )

    def _inside_repeat(self, view: RowView) -> None:
        """A row of a repeat is skipped with it; its name is kept, so that an expression that
        uses it is reported as using a question left out."""
        name = view.value("name")
        if name and any(frame.kind == "repeat" for frame in self.open):
            self.survey.missing.add(name)

    def _group(self, view: RowView) -> Group:
        relevant = view.value("relevant")
        column = view.column("relevant") if relevant else None
        return Group(
            view.value("name"),
            view.row.number,
            view.texts("label"),
            view.texts("hint"),
            relevant,
            column,
        )

    def _typed(self, view: RowView, kind: str) -> None:
        name = view.value("name")
        lowered = kind.lower()
        if lowered == "calculate" and name in _KOBO_VERSION:
            return  # Kobo's own version stamp, not the author's content
        if name is None and lowered not in METADATA:
            self._skip(view, Finding.of("a '{type}' row needs a name", type=kind))
            return
        if name is not None and name in self.names:
            self._skip(
                view,
                Finding.of(
                    "'{name}' is already the name of row {row}", name=name, row=self.names[name]
                ),
            )
            return
        if name is not None:
            self.names[name] = view.row.number
        problem = self._unsupported(lowered, kind)
        if problem is not None:
            self._skip(view, problem)
        elif lowered == "calculate":
            self._calculate(view, name or "")
        else:
            self._question(view, kind, name or "")

    def _unsupported(self, lowered: str, kind: str) -> Finding | None:
        if lowered in METADATA:
            return Finding.of(
                "'{type}' is recorded by the phone (ODK's metadata), not asked", type=kind
            )
        if _EXTERNAL.match(lowered) or "search(" in lowered:
            return Finding.of(
                "'{type}' takes its options from a file or a search, which the workbook does not "
                "hold",
                type=kind,
            )
        return None

    def _calculate(self, view: RowView, name: str) -> None:
        calculation = view.value("calculation")
        if calculation is None:
            self._skip(view, Finding.of("the calculate row has no calculation"))
            return
        column = view.column("calculation")
        assert column is not None
        self.survey.calculations[name] = (view.row.number, calculation, column)
        view.use("label", "hint")
        self._left_out(view)

    def _question(self, view: RowView, kind: str, name: str) -> None:
        outcome = question_data(view, kind, name, self.conversion)
        if isinstance(outcome, Finding):
            self._skip(view, outcome)
            return
        groups = tuple(frame.group for frame in self.open if frame.group is not None)
        for data, expressions in outcome.questions:
            imported = Imported(view.row.number, data.pop("_name"), data, groups, expressions)
            self.survey.questions.append(imported)
        if outcome.option_list is not None:
            self.survey.option_lists_used[outcome.option_list.name] = outcome.option_list
        self._left_out(view)

    def _left_out(self, view: RowView) -> None:
        for letter in view.unused():
            self.left_out.add(letter, view.row.number)

    def _skip(self, view: RowView, finding: Finding) -> None:
        name = view.value("name")
        if name:
            self.survey.missing.add(name)
        self.report.skip(Place("survey", view.row.number), finding)


def read_survey(
    sheet: Sheet,
    columns: SheetColumns,
    lists: dict[str, OptionList],
    languages: list[str],
    report: ImportReport,
) -> tuple[Survey, IdMaker]:
    """The survey's questions, groups and calculations; rows that cannot be carried reported."""
    reader = SurveyReader(columns, lists, languages, report)
    return reader.read(sheet), reader.ids


__all__ = ["Group", "Imported", "SheetRow", "Survey", "read_survey"]
