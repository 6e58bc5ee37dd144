"""Recomputing a pack's claims: the statuses, severities, scores and readiness that
`response.json` states are judged again from its own answers, against the form the pack carries
(`form.json`), with the same gap engine the export used (`gaps.engine.analyse`). A pack whose
claims differ is refused, naming the first difference (docs/signing.md).

What is compared, in this order: the carried form (its SHA-256 must be `response.form.hash`, it
must load under the limits of every form, and be the form id and version named); the inputs the
engine reads (the profile's expression fields, every answer a value the form allows); the set of
criteria; then, criterion by criterion in form order, the status, severity, red-line flag, red
flags, section, title and references; the scores; the readiness level and its label.

What is not compared, and why: the reasons, which are sentences in the language the pack was
printed in, made with the translations of the exporting version of selfassess (a better French
wording in a later version must not make a genuine pack fail); titles and readiness labels
come from the carried form, so they are compared, and may be in any of the printed languages.
The plan is not recomputed either: people edit it.

The export judged the answers on its own day, which can use `today()`; that day is read from
`generated_at` (UTC), and the local day of the exporter may be one either side of it, so the
neighbouring days are tried too before a difference is reported.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from selfassess.core.answers.validation import AnswerView, evaluate_view
from selfassess.core.answers.values import parse_value
from selfassess.core.errors import InvalidInput
from selfassess.core.expr.types import Value
from selfassess.core.findings import Finding
from selfassess.core.forms.identity import form_hash
from selfassess.core.forms.loader import load_form_json
from selfassess.core.forms.model import Form, Question
from selfassess.core.forms.types import Text
from selfassess.core.gaps.engine import analyse
from selfassess.core.gaps.results import CriterionResult, GapReport, scores_json
from selfassess.core.i18n import LANGUAGES
from selfassess.core.pack.recompute_edd import edd_problem, risk_for
from selfassess.core.pack.response import CriterionOutcome, Response
from selfassess.core.profile import PROFILE_FIELDS, ProfileFieldKind
from selfassess.core.risk.edd import AreaDecision
from selfassess.core.storable import shown
from selfassess.core.store.records import Answer

ANSWER_KEYS = frozenset({"value", "comment", "na_reason"})


class _Differs(Exception):
    """The first difference found, as the finding to report."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message_id)
        self.finding = finding


def claims_problem(
    response: Response, form_json: bytes, home: Path | None = None
) -> Finding | None:
    """None when `response`'s claims are what its answers give under the carried form;
    otherwise the first difference."""
    try:
        form = _carried_form(response, form_json)
        inputs = _inputs(response, form, home)
        first: _Differs | None = None
        for day in _export_days(response.generated_at):
            try:
                _compare(response, form, _recomputed(form, inputs, day))
                return None
            except _Differs as difference:
                first = first or difference
        assert first is not None
        raise first
    except _Differs as difference:
        return difference.finding


# The inputs: the carried form, the profile, the answers and the evidence counts.


def _carried_form(response: Response, form_json: bytes) -> Form:
    differs = Finding.of(
        "the form carried (form.json) is not the form response.json names: its hash differs"
    )
    if hashlib.sha256(form_json).hexdigest() != response.form.hash:
        raise _Differs(differs)
    form, reason, loaded_hash = _loaded_form(form_json)
    if form is None:
        raise _Differs(Finding.of("form.json is not a readable form: {reason}", reason=reason))
    if loaded_hash != response.form.hash:
        raise _Differs(differs)
    if (form.id, form.version) != (response.form.id, response.form.version):
        raise _Differs(
            Finding.of(
                "response.json names the form {claimed}, but form.json is {actual}",
                claimed=f"{response.form.id} {response.form.version}",
                actual=f"{form.id} {form.version}",
            )
        )
    return form


@functools.lru_cache(maxsize=8)
def _loaded_form(form_json: bytes) -> tuple[Form | None, str, str]:
    """The form in `form_json` (or None and why not) and its hash, loaded once for all the
    packs of a session that carry the same form (a buyer's packs mostly do)."""
    result = load_form_json(form_json, "form.json")
    if result.form is None or not result.ok():
        return None, result.errors[0].format() if result.errors else "no form", ""
    return result.form, "", form_hash(result.form)


@dataclass(frozen=True)
class _Inputs:
    """What the gap engine reads besides the form, taken from response.json."""

    answers: dict[str, Answer]
    evidence: Counter[str]  # files per evidence question
    profile: dict[str, Value]
    risk: AreaDecision | None  # what the risk table the pack names says of its area


def _inputs(response: Response, form: Form, home: Path | None) -> _Inputs:
    questions = {question.id: question for question in form.questions()}
    answers = {qid: _answer(form, questions, qid, raw) for qid, raw in response.answers.items()}
    evidence = Counter(item.question for item in response.evidence)
    profile = _profile(response.profile)
    return _Inputs(answers, evidence, profile, risk_for(response, form, profile, home))


