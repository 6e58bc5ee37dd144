"""Every rule of the gap engine, table-driven, in more than one language."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from selfassess.core.forms.loader import load_form_text
from selfassess.core.forms.model import Form, Severity
from selfassess.core.gaps.results import GapReport, Status

TRADER_TIN = {"entity_type": "trader", "minerals": ["tin"], "workforce_size": 10}

Judge = Callable[..., GapReport]

GOOD_B1 = {"B1.1": False, "B1.2": 18, "B1.3": 0}
GOOD_A1 = {"A1.1": 3, "A1.2": "2024-03-01", "A1.4": ["register"]}
MEETS, PARTLY, NOT_MET, INCOMPLETE = (
    Status.MEETS,
    Status.PARTIALLY_MEETS,
    Status.DOES_NOT_MEET,
    Status.INCOMPLETE,
)


@pytest.mark.parametrize(
    ("values", "evidence", "criterion", "status", "severity"),
    [
        # the form's status rules
        (GOOD_A1, {"A1.3": 1}, "A1", MEETS, None),
        ({"A1.1": 0, "A1.4": ["none"]}, {}, "A1", NOT_MET, Severity.MAJOR),
        # default rule where no rule matches: a rating of 1 is partly met
        ({"A1.1": 1, "A1.4": ["none"]}, {}, "A1", PARTLY, Severity.MINOR),
        # a required answer missing: A1.3 is required once A1.1 >= 2
        (GOOD_A1, {}, "A1", INCOMPLETE, None),
        # the yes/no default: the expected answer (no) fully meets
        (GOOD_B1, {}, "B1", MEETS, None),
        # a red flag wins over everything, and on a red line it is critical
        ({**GOOD_B1, "B1.1": True}, {}, "B1", NOT_MET, Severity.CRITICAL),
        ({**GOOD_B1, "B1.2": 14}, {}, "B1", NOT_MET, Severity.CRITICAL),
        # rules of A2: exploitation with a permit number meets; 'no' does not meet
        ({"A2.1": "exploitation", "A2.2": "CD-12345"}, {}, "A2", MEETS, None),
        ({"A2.1": "artisanal_card"}, {}, "A2", PARTLY, Severity.MINOR),
    ],
)
def test_status_and_severity(
    judge: Judge,
    sample_form: Form,
    values: dict[str, object],
    evidence: dict[str, int],
    criterion: str,
    status: Status,
    severity: Severity | None,
) -> None:
    result = judge(sample_form, values, evidence=evidence).result(criterion)
    assert result is not None
    assert (result.status, result.severity) == (status, severity)


def test_red_flag_reason_names_the_answer_in_each_language(judge: Judge, sample_form: Form) -> None:
    values = {**GOOD_B1, "B1.1": True}
    reasons = {
        lang: judge(sample_form, values, language=lang).result("B1").reasons  # type: ignore[union-attr]
        for lang in ("en", "fr", "sw")
    }
    assert reasons["en"] == ("Red flag: B1.1 Do children under 15 work on site? — yes.",)
    assert reasons["fr"] == (
        "Signal d'alerte : B1.1 Des enfants de moins de 15 ans travaillent-ils sur le site ? "
        "— oui.",
    )
    assert reasons["sw"] == (
        "Bendera nyekundu: B1.1 Je, watoto chini ya miaka 15 wanafanya kazi eneo hili? — ndiyo.",
    )


def test_rule_reasons_and_default_reasons(judge: Judge, sample_form: Form) -> None:
    result = judge(sample_form, {"A1.1": 0, "A1.4": ["none"]}, language="fr").result("A1")
    assert result is not None
    assert "Fixé par la règle du questionnaire : Pas de politique." in result.reasons
    assert "A1.1 Existe-t-il une politique signée ? : Pas en place (0/3)." in result.reasons
    partial = judge(sample_form, {"A1.1": 1, "A1.4": ["none"]}).result("A1")
    assert partial is not None
    assert partial.reasons[0] == "A1.1 Is there a signed policy? — Started (1/3)."


def test_incomplete_names_the_missing_answers(judge: Judge, sample_form: Form) -> None:
    result = judge(sample_form, {}).result("B1")
    assert result is not None
    assert result.status is Status.INCOMPLETE
    assert result.reasons == ("Not yet answered: B1.1, B1.2, B1.4.",)


EVIDENCE_FORM = """
id: evidence-cap
version: '1'
title: {en: E, fr: E}
languages: [en, fr]
default_language: en
publisher: tests
licence: CC0-1.0
sections:
  - id: S
    title: {en: S, fr: S}
    criteria:
      - id: C1
        title: {en: Records, fr: Registres}
        intent: {en: Records are kept., fr: Les registres sont tenus.}
        questions:
          - {id: C1.1, type: rating, label: {en: Records kept?, fr: Registres tenus ?}}
          - id: C1.2
            type: evidence
            required: false
            label: {en: A photo of the register, fr: Une photo du registre}
