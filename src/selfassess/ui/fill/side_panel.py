"""The help beside the questions: what good looks like, evidence examples, the glossary terms the
criterion uses, its references, and in trainer mode the notes for trainers."""

from __future__ import annotations

from html import escape

from selfassess.core.forms.glossary import terms_in
from selfassess.core.forms.model import Criterion, Form
from selfassess.ui.i18n import language, tr


def side_panel_html(form: Form, criterion: Criterion, trainer_mode: bool) -> str:
    lang, fallback = language(), form.default_language

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
        items = "".join(f"<p><b>{text(t.term)}</b>: {text(t.definition)}</p>" for t in terms)
        parts.append(f"<h3>{escape(tr('Words used here'))}</h3>{items}")
    if criterion.red_line:
        parts.append(
            f"<p style='color:#b3261e'><b>{escape(tr('Red line'))}</b>: "
            f"{escape(tr('a breach here is a reason for buyers to stop buying.'))}</p>"
        )
    if criterion.references:
        refs = ", ".join(escape(form.reference_label(r, lang)) for r in criterion.references)
        parts.append(f"<p style='color:#555'>{escape(tr('References'))}: {refs}</p>")
    return "".join(parts)
