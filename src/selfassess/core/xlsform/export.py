"""A form exported as an XLSForm workbook (`survey`, `choices`, `settings` and `notes`
sheets) for ODK Central, ODK Collect and KoboToolbox, with the report of what it could not say.

    report = export_xlsform(form, Path("quick-scan.xlsx"))
    for note in report.notes: print(note.line())

The workbook is written whole or not at all. Every cell holds text, typed as text, so that a
label starting with "=" is never run as a formula; characters a workbook cannot hold are
shown as "\ufffd". What the XLSForm does not say (an expression XPath cannot express, "not
applicable" where there is no choice for it, a second file of evidence, the judgement rules)
is a row of the `notes` sheet and a note of the report: nothing is dropped silently.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_output_file, output_being_written
from selfassess.core.forms.model import Form
from selfassess.core.xlsform.names import PROFILE_QUESTIONS, language_column
from selfassess.core.xlsform.profile_rows import profile_rows
from selfassess.core.xlsform.rows import ChoiceLists, ChoiceRow, Languages, Note, Row
from selfassess.core.xlsform.survey import SurveyBuilder

_PLAIN_COLUMNS = (
    "required",
    "relevant",
    "constraint",
    "default",
    "appearance",
    "parameters",
    "body::accept",
)
_TRANSLATED_COLUMNS = ("label", "hint", "constraint_message")
NOTES_HEADING = ("row", "question", "what", "expression", "why")
JUDGEMENT_NOTE = Note(
    None,
    "",
    "status rules, red flags, red lines and suggested actions",
    "",
    "they are selfassess's judgement of the answers, not questions: selfassess applies them "
    "when the submissions are imported",
)


@dataclass(frozen=True)
class XlsForm:
    """The sheets of an exported form, before they are written."""

    survey: list[Row]
    choices: list[ChoiceRow]
    settings: dict[str, str]
    notes: list[Note]
    languages: list[str]


@dataclass(frozen=True)
class ExportReport:
    """What was written, and what the XLSForm does not say."""

    path: Path
    form_id: str
    form_version: str
    questions: int
    languages: tuple[str, ...]
    notes: tuple[Note, ...]


def export_xlsform(form: Form, output: Path) -> ExportReport:
    """Write `form` as an XLSForm workbook to `output` (.xlsx), whole or not at all."""
    if output.suffix.lower() != ".xlsx":
        raise InvalidInput.of(
            "an XLSForm is written as a .xlsx file, not '{name}'", name=output.name
        )
    check_output_file(output)
    xlsform = build_xlsform(form)
    write_xlsform(xlsform, output)
    questions = sum(1 for _ in form.questions())
    return ExportReport(
        output, form.id, form.version, questions, tuple(xlsform.languages), tuple(xlsform.notes)
    )


def build_xlsform(form: Form) -> XlsForm:
    """The sheets of `form` as XLSForm; raises InvalidInput when two rows would share a name."""
    languages = Languages(form)
    lists = ChoiceLists()
    for choice_list in form.choice_lists:  # the form's own lists keep their ids
        options = [(choice.name, languages.text(choice.label)) for choice in choice_list.choices]
        lists.add(choice_list.id, options)
    builder = SurveyBuilder(form, languages, lists, profile_rows(languages, lists))
    builder.build()
    _check_names(builder.rows)
    notes = list(builder.notes)
    if _judges(form):
        notes.append(JUDGEMENT_NOTE)
    settings = {
        "form_title": form.title.in_language(form.default_language, form.default_language),
        "form_id": form.id,
        "version": form.version,
        "default_language": language_column(form.default_language),
        "instance_name": "${" + PROFILE_QUESTIONS["organisation"] + "}",
    }
    return XlsForm(builder.rows, lists.rows, settings, notes, languages.codes)


def _judges(form: Form) -> bool:
    """Whether the form has rules the XLSForm leaves to selfassess."""
    return (
        bool(form.red_lines)
        or any(criterion.status_rules or criterion.actions for criterion in form.criteria())
        or any(getattr(question, "red_flag", None) for question in form.questions())
    )


def _check_names(rows: Sequence[Row]) -> None:
    """Refuse a form whose ids clash with each other or with a name the export adds (ODK
    compares names without regard to case)."""
    seen: dict[str, str] = {}
    for row in rows:
        name = row.plain.get("name", "")
        if not name or row.plain.get("type") == "end_group":
            continue
        key = name.casefold()
        if key in seen:
            raise InvalidInput.of(
                "the XLSForm would have two rows named '{name}' (and '{other}'): rename one "
                "of them in the form",
                name=name,
                other=seen[key],
            )
        seen[key] = name


# writing ------------------------------------------------------------------------------------


def write_xlsform(xlsform: XlsForm, output: Path) -> None:
    """The four sheets, to `output`, whole or not at all."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    try:
        _fill(workbook, xlsform)
        with output_being_written(output) as partial:
            workbook.save(partial.stream)
    except BaseException:
        _abandon(workbook)
        raise


