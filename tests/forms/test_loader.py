"""Loading form files: the sample is clean; each broken file gets exactly its located messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.core.forms.loader import load_form, load_form_text
from selfassess.core.forms.model import RatingQuestion, SingleChoiceQuestion

DATA = Path(__file__).parents[1] / "data"
BROKEN = DATA / "broken"


def messages(name: str) -> list[str]:
    result = load_form(BROKEN / name, f"broken/{name}")
    return [diagnostic.format() for diagnostic in result.diagnostics]


def test_sample_form_is_clean_and_complete() -> None:
    result = load_form(DATA / "sample.yaml")
    assert result.diagnostics == []
    assert result.form is not None
    types = {question.type for question in result.form.questions()}
    assert types == {
        "rating",
        "yes_no",
        "single_choice",
        "multi_choice",
        "text",
        "number",
        "date",
        "evidence",
        "info",
    }


EXPECTED = {
    "unknown_reference.yaml": [
        "broken/unknown_reference.yaml:23:34: criterion B1: references[2].clause: unknown clause "
        "'Stpe 2' of OECD-DDG (its clauses are: Step 1, Step 2)",
        "broken/unknown_reference.yaml:24:14: criterion B1: references[3].standard: unknown "
        "standard 'ILO' (declare it under standards)",
        "broken/unknown_reference.yaml:32:43: question B1.3: relevant: unknown question 'B1.9'",
    ],
    "duplicates_and_empty.yaml": [
        "broken/duplicates_and_empty.yaml:19:13: question A1.1: id: duplicate id 'A1.1' "
        "(first used at line 16)",
        "broken/duplicates_and_empty.yaml:22:5: section C: section 'C' has no criteria",
    ],
    "expressions.yaml": [
        "broken/expressions.yaml:15:25: criterion A1: applicability: applicability may only "
        "use profile fields, not questions",
        "broken/expressions.yaml:20:24: question A1.1: relevant: unknown function 'frobnicate'",
        "broken/expressions.yaml:24:13: question A1.2: choices: unknown choice list 'recordz'",
        "broken/expressions.yaml:25:13: question A1.2: required: write true or false, not 'yes'",
        "broken/expressions.yaml:29:24: question A1.3: red_flag: evidence cannot be compared; "
        "use evidence_count()",
        "broken/expressions.yaml:31:35: question A1.3: constraints[1].expression: expected a "
        "value, a ${question}, a function call or '(', found end of expression",
        "broken/expressions.yaml:36:13: question A1.4: relevant: a question's relevance cannot "
        "depend on its own answer",
        "broken/expressions.yaml:36:24: question A1.4: relevant: question 'A1.4' is an info "
        "question and has no answer",
    ],
    "structure.yaml": [
        "broken/structure.yaml:12:9: criterion A1: missing required field 'title'",
        "broken/structure.yaml:13:9: criterion A1: unknown field 'titel'; did you mean 'title'?",
        "broken/structure.yaml:16:13: question A1.1: unknown question type 'slider'; expected "
        "one of 'rating', 'yes_no', 'single_choice', 'multi_choice', 'text', 'number', 'date', "
        "'evidence', 'info'",
        "broken/structure.yaml:19:13: criterion A1: questions[2]: missing required field 'id'",
        "broken/structure.yaml:21:17: question 1bad: id: '1bad' is not a valid id: use letters, "
        "digits, '.', '_' or '-', starting with a letter",
        "broken/structure.yaml:23:25: question 1bad: label.EN: 'EN' is not a language code; "
        "use a code such as en, fr or sw",
    ],
    "not_yaml.yaml": [
        "broken/not_yaml.yaml:4:1: not valid YAML: while scanning a quoted scalar found "
        "unexpected end of stream",
    ],
    "translations.yaml": [
        "broken/translations.yaml:3:1: warning: title: missing translation: sw",
        "broken/translations.yaml:10:5: section A: title: no text in the default language 'en'",
        "broken/translations.yaml:10:5: warning: section A: title: missing translation: sw",
        "broken/translations.yaml:13:9: warning: criterion A1: title: text in undeclared "
        "language: de",
        "broken/translations.yaml:15:9: warning: criterion A1: red_line: red-line criterion "
        "'A1' has no red_flag question to detect it",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_files_get_every_located_message(name: str) -> None:
    assert messages(name) == EXPECTED[name]


def test_every_broken_file_has_expectations() -> None:
    assert sorted(path.name for path in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


def test_a_form_with_errors_is_not_returned() -> None:
    result = load_form(BROKEN / "unknown_reference.yaml")
    assert result.form is None
    assert not result.ok()


def test_warnings_only_fail_when_strict() -> None:
    text = (
        (DATA / "sample.yaml")
        .read_text(encoding="utf-8")
        .replace("sw: Tathmini binafsi ya mfano", "sw: ''")
    )
    result = load_form_text(text.replace("  sw: ''\n", ""), "sample.yaml")
    assert [d.message for d in result.warnings] == ["missing translation: sw"]
    assert result.ok()
    assert not result.ok(strict=True)


MINIMAL = """\
id: minimal
version: "1"
title: {en: Minimal}
languages: [en]
default_language: en
publisher: tests
licence: CC0-1.0
settings:
  rating_scale:
    - label: {en: None}
    - label: {en: Some}
    - label: {en: Most}
    - label: {en: All}
