"""Whole-form rules that the models alone cannot express: unique ids, resolved references,
non-empty sections, valid defaults, four-level scales and complete translations.

Expression rules are in `expressions.py`. Each rule returns Findings; none stops at the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from selfassess.core.forms.diagnostics import Level
from selfassess.core.forms.findings import Finding
from selfassess.core.forms.judgement_checks import check_judgement, reference_findings
from selfassess.core.forms.model import (
    Choice,
    Criterion,
    Form,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    Text,
    YesNoQuestion,
)
from selfassess.core.forms.yaml_source import DataPath

_MEDIA_TYPE = re.compile(r"^([a-z]+/(\*|[a-z0-9.+\-]+)|\.[A-Za-z0-9]+)$")
SCALE_LEVELS = 4


def check_structure(form: Form) -> list[Finding]:
    """Every rule of this module, in the order an author would fix them."""
    findings: list[Finding] = []
    findings += _languages(form)
    findings += _unique_ids(form)
    findings += _non_empty(form)
    findings += _choices(form)
    findings += _references(form)
    findings += _question_details(form)
    findings += _judgeable(form)
    findings += _translations(form)
    findings += check_judgement(form)
    return findings


def _judgeable(form: Form) -> Iterator[Finding]:
    """Criteria that neither a status rule nor the default rule can give a status."""
    if form.settings.readiness and form.settings.readiness[-1].when.strip() != "true":
        yield Finding.warning(
            ("settings", "readiness", len(form.settings.readiness) - 1, "when"),
            "the last readiness level should be `true`, so that every result has a level",
        )
    for s, section in enumerate(form.sections):
        for c, criterion in enumerate(section.criteria):
            scored = any(
                isinstance(q, RatingQuestion)
                or (isinstance(q, YesNoQuestion) and q.expected is not None)
                for q in criterion.questions
            )
            if not scored and not criterion.status_rules:
                yield Finding.warning(
                    ("sections", s, "criteria", c),
                    f"criterion '{criterion.id}' has no rating or yes/no question and no status "
                    "rule, so its status cannot be judged",
                )


def question_paths(form: Form) -> Iterator[tuple[DataPath, Question, Criterion]]:
    """(path, question, its criterion) for every question of the form."""
    for s, section in enumerate(form.sections):
        for c, criterion in enumerate(section.criteria):
            for q, question in enumerate(criterion.questions):
                yield ("sections", s, "criteria", c, "questions", q), question, criterion


def _languages(form: Form) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, language in enumerate(form.languages):
        if language in seen:
            yield Finding.error(("languages", index), f"language '{language}' is listed twice")
        seen.add(language)
    if form.default_language not in form.languages:
        yield Finding.error(
            ("default_language",),
            f"default language '{form.default_language}' is not among the form's languages",
        )


def _unique_ids(form: Form) -> Iterator[Finding]:
    items: dict[str, DataPath] = {}
    for s, section in enumerate(form.sections):
        yield from _claim(items, section.id, ("sections", s, "id"), "id")
        for c, criterion in enumerate(section.criteria):
            c_path = ("sections", s, "criteria", c)
            yield from _claim(items, criterion.id, (*c_path, "id"), "id")
            for q, question in enumerate(criterion.questions):
                yield from _claim(items, question.id, (*c_path, "questions", q, "id"), "id")
    for field in ("choice_lists", "standards", "glossary"):
        seen: dict[str, DataPath] = {}
        for index, item in enumerate(getattr(form, field)):
            yield from _claim(seen, item.id, (field, index, "id"), f"{field} id")


def _claim(seen: dict[str, DataPath], item_id: str, path: DataPath, what: str) -> Iterator[Finding]:
    if item_id in seen:
        message = f"duplicate {what} '{item_id}'"
        yield Finding(Level.ERROR, path, message, related=seen[item_id])
    else:
        seen[item_id] = path


def _non_empty(form: Form) -> Iterator[Finding]:
    if not form.sections:
        yield Finding.error(("sections",), "the form has no sections")
    for s, section in enumerate(form.sections):
        if not section.criteria:
            yield Finding.error(("sections", s), f"section '{section.id}' has no criteria")
        for c, criterion in enumerate(section.criteria):
            if not criterion.questions:
                yield Finding.error(
                    ("sections", s, "criteria", c), f"criterion '{criterion.id}' has no questions"
                )
    for index, choice_list in enumerate(form.choice_lists):
        if not choice_list.choices:
            yield Finding.error(("choice_lists", index), f"choice list '{choice_list.id}' is empty")
        yield from _unique_choices(choice_list.choices, ("choice_lists", index, "choices"))
    if len(form.settings.rating_scale) != SCALE_LEVELS:
        yield Finding.error(
            ("settings", "rating_scale"),
            f"the rating scale needs exactly {SCALE_LEVELS} levels, not "
            f"{len(form.settings.rating_scale)}",
        )


def _unique_choices(choices: list[Choice], path: DataPath) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        if choice.name in seen:
            yield Finding.error((*path, index, "name"), f"duplicate choice '{choice.name}'")
        seen.add(choice.name)


def _choices(form: Form) -> Iterator[Finding]:
    lists = {choice_list.id for choice_list in form.choice_lists}
    used: set[str] = set()
    for path, question, _criterion in question_paths(form):
        if not isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
            continue
        if isinstance(question.choices, str):
            used.add(question.choices)
            if question.choices not in lists:
                yield Finding.error((*path, "choices"), f"unknown choice list '{question.choices}'")
        else:
            if not question.choices:
                yield Finding.error((*path, "choices"), "the question has no choices")
            yield from _unique_choices(question.choices, (*path, "choices"))
        names = {choice.name for choice in form.choices_of(question)}
        defaults = question.default if isinstance(question.default, list) else [question.default]
        for value in defaults:
            if value is not None and names and value not in names:
                yield Finding.error((*path, "default"), f"default '{value}' is not a choice")
    for index, choice_list in enumerate(form.choice_lists):
        if choice_list.id not in used:
            yield Finding.warning(
                ("choice_lists", index), f"choice list '{choice_list.id}' is never used"
            )


def _references(form: Form) -> Iterator[Finding]:
    standards = {standard.id: standard for standard in form.standards}
    for s, section in enumerate(form.sections):
        for c, criterion in enumerate(section.criteria):
            for r, reference in enumerate(criterion.references):
                path = ("sections", s, "criteria", c, "references", r)
                yield from reference_findings(standards, reference, path)
            if criterion.red_line and not any(
                getattr(question, "red_flag", None) for question in criterion.questions
            ):
                yield Finding.warning(
                    ("sections", s, "criteria", c, "red_line"),
                    f"red-line criterion '{criterion.id}' has no red_flag question to detect it",
                )


def _question_details(form: Form) -> Iterator[Finding]:
    for path, question, _criterion in question_paths(form):
        levels = question.levels if isinstance(question, RatingQuestion) else None
        if levels is not None and len(levels) != SCALE_LEVELS:
            yield Finding.error(
                (*path, "levels"),
                f"a rating question describes {SCALE_LEVELS} levels, not {len(levels)}",
            )
        if isinstance(question, NumberQuestion):
            yield from _number_bounds(question, path)
        for index, media in enumerate(getattr(question, "accepted_types", [])):
            if not _MEDIA_TYPE.match(media):
                yield Finding.error(
                    (*path, "accepted_types", index),
                    f"'{media}' is neither a media type (image/jpeg, image/*) "
                    "nor an extension (.pdf)",
                )


def _number_bounds(question: NumberQuestion, path: DataPath) -> Iterator[Finding]:
    low, high, default = question.min, question.max, question.default
    if low is not None and high is not None and low > high:
        yield Finding.error((*path, "min"), f"min ({low:g}) is greater than max ({high:g})")
    if default is None:
        return
    if (low is not None and default < low) or (high is not None and default > high):
        yield Finding.error((*path, "default"), f"default {default:g} is outside min and max")
    if question.integer and default != int(default):
        yield Finding.error((*path, "default"), f"default {default:g} is not a whole number")


def _translations(form: Form) -> Iterator[Finding]:
    declared = set(form.languages)
    if "rating_scale" not in form.settings.model_fields_set:
        built_in = set(form.settings.rating_scale[0].label)
        lacking = [language for language in form.languages if language not in built_in]
        if lacking:
            yield Finding.warning(
                ("settings",) if "settings" in form.model_fields_set else (),
                f"the built-in rating scale has no {', '.join(lacking)} labels; "
                "define settings.rating_scale",
            )
    for path, text in iter_texts(form, ()):
        missing = [language for language in form.languages if language not in text]
        if form.default_language in missing:
            yield Finding.error(path, f"no text in the default language '{form.default_language}'")
            missing.remove(form.default_language)
        if missing:
            plural = "s" if len(missing) > 1 else ""
            yield Finding.warning(path, f"missing translation{plural}: {', '.join(missing)}")
        extra = sorted(set(text) - declared)
        if extra:
            yield Finding.warning(path, f"text in undeclared language: {', '.join(extra)}")


def iter_texts(node: object, path: DataPath) -> Iterator[tuple[DataPath, Text]]:
    """Every translated text written in the form (not the app's defaults), with its path."""
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in sorted(node.model_fields_set):
            yield from iter_texts(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from iter_texts(item, (*path, index))