def _fill(workbook: Any, xlsform: XlsForm) -> None:
    languages = xlsform.languages
    survey_columns = _survey_columns(xlsform.survey, languages)
    survey = (_row_cells(row, survey_columns) for row in xlsform.survey)
    _sheet(workbook, "survey", survey_columns, survey)
    choice_columns = ["list_name", "name", *_language_columns("label", languages)]
    choices = (
        [c.list_name, c.name, *(c.label[code] for code in languages)] for c in xlsform.choices
    )
    _sheet(workbook, "choices", choice_columns, choices)
    settings = list(xlsform.settings)
    _sheet(workbook, "settings", settings, [[xlsform.settings[key] for key in settings]])
    notes = ([_row_number(n.row), n.question, n.what, n.expression, n.why] for n in xlsform.notes)
    _sheet(workbook, "notes", list(NOTES_HEADING), notes)


def _row_number(row: int | None) -> str:
    return "" if row is None else str(row)


def _language_columns(field: str, languages: Sequence[str]) -> list[str]:
    return [f"{field}::{language_column(code)}" for code in languages]


def _survey_columns(rows: Sequence[Row], languages: Sequence[str]) -> list[str]:
    """type, name, the translated columns and the plain ones that any row uses."""
    used_plain = {key for row in rows for key in row.plain}
    used_translated = {key for row in rows for key in row.translated}
    columns = ["type", "name"]
    for field in _TRANSLATED_COLUMNS[:2]:
        if field in used_translated:
            columns += _language_columns(field, languages)
    for field in _PLAIN_COLUMNS:
        if field in used_plain:
            columns.append(field)
            if field == "constraint" and "constraint_message" in used_translated:
                columns += _language_columns("constraint_message", languages)
    return columns


def _row_cells(row: Row, columns: Sequence[str]) -> list[str]:
    cells = []
    for column in columns:
        field, _, language = column.partition("::")
        if field in _TRANSLATED_COLUMNS:
            code = language.rsplit("(", 1)[-1].rstrip(")")
            cells.append(row.translated.get(field, {}).get(code, ""))
        else:
            cells.append(row.plain.get(column, ""))
    return cells


def _sheet(
    workbook: Any, title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """A sheet of text cells under a bold heading, its columns wide enough to read."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = _width(column)
    sheet.freeze_panes = "A2"

    def text(value: str) -> Any:
        cell = WriteOnlyCell(sheet, value=_storable(value))
        cell.data_type = "s"  # text, whatever it starts with: never a formula or an error
        return cell

    heading = [text(column) for column in columns]
    for cell in heading:
        cell.font = Font(bold=True)
    sheet.append(heading)
    for row in rows:
        sheet.append([text(value) for value in row])


def _width(column: str) -> int:
    """How wide a column is shown: texts and expressions wide, names and types narrower."""
    field = column.partition("::")[0]
    if field in (*_TRANSLATED_COLUMNS, "relevant", "constraint", "why", "expression"):
        return 45
    if field == "type":
        return 32
    return 24 if field in ("name", "list_name", "what", "form_title") else 14


def _storable(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _abandon(workbook: Any) -> None:
    """Close the sheets of a workbook that was not saved and remove their temporary files
    (openpyxl keeps each sheet of a write-only workbook in one until it saves)."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):  # a sheet half-written is thrown away all the same
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()
