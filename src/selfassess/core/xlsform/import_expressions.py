"""The XPath of an imported survey said in our expression language, once every name is known:
calculations first (each written in place of its `${name}`), then each question's relevance
(its groups' and its own, joined by `and`), requirement and constraint.

An expression our language cannot say is left out and reported at its row and column; so is a
calculate that no carried expression uses, since a selfassess form stores answers, not
computed values.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace
from typing import Any

from selfassess.core.expr.ast import Binary, Node, children, unparse
from selfassess.core.findings import Finding
from selfassess.core.xlsform.import_report import ImportReport, Place
from selfassess.core.xlsform.import_survey import Group, Imported, Survey
from selfassess.core.xlsform.xpath_in import Untranslatable, XPathContext, xpath_to_tree

MAX_NODES = 2_000
"""The largest expression written out, calculations included."""
_REFERENCE = re.compile(r"\$\{([^}]*)\}")


def convert_expressions(survey: Survey, report: ImportReport) -> None:
    """Write each imported question's expressions into its data, in our language."""
    questions = {q.name: (q.data["id"], q.data["type"]) for q in survey.questions}
    options = {
        q.data["id"]: tuple(
            name for name, _label, _row in survey.option_lists_used[q.data["choices"]].options
        )
        for q in survey.questions
        if "choices" in q.data
    }
    calculations = _calculations(survey, questions, options, report)
    missing = frozenset(survey.missing | (survey.calculations.keys() - calculations.keys()))
    context = XPathContext(questions, calculations, missing, options)
    groups: dict[int, Node | None] = {}
    for question in survey.questions:
        _relevant(question, context, groups, report)
        _required(question, context, report)
        _constraint(question, context, report)


def _calculations(
    survey: Survey,
    questions: dict[str, tuple[str, str]],
    options: dict[str, tuple[str, ...]],
    report: ImportReport,
) -> dict[str, Node]:
    """Each calculation our language can say, converted after the calculations it uses."""
    needs = {
        name: {ref for ref in _REFERENCE.findall(source) if ref in survey.calculations}
        for name, (_row, source, _column) in survey.calculations.items()
    }
    done: dict[str, Node] = {}
    failed: set[str] = set()
    order = _dependency_order(needs)
    for name in order:
        context = XPathContext(questions, done, frozenset(survey.missing | failed), options)
        tree = _calculation(name, survey, context, report)
        if tree is None:
            failed.add(name)
        else:
            done[name] = tree
    for name in needs.keys() - set(order):
        row, _source, (letter, heading) = survey.calculations[name]
        report.skip(
            Place("survey", row, letter, heading),
            Finding.of(
                "calculate '{name}' depends on itself through other calculations", name=name
            ),
        )
    _report_carried(survey, done, report)
    return done


def _dependency_order(needs: dict[str, set[str]]) -> list[str]:
    """The names in an order where each comes after those it needs; those in a cycle, never."""
    waiting = {name: len(refs) for name, refs in needs.items()}
    used_by: dict[str, list[str]] = {name: [] for name in needs}
    for name, refs in needs.items():
        for ref in refs:
            used_by[ref].append(name)
    ready = deque(name for name, count in waiting.items() if count == 0)
    order: list[str] = []
    while ready:
        name = ready.popleft()
        order.append(name)
        for user in used_by[name]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return order


def _calculation(
    name: str, survey: Survey, context: XPathContext, report: ImportReport
) -> Node | None:
    row, source, (letter, heading) = survey.calculations[name]
    place = Place("survey", row, letter, heading)
    try:
        tree = _sized(xpath_to_tree(source, context))
    except Untranslatable as refusal:
        report.skip(place, refusal.finding)
        return None
    return tree


