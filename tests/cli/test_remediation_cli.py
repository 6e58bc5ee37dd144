"""`selfassess remediation ID list|add|update`: cases added by number, updated, followed up,
listed with the counts and the follow-ups due, as a person or a script runs them."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from tests.cli.conftest import Cli
from tests.cli.test_gaps_cli import ANSWERS

SURROGATE = "\udcff"


@pytest.fixture
def assessment(cli: Cli) -> str:
    code, out, err = cli(
        "new", "--form", "quick-scan", "--supplier", "Kalimbi", "--entity-type", "asm"
    )
    assert code == 0, err
    return out.strip()


def days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def add(cli: Cli, assessment: str, *extra: str) -> str:
    code, out, err = cli(
        "remediation",
        assessment,
        "add",
        "--age-band",
        "12_14",
        "--sex",
        "female",
        "--work",
        "digging",
        "--work",
        "carrying",
        "--identified",
        days_ago(200),
        *extra,
    )
    assert code == 0, err
    return out.strip()


def listed(cli: Cli, assessment: str) -> dict[str, object]:
    code, out, err = cli("remediation", assessment, "list", "--json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def test_add_prints_the_case_number_and_list_shows_the_counts(cli: Cli, assessment: str) -> None:
    assert add(cli, assessment, "--partner", "BICE", "--support", "school_fees") == "CL-001"
    assert add(cli, assessment) == "CL-002"
    code, out, _ = cli("remediation", assessment)  # list is the default
    assert code == 0
    assert out.splitlines()[0] == (
        "Identified: 2 · Referred to a partner: 1 · Supported: 1 · In school or training at the "
        "last follow-up: 0 · Lost to follow-up: 2"
    )
    assert re.search(r"\nCL-001 +12 to 14 +Girl +Digging, Carrying loads +Yes ", out), out
    assert "BICE" in out
    assert "Follow-ups due:" in out
    assert "  CL-001  3 months: " in out
    assert "(overdue by " in out


def test_update_records_partner_support_and_follow_ups(cli: Cli, assessment: str) -> None:
    add(cli, assessment, "--support", "school_fees")
    code, out, err = cli(
        "remediation",
        assessment,
        "update",
        "CL-001",
        "--partner",
        "Comité local de protection de l'enfant",
        "--support",
        "family_income_support",
        "--follow-up",
        "3",
        "--date",
        days_ago(100),
        "--situation",
        "in_school_or_training",
        "--note",
        "en 5e année",
    )
    assert (code, out, err) == (0, "updated CL-001\n", "")
    code, out, _ = cli(
        "remediation",
        assessment,
        "update",
        "cl-1",
        "--follow-up",
        "6",
        "--date",
        days_ago(5),
        "--situation",
        "in_school_or_training",
        "--remove-support",
        "school_fees",
        "--json",
    )
    assert code == 0
    case = json.loads(out)
    assert case["support"] == ["family_income_support"]
    assert [f["month"] for f in case["follow_ups"]] == [3, 6]
    assert case["follow_ups"][0]["note"] == "en 5e année"
    assert case["next_follow_up"]["month"] == 12
    data = listed(cli, assessment)
    assert data["counts"] == {
        "identified": 1,
        "referred": 1,
        "supported": 1,
        "in_school_at_last_follow_up": 1,
        "lost_to_follow_up": 0,
    }
    assert data["follow_ups_due"] == []
    assert data["as_of"] == date.today().isoformat()


def test_json_lists_the_follow_ups_due(cli: Cli, assessment: str) -> None:
    add(cli, assessment)  # identified 200 days ago: the 3-month follow-up is long overdue
    code, out, err = cli(
        "remediation", assessment, "add", "--age-band", "15_17", "--sex", "not_said",
        "--work", "selling_food", "--worst-form", "no", "--identified", days_ago(80),
    )  # fmt: skip
    assert (code, out, err) == (0, "CL-002\n", "")
    data = listed(cli, assessment)
    cases = data["cases"]
    assert isinstance(cases, list)
    assert [(c["case"], c["worst_form"], c["work"]) for c in cases] == [
        ("CL-001", True, ["digging", "carrying"]),
        ("CL-002", False, ["selling_food"]),
    ]
    assert cases[0]["lost_to_follow_up"] is True
    assert cases[1]["next_follow_up"]["state"] == "due_soon"  # 3 months on is within 14 days
    due = data["follow_ups_due"]
    assert isinstance(due, list)
    assert [(d["case"], d["month"], d["state"]) for d in due][:1] == [("CL-001", 3, "overdue")]
    assert ("CL-002", 3, "due_soon") in [(d["case"], d["month"], d["state"]) for d in due]
    counts = data["counts"]
    assert isinstance(counts, dict)
    assert (counts["identified"], counts["lost_to_follow_up"]) == (2, 1)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("add", "--sex", "male", "--work", "digging", "--identified", "2026-01-01"),
            "choose the age band",
        ),
        (
            (
                "add",
                "--age-band",
                "15_17",
                "--sex",
                "male",
                "--work",
                "other",
                "--identified",
                "2026-01-01",
            ),
            "say whether this work is a worst form",
        ),
        (
            (
                "add",
                "--age-band",
                "15_17",
                "--sex",
                "male",
                "--work",
                "digging",
                "--identified",
                "01/02/2026",
            ),
            "'01/02/2026' is not a date written YYYY-MM-DD",
        ),
        (
            (
                "add",
                "--age-band",
                "15_17",
                "--sex",
                "male",
                "--work",
                "digging",
                "--identified",
                "2026-01-01",
                "--partner",
                f"BICE{SURROGATE}",
            ),
            "the partner holds a character that cannot be stored",
        ),
        (
            (
                "add",
                "--age-band",
                "15_17",
                "--sex",
                "male",
                "--work",
                "digging",
                "--identified",
                "2026-01-01",
                "--note",
                "N" * 100_000,
            ),
            "the note is too long: 100000 characters, at most 200",
        ),
        (("update", "CL-001", "--age-band", "under_12"), "--age-band is kept as it was given"),
        (("update", "CL-404", "--partner", "BICE"), "has no case CL-404"),
        (("update", SURROGATE, "--partner", "BICE"), "has no case ?"),
        (("update", "CL-001"), "nothing to change"),
        (
            ("update", "CL-001", "--follow-up", "3", "--date", days_ago(10)),
            "choose the child's situation",
        ),
        (
            ("update", "CL-001", "--follow-up", "3", "--situation", "unknown"),
            "the follow-up at 3 months has no date: give the day the child was seen with "
            "--date YYYY-MM-DD",
        ),
        (
            ("update", "CL-001", "--partner", "BICE", "--remove-support", "health_care"),
            "CL-001 has no health_care recorded as support given (recorded: none); nothing was "
            "changed",
        ),
        (
            (
                "update",
                "CL-001",
                "--follow-up",
                "12",
                "--date",
                days_ago(170),
                "--situation",
                "in_school_or_training",
            ),
            "the follow-up at 12 months is due on",
        ),
        (("update", "CL-001", "--partner", "BICE\u202e"), "invisible formatting character"),
        (("update", "CL-001", "--note", "a\u2028b"), "the note must be one line"),
        (("update", "--partner", "BICE"), "needs the case number"),
        (("list", "--lang", "ln"), "--lang takes one of en, fr, sw, not 'ln'"),
        (("add", "--lang", "fr"), "remediation add takes no --lang"),
        (("list", "--partner", "BICE"), "remediation list takes no --partner"),
    ],
)
def test_refusals_say_what_is_wrong_and_change_nothing(
    cli: Cli, assessment: str, argv: tuple[str, ...], message: str
) -> None:
    if argv[0] == "update":
        add(cli, assessment)
    before = listed(cli, assessment)
    code, out, err = cli("remediation", assessment, *argv)
    assert (code, out) == (1, "")
    assert err.startswith("selfassess: ")
    assert message in err
    assert len(err) < 400
    assert listed(cli, assessment) == before


def test_a_choice_not_on_the_list_is_a_usage_error(cli: Cli, assessment: str) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("remediation", assessment, "add", "--work", "sweeping")
    assert exited.value.code == 2


def test_a_finalized_assessment_s_register_is_read_only(cli: Cli, assessment: str) -> None:
    """Reopen it to change the register, like its answers."""
    add(cli, assessment)
    for question, value in ANSWERS.items():
        assert cli("answer", assessment, question, value)[0] == 0
    code, _, err = cli("finalize", assessment, "--name", "Amani", "--title", "Président")
    assert code == 0, err
    code, out, err = cli("remediation", assessment, "update", "CL-001", "--partner", "BICE")
    assert (code, out) == (1, "")
    assert "is finalized and read-only; reopen it with a reason to change its register" in err
    assert cli("reopen", assessment, "--reason", "a partner found")[0] == 0
    code, out, _ = cli("remediation", assessment, "update", "CL-001", "--partner", "BICE")
    assert (code, out) == (0, "updated CL-001\n")


def child_labour(cli: Cli, assessment: str) -> dict[str, Any]:
    code, out, err = cli("gaps", assessment, "--json")
    assert code == 0, err
    (line,) = [r for r in json.loads(out)["red_lines"] if r["id"] == "child-labour"]
    return dict(line)


def test_the_child_labour_red_line_reads_the_register(cli: Cli, assessment: str) -> None:
    """A breach stays a breach (ILO C182, Article 7): with no case recorded it asks for them;
    with a child not yet referred or supported it says remediation is not complete; with every
    child referred and supported it is a breach being remediated."""
    assert cli("answer", assessment, "B1.1", "yes")[0] == 0
    line = child_labour(cli, assessment)
    assert line["status"] == "breached"
    assert not line["being_remediated"]
    assert any("No child is in the remediation register yet" in r for r in line["reasons"])
    add(cli, assessment, "--partner", "BICE", "--support", "school_fees")
    add(cli, assessment, "--support", "school_fees")
    line = child_labour(cli, assessment)
    assert (line["status"], line["being_remediated"]) == ("breached", False)
    assert any(
        r.startswith("Remediation not complete")
        and "referred to a child-protection partner: 1" in r
        for r in line["reasons"]
    )
    assert cli("remediation", assessment, "update", "CL-002", "--partner", "BICE")[0] == 0
    line = child_labour(cli, assessment)
    assert (line["status"], line["being_remediated"]) == ("breached", True)
    assert any(r.startswith("Being remediated (ILO C182, Article 7)") for r in line["reasons"])
    code, out, _ = cli("gaps", assessment, "--lang", "fr")
    assert code == 0
    assert "Remédiation en cours (OIT C182, article 7)" in out


def test_an_update_that_changes_nothing_says_so(cli: Cli, assessment: str) -> None:
    add(cli, assessment, "--partner", "BICE", "--support", "school_fees")
    code, out, err = cli("remediation", assessment, "update", "CL-001", "--partner", "BICE",
                         "--support", "school_fees")  # fmt: skip
    assert (code, out, err) == (0, "CL-001 unchanged: it already holds what was given\n", "")
    code, out, _ = cli("remediation", assessment, "update", "CL-001", "--remove-support",
                       "school_fees")  # fmt: skip
    assert (code, out) == (0, "updated CL-001\n")


def test_list_speaks_the_assessment_s_language_and_json_keeps_the_codes(cli: Cli) -> None:
    code, out, _ = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi", "--entity-type",
                       "asm", "--lang", "fr")  # fmt: skip
    french = out.strip()
    add(cli, french, "--support", "school_fees")
    code, out, _ = cli("remediation", french)
    assert code == 0
    assert re.search(r"\nCL-001 +12 à 14 ans +Fille +Creuser, Porter des charges +Oui ", out)
    assert "Frais scolaires" in out
    assert out.splitlines()[0].startswith("Identifiés : 1 · ")
    for code_word in ("12_14", "female", "school_fees", "digging"):
        assert code_word not in out
    code, out, _ = cli("remediation", french, "--lang", "sw")
    assert "Msichana" in out
    code, out, _ = cli("remediation", french, "--lang", "en")
    assert "Girl" in out
    case = listed(cli, french)["cases"][0]  # type: ignore[index]
    assert (case["age_band"], case["sex"], case["support"]) == ("12_14", "female", ["school_fees"])