"""


def test_missing_evidence_caps_at_partly_met_and_is_named(
    judge: Judge,
) -> None:
    form = load_form_text(EVIDENCE_FORM, "e.yaml").form
    assert form is not None
    met = judge(form, {"C1.1": 3}, evidence={"C1.2": 1}).result("C1")
    capped = judge(form, {"C1.1": 3}, language="fr").result("C1")
    assert met is not None
    assert (met.status, met.missing_evidence) == (Status.MEETS, ())
    assert capped is not None
    assert (capped.status, capped.severity) == (Status.PARTIALLY_MEETS, Severity.MINOR)
    assert [(m.question_id, m.label) for m in capped.missing_evidence] == [
        ("C1.2", "Une photo du registre")
    ]
    assert capped.reasons[-2:] == (
        "Preuve manquante : C1.2 Une photo du registre.",
        "Sans ses preuves, le critère est au mieux partiellement rempli.",
    )


def test_missing_evidence_is_not_named_while_incomplete(judge: Judge) -> None:
    form = load_form_text(EVIDENCE_FORM, "e.yaml").form
    assert form is not None
    result = judge(form, {}).result("C1")
    assert result is not None
    assert (result.status, result.missing_evidence) == (Status.INCOMPLETE, ())
    assert result.reasons == ("Not yet answered: C1.1.",)


def test_not_applicable_by_profile_with_the_forms_note(judge: Judge, sample_form: Form) -> None:
    result = judge(sample_form, {}, profile=TRADER_TIN, language="fr").result("A2")
    assert result is not None
    assert (result.status, result.severity) == (Status.NOT_APPLICABLE, None)
    assert result.reasons == (
        "Ne s'applique pas à ce fournisseur ; il concerne : "
        "Les mines, et les entreprises de 50 travailleurs ou plus.",
    )


def test_all_scored_questions_not_applicable(judge: Judge, sample_form: Form) -> None:
    report = judge(sample_form, {"A1.4": ["none"]}, na={"A1.1": "we only trade, we hold no policy"})
    result = report.result("A1")
    assert result is not None
    assert result.status is Status.NOT_APPLICABLE
    assert result.reasons[-1] == (
        "Every scored question was answered 'not applicable', with a reason."
    )


def test_scores_count_applicable_criteria_only(judge: Judge, sample_form: Form) -> None:
    values = {**GOOD_A1, **GOOD_B1, "A2.1": "artisanal_card"}
    report = judge(sample_form, values, evidence={"A1.3": 1})
    assert report.overall.as_json() == {
        "meets": 2,
        "partially_meets": 1,
        "does_not_meet": 0,
        "not_applicable": 0,
        "incomplete": 0,
        "applicable": 3,
        "shares": {
            "meets": 0.6667,
            "partially_meets": 0.3333,
            "does_not_meet": 0.0,
            "incomplete": 0.0,
        },
    }
    trader = judge(sample_form, {**GOOD_A1, **GOOD_B1}, evidence={"A1.3": 1}, profile=TRADER_TIN)
    assert (trader.overall.applicable, trader.overall.not_applicable) == (2, 1)
    assert trader.overall.share(Status.MEETS) == 1.0
    assert report.sections["A"].meets == 1
    assert report.sections["B"].meets == 1


@pytest.mark.parametrize(
    ("values", "evidence", "readiness", "language", "label"),
    [
        (
            {**GOOD_A1, **GOOD_B1, "B1.1": True},
            {"A1.3": 1},
            "breached",
            "fr",
            "Ligne rouge franchie",
        ),
        (
            {**GOOD_A1, **GOOD_B1, "A2.1": "artisanal_card"},
            {"A1.3": 1},
            "working",
            "sw",
            "Inaendelea",
        ),
        (
            {**GOOD_A1, **GOOD_B1, "A2.1": "exploitation", "A2.2": "CD-12345"},
            {"A1.3": 1},
            "done",
            "en",
            "All met",
        ),
    ],
)
def test_readiness_follows_the_forms_thresholds(
    judge: Judge,
    sample_form: Form,
    values: dict[str, object],
    evidence: dict[str, int],
    readiness: str,
    language: str,
    label: str,
) -> None:
    report = judge(sample_form, values, evidence=evidence, language=language)
    assert report.readiness is not None
    assert (report.readiness.id, report.readiness.label) == (readiness, label)


def test_gaps_come_red_lines_first(judge: Judge, sample_form: Form) -> None:
    values = {"A1.1": 1, "A1.4": ["none"], **GOOD_B1, "B1.1": True, "A2.1": "artisanal_card"}
    report = judge(sample_form, values)
    assert [(r.criterion_id, r.severity) for r in report.gaps()] == [
        ("B1", Severity.CRITICAL),
        ("A1", Severity.MINOR),
        ("A2", Severity.MINOR),
    ]
