"""A full assessment can start from a quick scan: its profile, answers and evidence carry over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfassess.cli.main import main
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile

KALIMBI = Profile(
    organisation="Coopérative de Kalimbi",
    entity_type="asm",
    site="Nyabibwe",
    country="CD",
    minerals=("tin", "tantalum"),
)


def built_in(name: str) -> Form:
    form = load_form(builtin_forms_dir() / f"{name}.yaml").form
    assert form is not None
    return form


def test_answers_and_evidence_carry_over_with_their_history(
    service: AssessmentService, tmp_path: Path
) -> None:
    scan = service.create(built_in("quick-scan"), KALIMBI, language="sw")
    service.set_answer(scan.id, "A1.1", 2, comment="imesainiwa")
    service.set_answer(scan.id, "B1.1", False)
    service.set_answer(scan.id, "A9.1", None, na_reason="hakuna majirani")
    photo = tmp_path / "sera.jpg"
    photo.write_bytes(b"\xff\xd8\xff sera")
    service.attach(scan.id, "A1.2", [photo])
    full = service.create(built_in("self-assessment"), KALIMBI, language="sw", start_from=scan.id)
    answers = service.answers(full.id)
    assert (answers["A1.1"].value, answers["A1.1"].comment) == (2, "imesainiwa")
    assert answers["B1.1"].value is False
    assert answers["A9.1"].na_reason == "hakuna majirani"
    assert "A1.3" not in answers  # a question of the full form only
    assert [(a.question_id, a.original_name) for a in service.attachments(full.id)] == [
        ("A1.2", "sera.jpg")
    ]
    reasons = (
        service.store.read()
        .execute(
            "SELECT action, question_id, reason FROM audit_log WHERE assessment_id = ? "
            "AND reason IS NOT NULL ORDER BY id",
            (full.id,),
        )
        .fetchall()
    )
    assert ("answer", "A1.1", f"copied from {scan.id}") in reasons
    assert ("attach", "A1.2", f"copied from {scan.id}") in reasons
    assert service.answers(scan.id)["A1.1"].value == 2  # the quick scan itself is untouched


def test_from_on_the_command_line_takes_the_profile_and_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(
            [
                "new",
                "--form",
                "quick-scan",
                "--supplier",
                "Kalimbi",
                "--entity-type",
                "asm",
                "--mineral",
                "gold",
                "--lang",
                "fr",
            ]
        )
        == 0
    )
    scan = capsys.readouterr().out.strip()
    assert main(["answer", scan, "C4.1", "oui"]) == 0
    capsys.readouterr()
    assert main(["new", "--form", "self-assessment", "--from", scan, "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert main(["show", created["id"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["supplier"], shown["language"], shown["profile"]["minerals"]) == (
        "Kalimbi",
        "fr",
        ["gold"],
    )
    assert {a["question"]: a["value"] for a in shown["answers"]}["C4.1"] is True
