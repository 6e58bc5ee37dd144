"""The judgement in the printed pack: the summary (readiness; each red line breached, not
verified or not breached, with why and what the standard expects; the remediation register's
counts; a chart per pillar) and the view by standard with each clause's alignment (met 1, partly
met one half, over the criteria that apply), as an OECD alignment assessment reports it."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph

from selfassess.core.gaps.describe import joined_reasons
from selfassess.core.gaps.standards import by_standard
from selfassess.core.i18n import N_, plural
from selfassess.core.pack.report import FONT, ReportInput
from selfassess.core.pack.report_style import (
    H2,
    H3,
    SMALL,
    STATUS_COLOURS,
    heading,
    p,
    table_of,
)
from selfassess.core.pack.report_text import RED_LINE_WORDS, STATUS_WORDS


def summary(data: ReportInput) -> list[Flowable]:
    flow = heading(data, N_("Summary"))
    readiness = data.report.readiness
    if readiness is not None:
        flow += [p(readiness.label, H2), p(readiness.description)]
    flow.append(p(data.t("Red lines"), H2))
    flow += _red_lines(data) if data.report.red_lines else _red_line_criteria(data)
    flow += _remediation(data)
    flow += [p(data.t("Criteria by pillar"), H2), _chart(data), _legend(data), PageBreak()]
    return flow


def _chart(data: ReportInput) -> Drawing:
    sections = data.form.sections
    width, row, label_width = 170 * mm, 16, 72 * mm
    drawing = Drawing(width, row * len(sections) + 4)
    for index, section in enumerate(sections):
        y = (len(sections) - index - 1) * row + 4
        name = section.title.in_language(data.language, data.form.default_language)
        drawing.add(String(0, y + 3, name[:52], fontName=FONT, fontSize=7.5))
        counts = data.report.sections.get(section.id)
        total = sum(getattr(counts, s) for s in STATUS_COLOURS) if counts else 0
        x = label_width
        for status, colour in STATUS_COLOURS.items():
            share = getattr(counts, status) / total if total else 0
            span = share * (width - label_width)
            bar = Rect(x, y, span, row - 5)
            bar.fillColor, bar.strokeColor = colour, None
            drawing.add(bar)
            x += span
    return drawing


def _legend(data: ReportInput) -> Paragraph:
    items = [
        f'<font color="{c.hexval().replace("0x", "#")}">■</font> {escape(data.t(STATUS_WORDS[s]))}'
        for s, c in STATUS_COLOURS.items()
    ]
    return Paragraph("   ".join(items), SMALL)


def _red_lines(data: ReportInput) -> list[Flowable]:
    """Each red line of a format-2 form: its status, why, and what the standard expects."""
    t = data.t
    rows: list[list[Any]] = [[t("Red line"), t("Status"), t("Why"), t("What the standard expects")]]
    for line in data.report.red_lines:
        rows.append(
            [
                p(line.title, SMALL),
                p(t(RED_LINE_WORDS[line.status.value]), SMALL),
                p(joined_reasons(line.reasons), SMALL),
                p(line.response if line.status.value == "breached" else "", SMALL),
            ]
        )
    return [table_of(rows, [40, 26, 62, 46])]


def _remediation(data: ReportInput) -> list[Flowable]:
    """The child-labour remediation register in one paragraph of counts, when it has cases:
    never a case number, a partner or a note (docs/remediation.md)."""
    counts = data.response.remediation
    if counts is None or counts.identified == 0:
        return []
    text = plural(
        data.language,
        "Child-labour remediation: {count} child or young person identified, by case number "
        "only. Referred to a child-protection partner: {referred}; supported: {supported}; in "
        "school or training at the last follow-up: {in_school}; lost to follow-up: {lost}.",
        "Child-labour remediation: {count} children and youth identified, by case number "
        "only. Referred to a child-protection partner: {referred}; supported: {supported}; in "
        "school or training at their last follow-up: {in_school}; lost to follow-up: {lost}.",
        counts.identified,
        referred=counts.referred,
        supported=counts.supported,
        in_school=counts.in_school_at_last_follow_up,
        lost=counts.lost_to_follow_up,
    )
    return [p(text)]


def _red_line_criteria(data: ReportInput) -> list[Flowable]:
    """A format-1 form's red lines: its red-line criteria that are breached."""
    red = [
        c
        for c in data.response.criteria
        if c.red_line and (c.red_flags or c.status == "does_not_meet")
    ]
    if not red:
        return [p(data.t("No red line is breached."))]
    return [p(f"{c.id} {c.title}: {joined_reasons(c.reasons)}") for c in red]


def standards(data: ReportInput) -> list[Flowable]:
    t = data.t
    flow = heading(data, N_("By standard"))
    for view in by_standard(data.form, data.report):
        flow.append(p(view.title, H3))
        rows: list[list[Any]] = [
            [t("Clause"), t("Met"), t("Partly met"), t("Applicable"), t("Alignment")]
        ]
        for clause in view.clauses:
            alignment = clause.alignment_pct
            rows.append(
                [
                    p(clause.shown, SMALL),
                    p(str(clause.met), SMALL),
                    p(str(clause.partly_met), SMALL),
                    p(str(clause.applicable), SMALL),
                    p("-" if alignment is None else t("{percent}%", percent=alignment), SMALL),
                ]
            )
        flow.append(table_of(rows, [94, 18, 22, 22, 18]))
    flow.append(
        p(t("Alignment: met counts 1, partly met one half, over the criteria that apply."), SMALL)
    )
    return [*flow, PageBreak()]
