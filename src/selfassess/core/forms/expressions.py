"""Checks every expression of a form against the questions and profile it may use, and finds
relevance cycles. Also gives the cached parse that evaluation uses at run time."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from selfassess.core.expr import ExpressionError, Node, Scope, check, parse, references
from selfassess.core.expr.types import QuestionInfo, ValueType
from selfassess.core.forms.checks import question_paths
from selfassess.core.forms.findings import Finding
from selfassess.core.forms.model import (
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    Question,
    SingleChoiceQuestion,
)
from selfassess.core.forms.settings import SCORE_NAMES
from selfassess.core.forms.yaml_source import DataPath

_VALUE_TYPES: dict[str, ValueType | None] = {
    "rating": ValueType.NUMBER,
    "yes_no": ValueType.BOOL,
    "single_choice": ValueType.TEXT,
    "multi_choice": ValueType.LIST,
    "text": ValueType.TEXT,
    "number": ValueType.NUMBER,
    "date": ValueType.DATE,
    "evidence": ValueType.EVIDENCE,
    "info": None,
}
_BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n"}


@lru_cache(maxsize=8192)
def compiled(source: str) -> Node:
    """The parsed tree of an expression; cached, since forms repeat them and trees are immutable."""
    return parse(source)


def question_infos(form: Form) -> dict[str, QuestionInfo]:
    """What expressions may know about each question of the form."""
    infos: dict[str, QuestionInfo] = {}
    for question in form.questions():
        choices = None
        if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
            choices = frozenset(choice.name for choice in form.choices_of(question))
        allows_na = not isinstance(question, InfoQuestion) and question.allow_na
        infos.setdefault(
            question.id,
            QuestionInfo(question.type, _VALUE_TYPES[question.type], choices, allows_na),
        )
    return infos


def check_expressions(form: Form) -> list[Finding]:
    """Every expression's syntax, names and types, and relevance cycles."""
    infos = question_infos(form)
    findings: list[Finding] = []
    for path, source, scope in _expression_sites(form, infos):
        findings.extend(_check_one(path, source, scope))
    findings.extend(_relevance_cycles(form))
    return findings


SCORE_SCOPE = Scope(
    {name: QuestionInfo("score", ValueType.NUMBER) for name in SCORE_NAMES}, purpose="readiness"
)


def _expression_sites(
    form: Form, infos: dict[str, QuestionInfo]
) -> Iterator[tuple[DataPath, str, Scope]]:
    for index, level in enumerate(form.settings.readiness_levels(form.format)):
        yield ("settings", "readiness", index, "when"), level.when, SCORE_SCOPE
    for s, section in enumerate(form.sections):
        for c, criterion in enumerate(section.criteria):
            c_path: DataPath = ("sections", s, "criteria", c)
            if criterion.applicability:
                scope = Scope(allow_questions=False, purpose="applicability")
                yield (*c_path, "applicability"), criterion.applicability, scope
            for r, rule in enumerate(criterion.status_rules):
                scope = Scope(infos, purpose="a status rule")
                yield (*c_path, "status_rules", r, "when"), rule.when, scope
            for a, action in enumerate(criterion.actions):
                if action.when:
                    scope = Scope(infos, purpose="an action's condition")
                    yield (*c_path, "actions", a, "when"), action.when, scope
    for path, question, _criterion in question_paths(form):
        yield from _question_sites(path, question, infos)


def _question_sites(
    path: DataPath, question: Question, infos: dict[str, QuestionInfo]
) -> Iterator[tuple[DataPath, str, Scope]]:
    if question.relevant:
        yield (*path, "relevant"), question.relevant, Scope(infos, purpose="relevant")
    if isinstance(question, InfoQuestion):
        return
    own = infos.get(question.id)
    if isinstance(question.required, str):
        yield (*path, "required"), question.required, Scope(infos, purpose="required")
    for index, constraint in enumerate(question.constraints):
        scope = Scope(infos, current=own, purpose="a constraint")
        yield (*path, "constraints", index, "expression"), constraint.expression, scope
    if question.red_flag:
        yield (*path, "red_flag"), question.red_flag, Scope(infos, own, purpose="a red flag")


def _check_one(path: DataPath, source: str, scope: Scope) -> list[Finding]:
    if path[-1] == "required" and source.strip().lower() in _BOOLEAN_WORDS:
        return [Finding.error(path, f"write true or false, not '{source}'")]
    try:
        check(compiled(source), scope)
    except ExpressionError as exc:
        return [Finding.error(path, exc.message, exc.start)]
    return []


def _relevance_cycles(form: Form) -> list[Finding]:
    """Questions whose relevance depends, through other questions, on itself."""
    graph: dict[str, list[str]] = {}
    paths: dict[str, DataPath] = {}
    for path, question, _criterion in question_paths(form):
        paths.setdefault(question.id, path)
        if question.relevant:
            try:
                refs = references(compiled(question.relevant))
            except ExpressionError:
                continue  # reported by the expression check
            graph[question.id] = [ref.question_id for ref in refs]
    findings: list[Finding] = []
    reported: set[str] = set()
    for start in graph:
        cycle = _find_cycle(start, graph)
        if cycle and not reported.intersection(cycle):
            reported.update(cycle)
            chain = " → ".join([*cycle, cycle[0]])
            message = (
                "a question's relevance cannot depend on its own answer"
                if len(cycle) == 1
                else f"relevance cycle: {chain}"
            )
            findings.append(Finding.error((*paths[cycle[0]], "relevant"), message))
    return findings


def _find_cycle(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    """A cycle through `start`, as the list of its questions, or None."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    visited: set[str] = set()
    while stack:
        node, trail = stack.pop()
        for target in graph.get(node, []):
            if target == start:
                return trail
            if target not in visited:
                visited.add(target)
                stack.append((target, [*trail, target]))
    return None
