"""The functions of our expression language in ODK's XPath (see xpath.py for the values).

`count_selected` is `count-selected()`, `length` is `string-length()`, `coalesce` of more than
two values is nested (ODK's takes two), dates move through `decimal-date-time()`, and a
`regex()` pattern is anchored at both ends (Collect matches the whole text, Enketo any part) and
must read the same to Java and JavaScript. Where our language gives an empty value for an
empty argument, the translation does too: `count_selected(${q})` is empty, not 0, when `q` is
unanswered.
"""

from __future__ import annotations

from collections.abc import Callable

from selfassess.core.expr.ast import Call, Literal
from selfassess.core.xlsform.names import NA_CHOICE
from selfassess.core.xlsform.xpath import (
    EMPTY,
    FALSE,
    Kind,
    Piece,
    Translator,
    Untranslatable,
    as_condition,
    clean,
    date_plus_days,
    day_number,
    days_from,
    joined,
    literal,
    operation,
    string_literal,
)

Handler = Callable[[Translator, Call], Piece]


def translate_call(translator: Translator, node: Call) -> Piece:
    """XPath for one call of our language's fixed functions."""
    handler = _HANDLERS.get(node.name)
    if handler is None:
        raise Untranslatable(f"ODK has no function like {node.name}()")
    return handler(translator, node)


def _args(translator: Translator, node: Call, count: int | None = None) -> list[Piece]:
    if count is not None and len(node.args) != count:
        raise Untranslatable(f"{node.name}() takes {count} values here")
    return [translator.piece(arg) for arg in node.args]


def _if(translator: Translator, node: Call) -> Piece:
    condition, *branches = _args(translator, node, 3)
    kinds = {branch.kind for branch in branches} - {Kind.NULL}
    if kinds == {Kind.YES_NO, Kind.BOOL}:
        branches = [as_condition(branch) for branch in branches]
        kinds = {Kind.BOOL}
    if len(kinds) > 1:
        shown = " and a ".join(sorted(kind.value for kind in kinds))
        raise Untranslatable(f"if() gives either a {shown}")
    kind = kinds.pop() if kinds else Kind.NULL
    yes, no = (clean(branch).text for branch in branches)
    return Piece(f"if({as_condition(condition).text}, {yes}, {no})", kind)


def _selected(translator: Translator, node: Call) -> Piece:
    answer, name = _args(translator, node, 2)
    if Kind.NULL in (answer.kind, name.kind):
        return FALSE
    if answer.kind not in (Kind.TEXT, Kind.LIST) or name.kind is not Kind.TEXT:
        raise Untranslatable("selected() takes a choice answer and an option name")
    if name.is_literal and answer.ref is not None and name.literal in answer.ref.blanks:
        return FALSE  # "not applicable" is no option in our language
    return Piece(f"selected({answer.text}, {name.text})", Kind.BOOL)


def _count_selected(translator: Translator, node: Call) -> Piece:
    (answer,) = _args(translator, node, 1)
    if answer.kind is Kind.NULL:
        return EMPTY
    if answer.kind is not Kind.LIST:
        raise Untranslatable("count_selected() takes a multiple-choice answer")
    return _empty_when_empty(answer, f"count-selected({answer.text})", Kind.NUMBER)


def _empty_when_empty(subject: Piece, text: str, kind: Kind) -> Piece:
    """`text`, computed from `subject`, or empty when `subject` is (not for `.`: a constraint
    is checked only on an answer)."""
    if subject.text == ".":
        return Piece(text, kind)
    return Piece(f"if({subject.text} = '', '', {text})", kind)


def _reference(translator: Translator, node: Call) -> Piece:
    (subject,) = _args(translator, node, 1)
    if subject.ref is None:
        raise Untranslatable(f"{node.name}() takes a question")
    return subject


