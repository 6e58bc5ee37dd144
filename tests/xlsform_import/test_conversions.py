"""The shapes XLSForms come in: languages said several ways, names our ids cannot hold, bad
options, deep groups, expressions our checker refuses, defaults, calculates; each carried or
reported with its row and column, and the form always passes `forms check`."""

from __future__ import annotations

from pathlib import Path

from tests.xlsform_import.workbooks import Rows, write_xlsform

from selfassess.core.forms.loader import load_form_text
from selfassess.core.forms.model import (
    EvidenceQuestion,
    NumberQuestion,
    Question,
    SingleChoiceQuestion,
)
from selfassess.core.xlsform.importing import XlsformImport, import_xlsform

YES_NO: Rows = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]


def imported(
    tmp_path: Path,
    survey: Rows,
    choices: Rows | None = None,
    settings: dict[str, object] | None = None,
    **options: str,
) -> XlsformImport:
    path = write_xlsform(tmp_path / "form.xlsx", survey, choices, settings)
    result = import_xlsform(path, **options)
    assert load_form_text(result.yaml_text, "form.yaml").errors == []
    return result


def by_id(result: XlsformImport) -> dict[str, Question]:
    return {question.id: question for question in result.form.questions()}


def test_plain_label_columns_are_english_unless_said(tmp_path: Path) -> None:
    survey: Rows = [{"type": "text", "name": "site", "label": "Site"}]
    result = imported(tmp_path, survey)
    assert result.form.languages == ["en"]
    assert "taken as English (en)" in "\n".join(result.report.lines())
    result = imported(tmp_path, [{"type": "text", "name": "site", "label": "Site"}], language="fr")
    assert result.form.languages == ["fr"]
    assert by_id(result)["site"].label == {"fr": "Site"}


def test_the_settings_default_language_comes_first(tmp_path: Path) -> None:
    survey: Rows = [
        {"type": "text", "name": "site", "label::English (en)": "Site", "label::fr": "Lieu"},
        {"type": "text", "name": "chief", "label::English (en)": "Chief"},
    ]
    result = imported(tmp_path, survey, settings={"default_language": "Français"})
    assert result.form.languages == ["fr", "en"]
    assert by_id(result)["chief"].label == {"fr": "Chief", "en": "Chief"}
    assert (
        "survey, row 3, column C (label::English (en)): no text in fr, the default language: "
        "the en text is used"
    ) in result.report.lines()


def test_a_language_without_a_code_is_reported_by_column(tmp_path: Path) -> None:
    survey: Rows = [{"type": "text", "name": "site", "label": "Site", "label::Klingon": "tlhIngan"}]
    lines = imported(tmp_path, survey).report.lines()
    assert any(
        line.startswith(
            "survey, row 2, column D (label::Klingon): skipped: its language has no code"
        )
        for line in lines
    )


def test_names_our_ids_cannot_hold_are_renamed_everywhere(tmp_path: Path) -> None:
    survey: Rows = [
        {"type": "select_one yn", "name": "_consent", "label": "Consent?"},
        {"type": "text", "name": "site", "label": "Site", "relevant": "${_consent} = 'yes'"},
        {"type": "text", "name": "site", "label": "Again"},
    ]
    result = imported(tmp_path, survey, YES_NO)
    questions = by_id(result)
    assert questions["site"].relevant == "${consent} = 'yes'"
    lines = result.report.lines()
    assert any("the name '_consent' becomes the id 'consent'" in line for line in lines)
    assert "survey, row 4: skipped: 'site' is already the name of row 3" in lines


def test_option_rows_that_cannot_be_carried(tmp_path: Path) -> None:
    choices: Rows = [
        *YES_NO,
        {"list_name": "yn", "name": "yes", "label": "Yes again"},
        {"list_name": "yn", "name": "a b", "label": "Spaced"},
        {"name": "orphan", "label": "No list"},
        {"list_name": "yn", "name": "dk"},
    ]
    survey: Rows = [
        {"type": "select_one yn", "name": "q", "label": "Q"},
        {"type": "select_one missing_list", "name": "r", "label": "R"},
    ]
    result = imported(tmp_path, survey, choices)
    question = by_id(result)["q"]
    assert isinstance(question, SingleChoiceQuestion)
    assert [c.name for c in result.form.choices_of(question)] == ["yes", "no", "dk"]
    lines = result.report.lines()
    assert "choices, row 4: skipped: the option 'yes' is already in list 'yn' (row 2)" in lines
    assert any(line.startswith("choices, row 5: skipped: the option name 'a b'") for line in lines)
    assert "choices, row 6: skipped: an option needs a list_name and a name" in lines
    assert "choices, row 7: the option has no label: its name 'dk' is shown" in lines
    assert any(line.startswith("survey, row 3: skipped: list 'missing_list'") for line in lines)


