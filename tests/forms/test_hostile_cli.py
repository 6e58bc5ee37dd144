"""The command line with hostile forms in `<home>/forms/`: `forms list` shows each broken one with
its located reason, and `new`, `show`, `list` and `gaps` go on with the other forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.forms.hostile import (
    edited,
    long_integer_form,
    lookahead_form,
    pathological_regex_form,
    position_of,
    put_user_forms,
)

from selfassess.cli.main import main


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_home(isolated_home: Path) -> Path:
    put_user_forms(
        isolated_home,
        {
            "good.yaml": edited("good-form", "x", "x"),
            "long-integer.yaml": long_integer_form(),
            "lookahead.yaml": lookahead_form(),
            "regex.yaml": pathological_regex_form(),
            "tiny.yaml": b"\x00\x01\x02 binary",
        },
    )
    return isolated_home


def test_forms_list_shows_each_broken_form_with_its_located_reason(
    hostile_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "forms", "list")
    assert (code, err) == (0, "")
    folder = hostile_home / "forms"
    rows = out.splitlines()
    listed = {row.split()[0] for row in rows[1:] if row and not row.startswith(" ")}
    assert {"quick-scan", "self-assessment", "good-form", "hostile-regex"} <= listed
    skipped = rows[
        rows.index("Skipped, not valid (run selfassess forms check FILE for every problem):") :
    ]
    line, column = position_of(long_integer_form(), "9" * 5000)
    assert (
        f"  {folder / 'long-integer.yaml'}:{line}:{column}: the number 999999999999… has more "
        "than 30 digits"
    ) in skipped
    assert any(f"{folder / 'lookahead.yaml'}:" in r and "needs backtracking" in r for r in skipped)
    assert any(f"{folder / 'tiny.yaml'}:" in r and "control characters" in r for r in skipped)


def test_forms_list_as_json_marks_broken_forms(
    hostile_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "forms", "list", "--json")
    entries = {Path(e["path"]).name: e for e in json.loads(out)}
    assert code == 0
    assert entries["good.yaml"]["valid"] is True
    assert entries["long-integer.yaml"]["valid"] is False
    assert entries["long-integer.yaml"]["errors"][0]["line"] is not None


def test_forms_check_refuses_the_hostile_files_with_located_errors(
    hostile_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "forms", "check", str(hostile_home / "forms"))
    assert code == 1
    assert f"{hostile_home / 'forms' / 'regex.yaml'}: ok: hostile-regex 1.0" in out
    assert f"{hostile_home / 'forms' / 'long-integer.yaml'}: 1 error" in out
    assert f"{hostile_home / 'forms' / 'lookahead.yaml'}: 1 error" in out


def test_new_show_list_and_gaps_work_beside_broken_forms(
    hostile_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "new", "--form", "good-form", "--supplier", "Kalimbi")
    assert (code, err) == (0, "")
    code, out, err = cli(
        capsys, "new", "--form", "hostile-regex", "--supplier", "Mwenga", "--entity-type", "asm"
    )
    assert (code, err) == (0, "")
    assessment = out.strip()
    answers = hostile_home / "answers.jsonl"
    answers.write_text(
        json.dumps({"question": "A2.1", "value": "exploitation"})
        + "\n"
        + json.dumps({"question": "A2.2", "value": "a" * 5000 + "!"})
        + "\n",
        encoding="utf-8",
    )
    code, _, err = cli(capsys, "answer", assessment, "--jsonl", str(answers))
    assert (code, err) == (0, "")
    code, out, _ = cli(capsys, "show", assessment)
    assert code == 0
    assert "Like CD-12345." in out  # the constraint ran, and said no, at once
    code, out, _ = cli(capsys, "list")
    assert (code, out.count("\n")) == (0, 3)
    code, out, _ = cli(capsys, "gaps", assessment)
    assert code == 0


def test_new_refuses_only_a_broken_form_by_name(
    hostile_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "new", "--form", "long-integer", "--supplier", "Kalimbi")
    assert code == 1
    assert "no valid form 'long-integer'" in err
