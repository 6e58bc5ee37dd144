"""Which of a criterion's suggested actions answer its gap (docs/gaps.md, "The improvement plan").

An action attached to a question is proposed when that question's answer fails the criterion
(its red flag is raised; a yes/no answer is not the expected one, or "don't know"; a rating is
below "fully in place"; an evidence question lacks its files). An action with a condition
(`when`) is proposed when the condition is true of the answers. Only when no such targeted
action applies are the actions for the gap's severity proposed (the nearest severity when the
form has none for it, the milder first: a weak age check calls for the age-check action, not
for the one that removes children from work).

Each proposal says which answers it addresses, and is keyed by the action's id (or, in a
format-1 form without ids, by its severity and place) so that the plan keeps one row per
proposal and can show it in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.answers.validation import AnswerView
from selfassess.core.answers.values import UNKNOWN
from selfassess.core.expr.parser import references
from selfassess.core.forms.expressions import compiled
from selfassess.core.forms.model import (
    Criterion,
    EvidenceQuestion,
    Form,
    InfoQuestion,
    RatingQuestion,
    Severity,
    SuggestedAction,
    YesNoQuestion,
)
from selfassess.core.gaps.results import CriterionResult

FULL = 3
_NEAREST = {
    Severity.MINOR: (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL),
    Severity.MAJOR: (Severity.MAJOR, Severity.MINOR, Severity.CRITICAL),
    Severity.CRITICAL: (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR),
}


@dataclass(frozen=True)
class Proposal:
    """A suggested action proposed for a gap: its key in the plan, and the answers it answers."""

    key: str
    action: SuggestedAction
    addresses: tuple[str, ...]


def proposals(view: AnswerView, criterion: Criterion, result: CriterionResult) -> list[Proposal]:
    """The actions the criterion's gap calls for, in the form's order; none without a gap."""
    if result.severity is None:
        return []
    numbered = list(enumerate(criterion.actions))
    failing = set(failing_questions(view, criterion, result))
    targeted = [
        (index, action)
        for index, action in numbered
        if (action.question is not None and action.question in failing)
        or (action.when is not None and view.condition(action.when, default=False))
    ]
    chosen = targeted or _by_severity(numbered, result.severity)
    return [Proposal(key_of(i, action), action, addresses_of(action)) for i, action in chosen]


def key_of(index: int, action: SuggestedAction) -> str:
    """The plan's key of a suggested action: its id, else (format 1) its severity and place."""
    if action.id is not None:
        return action.id
    return f"{action.severity.value if action.severity else 'any'}:{index}"


def addresses_of(action: SuggestedAction) -> tuple[str, ...]:
    """The answers an action answers to: as the form says, else its question, else the
    questions its condition reads."""
    if action.addresses:
        return tuple(action.addresses)
    if action.question is not None:
        return (action.question,)
    if action.when is not None:
        return tuple(dict.fromkeys(ref.question_id for ref in references(compiled(action.when))))
    return ()


def suggested_addresses(form: Form) -> dict[tuple[str, str], tuple[str, ...]]:
    """(criterion id, plan key) of every suggested action of the form: the answers it addresses."""
    return {
        (criterion.id, key_of(index, action)): addresses_of(action)
        for criterion in form.criteria()
        for index, action in enumerate(criterion.actions)
    }


def suggested_action(form: Form, criterion_id: str, key: str) -> SuggestedAction | None:
    """The form's suggested action a plan row came from, by its key."""
    for criterion in form.criteria():
        if criterion.id == criterion_id:
            for index, action in enumerate(criterion.actions):
                if key_of(index, action) == key:
                    return action
    return None


def failing_questions(view: AnswerView, criterion: Criterion, result: CriterionResult) -> list[str]:
    """The criterion's questions whose answers keep it from being met."""
    failing = list(result.red_flags)
    for question in criterion.questions:
        if isinstance(question, InfoQuestion) or question.id in failing:
            continue
        if not view.relevant(question.id):
            continue
        if isinstance(question, EvidenceQuestion):
            if any(item.question_id == question.id for item in result.missing_evidence):
                failing.append(question.id)
            continue
        answer = view.answers.get(question.id)
        if answer is None or answer.is_na:
            continue
        if _fails(question, answer.value):
            failing.append(question.id)
    return failing


def _fails(question: object, value: object) -> bool:
    if isinstance(question, RatingQuestion):
        return isinstance(value, int) and value < FULL
    if isinstance(question, YesNoQuestion) and question.expected is not None:
        return value == UNKNOWN or (isinstance(value, bool) and value != question.expected)
    return False


def _by_severity(
    numbered: list[tuple[int, SuggestedAction]], severity: Severity
) -> list[tuple[int, SuggestedAction]]:
    general = [(i, a) for i, a in numbered if a.question is None and a.when is None]
    for wanted in _NEAREST[severity]:
        matching = [(index, action) for index, action in general if action.severity is wanted]
        if matching:
            return matching
    return []
