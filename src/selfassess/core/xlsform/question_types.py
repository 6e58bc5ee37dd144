"""Each of our question types as an XLSForm type, with its choice list, constraints and
default, and what XPath knows of its answer (`answer_references`).

rating -> select_one of the four levels (the scale's label and the question's own description
of the level) and "not applicable"; yes_no -> select_one yes/no (with "don't know" and "not
applicable" where the form offers them); single_choice -> select_one; multi_choice ->
select_multiple (an exclusive option gets a constraint); text -> text; number -> integer or
decimal, with its bounds as a constraint; date -> date; evidence -> image when only images
are accepted, else file, one file per question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from selfassess.core.forms.model import (
    AnswerableQuestion,
    DateQuestion,
    EvidenceQuestion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    RatingQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from selfassess.core.i18n import translate
from selfassess.core.xlsform.names import (
    NA_CHOICE,
    NO,
    RATING_LEVELS,
    RATING_LIST,
    UNKNOWN_CHOICE,
    YES,
    YES_NO_LIST,
)
from selfassess.core.xlsform.rows import Translated
from selfassess.core.xlsform.xpath import Kind, Reference, XPathScope, number_text

if TYPE_CHECKING:
    from selfassess.core.xlsform.survey import SurveyBuilder

_KINDS = {
    "rating": Kind.NUMBER,
    "yes_no": Kind.YES_NO,
    "single_choice": Kind.TEXT,
    "multi_choice": Kind.LIST,
    "text": Kind.TEXT,
    "number": Kind.NUMBER,
    "date": Kind.DATE,
    "evidence": Kind.EVIDENCE,
}
Options = list[tuple[str, Translated]]
MAX_PIXELS = 2048
"""The longest side of a photo taken for evidence: a register's page stays legible, and the
photo small enough to send over a weak connection (ODK Collect scales it down)."""


@dataclass
class Shape:
    """A question's XLSForm columns beyond name, label, hint, relevant and required."""

    plain: dict[str, str] = field(default_factory=dict)
    translated: dict[str, Translated] = field(default_factory=dict)
    offers_na: bool = False
    never_required: bool = False


def offers_na(form: Form, question: AnswerableQuestion) -> bool:
    """Whether the XLSForm offers "not applicable" as a choice of this question."""
    if not question.allow_na:
        return False
    if isinstance(question, RatingQuestion | YesNoQuestion):
        return True
    if isinstance(question, SingleChoiceQuestion):
        return all(choice.name != NA_CHOICE for choice in form.choices_of(question))
    return False


def answer_references(form: Form) -> dict[str, Reference]:
    """What XPath knows of each answer: its name, kind, and the choices read as empty."""
    references: dict[str, Reference] = {}
    for question in form.questions():
        if isinstance(question, InfoQuestion) or question.id in references:
            continue
        na = offers_na(form, question)
        unknown = isinstance(question, YesNoQuestion) and question.allow_unknown
        blanks = (UNKNOWN_CHOICE,) * unknown + (NA_CHOICE,) * na
        references[question.id] = Reference(question.id, _KINDS[question.type], blanks, na)
    return references


def question_type(builder: SurveyBuilder, question: AnswerableQuestion) -> Shape:
    """The XLSForm type and the columns that go with it; notes what it cannot say."""
    shape = Shape(offers_na=offers_na(builder.form, question))
    limits: list[tuple[str, Translated]] = []
    if isinstance(question, RatingQuestion):
        wanted = f"{RATING_LIST}_{question.id}" if question.levels else RATING_LIST
        wanted += "" if question.allow_na else "_no_na"
        options = _levels(builder, question)
        shape.plain["type"] = "select_one " + builder.lists.add(wanted, options)
    elif isinstance(question, YesNoQuestion):
        wanted = YES_NO_LIST + "_unknown" * question.allow_unknown + "_na" * question.allow_na
        options = _yes_no(builder, question)
        shape.plain["type"] = "select_one " + builder.lists.add(wanted, options)
    elif isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        shape.plain["type"] = _choice_type(builder, question, shape.offers_na)
        if isinstance(question, MultiChoiceQuestion):
            limits += _exclusive_options(builder, question)
    elif isinstance(question, TextQuestion):
        shape.plain["type"] = "text"
        limits += _text_limits(builder, question, shape)
    elif isinstance(question, NumberQuestion):
        shape.plain["type"] = "integer" if question.integer else "decimal"
        limits += _bounds(builder, question, shape)
    elif isinstance(question, DateQuestion):
        shape.plain["type"] = "date"
    else:
        _evidence(builder, question, shape)
    if question.allow_na and not shape.offers_na:
        builder.note(
            question.id,
            "allow_na",
            "",
            "XLSForm offers 'not applicable' only as a choice, and this question has no "
            "choice for it; it can be left empty where it is not required",
        )
    _constraints(builder, question, limits, shape)
    default = _default(question)
    if default:
        shape.plain["default"] = default
    return shape


def _levels(builder: SurveyBuilder, question: RatingQuestion) -> Options:
    """The four levels: the scale's label with this question's description of the level (or
    the scale's own), then "not applicable" when the question allows it."""
    languages = builder.languages
    scale = builder.form.settings.rating_scale
    options: Options = []
    for index, name in enumerate(RATING_LEVELS):
        level = scale[index] if index < len(scale) else None
        label = languages.text(level.label) if level else languages.same(name)
        described = question.levels[index] if question.levels else None
        meaning = languages.text(described or (level.description if level else None))
        options.append(
            (name, {code: _level(code, name, label, meaning) for code in languages.codes})
        )
    if question.allow_na:
        options.append((NA_CHOICE, builder.languages.say("Not applicable")))
    return options


