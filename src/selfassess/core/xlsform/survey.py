"""The form's sections, criteria and questions as rows of the XLSForm `survey` sheet.

A group per section and per criterion (its applicability as the group's `relevant`), a note
opening each criterion (what good looks like, the guidance, examples of evidence), then its
questions: each keeps its id as its name, with its label, help as hint, `relevant`, `required`
and constraints in XPath. What XLSForm cannot say becomes a note, never a silent loss; a
question whose relevance cannot be said is asked of everyone, so it is not required.
"""

from __future__ import annotations

from selfassess.core.expr import ExpressionError
from selfassess.core.forms.expressions import compiled
from selfassess.core.forms.model import (
    AnswerableQuestion,
    Criterion,
    Form,
    InfoQuestion,
    Question,
    Section,
)
from selfassess.core.xlsform.names import NA_CHOICE, criterion_intro_name, na_reason_name
from selfassess.core.xlsform.question_types import (
    answer_references,
    question_type,
)
from selfassess.core.xlsform.rows import ChoiceLists, Languages, Note, Row
from selfassess.core.xlsform.xpath import Untranslatable, XPathScope, to_xpath

NOT_ASKED_OF_EVERYONE = "its questions are asked of every supplier, and none is required"


class SurveyBuilder:
    """Builds the survey rows of one form after `rows` (the profile), with their notes."""

    def __init__(self, form: Form, languages: Languages, lists: ChoiceLists, rows: list[Row]):
        from selfassess.core.xlsform.profile_rows import profile_references

        self.form, self.languages, self.lists = form, languages, lists
        self.rows = rows
        self.notes: list[Note] = []
        self.references = answer_references(form)
        self.profile = profile_references()

    # notes and expressions ----------------------------------------------------------------
    def note(self, question: str, what: str, expression: str, why: str) -> None:
        """A note on the row about to be added."""
        self.notes.append(Note(len(self.rows) + 2, question, what, expression, why))

    def xpath(self, source: str, scope: XPathScope, question: str, what: str) -> str | None:
        """`source` in XPath, or None after noting why it cannot be."""
        try:
            return to_xpath(compiled(source), scope)
        except Untranslatable as exc:
            self.note(question, what, source, exc.reason)
        except ExpressionError as exc:  # a checked form never has one; said all the same
            self.note(question, what, source, f"not a valid expression: {exc}")
        return None

    # structure ----------------------------------------------------------------------------
    def build(self) -> None:
        for section in self.form.sections:
            self.section(section)

    def section(self, section: Section) -> None:
        label = self.languages.text(section.title)
        self.rows.append(Row({"type": "begin_group", "name": section.id}, {"label": label}))
        if section.description:
            intro = self.languages.text(section.description)
            name = criterion_intro_name(section.id)
            self.rows.append(Row({"type": "note", "name": name}, {"label": intro}))
        for criterion in section.criteria:
            self.criterion(criterion)
        self.rows.append(Row({"type": "end_group", "name": section.id}))

    def criterion(self, criterion: Criterion) -> None:
        plain = {"type": "begin_group", "name": criterion.id}
        optional = False
        if criterion.applicability:
            scope = XPathScope(profile=self.profile)
            relevant = self.xpath(criterion.applicability, scope, criterion.id, "applicability")
            if relevant is None:
                optional = True
                self.notes[-1] = _also(self.notes[-1], NOT_ASKED_OF_EVERYONE)
            else:
                plain["relevant"] = relevant
        title = self.languages.text(criterion.title)
        title = {code: f"{criterion.id} {text}" for code, text in title.items()}
        self.rows.append(Row(plain, {"label": title}))
        self.rows.append(self.introduction(criterion))
        for question in criterion.questions:
            self.question(question, optional)
        self.rows.append(Row({"type": "end_group", "name": criterion.id}))

    def introduction(self, criterion: Criterion) -> Row:
        """The note opening a criterion: what good looks like; the guidance and examples of
        evidence as its hint."""
        languages = self.languages
        intent = languages.text(criterion.intent)
        label = languages.labelled(languages.say("What good looks like"), intent)
        hint = [languages.text(criterion.guidance)]
        if criterion.evidence_examples:
            examples = [languages.text(example) for example in criterion.evidence_examples]
            heading = languages.say("Evidence examples")
            hint.append(languages.labelled(heading, languages.joined(examples, "; ")))
        translated = {"label": label, "hint": languages.joined(hint)}
        return Row({"type": "note", "name": criterion_intro_name(criterion.id)}, translated)

    # questions ----------------------------------------------------------------------------
    def question(self, question: Question, optional: bool) -> None:
        plain: dict[str, str] = {"name": question.id}
        translated = {"label": self.languages.text(question.label)}
        if question.help:
            translated["hint"] = self.languages.text(question.help)
        scope = XPathScope(self.references, self.profile)
        if question.relevant:
            relevant = self.xpath(question.relevant, scope, question.id, "relevant")
            if relevant is None:
                optional = True
                self.notes[-1] = _also(self.notes[-1], "it is asked of everyone, not required")
            else:
                plain["relevant"] = relevant
        if isinstance(question, InfoQuestion):
            self.rows.append(Row({"type": "note", **plain}, translated, question.id))
            return
        shape = question_type(self, question)
        plain |= shape.plain
        translated |= shape.translated
        required = self.required(question, scope, optional or shape.never_required)
        if required:
            plain["required"] = required
        self.rows.append(Row(plain, translated, question.id))
        if shape.offers_na:
            self.rows.append(self.na_reason(question, plain.get("relevant")))

    def required(self, question: AnswerableQuestion, scope: XPathScope, optional: bool) -> str:
        if optional or question.required is False:
            return ""
        if question.required is True:
            return "yes"
        required = self.xpath(question.required, scope, question.id, "required")
        if required is None:
            self.notes[-1] = _also(self.notes[-1], "the question is not required")
        return required or ""

    def na_reason(self, question: AnswerableQuestion, relevant: str | None) -> Row:
        """The question asking why `question` was answered "not applicable"."""
        chosen = "${" + question.id + "} = '" + NA_CHOICE + "'"
        plain = {
            "type": "text",
            "name": na_reason_name(question.id),
            "required": "yes",
            "relevant": f"({relevant}) and {chosen}" if relevant else chosen,
        }
        translated = {
            "label": self.languages.say("Reason for not applicable"),
            "hint": self.languages.say("Say why this question does not apply."),
        }
        return Row(plain, translated, question.id)


def _also(note: Note, consequence: str) -> Note:
    return Note(note.row, note.question, note.what, note.expression, f"{note.why}; {consequence}")
