"""The help beside the questions: what good looks like, evidence examples, the glossary terms the
criterion uses, its references, and in trainer mode the notes for trainers."""

from __future__ import annotations

from html import escape

from selfassess.core.forms.glossary import terms_in
from selfassess.core.forms.model import Criterion, Form, Reference
from selfassess.core.i18n import translate
from selfassess.ui.i18n import language, tr


def side_panel_html(
    form: Form, criterion: Criterion, trainer_mode: bool, text_language: str | None = None
) -> str:
    """The help as HTML: headings in the interface language, the form's text in
    `text_language` (the assessment's; the interface language when not given)."""
    lang, fallback = text_language or language(), form.default_language

    def text(value: dict[str, str] | None) -> str:
        return escape(value.get(lang) or value.get(fallback) or "") if value else ""

    parts = [f"<h3>{escape(tr('What good looks like'))}</h3><p>{text(criterion.intent)}</p>"]
    if trainer_mode and criterion.guidance:
        parts.append(f"<h3>{escape(tr('For the trainer'))}</h3><p>{text(criterion.guidance)}</p>")
    if criterion.evidence_examples:
        items = "".join(f"<li>{text(example)}</li>" for example in criterion.evidence_examples)
        parts.append(f"<h3>{escape(tr('Evidence examples'))}</h3><ul>{items}</ul>")
    words = (
        " ".join(q.label.in_language(lang, fallback) for q in criterion.questions)
        + " "
        + criterion.intent.in_language(lang, fallback)
    )
    terms = terms_in(form, words, lang)
    if terms:
        items = "".join(
            "<p>"
            + translate(
                lang, "{label}: {value}", label=f"<b>{text(t.term)}</b>", value=text(t.definition)
            )
            + "</p>"
            for t in terms
        )
        parts.append(f"<h3>{escape(tr('Words used here'))}</h3>{items}")
    if criterion.red_line:
        said = tr(
            "{label}: {value}",
            label=f"<b>{escape(tr('Red line'))}</b>",
            value=escape(tr("a breach here is a reason for buyers to stop buying.")),
        )
        parts.append(f"<p style='color:#b3261e'>{said}</p>")
    if criterion.references:
        refs = "".join(
            f"<li>{escape(reference_text(form, r, lang))}</li>" for r in criterion.references
        )
        parts.append(f"<h3>{escape(tr('References'))}</h3><ul style='color:#555'>{refs}</ul>")
    return "".join(parts)


def reference_text(form: Form, reference: Reference, lang: str) -> str:
    """A reference as a reader of `lang` names it: the standard's title in that language ("Guide
    OCDE..." rather than the id "OECD-ANNEX-II") and the clause, when there is one."""
    standard = next((s for s in form.standards if s.id == reference.standard), None)
    if standard is None:
        return form.reference_label(reference, lang)
    title = standard.title.in_language(lang, form.default_language)
    if reference.clause is None:
        return title
    clause = standard.clause_label(reference.clause, lang, form.default_language)
    return translate(lang, "{label}: {value}", label=title, value=clause)