def _answer(
    form: Form, questions: dict[str, Question], question_id: str, raw: dict[str, Any]
) -> Answer:
    question = questions.get(question_id)
    if question is None:
        raise _Differs(
            Finding.of(
                "response.json answers question {question}, which its form does not have",
                question=question_id,
            )
        )
    texts_ok = all(isinstance(raw.get(k), str | None) for k in ("comment", "na_reason"))
    value = raw.get("value")
    if set(raw) != ANSWER_KEYS or not texts_ok or not _stored_as_is(form, question, value):
        raise _Differs(
            Finding.of(
                "response.json's answer to {question} is not one its form allows: {value}",
                question=question_id,
                value=shown(raw),
            )
        )
    return Answer(question_id, value, raw["comment"], raw["na_reason"])


def _stored_as_is(form: Form, question: Question, value: object) -> bool:
    """Whether `value` is what the store keeps for the question: reading it again gives it."""
    if value is None:
        return True
    try:
        parsed = parse_value(form, question, value)
    except InvalidInput:
        return False
    return type(parsed) is type(value) and parsed == value


# Profile fields added after the first packs, with the value a pack made before them stands for
# (what the store gives an assessment made before them).
_ADDED_LATER: dict[str, Value] = {
    "certifications": [],
    "mechanisation": None,
    "source_countries": [],
    "transit_countries": [],
}


def _profile(claimed: dict[str, Any]) -> dict[str, Value]:
    """The profile fields the form's expressions read, each of the kind and values they allow."""
    fields: dict[str, Value] = {}
    for name, (kind, allowed) in PROFILE_FIELDS.items():
        value = claimed[name] if name in claimed else copy.copy(_ADDED_LATER.get(name))
        if not _profile_value_fits(kind, allowed, value):
            raise _Differs(
                Finding.of(
                    "response.json's profile has a {field} selfassess cannot use: {value}",
                    field=name,
                    value=shown(value),
                )
            )
        fields[name] = value
    return fields


def _profile_value_fits(
    kind: ProfileFieldKind, allowed: frozenset[str] | None, value: object
) -> bool:
    if kind is ProfileFieldKind.LIST:
        items = value if isinstance(value, list) else [None]
        return all(isinstance(i, str) and (allowed is None or i in allowed) for i in items)
    if kind is ProfileFieldKind.NUMBER:
        return value is None or (isinstance(value, int) and not isinstance(value, bool))
    return value is None or (isinstance(value, str) and (allowed is None or value in allowed))


def _export_days(generated_at: str) -> list[date]:
    try:
        day = datetime.fromisoformat(generated_at).date()
    except ValueError:
        raise _Differs(
            Finding.of(
                "response.json's generated_at is not a date and time: {value}",
                value=shown(generated_at),
            )
        ) from None
    return [day, day - timedelta(days=1), day + timedelta(days=1)]


def _recomputed(form: Form, inputs: _Inputs, day: date) -> GapReport:
    view = AnswerView(
        form,
        answers=inputs.answers,
        evidence=inputs.evidence,
        profile=inputs.profile,
        today=day,
        language=form.default_language,  # reasons are not compared: any language will do
        risk=inputs.risk,
    )
    return analyse(view, evaluate_view(view))


# The claims.


def _compare(response: Response, form: Form, report: GapReport) -> None:
    claimed = _claimed_criteria(response, report)
    criteria = {c.id: c for c in form.criteria()}
    for result in report.criteria:
        titles = _wordings(criteria[result.criterion_id].title, form.default_language)
        _compare_criterion(claimed[result.criterion_id], result, titles)
    _compare_red_lines(response, report)
    edd = edd_problem(response, report)
    if edd is not None:
        raise _Differs(edd)
    _compare_scores(scores_json(report), response.scores, ())
    _compare_readiness(response, form, report)


def _claimed_criteria(response: Response, report: GapReport) -> dict[str, CriterionOutcome]:
    claimed: dict[str, CriterionOutcome] = {}
    for outcome in response.criteria:
        if outcome.id in claimed:
            raise _Differs(
                Finding.of(
                    "response.json lists criterion {criterion} more than once",
                    criterion=outcome.id,
                )
            )
        claimed[outcome.id] = outcome
    known = [result.criterion_id for result in report.criteria]
    known_ids = set(known)
    extra = [cid for cid in claimed if cid not in known_ids]
    if extra:
        raise _Differs(
            Finding.of(
                "response.json claims criterion {criterion}, which its form does not have",
                criterion=extra[0],
            )
        )
    missing = [cid for cid in known if cid not in claimed]
    if missing:
        raise _Differs(
            Finding.of("response.json leaves out criterion {criterion}", criterion=missing[0])
        )
    return claimed


