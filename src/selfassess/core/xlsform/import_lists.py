"""The `settings` and `choices` sheets of an XLSForm, read into what our format needs: the form's
title, id, version and languages, and its option lists.

An option whose name our format cannot hold, or that is given twice in its list, is skipped and
reported with its row; an option without a label shows its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.core.findings import Finding
from selfassess.core.xlsform.import_ids import ColumnsLeftOut
from selfassess.core.xlsform.import_report import ImportReport, Place
from selfassess.core.xlsform.import_texts import SheetColumns, language_code
from selfassess.core.xlsform.import_workbook import Sheet, Workbook

_CHOICE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_FORM_ID_CHARACTERS = re.compile(r"[^a-z0-9._\-]+")
_VERSION_CHARACTERS = re.compile(r"[^0-9A-Za-z.+\-]+")
_SETTINGS_USED = {"form_title", "set_form_title", "form_id", "set_form_id", "version"}
_SETTINGS_USED |= {"default_language"}


@dataclass(frozen=True)
class FormSettings:
    """What the settings sheet says of the form as a whole."""

    title: str
    form_id: str
    version: str
    default_language: str | None  # a language code, when the sheet names one


def read_settings(book: Workbook, path: Path, report: ImportReport) -> FormSettings:
    """The form's title, id and version (from the file name when not given) and its default
    language; other settings are reported as left out."""
    values: dict[str, str] = {}
    sheet = book.settings
    if sheet is not None and sheet.rows:
        row = sheet.rows[0]
        for column in sheet.columns:
            text = row.cells.get(column.letter)
            key = "_".join(column.heading.lower().split())
            if text is None:
                continue
            if key in _SETTINGS_USED:
                values[key.removeprefix("set_")] = text
            elif not column.heading.startswith("$"):
                place = Place("settings", row.number, column.letter, column.heading)
                report.skip(
                    place, Finding.of("this setting has no equivalent in a selfassess form")
                )
    language = None
    if "default_language" in values:
        language = language_code(values["default_language"])
        if language is None:
            place = Place("settings", sheet.rows[0].number if sheet else None)
            report.note(
                place,
                Finding.of(
                    "the default language '{name}' has no code: write it as Name (code), "
                    "such as French (fr)",
                    name=values["default_language"],
                ),
            )
    return FormSettings(
        title=values.get("form_title") or path.stem,
        form_id=_form_id(values.get("form_id") or path.stem),
        version=_version(values.get("version") or "1"),
        default_language=language,
    )


def _form_id(text: str) -> str:
    cleaned = _FORM_ID_CHARACTERS.sub("-", text.lower()).strip("._-")[:64]
    return cleaned or "imported-form"


def _version(text: str) -> str:
    cleaned = _VERSION_CHARACTERS.sub("-", text).strip(".+-")[:32]
    return cleaned or "1"


@dataclass
class OptionList:
    """One list of the choices sheet: its options (name, label by language, row)."""

    name: str
    options: list[tuple[str, dict[str, str], int]] = field(default_factory=list)


def read_choices(
    sheet: Sheet | None, columns: SheetColumns, report: ImportReport
) -> dict[str, OptionList]:
    """The option lists by name, each option checked; bad rows reported and skipped."""
    lists: dict[str, OptionList] = {}
    if sheet is None:
        return lists
    left_out = ColumnsLeftOut("choices")
    used = {h.column.letter for h in columns.headings if h.base in ("list_name", "name", "label")}
    for row in sheet.rows:
        list_name = columns.value(row, "list_name")
        name = columns.value(row, "name")
        place = Place("choices", row.number)
        if list_name is None or name is None:
            report.skip(place, Finding.of("an option needs a list_name and a name"))
            continue
        option_list = lists.setdefault(list_name, OptionList(list_name))
        problem = _option_problem(name, option_list)
        if problem is not None:
            report.skip(place, problem)
            continue
        label = columns.texts(row, "label")
        if not label:
            report.note(
                place, Finding.of("the option has no label: its name '{name}' is shown", name=name)
            )
            label = {columns.default_language: name}
        option_list.options.append((name, label, row.number))
        for letter in set(row.cells) - used:
            left_out.add(letter, row.number)
    left_out.report_into(report, columns.headings)
    return lists


def _option_problem(name: str, option_list: OptionList) -> Finding | None:
    if not _CHOICE_NAME.match(name) or len(name) > 64:
        return Finding.of(
            "the option name '{name}' cannot be carried: an option's name holds only letters, "
            "digits, '_', '.' or '-' (at most 64)",
            name=name,
        )
    for other, _label, row in option_list.options:
        if other == name:
            return Finding.of(
                "the option '{name}' is already in list '{list}' (row {row})",
                name=name,
                list=option_list.name,
                row=row,
            )
    return None
