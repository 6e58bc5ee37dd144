"""The sections of the printed pack: cover, summary (readiness, red lines, a chart per pillar),
gaps and plan, the view by standard, every answer, the evidence index and the declaration."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from selfassess.core.gaps.standards import by_standard, summary_line
from selfassess.core.i18n import LANGUAGE_NAMES, N_
from selfassess.core.pack.report import BOLD, FONT, ReportInput
from selfassess.core.pack.report_text import (
    ACTION_WORDS,
    SEVERITY_WORDS,
    STATUS_WORDS,
    answer_text,
)
from selfassess.core.profile import ENTITY_TYPES, MINERALS
from selfassess.core.signing.identity import spoken
from selfassess.core.store.evidence import describe_size

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
H1 = ParagraphStyle("h1", parent=BODY, fontName=BOLD, fontSize=17, leading=21, spaceAfter=8)
H2 = ParagraphStyle("h2", parent=BODY, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=8)
H3 = ParagraphStyle("h3", parent=BODY, fontName=BOLD, fontSize=10, leading=13, spaceBefore=6)
STATUS_COLOURS = {
    "meets": colors.HexColor("#2e7d32"),
    "partially_meets": colors.HexColor("#f9a825"),
    "does_not_meet": colors.HexColor("#c62828"),
    "incomplete": colors.HexColor("#9e9e9e"),
}
GRID = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("FONT", (0, 0), (-1, 0), BOLD, 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


class Bookmark(Flowable):
    """An outline entry (bookmark) at this point of the document."""

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.level = title, level
        self.width = self.height = 0

    def draw(self) -> None:
        key = f"b{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.title, key, level=self.level)


def p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def story(data: ReportInput) -> list[Flowable]:
    parts = [cover, summary, gaps_and_plan, standards, answers, evidence_index, declaration]
    flowables: list[Flowable] = []
    for part in parts:
        flowables.extend(part(data))
    return flowables


def heading(data: ReportInput, title: str) -> list[Flowable]:
    return [Bookmark(data.t(title)), p(data.t(title), H1)]


def cover(data: ReportInput) -> list[Flowable]:
    r, profile, t = data.response, data.response.profile, data.t
    title = data.form.title.in_language(data.language, data.form.default_language)
    rows = [
        (t("Supplier"), profile.get("organisation")),
        (t("Site"), profile.get("site")),
        (
            t("Country"),
            " / ".join(str(v) for v in (profile.get("country"), profile.get("province")) if v),
        ),
        (t("Type"), t(ENTITY_TYPES.get(str(profile.get("entity_type")), "Other"))),
        (t("Minerals"), ", ".join(t(MINERALS.get(m, m)) for m in profile.get("minerals") or [])),
        (t("Workers"), profile.get("workforce_size")),
        (t("Questionnaire"), f"{r.form.id} {r.form.version}"),
        (t("Assessment"), f"{r.assessment}, {t('revision')} {r.revision}"),
        (t("Finalized"), r.finalized_at[:10] if r.finalized_at else t("not yet (draft)")),
        (t("Answered in"), LANGUAGE_NAMES.get(r.language, r.language)),
        (t("Trainer"), r.trainer),
    ]
    if data.signer is not None:
        rows.append((t("Signed by"), f"{data.signer.name}, {data.signer.organisation}"))
        rows.append((t("Certificate fingerprint"), spoken(data.fingerprint or "")))
    table = Table(
        [[p(label, H3), p(str(value))] for label, value in rows if value not in (None, "")],
        colWidths=[48 * mm, 120 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [
        Bookmark(t("Cover")),
        Spacer(1, 30 * mm),
        p(title, H1),
        p(str(profile.get("organisation", "")), H2),
        Spacer(1, 10 * mm),
        table,
        PageBreak(),
    ]


def summary(data: ReportInput) -> list[Flowable]:
    flow = heading(data, N_("Summary"))
    readiness = data.report.readiness
    if readiness is not None:
        flow += [p(readiness.label, H2), p(readiness.description)]
    red = [
        c
        for c in data.response.criteria
        if c.red_line and (c.red_flags or c.status == "does_not_meet")
    ]
    flow.append(p(data.t("Red lines"), H2))
    if not red:
        flow.append(p(data.t("No red line is breached.")))
    for criterion in red:
        flow.append(p(f"{criterion.id} {criterion.title}: {'; '.join(criterion.reasons)}"))
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


def gaps_and_plan(data: ReportInput) -> list[Flowable]:
    t = data.t
    flow = heading(data, N_("Gaps and improvement plan"))
    rows: list[list[Any]] = [[t("Severity"), t("Criterion"), t("Status"), t("Why")]]
    for gap in data.report.gaps():
        severity = t(SEVERITY_WORDS[gap.severity.value]) if gap.severity else ""
        rows.append(
            [
                p(severity, SMALL),
                p(f"{gap.criterion_id} {gap.title}", SMALL),
                p(t(STATUS_WORDS[gap.status.value]), SMALL),
                p("; ".join(gap.reasons), SMALL),
            ]
        )
    flow.append(_table(rows, [18, 48, 26, 82]) if len(rows) > 1 else p(t("No gap.")))
    flow.append(p(t("Improvement plan"), H2))
    plan: list[list[Any]] = [[t("Criterion"), t("Action"), t("Owner"), t("Due"), t("Status")]]
    for action in data.response.plan:
        plan.append(
            [
                p(str(action.get("criterion_id", "")), SMALL),
                p(str(action.get("text", "")), SMALL),
                p(str(action.get("owner") or ""), SMALL),
                p(str(action.get("due") or ""), SMALL),
                p(
                    t(ACTION_WORDS.get(str(action.get("status")), ""))
                    if action.get("status") in ACTION_WORDS
                    else "",
                    SMALL,
                ),
            ]
        )
    flow.append(_table(plan, [16, 84, 24, 24, 26]) if len(plan) > 1 else p(t("No action planned.")))
    return [*flow, PageBreak()]


def _table(rows: list[list[Any]], widths_mm: list[int]) -> Table:
    """A grid whose header cells wrap too (Swahili headings are long)."""
    header = [
        Paragraph(f"<b>{escape(cell)}</b>", SMALL) if isinstance(cell, str) else cell
        for cell in rows[0]
    ]
    table = Table([header, *rows[1:]], colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(GRID)
    return table


def standards(data: ReportInput) -> list[Flowable]:
    flow = heading(data, N_("By standard"))
    for view in by_standard(data.form, data.report):
        flow.append(p(view.title, H3))
        flow.extend(p(summary_line(clause, data.language), SMALL) for clause in view.clauses)
    return [*flow, PageBreak()]


def answers(data: ReportInput) -> list[Flowable]:
    flow = heading(data, N_("Answers"))
    given, files = data.response.answers, _files_by_question(data)
    for section in data.form.sections:
        title = section.title.in_language(data.language, data.form.default_language)
        flow += [Bookmark(title, 1), p(title, H2)]
        for criterion in section.criteria:
            name = criterion.title.in_language(data.language, data.form.default_language)
            flow.append(p(f"{criterion.id} {name}", H3))
            for question in criterion.questions:
                if question.id in given or question.id in files:
                    flow.extend(
                        _answer(
                            data, question, given.get(question.id, {}), files.get(question.id, [])
                        )
                    )
    return [*flow, PageBreak()]


def _answer(
    data: ReportInput, question: Any, answer: dict[str, Any], names: list[str]
) -> list[Flowable]:
    label = question.label.in_language(data.language, data.form.default_language)
    text = answer_text(data.form, question, answer, data.language)
    lines = [Paragraph(f"<b>{escape(question.id)}</b> {escape(label)}", SMALL)]
    if text:
        lines.append(Paragraph(f"→ {escape(text)}", BODY))
    if answer.get("comment"):
        lines.append(
            Paragraph(
                f"<i>{escape(data.t('Comment'))}:</i> {escape(str(answer['comment']))}", SMALL
            )
        )
    if names:
        lines.append(
            Paragraph(f"<i>{escape(data.t('Evidence'))}:</i> {escape(', '.join(names))}", SMALL)
        )
    return [*lines, Spacer(1, 2 * mm)]


def _files_by_question(data: ReportInput) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in data.response.evidence:
        found.setdefault(item.question, []).append(f"{item.name} ({item.sha256[:12]})")
    return found


IN_PACK = {
    "original": N_("Yes"),
    "smaller_copy": N_("Smaller copy"),
    "left_out": N_("Left out"),
}
EVIDENCE_NOTE = N_(
    "The SHA-256 is that of the original file, which the supplier keeps. A smaller copy of a "
    "photo travels in the pack under the SHA-256 given in manifest.json; ask the supplier for "
    "any original or any file left out."
)


def evidence_index(data: ReportInput) -> list[Flowable]:
    t = data.t
    flow = heading(data, N_("Evidence index"))
    by_file: dict[str, Any] = {}
    for item in data.response.evidence:
        entry = by_file.setdefault(
            item.sha256,
            {"name": item.name, "size": item.size, "questions": [], "in_pack": item.in_pack},
        )
        entry["questions"].append(item.question)
    if not by_file:
        return [*flow, p(t("No evidence attached."))]
    signed = any(entry["in_pack"] for entry in by_file.values())
    rows: list[list[Any]] = [[t("File"), t("Size"), "SHA-256", t("Backs")]]
    rows[0] += [t("In the pack")] if signed else []
    for sha256, entry in by_file.items():
        row = [
            p(entry["name"], SMALL),
            p(describe_size(entry["size"], data.language), SMALL),
            Paragraph(f'<font size="6.5">{sha256}</font>', SMALL),
            p(", ".join(entry["questions"]), SMALL),
        ]
        rows.append(row + ([p(t(IN_PACK[entry["in_pack"]]), SMALL)] if signed else []))
    flow.append(_table(rows, [36, 17, 72, 20, 29] if signed else [50, 16, 78, 30]))
    if any(entry["in_pack"] != "original" for entry in by_file.values()) and signed:
        flow.append(Spacer(1, 2 * mm))
        flow.append(p(t(EVIDENCE_NOTE), SMALL))
    return flow


def declaration(data: ReportInput) -> list[Flowable]:
    t, signed = data.t, data.response.declaration
    flow = heading(data, N_("Declaration"))
    statement = data.form.settings.declaration
    if statement is not None:
        flow.append(p(statement.in_language(data.language, data.form.default_language)))
    if signed:
        flow += [
            Spacer(1, 6 * mm),
            p(f"{signed.get('name', '')}, {signed.get('title', '')}", H3),
            p(f"{t('Date')}: {signed.get('date', signed.get('on', ''))}"),
        ]
    else:
        flow.append(p(t("Not yet declared: this is a draft.")))
    return flow
