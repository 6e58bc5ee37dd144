"""The gap results grouped by each standard the criteria reference (OECD steps, Annex II risks,
ILO conventions, ...) and by the form's own pillars, so that "Step 1: 4 of 5 criteria met"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selfassess.core.forms.model import Form
from selfassess.core.gaps.results import CriterionResult, GapReport, Status
from selfassess.core.i18n import N_, translate

PILLARS = "pillars"


@dataclass
class ClauseView:
    """One clause of a standard (or one pillar) and the criteria that answer to it."""

    clause: str
    label: str = ""  # the clause in the report's language; the clause id when empty
    criteria: list[CriterionResult] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return self.label or self.clause

    @property
    def applicable(self) -> int:
        return sum(1 for r in self.criteria if r.status is not Status.NOT_APPLICABLE)

    @property
    def met(self) -> int:
        return sum(1 for r in self.criteria if r.status is Status.MEETS)

    @property
    def partly_met(self) -> int:
        return sum(1 for r in self.criteria if r.status is Status.PARTIALLY_MEETS)

    @property
    def alignment_pct(self) -> int | None:
        """How far the criteria that apply are in place, as an alignment assessment reports it:
        met counts 1, partly met one half, not met and incomplete 0, over the criteria that
        apply, rounded to a whole percent; None when none applies."""
        if self.applicable == 0:
            return None
        return round(100 * (self.met + 0.5 * self.partly_met) / self.applicable)


@dataclass
class StandardView:
    """A standard, clause by clause in the order criteria first reference them."""

    standard_id: str
    title: str
    clauses: list[ClauseView] = field(default_factory=list)

    def clause(self, name: str, label: str = "") -> ClauseView:
        for view in self.clauses:
            if view.clause == name:
                return view
        view = ClauseView(name, label)
        self.clauses.append(view)
        return view


def by_standard(form: Form, report: GapReport) -> list[StandardView]:
    """Every referenced standard, in the form's order, then the form's pillars."""
    language, fallback = report.language, form.default_language
    views = {
        standard.id: StandardView(standard.id, standard.title.in_language(language, fallback))
        for standard in form.standards
    }
    standards = {standard.id: standard for standard in form.standards}
    whole = translate(language, N_("(whole standard)"))
    for result in report.criteria:
        for standard_id, clause in result.references:
            if standard_id in views:
                label = standards[standard_id].clause_label(clause or whole, language, fallback)
                target = views[standard_id].clause(clause or whole, label)
                if result not in target.criteria:
                    target.criteria.append(result)
    for standard_id, view in views.items():
        declared = standards[standard_id].clause_ids
        view.clauses.sort(key=lambda clause: _clause_order(clause.clause, declared))
    pillars = StandardView(PILLARS, translate(language, N_("The form's pillars")))
    for section in form.sections:
        pillar = pillars.clause(section.title.in_language(language, fallback))
        pillar.criteria.extend(r for r in report.criteria if r.section_id == section.id)
    return [standard for standard in views.values() if standard.clauses] + [pillars]


def _clause_order(clause: str, declared: list[str]) -> tuple[int, list[tuple[int, int | str]]]:
    """The standard's own order when it declares its clauses, else natural order."""
    position = declared.index(clause) if clause in declared else len(declared)
    return position, _natural(clause)


def _natural(text: str) -> list[tuple[int, int | str]]:
    """A sort key under which "Step 2" comes before "Step 10" and "C29" before "C138"."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text)]


def summary_line(view: ClauseView, language: str) -> str:
    """ "Step 1: 4 of 5 criteria met (alignment 80%)" in the report's language."""
    if view.alignment_pct is None:
        return translate(language, "{clause}: no criterion applies", clause=view.shown)
    return translate(
        language,
        "{clause}: {met} of {applicable} criteria met (alignment {alignment}%)",
        clause=view.shown,
        met=view.met,
        applicable=view.applicable,
        alignment=view.alignment_pct,
    )
