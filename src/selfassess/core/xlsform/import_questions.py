"""One survey row made into our question (or two, for a select with `or_other`): its type and
type's fields, label, help, requirement, default, and its XPath expressions kept for later.

XLSForm questions are optional unless `required` says yes; ours are required by default, so
every imported question says `required` explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from selfassess.core.findings import Finding
from selfassess.core.xlsform.import_ids import IdMaker
from selfassess.core.xlsform.import_lists import OptionList
from selfassess.core.xlsform.import_report import ImportReport, Place
from selfassess.core.xlsform.import_texts import UNKNOWN_LANGUAGE, SheetColumns, fixed_text
from selfassess.core.xlsform.import_workbook import SheetRow

_SELECT = re.compile(
    r"^(select_one|select one|select1|select_multiple|select all that apply)\s+(\S+)"
    r"(?:\s+(or_other|or specify other|or other))?$",
    re.IGNORECASE,
)
_SIMPLE: dict[str, dict[str, Any]] = {
    "text": {"type": "text"},
    "integer": {"type": "number", "integer": True},
    "int": {"type": "number", "integer": True},
    "decimal": {"type": "number"},
    "date": {"type": "date"},
    "note": {"type": "info"},
    "image": {"type": "evidence", "accepted_types": ["image/*"]},
    "photo": {"type": "evidence", "accepted_types": ["image/*"]},
    "file": {"type": "evidence"},
}
_YES = frozenset({"yes", "true", "true()"})
_NO = frozenset({"no", "false", "false()"})
_MEDIA_TYPE = re.compile(r"^([a-z]+/(\*|[a-z0-9.+\-]+)|\.[A-Za-z0-9]+)$")
Expressions = dict[str, tuple[str, str, str]]  # field -> (XPath, column letter, heading)


class RowView:
    """A survey row read by column kind, remembering which cells were used."""

    def __init__(self, row: SheetRow, columns: SheetColumns) -> None:
        self.row = row
        self.columns = columns
        self.used: set[str] = set()

    def value(self, base: str) -> str | None:
        self.use(base)
        return self.columns.value(self.row, base)

    def texts(self, base: str) -> dict[str, str]:
        self.use(base)
        return self.columns.texts(self.row, base)

    def column(self, base: str) -> tuple[str, str] | None:
        for heading in self.columns.headings:
            letter = heading.column.letter
            if heading.base == base and heading.language is None and letter in self.row.cells:
                return letter, heading.column.heading
        return None

    def use(self, *bases: str) -> None:
        """Mark the columns of `bases` used; a column in a language without a code is not."""
        for heading in self.columns.headings:
            if heading.base in bases and heading.language != UNKNOWN_LANGUAGE:
                self.used.add(heading.column.letter)

    def has_content(self) -> bool:
        headed = {h.column.letter: h.column.heading for h in self.columns.headings}
        return any(not headed.get(letter, "$").startswith("$") for letter in self.row.cells)

    def unused(self) -> list[str]:
        return [letter for letter in self.row.cells if letter not in self.used]


@dataclass(frozen=True)
class Conversion:
    """What converting a row needs: the option lists, the form's languages (default first),
    the ids given so far and the report."""

    lists: dict[str, OptionList]
    languages: list[str]
    ids: IdMaker
    report: ImportReport


@dataclass
class QuestionOutcome:
    """The questions a row makes, each with its expressions, and the option list it uses."""

    questions: list[tuple[dict[str, Any], Expressions]] = field(default_factory=list)
    option_list: OptionList | None = None


def question_data(
    view: RowView, kind: str, name: str, conversion: Conversion
) -> QuestionOutcome | Finding:
    """The row as our question(s), or why it cannot be one."""
    lists, languages = conversion.lists, conversion.languages
    ids, report = conversion.ids, conversion.report
    select = _SELECT.match(kind)
    outcome = QuestionOutcome()
    if select:
        option_list = _option_list(select.group(2), bool(select.group(3)), lists, languages)
        if option_list is None:
            return Finding.of(
                "list '{list}' is not in the choices sheet, or has no option that could be carried",
                list=select.group(2),
            )
        multiple = select.group(1).lower() in ("select_multiple", "select all that apply")
        base: dict[str, Any] = {"type": "multi_choice" if multiple else "single_choice"}
        base["choices"] = option_list.name
        outcome.option_list = option_list
    elif kind.lower() in _SIMPLE:
        base = dict(_SIMPLE[kind.lower()])
    else:
        return Finding.of("type '{type}' has no equivalent in a selfassess form", type=kind)
    place = Place("survey", view.row.number)
    data: dict[str, Any] = {"_name": name, "id": ids.claim(name, report, place), **base}
    expressions = _fill(view, data, languages, report)
    outcome.questions.append((data, expressions))
    if select and select.group(3):
        outcome.questions.append(_specify_other(view, name, languages, ids, report))
    return outcome


def _option_list(
    list_name: str, or_other: bool, lists: dict[str, OptionList], languages: list[str]
) -> OptionList | None:
    found = lists.get(list_name)
    if found is None or not found.options:
        return None
    if not or_other or any(option[0] == "other" for option in found.options):
        return found
    return OptionList(
        f"{list_name}_or_other", [*found.options, ("other", fixed_text("other", languages), 0)]
    )


def _specify_other(
    view: RowView, name: str, languages: list[str], ids: IdMaker, report: ImportReport
) -> tuple[dict[str, Any], Expressions]:
    """The text question XLSForm adds after a select `or_other`, asked when "other" is ticked."""
    other_name = f"{name}_other"
    data: dict[str, Any] = {
        "_name": other_name,
        "id": ids.claim(other_name, report, Place("survey", view.row.number)),
        "type": "text",
        "label": fixed_text("specify_other", languages),
        "required": False,
    }
    expressions = {"relevant": (f"selected(${{{name}}}, 'other')", "", "or_other")}
    return data, expressions


def _fill(
    view: RowView, data: dict[str, Any], languages: list[str], report: ImportReport
) -> Expressions:
    """Label, help, requirement, default and expressions of the question in `data`."""
    data["label"] = _label(view, data["_name"], languages, report)
    help_text = _joined(view.texts("hint"), view.texts("guidance_hint"))
    if help_text:
        data["help"] = complete(help_text, languages, report, _place(view, "hint"))
    expressions: Expressions = {}
    _expression(view, "relevant", "relevant", expressions)
    if data["type"] == "info":
        return expressions
    _required(view, data, expressions)
    if _expression(view, "constraint", "constraint", expressions):
        message = view.texts("constraint_message") or fixed_text("not_accepted", languages)
        data["_constraint_message"] = complete(
            message, languages, report, _place(view, "constraint_message")
        )
    if data["type"] == "text" and "multiline" in (view.columns.value(view.row, "appearance") or ""):
        data["multiline"] = True
        view.use("appearance")
    if data["type"] == "evidence" and "accepted_types" not in data:
        accepted = [t.strip() for t in (view.value("body::accept") or "").split(",")]
        if any(_MEDIA_TYPE.match(t) for t in accepted):
            data["accepted_types"] = [t for t in accepted if _MEDIA_TYPE.match(t)]
    _default(view, data, report)
    return expressions


def _label(view: RowView, name: str, languages: list[str], report: ImportReport) -> dict[str, str]:
    label = view.texts("label")
    place = _place(view, "label")
    if not label:
        report.note(
            place, Finding.of("the question has no label: its name '{name}' is shown", name=name)
        )
        return {languages[0]: name}
    if any("${" in text for text in label.values()):
        report.note(
            place,
            Finding.of(
                "the label shows other answers in ODK; selfassess shows it as written: reword it"
            ),
        )
    return complete(label, languages, report, place)


def complete(
    text: dict[str, str], languages: list[str], report: ImportReport, place: Place
) -> dict[str, str]:
    """`text` in the form's languages, default first; when the default language is missing, the
    text of another language stands in for it, and the report says so."""
    default = languages[0]
    if default not in text:
        stand_in = next((language for language in languages if language in text), next(iter(text)))
        report.note(
            place,
            Finding.of(
                "no text in {default}, the default language: the {other} text is used",
                default=default,
                other=stand_in,
            ),
        )
        text = {default: text[stand_in], **text}
    ordered = {language: text[language] for language in languages if language in text}
    return ordered or {default: next(iter(text.values()))}


def _joined(first: dict[str, str], second: dict[str, str]) -> dict[str, str]:
    joined = dict(first)
    for language, text in second.items():
        joined[language] = f"{joined[language]}\n\n{text}" if language in joined else text
    return joined


def _place(view: RowView, base: str) -> Place:
    for heading in view.columns.headings:
        if heading.base == base and heading.column.letter in view.row.cells:
            return Place("survey", view.row.number, heading.column.letter, heading.column.heading)
    return Place("survey", view.row.number)


def _expression(view: RowView, base: str, field_name: str, expressions: Expressions) -> bool:
    source = view.value(base)
    column = view.column(base)
    if source is None or column is None:
        return False
    expressions[field_name] = (source, *column)
    return True


def _required(view: RowView, data: dict[str, Any], expressions: Expressions) -> None:
    value = view.value("required")
    data["required"] = False
    if value is None or value.strip().lower() in _NO:
        return
    if value.strip().lower() in _YES:
        data["required"] = True
        return
    _expression(view, "required", "required", expressions)


def _default(view: RowView, data: dict[str, Any], report: ImportReport) -> None:
    value = view.columns.value(view.row, "default")
    if value is None or data["type"] == "evidence" or "${" in value or "(" in value:
        return  # a computed default is reported with its column
    converted = _default_value(data, value)
    view.use("default")
    if converted is None:
        report.skip(
            _place(view, "default"),
            Finding.of("the default '{value}' does not fit the question", value=value),
        )
        return
    data["default"] = converted


def _default_value(data: dict[str, Any], value: str) -> object:
    kind = data["type"]
    if kind in ("text", "single_choice"):
        return value
    if kind == "multi_choice":
        return value.split()
    if kind == "date":
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    try:
        number = float(value)
    except ValueError:
        return None
    if data.get("integer") and not number.is_integer():
        return None
    return int(number) if number.is_integer() else number