def _answered(translator: Translator, node: Call) -> Piece:
    subject = _reference(translator, node)
    assert subject.ref is not None
    names = ("", *(blank for blank in subject.ref.blanks if blank != NA_CHOICE))
    return joined("and", [operation(subject, "!=", literal(name), Kind.BOOL) for name in names])


def _is_na(translator: Translator, node: Call) -> Piece:
    subject = _reference(translator, node)
    assert subject.ref is not None
    if not subject.ref.offers_na:
        return FALSE
    return operation(subject, "=", literal(NA_CHOICE), Kind.BOOL)


def _evidence_count(translator: Translator, node: Call) -> Piece:
    subject = _reference(translator, node)
    if subject.kind is not Kind.EVIDENCE:
        raise Untranslatable("evidence_count() takes an evidence question")
    return Piece(f"if({subject.text} = '', 0, 1)", Kind.NUMBER)


def _coalesce(translator: Translator, node: Call) -> Piece:
    values = [clean(arg) for arg in _args(translator, node) if arg.kind is not Kind.NULL]
    kinds = {value.kind for value in values}
    if Kind.BOOL in kinds:
        raise Untranslatable("coalesce() of true/false conditions")
    if len(kinds) > 1:
        raise Untranslatable("coalesce() of values of different kinds")
    if not values:
        return EMPTY
    text = values[-1].text
    for value in reversed(values[:-1]):  # ODK's coalesce() takes two values
        text = f"coalesce({value.text}, {text})"
    return Piece(text, values[0].kind)


def _regex(translator: Translator, node: Call) -> Piece:
    subject, _ = _args(translator, node, 2)
    pattern = node.args[1]
    if not (isinstance(pattern, Literal) and isinstance(pattern.value, str)):
        raise Untranslatable("a regex() pattern must be written out to be checked")
    if subject.kind is Kind.NULL:
        return FALSE
    if subject.kind is not Kind.TEXT:
        raise Untranslatable("regex() takes text")
    anchored = string_literal(f"^(?:{portable_pattern(pattern.value)})$")
    subject = clean(subject)
    test = f"regex({subject.text}, {anchored})"
    if subject.text == ".":
        return Piece(test, Kind.BOOL)
    answered = operation(subject, "!=", EMPTY, Kind.BOOL)
    return operation(answered, "and", Piece(test, Kind.BOOL), Kind.BOOL)


# RE2 syntax that Java (ODK Collect) and JavaScript (Enketo) do not both read as RE2 does.
_UNPORTABLE_ESCAPES = {
    "p": "Unicode classes such as \\p{L}",
    "P": "Unicode classes such as \\P{L}",
    "z": "\\z (write $)",
    "A": "\\A (write ^)",
    "Q": "quoting with \\Q…\\E",
    "C": "\\C",
    "x": "hexadecimal escapes",
}


def portable_pattern(pattern: str) -> str:
    """`pattern` if Collect and Enketo read it as RE2 does; else Untranslatable, naming what."""
    index = 0
    while index < len(pattern):
        character = pattern[index]
        if character == "\\" and index + 1 < len(pattern):
            escape = pattern[index + 1]
            if escape in _UNPORTABLE_ESCAPES:
                raise Untranslatable(
                    f"ODK Collect and Enketo do not read {_UNPORTABLE_ESCAPES[escape]} alike"
                )
            index += 2
            continue
        if pattern.startswith("(?", index) and not pattern.startswith("(?:", index):
            raise Untranslatable("ODK Collect and Enketo do not read (?…) flags or names alike")
        if pattern.startswith("[[:", index) or pattern.startswith("[^[:", index):
            raise Untranslatable("ODK Collect and Enketo have no [[:alpha:]] classes")
        index += 1
    return pattern


def _length(translator: Translator, node: Call) -> Piece:
    (text,) = _args(translator, node, 1)
    if text.kind is Kind.NULL:
        return EMPTY
    if text.kind is not Kind.TEXT:
        raise Untranslatable("length() takes text")
    text = clean(text)
    return _empty_when_empty(text, f"string-length({text.text})", Kind.NUMBER)