def _level(code: str, level: str, label: Translated, meaning: Translated) -> str:
    if not meaning.get(code):
        return f"{level}. {label[code]}"
    return translate(
        code, "{level}. {label}: {meaning}", level=level, label=label[code], meaning=meaning[code]
    )


def _yes_no(builder: SurveyBuilder, question: YesNoQuestion) -> Options:
    say = builder.languages.say
    options = [(YES, say("Yes")), (NO, say("No"))]
    if question.allow_unknown:
        options.append((UNKNOWN_CHOICE, say("Don't know")))
    if question.allow_na:
        options.append((NA_CHOICE, say("Not applicable")))
    return options


def _choice_type(
    builder: SurveyBuilder, question: SingleChoiceQuestion | MultiChoiceQuestion, na: bool
) -> str:
    """`select_one LIST` or `select_multiple LIST`: the form's shared list under its id, or
    the question's own options under the question's id; "not applicable" added when offered."""
    languages = builder.languages
    options = [
        (choice.name, languages.text(choice.label)) for choice in builder.form.choices_of(question)
    ]
    wanted = question.choices if isinstance(question.choices, str) else question.id
    if na:
        options.append((NA_CHOICE, languages.say("Not applicable")))
        wanted = f"{wanted}_na"
    select = "select_one" if isinstance(question, SingleChoiceQuestion) else "select_multiple"
    return f"{select} {builder.lists.add(wanted, options)}"


def _exclusive_options(
    builder: SurveyBuilder, question: MultiChoiceQuestion
) -> list[tuple[str, Translated]]:
    """A constraint per option that goes with no other ('none', or marked exclusive): the app
    clears the others when it is ticked; a phone form can only refuse the combination."""
    limits = []
    for choice in builder.form.choices_of(question):
        if choice.exclusive or choice.name == "none":
            name = choice.name
            expression = f"not(selected(., '{name}') and count-selected(.) > 1)"
            limits.append(
                (expression, builder.languages.alone(builder.languages.text(choice.label)))
            )
    return limits


def _text_limits(
    builder: SurveyBuilder, question: TextQuestion, shape: Shape
) -> list[tuple[str, Translated]]:
    if question.multiline:
        shape.plain["appearance"] = "multiline"
    if question.max_length is None:
        return []
    message = builder.languages.say("At most {count} characters.", count=question.max_length)
    return [(f"string-length(.) <= {question.max_length}", message)]


def _bounds(
    builder: SurveyBuilder, question: NumberQuestion, shape: Shape
) -> list[tuple[str, Translated]]:
    languages = builder.languages
    if question.unit:
        unit, label = languages.text(question.unit), languages.text(question.label)
        shape.translated["label"] = languages.each(lambda code: f"{label[code]} ({unit[code]})")
    limits = []
    if question.min is not None:
        smallest = languages.say("The smallest allowed value is {min:g}.", min=question.min)
        limits.append((f". >= {number_text(question.min)}", smallest))
    if question.max is not None:
        largest = languages.say("The largest allowed value is {max:g}.", max=question.max)
        limits.append((f". <= {number_text(question.max)}", largest))
    return limits


def _evidence(builder: SurveyBuilder, question: EvidenceQuestion, shape: Shape) -> None:
    """`image` when only images are accepted, else `file` (its accepted types as the form
    control's `accept`); one file, since an ODK question holds one."""
    types = question.accepted_types
    if types and all(kind.lower().startswith("image/") for kind in types):
        shape.plain["type"] = "image"
        shape.plain["parameters"] = f"max-pixels={MAX_PIXELS}"
    else:
        shape.plain["type"] = "file"
        if types:
            shape.plain["body::accept"] = ",".join(types)
    if question.min_count == 0:
        shape.never_required = True
    if question.min_count > 1:
        builder.note(
            question.id,
            "min_count",
            str(question.min_count),
            "an ODK image or file question takes one file; the others can be attached in "
            "selfassess once the submission is imported",
        )


def _constraints(
    builder: SurveyBuilder,
    question: AnswerableQuestion,
    limits: list[tuple[str, Translated]],
    shape: Shape,
) -> None:
    """The question's constraints and `limits` as one XLSForm constraint (all must hold) with
    their messages; not checked on "not applicable", as in the app."""
    scope = XPathScope(builder.references, builder.profile, builder.references.get(question.id))
    rules: list[tuple[str, Translated]] = []
    for constraint in question.constraints:
        xpath = builder.xpath(constraint.expression, scope, question.id, "constraint")
        if xpath is not None:
            rules.append((xpath, builder.languages.text(constraint.message)))
    rules += [limit for limit in limits if limit[0] not in {rule[0] for rule in rules}]
    if not rules:
        return
    expression = rules[0][0] if len(rules) == 1 else " and ".join(f"({x})" for x, _ in rules)
    if shape.offers_na:
        expression = f". = '{NA_CHOICE}' or ({expression})"
    shape.plain["constraint"] = expression
    shape.translated["constraint_message"] = builder.languages.joined(
        [message for _, message in rules], " "
    )


def _default(question: AnswerableQuestion) -> str:
    """The question's default as ODK writes the answer ('' when it has none)."""
    value = getattr(question, "default", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
