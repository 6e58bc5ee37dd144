"""`selfassess forms import-xlsform FILE.xlsx -o FORM.yaml` as an author runs it: the form is
written whole, passes `forms check` and shows in `forms list`; what was left out is on standard
error by row; a refusal writes nothing; an existing file is replaced only with --force."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.xlsform_import.workbooks import ROW_REPEAT_BEGIN, asm_baseline

from selfassess.cli.main import main

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_import_writes_a_form_that_checks_and_lists(
    cli: Cli, tmp_path: Path, isolated_home: Path
) -> None:
    workbook = asm_baseline(tmp_path / "baseline.xlsx")
    forms = isolated_home / "forms"
    forms.mkdir()
    output = forms / "baseline.yaml"
    code, out, err = cli(
        "forms", "import-xlsform", str(workbook), "-o", str(output), "--publisher", "Programme X"
    )
    assert code == 0, err
    assert out.startswith(f"Wrote {output}: asm_baseline_2024 2024061201, 21 questions")
    assert f"survey, rows {ROW_REPEAT_BEGIN} to 34: repeat 'pits'" in err
    assert "survey, row 2: 'start' is recorded by the phone" in err
    assert "docs/forms.md" in err
    assert "publisher: Programme X" in output.read_text(encoding="utf-8")
    code, out, err = cli("forms", "check", str(output))
    assert code == 0, out + err
    code, out, _ = cli("forms", "list")
    assert "asm_baseline_2024" in out
    assert "invalid" not in out


def test_an_existing_form_is_replaced_only_with_force(cli: Cli, tmp_path: Path) -> None:
    workbook = asm_baseline(tmp_path / "baseline.xlsx")
    output = tmp_path / "baseline.yaml"
    output.write_text("# the author's finished form\n", encoding="utf-8")
    code, _, err = cli("forms", "import-xlsform", str(workbook), "-o", str(output))
    assert code == 1
    assert "exists already" in err
    assert "--force" in err
    assert output.read_text(encoding="utf-8") == "# the author's finished form\n"
    code, _, _ = cli("forms", "import-xlsform", str(workbook), "-o", str(output), "--force")
    assert code == 0
    assert "asm_baseline_2024" in output.read_text(encoding="utf-8")


def test_a_refused_workbook_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    fake = folder / "form.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    output = folder / "form.yaml"
    code, out, err = cli("forms", "import-xlsform", str(fake), "-o", str(output))
    assert code == 1
    assert err.startswith("selfassess: ")
    assert "is not a readable .xlsx workbook" in err
    assert "Traceback" not in out + err
    assert not output.exists()
    assert list(folder.iterdir()) == [fake]


def test_the_language_option(cli: Cli, tmp_path: Path) -> None:
    from tests.xlsform_import.workbooks import write_xlsform

    workbook = write_xlsform(
        tmp_path / "plain.xlsx", [{"type": "text", "name": "site", "label": "Nom du site"}]
    )
    output = tmp_path / "plain.yaml"
    code, out, _ = cli(
        "forms", "import-xlsform", str(workbook), "-o", str(output), "--language", "fr"
    )
    assert code == 0
    assert "in fr." in out
    other = tmp_path / "other.yaml"
    code, _, err = cli(
        "forms", "import-xlsform", str(workbook), "-o", str(other), "--language", "x"
    )
    assert code == 1
    assert "'x' is not a language code" in err