def _report_carried(survey: Survey, done: dict[str, Node], report: ImportReport) -> None:
    """A note for each calculation written in place, and a skip for those nothing uses."""
    used: set[str] = set()
    pending = [
        ref
        for question in survey.questions
        for source, _letter, _heading in question.expressions.values()
        for ref in _REFERENCE.findall(source)
    ]
    pending += [
        ref for group in _groups(survey) for ref in _REFERENCE.findall(group.relevant or "")
    ]
    while pending:
        name = pending.pop()
        if name in survey.calculations and name not in used:
            used.add(name)
            pending.extend(_REFERENCE.findall(survey.calculations[name][1]))
    for name in done:
        row = survey.calculations[name][0]
        if name in used:
            message = (
                "calculate '{name}' has no question of its own: its calculation is written "
                "in place of ${{{name}}} wherever it is used"
            )
            report.note(Place("survey", row), Finding.of(message, name=name))
        else:
            report.skip(
                Place("survey", row),
                Finding.of(
                    "calculate '{name}' is used by no carried expression: a selfassess form "
                    "stores answers, not computed values",
                    name=name,
                ),
            )


def _groups(survey: Survey) -> list[Group]:
    found: dict[int, Group] = {}
    for question in survey.questions:
        for group in question.groups:
            found.setdefault(group.row, group)
    return list(found.values())


def _relevant(
    question: Imported,
    context: XPathContext,
    groups: dict[int, Node | None],
    report: ImportReport,
) -> None:
    parts = [
        tree for group in question.groups if (tree := _group_tree(group, context, groups, report))
    ]
    own = question.expressions.get("relevant")
    if own is not None:
        tree = _converted(question, "relevant", context, report)
        if tree is not None:
            parts.append(tree)
    if parts:
        joined = parts[0]
        for part in parts[1:]:
            joined = Binary("and", joined, part)
        _store(question.data, "relevant", joined, question, report)


def _group_tree(
    group: Group, context: XPathContext, groups: dict[int, Node | None], report: ImportReport
) -> Node | None:
    """The group's relevance as our tree, converted (and reported) once."""
    if group.row not in groups:
        groups[group.row] = None
        if group.relevant is not None and group.relevant_column is not None:
            letter, heading = group.relevant_column
            try:
                groups[group.row] = _sized(xpath_to_tree(group.relevant, context))
            except Untranslatable as refusal:
                report.skip(Place("survey", group.row, letter, heading), refusal.finding)
    return groups[group.row]


def _required(question: Imported, context: XPathContext, report: ImportReport) -> None:
    if "required" in question.expressions:
        tree = _converted(question, "required", context, report)
        if tree is not None:
            _store(question.data, "required", tree, question, report)


def _constraint(question: Imported, context: XPathContext, report: ImportReport) -> None:
    message = question.data.pop("_constraint_message", None)
    if "constraint" not in question.expressions:
        return
    own = replace(context, current=question.data["id"])
    tree = _converted(question, "constraint", own, report)
    if tree is not None and message is not None:
        question.data["constraints"] = [{"expression": unparse(tree), "message": message}]


def _converted(
    question: Imported, field: str, context: XPathContext, report: ImportReport
) -> Node | None:
    source = question.expressions[field][0]
    try:
        return _sized(xpath_to_tree(source, context))
    except Untranslatable as refusal:
        report.skip(_place(question, field), refusal.finding)
        return None


def _store(
    data: dict[str, Any], field: str, tree: Node, question: Imported, report: ImportReport
) -> None:
    try:
        data[field] = unparse(_sized(tree))
    except Untranslatable as refusal:
        report.skip(_place(question, field), refusal.finding)


def expression_place(question: Imported, field: str) -> Place:
    """Where the expression of `field` came from: its row and column."""
    return _place(question, field)


def _place(question: Imported, field: str) -> Place:
    source = question.expressions.get(field)
    if source is None or not source[1]:
        return Place("survey", question.row)
    return Place("survey", question.row, source[1], source[2])


def _sized(tree: Node) -> Node:
    """`tree`, unless written out it would pass MAX_NODES (calculations used many times)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(tree, False)]
    while stack:
        node, expanded = stack.pop()
        if id(node) in sizes:
            continue
        if expanded:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children(node))
            if sizes[id(node)] > MAX_NODES:
                raise Untranslatable(
                    Finding.of(
                        "written out, the expression would be longer than {limit} terms",
                        limit=MAX_NODES,
                    )
                )
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children(node))
    return tree
