"""The sample form exercises every function, operator and kind of value of the language."""

from __future__ import annotations

from pathlib import Path

from selfassess.core.expr import parse
from selfassess.core.expr.ast import (
    PRECEDENCE,
    Binary,
    Call,
    Current,
    ListLiteral,
    Literal,
    ProfileRef,
    QuestionRef,
    Unary,
    walk,
)
from selfassess.core.expr.functions import FUNCTIONS
from selfassess.core.forms.loader import load_form

SAMPLE = Path(__file__).parents[1] / "data" / "sample.yaml"


def _expressions() -> list[str]:
    form = load_form(SAMPLE).form
    assert form is not None
    sources: list[str] = []
    for criterion in form.criteria():
        sources += [criterion.applicability or ""] + [rule.when for rule in criterion.status_rules]
        for question in criterion.questions:
            sources.append(question.relevant or "")
            if question.type != "info":
                sources += [c.expression for c in question.constraints]
                sources.append(question.red_flag or "")
                if isinstance(question.required, str):
                    sources.append(question.required)
    return [source for source in sources if source]


def test_sample_uses_every_function_operator_and_value_kind() -> None:
    nodes = [node for source in _expressions() for node in walk(parse(source))]
    assert {n.name for n in nodes if isinstance(n, Call)} == set(FUNCTIONS)
    binary_ops = {n.op for n in nodes if isinstance(n, Binary)}
    assert binary_ops == set(PRECEDENCE)
    assert {n.op for n in nodes if isinstance(n, Unary)} == {"not", "-"}
    literal_kinds = {type(n.value).__name__ for n in nodes if isinstance(n, Literal)}
    assert literal_kinds >= {"int", "str", "bool", "date", "NoneType"}
    for kind in (QuestionRef, ProfileRef, Current, ListLiteral):
        assert any(isinstance(n, kind) for n in nodes), kind.__name__
