"""An existing XLSForm (an ASM baseline survey a programme runs on Kobo or ODK Central) made into
a selfassess form: `selfassess forms import-xlsform FILE.xlsx -o FORM.yaml`.

    result = import_xlsform(Path("baseline.xlsx"))
    write_output(Path("baseline.yaml"), result.yaml_text.encode())
    for line in result.report.lines(): print(line)

The form passes `selfassess forms check`; everything the import left out or carried in another
shape is in `result.report`, with its sheet, row and column. A workbook that is not an XLSForm,
or that is hostile, is refused with an InvalidInput that names the sheet, row and column. The
criteria's intents, status rules and red lines are the author's to write (docs/forms.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput
from selfassess.core.findings import Finding
from selfassess.core.forms.model import FORMAT_VERSION, Form
from selfassess.core.xlsform.import_check import checked_form, form_yaml
from selfassess.core.xlsform.import_expressions import convert_expressions
from selfassess.core.xlsform.import_ids import IdMaker
from selfassess.core.xlsform.import_layout import arrange
from selfassess.core.xlsform.import_lists import (
    FormSettings,
    OptionList,
    read_choices,
    read_settings,
)
from selfassess.core.xlsform.import_questions import complete
from selfassess.core.xlsform.import_report import ImportReport, Place
from selfassess.core.xlsform.import_survey import Survey, read_survey
from selfassess.core.xlsform.import_texts import SheetColumns, language_code
from selfassess.core.xlsform.import_workbook import Workbook, read_workbook

NOT_STATED = "not stated"


@dataclass(frozen=True)
class XlsformImport:
    """The imported form, its YAML text, and the report of what was left out or changed."""

    form: Form
    yaml_text: str
    report: ImportReport


def import_xlsform(
    path: Path,
    *,
    language: str | None = None,
    publisher: str | None = None,
    licence: str | None = None,
) -> XlsformImport:
    """The XLSForm at `path` as a selfassess form; `language` is the language of text in
    columns that name none (default: the settings' default_language, else English)."""
    _check_language(language)
    report = ImportReport()
    book = read_workbook(path)
    settings = read_settings(book, path, report)
    untagged = language or settings.default_language or "en"
    survey_columns = SheetColumns.of(book.survey, untagged)
    _check_survey_columns(survey_columns, path)
    choice_columns = SheetColumns.of(book.choices, untagged) if book.choices else None
    languages = _languages(
        book,
        settings,
        language=language,
        survey=survey_columns,
        choices=choice_columns,
        report=report,
    )
    lists: dict[str, OptionList] = {}
    if book.choices is not None and choice_columns is not None:
        lists = read_choices(book.choices, choice_columns, report)
    _other_sheets(book, report)
    survey, ids = read_survey(book.survey, survey_columns, lists, languages, report)
    convert_expressions(survey, report)
    data = _form_data(
        settings, languages, survey, ids=ids, report=report, publisher=publisher, licence=licence
    )
    form = checked_form(data, survey.questions, report)
    header = _header(path)
    return XlsformImport(form, form_yaml(data, header, path.with_suffix(".yaml").name), report)


def _check_language(language: str | None) -> None:
    if language is not None and language_code(language) != language:
        raise InvalidInput.of(
            "'{code}' is not a language code; use a code such as en, fr or sw", code=language
        )


def _check_survey_columns(columns: SheetColumns, path: Path) -> None:
    bases = {heading.base for heading in columns.headings}
    for needed in ("type", "name"):
        if needed not in bases:
            raise InvalidInput.of(
                "{source}: the 'survey' sheet has no '{column}' column in its first row, so it is "
                "not an XLSForm",
                source=path,
                column=needed,
            )


def _languages(
    book: Workbook,
    settings: FormSettings,
    *,
    language: str | None,
    survey: SheetColumns,
    choices: SheetColumns | None,
    report: ImportReport,
) -> list[str]:
    """The form's languages, its default first: the settings' default_language, else the one
    given, else that of untagged columns (English unless said), else the first one found."""
    found = survey.languages(book.survey.rows)
    if choices is not None and book.choices is not None:
        found += [code for code in choices.languages(book.choices.rows) if code not in found]
    untagged_used = any(
        heading.language is None and heading.base == "label" for heading in survey.headings
    )
    default = settings.default_language or language
    if default is None and untagged_used:
        default = "en"
        report.note(
            Place("survey"),
            Finding.of(
                "texts in columns that name no language are taken as English (en); say "
                "otherwise with --language"
            ),
        )
    default = default or (found[0] if found else "en")
    return [default, *(code for code in found if code != default)]


def _other_sheets(book: Workbook, report: ImportReport) -> None:
    for name in book.other_sheets:
        key = name.strip().lower()
        if key == "entities":
            reason = Finding.of("entities (ODK's shared lists of people or places) are not carried")
        elif key == "external_choices":
            reason = Finding.of("the options of external selects are not carried")
        else:
            reason = Finding.of("this sheet is not part of an XLSForm")
        report.skip(Place(name), reason)


def _form_data(
    settings: FormSettings,
    languages: list[str],
    survey: Survey,
    *,
    ids: IdMaker,
    report: ImportReport,
    publisher: str | None,
    licence: str | None,
) -> dict[str, Any]:
    sections = arrange(survey.questions, ids, languages, report)
    if not sections:
        first = report.skipped[0].text() if report.skipped else ""
        raise InvalidInput.of(
            "no question of the workbook could be carried into a selfassess form; the first "
            "thing left out: {first}",
            first=first,
        )
    list_ids = _choice_list_ids(survey, sections)
    return {
        "format": FORMAT_VERSION,
        "id": settings.form_id,
        "version": settings.version,
        "title": {languages[0]: settings.title},
        "languages": languages,
        "default_language": languages[0],
        "publisher": publisher or NOT_STATED,
        "licence": licence or NOT_STATED,
        "choice_lists": [
            _choice_list(option_list, list_ids[name], languages, report)
            for name, option_list in survey.option_lists_used.items()
        ],
        "sections": sections,
    }


def _choice_list_ids(survey: Survey, sections: list[dict[str, Any]]) -> dict[str, str]:
    """An id for each option list used, written into the questions that use it."""
    maker = IdMaker()
    list_ids = {name: maker.claim(name) for name in survey.option_lists_used}
    for section in sections:
        for criterion in section["criteria"]:
            for question in criterion["questions"]:
                if "choices" in question:
                    question["choices"] = list_ids[question["choices"]]
    return list_ids


def _choice_list(
    option_list: OptionList, list_id: str, languages: list[str], report: ImportReport
) -> dict[str, Any]:
    choices = [
        {"name": name, "label": complete(label, languages, report, Place("choices", row))}
        for name, label, row in option_list.options
    ]
    return {"id": list_id, "choices": choices}


def _header(path: Path) -> list[str]:
    return [
        f"Imported from the XLSForm {path.name} by `selfassess forms import-xlsform`.",
        "Before use: write each criterion's intent, add status_rules, red_lines and red_flag",
        'where they belong, and set publisher and licence (docs/forms.md, "From an existing',
        'XLSForm"). Check it with `selfassess forms check`.',
    ]
