"""Our built-in forms, exported as XLSForm and imported back: the same questions with the same
labels, and the same relevance wherever XLSForm could say it, checked by evaluating both on
many sets of answers (a rating's 2 is the option '2', a yes the option 'yes', the profile the
`profile_*` questions the export asks)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from selfassess.core.expr import MappingContext, evaluate
from selfassess.core.expr.types import Value
from selfassess.core.forms.catalog import discover
from selfassess.core.forms.expressions import compiled
from selfassess.core.forms.loader import load_form_text
from selfassess.core.forms.model import (
    Criterion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    Question,
    SingleChoiceQuestion,
)
from selfassess.core.profile import PROFILE_FIELDS, ProfileFieldKind
from selfassess.core.xlsform.export import export_xlsform
from selfassess.core.xlsform.importing import XlsformImport, import_xlsform

SAMPLES = 150
TYPES_IN_XLSFORM = {"rating": "single_choice", "yes_no": "single_choice"}


def built_in_forms(home: Path) -> list[Form]:
    return [entry.result.form for entry in discover(home) if entry.result.form is not None]


RoundTrip = tuple[Form, XlsformImport, frozenset[str]]


@pytest.fixture(scope="module")
def round_trips(tmp_path_factory: pytest.TempPathFactory) -> list[RoundTrip]:
    """Each built-in form, imported back from its export, with the ids of the criteria and
    questions whose relevance the export said XLSForm cannot hold."""
    folder = tmp_path_factory.mktemp("round-trip")
    trips = []
    for form in built_in_forms(folder / "home"):
        workbook = folder / f"{form.id}.xlsx"
        notes = export_xlsform(form, workbook).notes
        unsaid = frozenset(
            note.question for note in notes if note.what in ("applicability", "relevant")
        )
        trips.append((form, import_xlsform(workbook), unsaid))
    assert {form.id for form, _, _ in trips} >= {"quick-scan", "self-assessment"}
    return trips


def test_the_imported_forms_pass_forms_check(round_trips: list[RoundTrip]) -> None:
    for form, result, _unsaid in round_trips:
        assert load_form_text(result.yaml_text, f"{form.id}.yaml").errors == []
        assert (result.form.id, result.form.version) == (form.id, form.version)
        assert result.form.languages == form.languages


def test_the_same_questions_with_the_same_labels(round_trips: list[RoundTrip]) -> None:
    for form, result, _unsaid in round_trips:
        imported = {question.id: question for question in result.form.questions()}
        for question in form.questions():
            twin = imported[question.id]
            assert twin.label.keys() == question.label.keys()
            for language, label in question.label.items():  # a unit is said after the label
                assert twin.label[language].startswith(label), question.id
            assert twin.type == TYPES_IN_XLSFORM.get(question.type, question.type), question.id
            assert (
                twin.help is None or question.help is None or set(twin.help) == set(question.help)
            )
        left_out = {entry.place.header for entry in result.report.skipped}
        assert left_out <= {"appearance", "instance_name", None}, result.report.lines()


def test_the_same_relevance_on_many_sets_of_answers(round_trips: list[RoundTrip]) -> None:
    for form, result, unsaid in round_trips:
        imported = {question.id: question for question in result.form.questions()}
        chance = random.Random(form.id)
        checked = 0
        for _sample in range(SAMPLES):
            answers, profile = _answers(form, chance), _profile(chance)
            ours = MappingContext(answers, profile, on=date(2025, 6, 1))
            theirs = MappingContext(
                _as_xlsform_answers(form, answers, profile), on=date(2025, 6, 1)
            )
            for criterion in form.criteria():
                if criterion.id in unsaid:
                    continue
                for question in criterion.questions:
                    if question.id in unsaid:
                        continue
                    expected = _relevant(criterion, question, ours)
                    found = _evaluated(imported[question.id].relevant, theirs)
                    assert found == expected, (question.id, answers, profile)
                    checked += 1
        assert checked > SAMPLES * 20


def _relevant(criterion: Criterion, question: Question, context: MappingContext) -> bool:
    return _evaluated(criterion.applicability, context) and _evaluated(question.relevant, context)


def _evaluated(source: str | None, context: MappingContext) -> bool:
    return source is None or evaluate(compiled(source), context) is True


def _answers(form: Form, chance: random.Random) -> dict[str, Value]:
    answers: dict[str, Value] = {}
    for question in form.questions():
        if isinstance(question, InfoQuestion) or chance.random() < 0.15:
            continue
        value = _value(form, question, chance)
        if value is not None:
            answers[question.id] = value
    return answers


def _value(form: Form, question: Question, chance: random.Random) -> Value:
    kind = question.type
    if kind == "rating":
        return chance.randint(0, 3)
    if kind == "yes_no":
        return chance.random() < 0.5
    if isinstance(question, SingleChoiceQuestion):
        return chance.choice(form.choices_of(question)).name
    if isinstance(question, MultiChoiceQuestion):
        names = [choice.name for choice in form.choices_of(question)]
        return chance.sample(names, chance.randint(1, min(3, len(names))))
    if kind == "number":
        return chance.choice([0, 1, 2, 5, 12, 50, 400])
    if kind == "date":
        return date(2025, 6, 1) - timedelta(days=chance.randint(0, 2000))
    if kind == "text":
        return chance.choice(["x", "CD-12345", "register"])
    return None


def _profile(chance: random.Random) -> dict[str, Value]:
    profile: dict[str, Value] = {}
    for name, (kind, allowed) in PROFILE_FIELDS.items():
        options = sorted(allowed or [])
        if kind is ProfileFieldKind.LIST and options:
            profile[name] = chance.sample(options, chance.randint(1, 2))
        elif options:
            profile[name] = chance.choice(options)
        elif kind is ProfileFieldKind.NUMBER:
            profile[name] = chance.choice([3, 30, 80, 600])
        elif kind is ProfileFieldKind.LIST:
            profile[name] = chance.sample(["CD", "RW", "UG", "AE"], chance.randint(0, 2))
    return profile


def _as_xlsform_answers(
    form: Form, answers: dict[str, Value], profile: dict[str, Value]
) -> dict[str, Value]:
    """The same answers as ODK holds them: ratings and yes/no as options, the profile as
    questions."""
    types = {question.id: question.type for question in form.questions()}
    held: dict[str, Value] = {f"profile_{name}": value for name, value in profile.items()}
    for question_id, value in answers.items():
        if types[question_id] == "rating":
            held[question_id] = str(value)
        elif types[question_id] == "yes_no":
            held[question_id] = "yes" if value else "no"
        else:
            held[question_id] = value
    return held