sections:
  - id: A
    title: {en: A}
    criteria:
      - id: A1
        title: {en: A1}
        intent: {en: Intent}
        questions:
%s
"""


def minimal(questions: str) -> str:
    return MINIMAL % questions


def errors_of(text: str) -> list[str]:
    return [d.format() for d in load_form_text(text, "f.yaml").errors]


def test_yaml_1_1_booleans_stay_text() -> None:
    result = load_form_text(
        minimal(
            "          - id: q\n            type: single_choice\n            label: {en: Q}\n"
            "            choices:\n              - {name: yes, label: {en: Yes}}\n"
            "              - {name: no, label: {en: No}}\n"
            "              - {name: on, label: {en: On}}\n"
        ),
        "f.yaml",
    )
    assert result.form is not None
    question = next(result.form.questions())
    assert isinstance(question, SingleChoiceQuestion)
    assert [c.name for c in result.form.choices_of(question)] == ["yes", "no", "on"]
    assert [c.label["en"] for c in result.form.choices_of(question)] == ["Yes", "No", "On"]


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("x: &a {en: A}\ny: *a\n", "f.yaml:2:4: anchors and aliases are not supported"),
        ("id: one\nid: two\n", "f.yaml:2:1: duplicate key 'id' (first given at line 1)"),
        (
            "x: !!python/object:os.system {}\n",
            "f.yaml:1:4: unsupported tag tag:yaml.org,2002:python/object:os.system",
        ),
        ("a: 1\n---\nb: 2\n", "f.yaml:3:1: the file holds more than one YAML document"),
        ("", "f.yaml:1:1: the file is empty"),
        ("- a\n- b\n", "f.yaml:1:1: a form must be a mapping of keys"),
        ("<<: {a: 1}\n", "f.yaml:1:1: merge keys are not supported"),
    ],
)
def test_yaml_constructs_we_refuse(snippet: str, message: str) -> None:
    assert message in errors_of(snippet)


def test_not_utf8_and_oversized_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: x\ntitle: {fr: \xe9t\xe9}\n")
    assert [d.format() for d in load_form(latin, "latin.yaml").errors] == [
        "latin.yaml:2:1: the file is not UTF-8 text"
    ]
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (8 * 1024 * 1024 + 1))
    assert [d.message for d in load_form(huge).errors] == ["the file is larger than 8 MB"]
    missing = load_form(tmp_path / "absent.yaml", "absent.yaml")
    assert missing.errors[0].message.startswith("cannot read the file")


@pytest.mark.parametrize(
    ("written", "column"),
    [
        ("relevant: ${nope} = 1", 23),
        ("relevant: '${nope} = 1'", 24),
        ('relevant: "${nope} = 1"', 24),
    ],
)
def test_expression_errors_point_inside_plain_and_quoted_text(written: str, column: int) -> None:
    question = (
        "          - id: q\n            type: yes_no\n            label: {en: Q}\n"
        f"            {written}\n"
    )
    assert errors_of(minimal(question)) == [
        f"f.yaml:25:{column}: question q: relevant: unknown question 'nope'"
    ]


def test_all_errors_of_a_file_come_in_one_run() -> None:
    question = (
        "          - id: q\n            type: number\n            label: {en: Q}\n"
        "            min: 5\n            max: 1\n            relevant: ${a} = 1\n"
        "            required: ${b} = 1\n            red_flag: . = 'x'\n"
    )
    found = errors_of(minimal(question))
    assert found == [
        "f.yaml:25:13: question q: min: min (5) is greater than max (1)",
        "f.yaml:27:23: question q: relevant: unknown question 'a'",
        "f.yaml:28:23: question q: required: unknown question 'b'",
        "f.yaml:29:23: question q: red_flag: cannot compare a number with a text",
    ]


def test_relevance_cycles_are_found() -> None:
    questions = "".join(
        f"          - id: {qid}\n            type: yes_no\n            label: {{en: Q}}\n"
        f"            relevant: ${{{other}}}\n"
        for qid, other in (("a", "b"), ("b", "c"), ("c", "a"))
    )
    assert errors_of(minimal(questions)) == [
        "f.yaml:25:13: question a: relevant: relevance cycle: a → b → c → a"
    ]


def test_rating_defaults_to_allowing_na() -> None:
    result = load_form_text(
        minimal("          - id: q\n            type: rating\n            label: {en: Q}\n"),
        "f.yaml",
    )
    assert result.form is not None
    question = next(result.form.questions())
    assert isinstance(question, RatingQuestion)
    assert question.allow_na
