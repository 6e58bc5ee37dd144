"""The printable blank questionnaire, for sessions where no computer is at hand: every question
with a tick box per option (the rating levels with what each means), lines to write numbers,
dates and notes, and in the trainer edition each criterion's guidance and evidence examples.

Skip logic cannot run on paper, so a question asked only in some cases says so in words.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from selfassess.core.forms.model import (
    Criterion,
    DateQuestion,
    EvidenceQuestion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from selfassess.core.i18n import N_, translate
from selfassess.core.pack.report import Pages, register_fonts, render_pages
from selfassess.core.pack.report_style import BODY, H1, H2, H3, SMALL, Bookmark

BOX = "☐"
LINE = "_" * 78


def render_blank(form: Form, language: str, *, trainer: bool = False) -> bytes:
    """The blank questionnaire of `form` in `language` as PDF bytes."""
    register_fonts()
    text = _Texts(form, language)
    title = text.of(form.title)
    edition = translate(
        language, N_("Trainer edition") if trainer else N_("Questionnaire to fill in")
    )
    story: list[Flowable] = [
        Paragraph(escape(title), H1),
        Paragraph(escape(f"{edition} · {form.id} {form.version}"), H3),
        Paragraph(text.labelled(N_("Supplier"), LINE[:50]), BODY),
        Paragraph(text.labelled(N_("Date"), LINE[:30]), BODY),
        Spacer(1, 4 * mm),
    ]
    for section in form.sections:
        story += [Bookmark(text.of(section.title)), Paragraph(escape(text.of(section.title)), H2)]
        for criterion in section.criteria:
            story += _criterion(text, criterion, trainer)
        story.append(PageBreak())
    pages = Pages(
        language, f"{title} ({edition})", form.publisher, edition, f"{form.id} {form.version}"
    )
    return render_pages(story, pages)


class _Texts:
    def __init__(self, form: Form, language: str) -> None:
        self.form, self.language = form, language

    def of(self, text: Any) -> str:
        return str(text.in_language(self.language, self.form.default_language)) if text else ""

    def t(self, message: str) -> str:
        return translate(self.language, message)

    def labelled(self, label: str, value: str, *, bold: bool = False) -> str:
        """ "Notes: ____", with the colon as the language writes it (French: "Notes : ____");
        `value` is markup already."""
        shown = escape(self.t(label))
        shown = f"<b>{shown}</b>" if bold else shown
        return translate(self.language, "{label}: {value}", label=shown, value=value)


def _criterion(text: _Texts, criterion: Criterion, trainer: bool) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph(escape(f"{criterion.id} {text.of(criterion.title)}"), H3)]
    flow.append(Paragraph(f"<i>{escape(text.of(criterion.intent))}</i>", SMALL))
    if trainer and criterion.guidance:
        guidance = escape(text.of(criterion.guidance))
        flow.append(Paragraph(text.labelled(N_("Guidance"), guidance, bold=True), SMALL))
    if trainer and criterion.evidence_examples:
        examples = "; ".join(text.of(example) for example in criterion.evidence_examples)
        flow.append(
            Paragraph(text.labelled(N_("Evidence examples"), escape(examples), bold=True), SMALL)
        )
    for question in criterion.questions:
        flow += _question(text, question)
    return flow


def _question(text: _Texts, question: Question) -> list[Flowable]:
    label = f"<b>{escape(question.id)}</b> {escape(text.of(question.label))}"
    flow: list[Flowable] = [Spacer(1, 1.5 * mm), Paragraph(label, BODY)]
    if getattr(question, "relevant", None) is not None:
        flow.append(
            Paragraph(f"<i>{escape(text.t('Only in some cases: see the guidance.'))}</i>", SMALL)
        )
    if isinstance(question, InfoQuestion):
        return flow
    flow += _answer_space(text, question)
    if not isinstance(question, EvidenceQuestion):
        flow.append(Paragraph(text.labelled(N_("Notes"), LINE), SMALL))
    return flow


def _answer_space(text: _Texts, question: Question) -> list[Flowable]:
    if isinstance(question, RatingQuestion):
        rows = [
            [BOX, f"{n}  {text.of(level.label)}", text.of(level.description)]
            for n, level in enumerate(text.form.settings.rating_scale)
        ]
        rows.append([BOX, text.t("Not applicable, because:"), LINE[:40]])
        return [_boxes(rows)]
    if isinstance(question, YesNoQuestion):
        return [Paragraph(f"{BOX} {escape(text.t('Yes'))}     {BOX} {escape(text.t('No'))}", BODY)]
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        rows = [[BOX, text.of(choice.label), ""] for choice in text.form.choices_of(question)]
        return [_boxes(rows)]
    if isinstance(question, NumberQuestion):
        unit = text.of(question.unit) if question.unit else ""
        return [Paragraph(f"{LINE[:20]} {escape(unit)}", BODY)]
    if isinstance(question, DateQuestion):
        return [Paragraph("____ / ____ / ________", BODY)]
    if isinstance(question, EvidenceQuestion):
        return [Paragraph(text.labelled(N_("Documents seen"), LINE), SMALL)]
    return [Paragraph(LINE, BODY), Paragraph(LINE, BODY)]


def _boxes(rows: list[list[str]]) -> Table:
    cells = [[Paragraph(escape(c), SMALL) for c in row] for row in rows]
    table = Table(cells, colWidths=[7 * mm, 55 * mm, 108 * mm])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1)])
    )
    return table


def _labelled(label: str, value: str) -> Paragraph:
    return Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", SMALL)
