"""Hostile form files: each is refused with a located message, or loads and stays harmless, and
none stops the other forms from loading."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.forms.hostile import (
    LONG_DIGITS,
    PATHOLOGICAL,
    SAMPLE_TEXT,
    edited,
    long_integer_form,
    lookahead_form,
    pathological_regex_form,
    position_of,
    put_user_forms,
)

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.expr import MappingContext, evaluate
from selfassess.core.forms.catalog import Origin, broken_user_forms, discover
from selfassess.core.forms.expressions import compiled
from selfassess.core.forms.loader import MAX_REPORTED, load_form, load_form_text
from selfassess.core.forms.model import Form, TextQuestion
from selfassess.core.forms.yaml_source import load_yaml
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store


def errors_of(text: str, name: str = "f.yaml") -> list[str]:
    return [d.format() for d in load_form_text(text, name).errors]


def test_a_pathological_pattern_passes_and_its_constraint_answers_at_once() -> None:
    result = load_form_text(pathological_regex_form(), "hostile.yaml")
    assert result.errors == []
    assert result.form is not None
    (question,) = [q for q in result.form.questions() if q.id == "A2.2"]
    assert isinstance(question, TextQuestion)
    constraint = compiled(question.constraints[0].expression)
    # 2**60 steps for a backtracking engine; RE2 reads the text once
    context = MappingContext(answers={"A2.2": "a" * 60 + "!"}, current="A2.2")
    assert evaluate(constraint, context) is False
    context = MappingContext(answers={"A2.2": "a" * 15}, current="A2.2")
    assert evaluate(constraint, context) is True


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("'(?=CD)[A-Z]{2}-[0-9]+'", "needs backtracking"),
        ("'(?<!x)CD-[0-9]+'", "needs backtracking"),
        (r"'(CD)-\\\\1'", "needs backtracking"),
        ("'[A-Z'", "invalid pattern: unterminated character set"),
        (r"'[A-Z]{2}-[0-9]{3,8}\\\\Z'", "write \\z for the end of the text, not \\Z"),
    ],
)
def test_patterns_that_need_backtracking_or_do_not_compile_are_refused_where_written(
    pattern: str, said: str
) -> None:
    text = edited("bad-pattern", "'[A-Z]{2}-[0-9]{3,8}'", pattern)
    line, column = position_of(text, pattern)
    (error,) = errors_of(text, "bad.yaml")
    assert error.startswith(f"bad.yaml:{line}:{column}: question A2.2: constraints[1].expression:")
    assert said in error


def test_lookahead_form_names_the_question_and_the_construct() -> None:
    (error,) = errors_of(lookahead_form())
    assert "question A2.2" in error
    assert "lookarounds such as (?=…)" in error


def test_a_5000_digit_integer_is_one_located_error() -> None:
    text = long_integer_form()
    line, column = position_of(text, LONG_DIGITS)
    assert errors_of(text) == [
        f"f.yaml:{line}:{column}: the number 999999999999… has more than 30 digits"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e400", "the number 1e400 is too large"),
        ("-1e400", "the number -1e400 is too large"),
        ("9" * 400 + ".5", "the number 999999999999… is too large"),
        ("nan", "input should be a finite number"),
        ("'inf'", "input should be a finite number"),
    ],
)
def test_numbers_beyond_floats_and_nan_are_located(value: str, message: str) -> None:
    text = edited("numbers", "            max: 80\n", f"            max: {value}\n")
    line, column = position_of(text, f"max: {value}")
    (error,) = errors_of(text)
    assert error.startswith(f"f.yaml:{line}:")
    assert error.endswith(message)
    assert int(error.split(":")[2]) in (column, column + len("max: "))


def test_a_billion_laughs_is_refused_without_being_expanded() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 30):  # 10**30 strings if expanded
        aliases = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    errors = errors_of("\n".join(lines) + "\n")
    aliases = [e for e in errors if "anchors and aliases are not supported" in e]
    assert aliases[0] == "f.yaml:2:10: anchors and aliases are not supported"
    assert errors[-1].startswith("f.yaml: and ")  # 290 aliases, the first ones reported


@pytest.mark.parametrize("depth", [70, 999, 5000, 100_000])
def test_deep_nesting_is_one_located_error(depth: int) -> None:
    text = SAMPLE_TEXT + "extra: " + "[" * depth + "]" * depth + "\n"
    errors = errors_of(text)
    assert any(":" in e and "nest" in e for e in errors), errors
    assert len(errors) <= 2  # the nesting, and the unknown field that holds it


def test_deep_block_nesting_is_located() -> None:
    text = SAMPLE_TEXT + "".join("  " * level + "k:\n" for level in range(1100))
    assert any("nest" in e for e in errors_of(text))


def test_an_expression_beyond_the_length_limit_is_located() -> None:
    long_condition = " or ".join(["${A1.1} = 1"] * 1000)
    text = edited("long", 'relevant: "${A1.1} >= 2"', f'relevant: "{long_condition}"')
    (error,) = errors_of(text)
    assert "expression is longer than 10000 characters" in error
    assert error.startswith("f.yaml:")


def test_a_deeply_nested_expression_is_located_not_a_recursion_error() -> None:
    nested = "max(" * 99 + "1" + ")" * 99
    text = edited("nested", 'relevant: "${A1.1} >= 2"', f'relevant: "{nested} > 0"')
    (error,) = errors_of(text)
    assert error.endswith("the expression is nested too deeply")


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(SAMPLE_TEXT.encode().replace("Rédigez".encode(), b"R\xe9digez"))
    line, _column = position_of(SAMPLE_TEXT, "Rédigez")
    result = load_form(path, "latin1.yaml")
    assert [d.format() for d in result.errors] == [
        f"latin1.yaml:{line}:1: the file is not UTF-8 text"
    ]


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    assert load_form(binary).errors[0].message == "the file is not UTF-8 text"


def test_a_file_of_too_many_values_is_refused_before_it_is_built() -> None:
    flat = "questions:\n" + "- a\n" * 520_000  # 2 MB; 520,000 values to validate
    assert errors_of(flat) == ["f.yaml: the file holds more than 500000 keys, values and items"]


def test_a_file_of_many_thousand_mistakes_reports_the_first_and_counts_the_rest() -> None:
    text = SAMPLE_TEXT + "".join(f"extra_{index}: 1\n" for index in range(5000))
    errors = errors_of(text)
    assert len(errors) == MAX_REPORTED + 1
    assert errors[0].endswith("unknown field 'extra_0'")
    assert errors[-1] == f"f.yaml: and {5000 - MAX_REPORTED} more problems"


def test_a_pinned_form_whose_pattern_is_now_refused_still_evaluates(isolated_home: Path) -> None:
    """An assessment filled against a lookahead pattern before RE2 keeps opening: the constraint
    says the answer could not be checked, and why."""
    data, _source_map, problems = load_yaml(lookahead_form())
    assert problems == []
    form = Form.model_validate(data)  # as the store reads a pinned form back
    service = AssessmentService(Store.open(isolated_home))
    try:
        assessment = service.create(form, Profile(organisation="Kalimbi", entity_type="asm"))
        service.set_answer(assessment.id, "A2.1", "exploitation")
        service.set_answer(assessment.id, "A2.2", "CD-1234")
        (problem,) = service.evaluate(assessment.id).states["A2.2"].problems
    finally:
        service.store.close()
    assert problem.message.startswith("This answer could not be checked: the pattern needs")


def test_control_characters_and_duplicate_keys_are_located() -> None:
    assert errors_of("id: a\x00b\n")[0].startswith("f.yaml: not valid YAML: unacceptable")
    duplicated = SAMPLE_TEXT.replace('version: "1.0"\n', 'version: "1.0"\nversion: "2.0"\n', 1)
    line, _ = position_of(duplicated, 'version: "2.0"')
    assert errors_of(duplicated) == [
        f"f.yaml:{line}:1: duplicate key 'version' (first given at line {line - 1})"
    ]


def test_a_lone_surrogate_in_text_given_directly_is_located() -> None:
    (error,) = errors_of("id: x\ntitle: {en: \ud800}\n")
    assert error == "f.yaml:2:13: not valid YAML: a character is not Unicode"


def test_a_bad_user_form_is_skipped_and_the_others_load(isolated_home: Path) -> None:
    put_user_forms(
        isolated_home,
        {
            "a-good.yaml": edited("good", "x", "x"),
            "b-regex.yaml": pathological_regex_form(),
            "c-long.yaml": long_integer_form(),
            "d-lookahead.yaml": lookahead_form(),
            "e-binary.yaml": b"\xff\xfe\x00garbage",
            "f-bomb.yaml": "a: &a [x, x]\nb: [*a, *a]\n",
            "g-empty.yml": "",
        },
    )
    entries = discover(isolated_home)
    built_in = [e for e in entries if e.origin is Origin.BUILT_IN]
    assert built_in
    assert all(e.result.form is not None for e in built_in)
    usable = {e.path.name: e.result.form.id for e in entries if e.result.form is not None}
    assert usable["a-good.yaml"] == "good"
    assert usable["b-regex.yaml"] == "hostile-regex"
    broken = {e.path.name: e.result.errors[0].message for e in broken_user_forms(isolated_home)}
    assert sorted(broken) == [
        "c-long.yaml",
        "d-lookahead.yaml",
        "e-binary.yaml",
        "f-bomb.yaml",
        "g-empty.yml",
    ]
    assert broken["c-long.yaml"].startswith("the number 999999999999…")
    assert broken["g-empty.yml"] == "the file is empty"


def test_an_unreadable_form_file_is_reported_not_raised(isolated_home: Path) -> None:
    folder = put_user_forms(isolated_home, {"good.yaml": edited("good", "x", "x")})
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "folder.yaml").mkdir()
    names = {e.path.name for e in discover(isolated_home) if e.origin is Origin.USER}
    assert names == {"good.yaml"}  # links to nothing and folders are not form files


def test_a_pipe_or_a_folder_given_as_a_form_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert [d.message for d in load_form(pipe).errors] == [
        "not a file (a folder, a pipe or a device)"
    ]
    assert load_form(tmp_path).errors[0].message == "not a file (a folder, a pipe or a device)"


def test_unforeseen_failures_become_a_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_checks(*_args: object) -> list[object]:
        raise LookupError("a bug in a check")

    monkeypatch.setattr("selfassess.core.forms.loader.check_structure", broken_checks)
    (error,) = errors_of(SAMPLE_TEXT)
    assert error == (
        "f.yaml: the form could not be checked (LookupError: a bug in a check); it is skipped"
    )


def test_sample_stays_valid_under_the_new_limits() -> None:
    assert load_form_text(SAMPLE_TEXT, "sample.yaml").diagnostics == []
    assert PATHOLOGICAL in pathological_regex_form()
