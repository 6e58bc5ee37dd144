"""`selfassess print-blank`: the questionnaire on paper, in the chosen language, with tick boxes,
and the trainer's guidance only in the trainer edition."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., tuple[int, str, str]]


def text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_blank_questionnaires_in_french_for_suppliers_and_trainers(
    cli: Cli, tmp_path: Path
) -> None:
    supplier, trainer = tmp_path / "vierge.pdf", tmp_path / "formateur.pdf"
    code, out, err = cli("print-blank", "--form", "quick-scan", "--lang", "fr", "-o", str(supplier))
    assert code == 0, err
    assert out.strip() == f"blank questionnaire written to {supplier}"
    cli("print-blank", "--form", "quick-scan", "--lang", "fr", "--trainer", "-o", str(trainer))
    plain, guided = text(supplier), text(trainer)
    assert "Questionnaire à remplir" in plain
    assert "☐ Oui" in plain  # a tick box for each option
    assert "Conseils :" not in plain
    assert "Conseils :" in guided  # French puts a space before the colon
    assert "page 1 sur " in plain


def test_an_unknown_language_is_refused(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli(
        "print-blank", "--form", "quick-scan", "--lang", "de", "-o", str(tmp_path / "x.pdf")
    )
    assert code == 1
    assert "--lang takes one of en, fr, sw, not 'de'" in err
    assert not (tmp_path / "x.pdf").exists()
