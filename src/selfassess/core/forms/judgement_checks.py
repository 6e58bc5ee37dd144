"""Whole-form rules of what the judgement reads besides the questions: the red lines (declared
once, named by the red-flag questions that indicate them) and the suggested actions (attached to
a question of their criterion, to a condition, or to a severity; each with an id in a format-2
form, so that the plan can show it in the reader's language)."""

from __future__ import annotations

from collections.abc import Iterator

from selfassess.core.forms.findings import Finding
from selfassess.core.forms.model import Criterion, Form, InfoQuestion, Reference, Standard
from selfassess.core.forms.yaml_source import DataPath


def check_judgement(form: Form) -> list[Finding]:
    """Every rule of this module."""
    findings: list[Finding] = []
    findings += _red_lines(form)
    findings += _actions(form)
    return findings


def reference_findings(
    standards: dict[str, Standard], reference: Reference, path: DataPath
) -> Iterator[Finding]:
    """A reference to an undeclared standard, or to a clause its standard does not list."""
    standard = standards.get(reference.standard)
    if standard is None:
        yield Finding.error(
            (*path, "standard"),
            f"unknown standard '{reference.standard}' (declare it under standards)",
        )
    elif standard.clauses and reference.clause not in (None, *standard.clause_ids):
        yield Finding.error(
            (*path, "clause"),
            f"unknown clause '{reference.clause}' of {standard.id} "
            f"(its clauses are: {', '.join(standard.clause_ids)})",
        )


def _red_lines(form: Form) -> Iterator[Finding]:
    standards = {standard.id: standard for standard in form.standards}
    declared: dict[str, int] = {}
    for index, red_line in enumerate(form.red_lines):
        if red_line.id in declared:
            yield Finding.error(("red_lines", index, "id"), f"duplicate red line '{red_line.id}'")
        declared[red_line.id] = index
        for r, reference in enumerate(red_line.references):
            yield from reference_findings(
                standards, reference, ("red_lines", index, "references", r)
            )
    named: set[str] = set()
    for path, criterion in _criteria(form):
        for q, question in enumerate(criterion.questions):
            if isinstance(question, InfoQuestion) or question.red_line is None:
                continue
            named.add(question.red_line)
            where = (*path, "questions", q, "red_line")
            if question.red_line not in declared:
                yield Finding.error(
                    where,
                    f"unknown red line '{question.red_line}' (declare it under red_lines: "
                    f"{', '.join(declared) or 'none declared'})",
                )
            if not question.red_flag:
                yield Finding.error(
                    where, f"question '{question.id}' names a red line but has no red_flag"
                )
    for red_line_id, index in declared.items():
        if red_line_id not in named:
            yield Finding.warning(
                ("red_lines", index),
                f"no question names red line '{red_line_id}', so it can never be judged",
            )


def _actions(form: Form) -> Iterator[Finding]:
    seen: dict[str, DataPath] = {}
    for path, criterion in _criteria(form):
        questions = {question.id for question in criterion.questions}
        for a, action in enumerate(criterion.actions):
            where: DataPath = (*path, "actions", a)
            if action.id is not None:
                if action.id in seen:
                    yield Finding.error((*where, "id"), f"duplicate action id '{action.id}'")
                seen.setdefault(action.id, where)
            elif form.format >= 2:
                yield Finding.error(
                    where, "every action of a format-2 form needs an id, to be shown translated"
                )
            if action.severity is None and action.question is None and action.when is None:
                yield Finding.error(
                    where, "an action needs a question, a condition (when) or a severity"
                )
            for field, ids in (("question", [action.question]), ("addresses", action.addresses)):
                for item in ids:
                    if item is not None and item not in questions:
                        yield Finding.error(
                            (*where, field),
                            f"'{item}' is not a question of criterion '{criterion.id}'",
                        )


def _criteria(form: Form) -> Iterator[tuple[DataPath, Criterion]]:
    for s, section in enumerate(form.sections):
        for c, criterion in enumerate(section.criteria):
            yield ("sections", s, "criteria", c), criterion
