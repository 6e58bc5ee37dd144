"""A scope of every kind of answer, for translating expressions in tests, and the XLSForm (as
pyxform's dictionary) whose questions it names, so that ODK Validate can check translations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from selfassess.core.expr import Scope
from selfassess.core.expr.types import QuestionInfo, ValueType
from selfassess.core.xlsform.profile_rows import profile_references
from selfassess.core.xlsform.xpath import Kind, Reference, XPathScope

T = ValueType
OPTIONS = ("valid", "expired", "none")
# our id -> (our type, value type, choices, allows N/A, XPath reference)
QUESTIONS: dict[str, tuple[str, ValueType, frozenset[str] | None, bool, Reference]] = {
    "r": ("rating", T.NUMBER, None, True, Reference("r", Kind.NUMBER, ("na",), True)),
    "yn": ("yes_no", T.BOOL, None, True, Reference("yn", Kind.YES_NO, ("unknown", "na"), True)),
    "s": ("single_choice", T.TEXT, frozenset(OPTIONS), False, Reference("s", Kind.TEXT)),
    "m": ("multi_choice", T.LIST, frozenset(OPTIONS), False, Reference("m", Kind.LIST)),
    "t": ("text", T.TEXT, None, False, Reference("t", Kind.TEXT)),
    "n": ("number", T.NUMBER, None, False, Reference("n", Kind.NUMBER)),
    "d": ("date", T.DATE, None, False, Reference("d", Kind.DATE)),
    "e": ("evidence", T.EVIDENCE, None, False, Reference("e", Kind.EVIDENCE)),
}


def xpath_scope(current: str | None = None) -> XPathScope:
    references = {qid: spec[4] for qid, spec in QUESTIONS.items()}
    return XPathScope(references, profile_references(), references.get(current or ""))


def checker_scope(current: str | None = None) -> Scope:
    infos = {
        qid: QuestionInfo(kind, value_type, choices, na)
        for qid, (kind, value_type, choices, na, _ref) in QUESTIONS.items()
    }
    return Scope(infos, current=infos.get(current or ""))


def _select(name: str, options: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"list_name": name, "name": option, "label": option} for option in options]


def xlsform_with(relevants: list[str], constraints: Sequence[str] = ()) -> dict[str, Any]:
    """A form of the scope's questions, then a note per condition (as its `relevant`) and a
    number question per constraint (where `.` is its answer), for pyxform and ODK Validate."""
    survey = [
        {"type": "select_one rating", "name": "r", "label": "r"},
        {"type": "select_one yes_no", "name": "yn", "label": "yn"},
        {"type": "select_one options", "name": "s", "label": "s"},
        {"type": "select_multiple options", "name": "m", "label": "m"},
        {"type": "text", "name": "t", "label": "t"},
        {"type": "decimal", "name": "n", "label": "n"},
        {"type": "date", "name": "d", "label": "d"},
        {"type": "image", "name": "e", "label": "e", "parameters": "max-pixels=2048"},
    ]
    for reference in profile_references().values():
        kind = {Kind.TEXT: "text", Kind.NUMBER: "integer"}.get(reference.kind)
        kind = kind or "select_multiple options"
        survey.append({"type": kind, "name": reference.name, "label": "p"})
    for number, expression in enumerate(relevants):
        survey.append({"type": "note", "name": f"x{number}", "label": "x", "relevant": expression})
    for number, expression in enumerate(constraints):
        row = {"type": "decimal", "name": f"c{number}", "label": "c", "constraint": expression}
        survey.append(row)
    choices = _select("rating", ("0", "1", "2", "3", "na"))
    choices += _select("yes_no", ("yes", "no", "unknown", "na"))
    choices += _select("options", OPTIONS)
    return {"survey": survey, "choices": choices}
