"""`selfassess forms ...` as a user runs it: output, exit codes and where forms are found."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from selfassess.cli.main import main

Cli = Callable[..., tuple[int, str, str]]

DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).parents[2]


def test_check_valid_file_exits_0(cli: Cli) -> None:
    code, out, _ = cli("forms", "check", str(DATA / "sample.yaml"))
    assert code == 0
    assert out.strip().endswith("ok: sample-assessment 1.0")


def test_check_reports_every_file_and_exits_1(cli: Cli) -> None:
    code, out, _ = cli("forms", "check", str(DATA / "sample.yaml"), str(DATA / "broken"))
    assert code == 1
    lines = out.splitlines()
    assert f"{DATA / 'broken' / 'unknown_reference.yaml'}: 3 errors" in lines
    assert f"{DATA / 'broken' / 'structure.yaml'}: 6 errors" in lines
    assert f"{DATA / 'sample.yaml'}: ok: sample-assessment 1.0" in lines


def test_warnings_pass_unless_strict(cli: Cli, tmp_path: Path) -> None:
    text = (DATA / "sample.yaml").read_text(encoding="utf-8")
    lacking = tmp_path / "lacking.yaml"
    lacking.write_text(text.replace("  sw: Tathmini binafsi ya mfano\n", ""), encoding="utf-8")
    code, out, _ = cli("forms", "check", str(lacking))
    assert code == 0
    assert f"{lacking}:6:1: warning: title: missing translation: sw" in out
    code, out, _ = cli("forms", "check", "--strict", str(lacking))
    assert code == 1
    assert f"{lacking}:6:1: title: missing translation: sw" in out


def test_check_json(cli: Cli) -> None:
    code, out, _ = cli("forms", "check", "--json", str(DATA / "broken" / "unknown_reference.yaml"))
    assert code == 1
    report = json.loads(out)
    *_references, diagnostic = report["files"][0]["diagnostics"]
    assert diagnostic == {
        "level": "error",
        "file": str(DATA / "broken" / "unknown_reference.yaml"),
        "line": 32,
        "column": 43,
        "where": "question B1.3: relevant",
        "message": "unknown question 'B1.9'",
    }


def test_check_missing_path_exits_1(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("forms", "check", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert "nope.yaml: no such file or folder" in err


def test_usage_errors_exit_2(cli: Cli) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["forms", "frobnicate"])
    assert exited.value.code == 2


def test_list_shows_built_in_and_user_forms(cli: Cli, isolated_home: Path) -> None:
    user_forms = isolated_home / "forms"
    user_forms.mkdir()
    shutil.copy(DATA / "sample.yaml", user_forms / "mine.yaml")
    shutil.copy(DATA / "broken" / "structure.yaml", user_forms / "bad.yaml")
    code, out, _ = cli("forms", "list")
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split() == [
        "ID",
        "VERSION",
        "TITLE",
        "LANGUAGES",
        "CRITERIA",
        "QUESTIONS",
        "WHERE",
    ]
    sample_row = next(row for row in rows if row.startswith("sample-assessment"))
    assert "Sample self-assessment" in sample_row
    assert "en,fr,sw" in sample_row
    assert sample_row.split()[-1] == str(user_forms / "mine.yaml")
    assert any("built-in:" in row for row in rows[1:])
    bad_row = next(row for row in rows if str(user_forms / "bad.yaml") in row)
    assert "(invalid: 6 errors; run selfassess forms check)" in bad_row


def test_list_in_french_and_as_json(cli: Cli, tmp_path: Path) -> None:
    home = tmp_path / "elsewhere"
    (home / "forms").mkdir(parents=True)
    shutil.copy(DATA / "sample.yaml", home / "forms" / "sample.yaml")
    code, out, _ = cli("forms", "list", "--home", str(home), "--lang", "fr")
    assert code == 0
    assert "Auto-évaluation d'exemple" in out
    code, out, _ = cli("--home", str(home), "forms", "list", "--json")
    entries = {entry["path"]: entry for entry in json.loads(out)}
    mine = entries[str(home / "forms" / "sample.yaml")]
    assert mine["origin"] == "user"
    assert mine["valid"]
    assert (mine["id"], mine["version"], mine["criteria"], mine["questions"]) == (
        "sample-assessment",
        "1.0",
        3,
        11,
    )
    assert len(mine["hash"]) == 64


def test_schema_command_prints_the_schema(cli: Cli) -> None:
    code, out, _ = cli("forms", "schema")
    assert code == 0
    assert out == (ROOT / "docs" / "form.schema.json").read_text(encoding="utf-8")


def test_version_from_the_installed_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    from selfassess import __version__

    assert result.stdout.strip() == f"selfassess {__version__}"
