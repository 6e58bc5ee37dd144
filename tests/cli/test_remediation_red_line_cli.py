"""The register as a buyer and a reviewer meet it on the command line: a buyer's copy of a
finalized revision gives the counts it was signed with; a register of children found in a
worst form contradicts answers that say no child works, and the report says so; a declaration
cannot be dated before the assessment, its previous revision or the last child found."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.cli.conftest import Cli
from tests.cli.test_gaps_cli import ANSWERS

NO_CHILD = {**ANSWERS, "B1.1": "no", "B1.2": "no"}


@pytest.fixture
def assessment(cli: Cli) -> str:
    code, out, err = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi", "--entity-type",
                         "asm", "--lang", "fr")  # fmt: skip
    assert code == 0, err
    return out.strip()


def answered(cli: Cli, assessment: str, answers: dict[str, str]) -> None:
    for question, value in answers.items():
        assert cli("answer", assessment, question, value)[0] == 0


def add(cli: Cli, assessment: str, days_ago: int, *extra: str) -> None:
    found = (date.today() - timedelta(days=days_ago)).isoformat()
    code, _, err = cli("remediation", assessment, "add", "--age-band", "15_17", "--sex", "male",
                       "--identified", found, *extra)  # fmt: skip
    assert code == 0, err


def child_labour(cli: Cli, *argv: str) -> dict[str, Any]:
    code, out, err = cli(*argv, "--json", "--lang", "en")
    assert code == 0, err
    (line,) = [r for r in json.loads(out)["red_lines"] if r["id"] == "child-labour"]
    return dict(line)


def test_the_buyer_runs_gaps_on_the_finalized_revision(
    cli: Cli, assessment: str, tmp_path: Path
) -> None:
    """The signed pack says 2 identified; so do the gaps and the list of the buyer's copy."""
    answered(cli, assessment, ANSWERS)  # B1.1 yes: the red line is breached
    for _ in range(2):
        add(cli, assessment, 0, "--work", "digging", "--partner", "BICE", "--support",
            "school_fees")  # fmt: skip
    assert cli("finalize", assessment, "--name", "Amani", "--title", "Président")[0] == 0
    target = tmp_path / "for-buyer.zip"
    assert cli("archive", "export", assessment, "-o", str(target), "--for-buyer")[0] == 0
    buyer = str(tmp_path / "buyer")
    assert cli("--home", buyer, "archive", "import", str(target))[0] == 0
    line = child_labour(cli, "--home", buyer, "gaps", assessment)
    assert (line["status"], line["being_remediated"]) == ("breached", True)
    assert not any("No child is in the remediation register yet" in r for r in line["reasons"])
    assert any(r.startswith("Being remediated") and "identified: 2;" in r for r in line["reasons"])
    code, out, _ = cli("--home", buyer, "remediation", assessment, "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        f"As of {date.today().isoformat()}, the day of the declaration: the counts the "
        "assessment was signed with."
    )
    assert lines[1].startswith("Identified: 2 · Referred to a partner: 2 · Supported: 2")
    assert lines[2] == (
        "This copy holds the register's counts as signed, not its cases (an archive made for a "
        "buyer)."
    )
    code, out, _ = cli("--home", buyer, "remediation", assessment, "--json")
    listed = json.loads(out)
    assert (listed["signed"], listed["counts"]["identified"], listed["cases"]) == (True, 2, [])


def test_answers_that_say_no_child_works_are_contradicted_by_the_register(
    cli: Cli, assessment: str
) -> None:
    answered(cli, assessment, NO_CHILD)
    add(cli, assessment, 400, "--work", "digging")  # more than 12 months ago: no contradiction
    add(cli, assessment, 10, "--work", "selling_food", "--worst-form", "no")  # not a worst form
    line = child_labour(cli, "gaps", assessment)
    assert (line["status"], line["register_contradicts"]) == ("not_breached", False)
    add(cli, assessment, 30, "--work", "underground")
    add(cli, assessment, 200, "--work", "selling_food", "--worst-form", "yes")
    line = child_labour(cli, "gaps", assessment)
    assert (line["status"], line["register_contradicts"]) == ("not_breached", True)
    assert line["reasons"][-1] == (
        "The remediation register holds 2 children found in a worst form of child labour in the "
        "last 12 months, but the answers say no child works here: check the answers."
    )
    code, out, _ = cli("gaps", assessment, "--lang", "en")
    assert code == 0
    assert "The remediation register holds 2 children found in a worst form" in out


def test_a_breached_red_line_is_not_a_contradiction(cli: Cli, assessment: str) -> None:
    answered(cli, assessment, ANSWERS)
    add(cli, assessment, 30, "--work", "underground")
    line = child_labour(cli, "gaps", assessment)
    assert (line["status"], line["register_contradicts"]) == ("breached", False)


@pytest.mark.parametrize(
    ("declared", "said"),
    [
        ("2026-02-01", "the declaration cannot be dated before the assessment was created"),
        ((date.today() + timedelta(days=1)).isoformat(), "cannot be dated after today"),
    ],
)
def test_a_declaration_day_the_assessment_could_not_have_is_refused(
    cli: Cli, assessment: str, declared: str, said: str
) -> None:
    answered(cli, assessment, ANSWERS)
    code, out, err = cli("finalize", assessment, "--name", "Amani", "--title", "Président",
                         "--date", declared)  # fmt: skip
    assert (code, out) == (1, "")
    assert said in err
    code, out, _ = cli("show", assessment)
    assert re.search(r"status +draft, revision 1", out), out
