"""`selfassess gaps|plan|compare` on the quick scan, as a person or a script runs them."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

Cli = Callable[..., tuple[int, str, str]]

ANSWERS = {
    "A1.1": "1",
    "A3.1": "applied",
    "A4.1": "no",
    "A6.1": "2",
    "A9.1": "1",
    "B1.1": "yes",
    "B1.2": "no",
    "B1.3": "1",
    "B2.1": "no",
    "B2.2": "no",
    "B3.1": "2",
    "C1.1": "1",
    "C2.1": "1",
    "D1.1": "2",
    "D2.1": "no",
    "D2.2": "no",
    "D3.1": "2",
    "D3.4": "no",
    "B6.1": "0",
    "E1.1": "3",
    "E2.1": "3",
    "E3.1": "0",
    "F1.1": "1",
}


@pytest.fixture
def assessment(cli: Cli) -> str:
    code, out, _ = cli(
        "new",
        "--form",
        "quick-scan",
        "--supplier",
        "Kalimbi",
        "--entity-type",
        "asm",
        "--mineral",
        "tin",
    )
    assert code == 0
    assessment_id = out.strip()
    for question, value in ANSWERS.items():
        assert cli("answer", assessment_id, question, value)[0] == 0
    return assessment_id


def test_gaps_json_has_the_documented_shape(cli: Cli, assessment: str) -> None:
    code, out, _ = cli("gaps", assessment, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"criteria", "scores", "readiness"}
    criteria = {c["id"]: c for c in data["criteria"]}
    b1 = criteria["B1"]
    assert set(b1) >= {
        "id",
        "title",
        "status",
        "severity",
        "red_line",
        "reasons",
        "missing_evidence",
        "references",
        "actions",
    }
    assert (b1["status"], b1["severity"], b1["red_line"]) == ("does_not_meet", "critical", True)
    assert b1["reasons"][0].startswith("Red flag: B1.1 Do children under 15 work at the site")
    assert {"standard": "ILO", "clause": "C138"} in b1["references"]
    # remediation with a child-protection partner, never removal alone (ILO C182, Article 7)
    suggested = [a["suggestion"] for a in b1["actions"]]
    assert {"B1.identify-refer", "B1.support", "B1.follow-up"} <= set(suggested)
    assert "B1.critical" not in suggested  # the targeted actions, not the fallback
    action = b1["actions"][suggested.index("B1.identify-refer")]
    assert set(action) >= {"id", "text", "due", "owner", "status", "addresses", "red_line"}
    assert action["text"].startswith("With a child-protection partner")
    assert (action["addresses"], action["red_line"]) == (["B1.1"], True)
    lines = {line["id"]: line for line in data["red_lines"]}
    assert lines["child-labour"]["status"] == "breached"
    assert lines["child-labour"]["indicators"] == ["B1.1"]
    assert lines["forced-labour"]["status"] == "not_breached"
    assert criteria["C4"]["status"] == "not_applicable"  # mercury: gold only
    assert criteria["A1"]["missing_evidence"] == []  # A1.2 only asked from level 2
    assert data["readiness"]["id"] == "red_line_breached"
    assert data["scores"]["overall"]["not_applicable"] == 3  # C4 gold, A12 traders, B6 none
    assert data["scores"]["severities"]["critical"] == 1


def test_gaps_text_puts_red_lines_first(cli: Cli, assessment: str) -> None:
    code, out, _ = cli("gaps", assessment)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Readiness: Red line breached. A red-line harm was found. Buyers expect it to stop at "
        "once, with the response the standard sets (suspension, or remediation for children)."
    )
    gap_lines = [line for line in lines if line.startswith("  [")]
    assert gap_lines[0].startswith("  [critical] B1 Child labour: does_not_meet")
    assert gap_lines[1].startswith("  [major] E3 Land restoration and closure: does_not_meet")


def test_gaps_by_standard(cli: Cli, assessment: str) -> None:
    code, out, _ = cli("gaps", assessment, "--by", "OECD-DDG", "--json")
    assert code == 0
    (view,) = json.loads(out)["by_standard"]
    clauses = {c["clause"]: c for c in view["clauses"]}
    step_1 = clauses["Step 1"]
    assert step_1["applicable"] == 4  # A1, A3, A6 and A9
    assert (step_1["met"], step_1["partly_met"]) == (0, 4)
    assert step_1["alignment_pct"] == 50  # met 1, partly met 1/2, over the applicable
    code, out, _ = cli("gaps", assessment, "--by", "OECD-DDG")
    assert "  Step 1: 0 of 4 criteria met (alignment 50%)  [A1 partially_meets, " in out
    code, out, _ = cli("gaps", assessment, "--by", "OECD-DDG", "--lang", "fr", "--json")
    (view,) = json.loads(out)["by_standard"]
    assert [c["label"] for c in view["clauses"]][:2] == ["Étape 1", "Étape 2"]
    code, _, err = cli("gaps", assessment, "--by", "ISO")
    assert code == 1
    assert "no standard 'ISO' in this form (known: OECD-DDG" in err


def test_plan_list_add_update(cli: Cli, assessment: str) -> None:
    code, out, _ = cli("plan", assessment)
    assert code == 0
    assert out.splitlines()[0].split() == ["#", "CRITERION", "STATUS", "DUE", "OWNER", "ACTION"]
    code, out, _ = cli(
        "plan",
        assessment,
        "add",
        "--criterion",
        "E3",
        "--text",
        "Backfill pit 4",
        "--owner",
        "Bahati",
        "--due",
        "2027-03-01",
    )
    assert code == 0
    assert out.startswith("added action #")
    number = out.split("#")[1].strip()
    code, out, _ = cli("plan", assessment, "update", number, "--status", "done")
    assert (code, out) == (0, f"updated action #{number}\n")
    code, out, _ = cli("plan", assessment, "--json")
    mine = next(a for a in json.loads(out) if a["id"] == int(number))
    assert (mine["criterion"], mine["owner"], mine["status"]) == ("E3", "Bahati", "done")
    code, _, err = cli("plan", assessment, "update", number, "--due", "soon")
    assert code == 1
    assert "a due date is written YYYY-MM-DD" in err


def test_compare_a_follow_up(cli: Cli, assessment: str) -> None:
    code, out, _ = cli(
        "new",
        "--form",
        "quick-scan",
        "--supplier",
        "Kalimbi",
        "--entity-type",
        "asm",
        "--mineral",
        "tin",
        "--baseline",
        assessment,
    )
    followup = out.strip()
    for question, value in {**ANSWERS, "B1.1": "no", "E3.1": "2"}.items():
        cli("answer", followup, question, value)
    code, out, _ = cli("compare", assessment, followup, "--json")
    assert code == 0
    data = json.loads(out)
    changes = {c["id"]: c for c in data["criteria"]}
    assert (changes["B1"]["before"], changes["B1"]["after"], changes["B1"]["change"]) == (
        "does_not_meet",
        "partially_meets",
        "improved",
    )
    assert changes["E3"]["change"] == "improved"
    # no red line and no major gap, but fewer than half the criteria met: not yet ready
    assert data["readiness"] == {"before": "red_line_breached", "after": "progressing"}
    assert data["summary"]["improved"] == 2
    assert data["summary"]["regressed"] == 0
    code, out, _ = cli("compare", assessment, followup)
    assert "  B1     does_not_meet -> partially_meets (improved)  Child labour" in out


def test_actions_follow_the_readers_language_and_say_what_they_address(cli: Cli) -> None:
    """A French assessment's plan read in English or Swahili shows the form's own wording of
    each suggested action; an action a person wrote keeps their words."""
    code, out, _ = cli(
        "new", "--form", "quick-scan", "--supplier", "Kalimbi", "--entity-type", "asm",
        "--mineral", "tin", "--lang", "fr",
    )  # fmt: skip
    assessment = out.strip()
    for question, value in {**ANSWERS, "B1.1": "yes"}.items():
        cli("answer", assessment, question, value)
    cli("plan", assessment, "add", "--criterion", "B1", "--text", "Réunion avec l'école")
    plans = {}
    for language in ("fr", "en", "sw"):
        code, out, _ = cli("plan", assessment, "--json", "--lang", language)
        assert code == 0
        plans[language] = {a["suggestion"]: a for a in json.loads(out)}
    french, english, swahili = plans["fr"], plans["en"], plans["sw"]
    assert french["B1.identify-refer"]["text"].startswith("Avec un partenaire de protection")
    assert english["B1.identify-refer"]["text"].startswith("With a child-protection partner")
    assert swahili["B1.identify-refer"]["text"].startswith("Pamoja na mshirika wa ulinzi")
    assert english["B1.identify-refer"]["addresses"] == ["B1.1"]
    assert english[None]["text"] == "Réunion avec l'école"  # written by a person
    first = json.loads(cli("plan", assessment, "--json")[1])[0]
    assert (first["red_line"], first["criterion"]) == (True, "B1")  # red lines first
