"""`selfassess export`: the pack in the language and with the evidence asked for, with an e-mail
draft; a wrong choice is refused before anything is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.demo import create_demo
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.store import Store

Cli = Callable[..., tuple[int, str, str]]
CREATE = (
    "identity",
    "create",
    "--name",
    "Amani",
    "--org",
    "Coopérative minière de Kalimbi",
    "--email",
    "a@k.cd",
)


def sample(home: Path, tmp_path: Path) -> str:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    photo = tmp_path / "registre.pdf"
    photo.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    with Store.open(home) as store:
        return create_demo(AssessmentService(store), form, [photo])


def test_export_in_english_without_evidence_and_an_email(
    cli: Cli, isolated_home: Path, tmp_path: Path
) -> None:
    assessment_id = sample(isolated_home, tmp_path)
    assert cli(*CREATE, "--country", "CD")[0] == 0
    pack = tmp_path / "pack.pdf"
    code, out, err = cli(
        "export",
        assessment_id,
        "-o",
        str(pack),
        "--lang",
        "en",
        "--evidence",
        "none",
        "--email-to",
        "buyer@example.com",
    )
    assert code == 0, err
    assert f"signed pack written to {pack}" in out
    assert pack.with_suffix(".eml").exists()
    code, out, _ = cli("verify", str(pack), "--json")
    verdict = json.loads(out)
    assert verdict["valid"] is True
    assert not [name for name in verdict["files"] if name.startswith("evidence/")]


def test_a_language_we_do_not_print_is_refused(
    cli: Cli, isolated_home: Path, tmp_path: Path
) -> None:
    assessment_id = sample(isolated_home, tmp_path)
    cli(*CREATE, "--country", "CD")
    code, _, err = cli("export", assessment_id, "-o", str(tmp_path / "p.pdf"), "--lang", "de")
    assert code == 1
    assert "a pack is printed in en, fr, sw, not 'de'" in err
    assert not (tmp_path / "p.pdf").exists()


def test_without_output_the_pack_is_named_after_the_supplier_and_the_day(
    cli: Cli, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = sample(isolated_home, tmp_path)
    cli(*CREATE, "--country", "CD")
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = cli("export", assessment_id, "--evidence", "none")
    assert code == 0, err
    (pack,) = folder.iterdir()
    assert pack.name.startswith("Coopérative-minière-de-Kalimbi_")
    assert pack.name.endswith("_r1.pdf")
    assert f"signed pack written to {pack}" in out
    code, out, _ = cli("export", assessment_id, "--draft")
    assert code == 0
    assert (folder / "Coopérative-minière-de-Kalimbi_r1_draft.pdf").exists()