def test_deep_groups_are_flattened_into_their_criterion(tmp_path: Path) -> None:
    survey: Rows = [
        {"type": "integer", "name": "n", "label": "N"},
        {"type": "begin group", "name": "a", "label": "A", "relevant": "${n} > 0"},
        {"type": "begin group", "name": "b", "label": "B", "relevant": "${n} > 1"},
        {"type": "begin_group", "name": "c", "label": "C", "relevant": "${n} > 2"},
        {"type": "text", "name": "deep", "label": "Deep"},
        {"type": "end_group"},
        {"type": "text", "name": "mid", "label": "Mid"},
        {"type": "end group"},
        {"type": "text", "name": "top", "label": "Top"},
        {"type": "end group"},
        {"type": "text", "name": "after", "label": "After"},
    ]
    result = imported(tmp_path, survey)
    layout = [
        (s.id, [(c.id, [q.id for q in c.questions]) for c in s.criteria])
        for s in result.form.sections
    ]
    assert layout == [
        ("general", [("general-questions", ["n"])]),
        ("a", [("b", ["deep", "mid"]), ("a-questions", ["top"])]),
        ("general_2", [("general_2-questions", ["after"])]),
    ]
    questions = by_id(result)
    assert questions["deep"].relevant == "${n} > 0 and ${n} > 1 and ${n} > 2"
    assert questions["top"].relevant == "${n} > 0"


def test_an_expression_our_checker_refuses_is_left_out_and_reported(tmp_path: Path) -> None:
    survey: Rows = [
        {"type": "text", "name": "name", "label": "Name"},
        {"type": "integer", "name": "n", "label": "N", "relevant": "${name} > 3"},
        {"type": "select_one yn", "name": "q", "label": "Q", "constraint": ". = 'maybe'"},
    ]
    result = imported(tmp_path, survey, YES_NO)
    questions = by_id(result)
    assert questions["n"].relevant is None
    assert questions["q"].constraints == []
    lines = "\n".join(result.report.lines())
    assert "survey, row 3, column D (relevant): skipped: selfassess cannot use it:" in lines
    assert "survey, row 4, column E (constraint): skipped: selfassess cannot use it:" in lines
    assert "'maybe' is not a choice" in lines


def test_required_defaults_and_evidence_types(tmp_path: Path) -> None:
    survey: Rows = [
        {"type": "integer", "name": "n", "label": "N", "required": True, "default": "5"},
        {"type": "decimal", "name": "d", "label": "D", "required": "${n} > 2", "default": "x"},
        {"type": "text", "name": "t", "label": "T", "required": "no", "default": "${n}"},
        {"type": "file", "name": "f", "label": "F", "body::accept": ".pdf, .xlsx, nonsense"},
        {"type": "integer", "name": "m", "label": "M", "required_message": "Needed!"},
    ]
    result = imported(tmp_path, survey)
    questions = by_id(result)
    n, d = questions["n"], questions["d"]
    assert isinstance(n, NumberQuestion)
    assert (n.required, n.default) == (True, 5)
    assert isinstance(d, NumberQuestion)
    assert (d.required, d.default) == ("${n} > 2", None)
    evidence = questions["f"]
    assert isinstance(evidence, EvidenceQuestion)
    assert evidence.accepted_types == [".pdf", ".xlsx"]
    lines = "\n".join(result.report.lines())
    assert "survey, row 3, column E (default): skipped: the default 'x' does not fit" in lines
    assert "survey, row 4, column E (default): skipped: a default worked out from" in lines
    assert "survey, row 6, column G (required_message): skipped: selfassess says itself" in lines


def test_calculates_that_cannot_be_carried(tmp_path: Path) -> None:
    survey: Rows = [
        {"type": "integer", "name": "n", "label": "N"},
        {"type": "calculate", "name": "unused", "calculation": "${n} * 2"},
        {"type": "calculate", "name": "a", "calculation": "${b} + 1"},
        {"type": "calculate", "name": "b", "calculation": "${a} + 1"},
        {"type": "text", "name": "t", "label": "T", "relevant": "${a} > 1"},
        {"type": "calculate", "name": "empty"},
    ]
    result = imported(tmp_path, survey)
    assert by_id(result)["t"].relevant is None
    lines = "\n".join(result.report.lines())
    assert "survey, row 3: skipped: calculate 'unused' is used by no carried expression" in lines
    assert "calculate 'a' depends on itself through other calculations" in lines
    assert "survey, row 6, column E (relevant): skipped: it uses ${a}, which is left out" in lines
    assert "survey, row 7: skipped: the calculate row has no calculation" in lines


def test_other_sheets_and_types_are_reported(tmp_path: Path) -> None:
    survey: Rows = [
        {"type": "text", "name": "t", "label": "Hello ${t}"},
        {"type": "range", "name": "r", "label": "R"},
        {"type": "note"},
        {"label": "A row without a type"},
    ]
    path = write_xlsform(
        tmp_path / "form.xlsx",
        survey,
        extra_sheets={"entities": [{"list_name": "sites", "label": "${t}"}], "Sheet9": []},
    )
    lines = "\n".join(import_xlsform(path).report.lines())
    assert "entities: skipped: entities (ODK's shared lists of people or places)" in lines
    assert "Sheet9: skipped: this sheet is not part of an XLSForm" in lines
    assert "survey, row 3: skipped: type 'range' has no equivalent" in lines
    assert "survey, row 4: skipped: a 'note' row needs a name" in lines
    assert "survey, row 5: skipped: the row has no type" in lines
    assert "survey, row 2, column C (label): the label shows other answers in ODK" in lines