def _today(translator: Translator, node: Call) -> Piece:
    _args(translator, node, 0)
    return Piece("today()", Kind.DATE)


def _edd_required(translator: Translator, node: Call) -> Piece:
    raise Untranslatable(
        "enhanced due diligence depends on selfassess's risk data and on the red flags of "
        "other answers, which a phone form cannot see"
    )


def _add_months(translator: Translator, node: Call) -> Piece:
    raise Untranslatable("ODK's XPath cannot add months to a date")


def _date(translator: Translator, node: Call) -> Piece:
    (text,) = _args(translator, node, 1)
    if text.kind is Kind.NULL:
        return EMPTY
    if text.kind is not Kind.TEXT:
        raise Untranslatable("date() takes text written YYYY-MM-DD")
    return Piece(f"date({text.text})", Kind.DATE)


def _dates(translator: Translator, node: Call, kinds: tuple[Kind, Kind]) -> list[Piece]:
    pieces = _args(translator, node, 2)
    for piece, kind in zip(pieces, kinds, strict=True):
        if piece.kind not in (kind, Kind.NULL):
            raise Untranslatable(f"{node.name}() takes a {kind.value} here")
    return pieces


def _add_days(translator: Translator, node: Call) -> Piece:
    day, days = _dates(translator, node, (Kind.DATE, Kind.NUMBER))
    if Kind.NULL in (day.kind, days.kind):
        return EMPTY
    return date_plus_days(day, days)


def _days_between(translator: Translator, node: Call) -> Piece:
    earlier, later = _dates(translator, node, (Kind.DATE, Kind.DATE))
    if Kind.NULL in (earlier.kind, later.kind):
        return EMPTY
    return days_from(earlier, later)


def _year(translator: Translator, node: Call) -> Piece:
    (day,) = _args(translator, node, 1)
    if day.kind is Kind.NULL:
        return EMPTY
    if day.kind is not Kind.DATE:
        raise Untranslatable("year() takes a date")
    return Piece(f"int(format-date({day.text}, '%Y'))", Kind.NUMBER)


def _extreme(translator: Translator, node: Call) -> Piece:
    values = _args(translator, node)
    if any(value.kind is Kind.NULL for value in values):
        return EMPTY  # our min() and max() of an empty value are empty
    kinds = {value.kind for value in values}
    if len(kinds) != 1 or not kinds <= {Kind.NUMBER, Kind.DATE}:
        raise Untranslatable(f"{node.name}() takes numbers or dates")
    if len(values) == 1:
        return values[0]
    if kinds == {Kind.DATE}:
        days = ", ".join(day_number(value) for value in values)
        return Piece(f"date({node.name}({days}))", Kind.DATE)
    numbers = ", ".join(value.text for value in values)
    return Piece(f"{node.name}({numbers})", Kind.NUMBER)


def _round(translator: Translator, node: Call) -> Piece:
    values = _args(translator, node)
    if any(value.kind is Kind.NULL for value in values):
        return EMPTY
    if len(values) not in (1, 2) or any(value.kind is not Kind.NUMBER for value in values):
        raise Untranslatable("round() takes a number and, optionally, a number of digits")
    digits = values[1].text if len(values) == 2 else "0"
    return Piece(f"round({values[0].text}, {digits})", Kind.NUMBER)


_HANDLERS: dict[str, Handler] = {
    "if": _if,
    "selected": _selected,
    "count_selected": _count_selected,
    "answered": _answered,
    "is_na": _is_na,
    "evidence_count": _evidence_count,
    "coalesce": _coalesce,
    "regex": _regex,
    "length": _length,
    "today": _today,
    "edd_required": _edd_required,
    "date": _date,
    "add_days": _add_days,
    "add_months": _add_months,
    "days_between": _days_between,
    "year": _year,
    "min": _extreme,
    "max": _extreme,
    "round": _round,
}