def _compare_criterion(
    claimed: CriterionOutcome, result: CriterionResult, titles: set[str]
) -> None:
    """The judged fields first, in the order a buyer reads them, then what the form gives."""
    judged = (
        ("status", claimed.status, result.status.value),
        ("severity", claimed.severity, result.severity.value if result.severity else None),
        ("red_line", claimed.red_line, result.red_line),
        ("red_flags", claimed.red_flags, list(result.red_flags)),
    )
    for name, said, actual in judged:
        if said != actual:
            raise _Differs(_criterion_finding(name, claimed.id, said, actual))
    references = [{"standard": s, "clause": c} for s, c in result.references]
    given = (
        ("section", claimed.section == result.section_id),
        ("title", claimed.title in titles),
        ("references", claimed.references == references),
    )
    for name, same in given:
        if not same:
            raise _Differs(
                Finding.of(
                    "response.json gives criterion {criterion} a {field} its form does not: "
                    "{claimed}",
                    criterion=claimed.id,
                    field=name,
                    claimed=_json(getattr(claimed, name)),
                )
            )


def _criterion_finding(name: str, criterion: str, said: object, actual: object) -> Finding:
    values = {"criterion": criterion, "claimed": _json(said), "actual": _json(actual)}
    if name == "status":
        return Finding.of(
            "response.json claims criterion {criterion} is {claimed}, but its answers give "
            "{actual}",
            **values,
        )
    if name == "severity":
        return Finding.of(
            "response.json gives criterion {criterion} the severity {claimed}, but its answers "
            "give {actual}",
            **values,
        )
    if name == "red_line":
        return Finding.of(
            "response.json says criterion {criterion} has red_line {claimed}, but its form says "
            "{actual}",
            **values,
        )
    return Finding.of(
        "response.json names the red flags {claimed} for criterion {criterion}, but its answers "
        "raise {actual}",
        **values,
    )


def _compare_red_lines(response: Response, report: GapReport) -> None:
    """Each red line the form declares, with the status its answers give (and no other)."""
    claimed = {outcome.id: outcome for outcome in response.red_lines}
    actual = {result.red_line_id: result for result in report.red_lines}
    for red_line_id, result in actual.items():
        said = claimed.get(red_line_id)
        if said is None:
            raise _Differs(
                Finding.of("response.json leaves out red line {red_line}", red_line=red_line_id)
            )
        if said.status != result.status.value or said.indicators != list(result.indicators):
            raise _Differs(
                Finding.of(
                    "response.json claims red line {red_line} is {claimed}, but its answers give "
                    "{actual}",
                    red_line=red_line_id,
                    claimed=_json(said.status),
                    actual=_json(result.status.value),
                )
            )
    extra = next((rid for rid in claimed if rid not in actual), None)
    if extra is not None or len(response.red_lines) != len(claimed):
        raise _Differs(
            Finding.of(
                "response.json claims a red line {red_line} that its form does not declare, or "
                "one twice",
                red_line=extra or "",
            )
        )


def _compare_scores(expected: object, claimed: object, path: tuple[str, ...]) -> None:
    """Walk what the answers give (a few dozen values), so a hostile `scores` costs no more."""
    if not isinstance(expected, dict) or not isinstance(claimed, dict):
        if type(claimed) is not type(expected) or claimed != expected:
            raise _Differs(
                Finding.of(
                    "response.json claims the score {score} is {claimed}, but its answers give "
                    "{actual}",
                    score=".".join(path),
                    claimed=_json(claimed),
                    actual=_json(expected),
                )
            )
        return
    for key, value in expected.items():
        if key not in claimed:
            raise _Differs(
                Finding.of("response.json leaves out the score {score}", score=_joined(path, key))
            )
        _compare_scores(value, claimed[key], (*path, key))
    extra = next((key for key in claimed if key not in expected), None)
    if extra is not None:
        raise _Differs(
            Finding.of(
                "response.json claims a score {score} that its answers do not give",
                score=_joined(path, extra),
            )
        )


def _compare_readiness(response: Response, form: Form, report: GapReport) -> None:
    actual = report.readiness.id if report.readiness else None
    claimed = response.readiness.id if response.readiness else None
    if claimed != actual:
        raise _Differs(
            Finding.of(
                "response.json claims readiness {claimed}, but its answers give {actual}",
                claimed=_json(claimed),
                actual=_json(actual),
            )
        )
    level = next(
        (lv for lv in form.settings.readiness_levels(form.format) if lv.id == actual), None
    )
    said = response.readiness
    if level and said and said.label not in _wordings(level.label, form.default_language):
        raise _Differs(
            Finding.of(
                "response.json labels readiness {readiness} {claimed}, which is not its "
                "form's label",
                readiness=said.id,
                claimed=_json(said.label),
            )
        )


# Small helpers.


def _wordings(text: Text, fallback: str) -> set[str]:
    """The text as a pack printed in any of our languages shows it."""
    return {text.in_language(language, fallback) for language in LANGUAGES}


def _joined(path: tuple[str, ...], key: object) -> str:
    return ".".join((*path, str(key)))


def _json(value: object) -> str:
    """A value as JSON writes it (language-neutral), shortened when long."""
    try:
        return shown(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError):
        return shown(value)
