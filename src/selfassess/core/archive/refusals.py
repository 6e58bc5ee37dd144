"""How an archive is refused: every refusal names the archive, the member and the field, and
says what is wrong in the reader's language (`ArchiveRefusal`), also when the reason comes from
a check shared with the rest of the app (an answer's value, a profile field) or from pydantic.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from selfassess.core.errors import InvalidInput, UserError
from selfassess.core.i18n import N_, translate
from selfassess.core.storable import shown


class ArchiveRefusal(InvalidInput):
    """A refusal whose parameters may be refusals themselves (the reason an answer or a profile
    field was refused), shown in the same language as the whole."""

    def localized(self, language: str) -> str:
        if self.message_id is None:
            return str(self)
        params = {
            key: value.localized(language) if isinstance(value, UserError) else value
            for key, value in (self.params or {}).items()
        }
        return translate(language, self.message_id, **params)


def refusal(source: Path, member: str, field: str, reason: UserError) -> ArchiveRefusal:
    """`source: member, field: reason`."""
    return ArchiveRefusal.of(
        "{source}: {member}, {field}: {reason}",
        source=source,
        member=member,
        field=field or "-",
        reason=reason,
    )


def member_refusal(source: Path, member: str, reason: UserError) -> ArchiveRefusal:
    """`source: member: reason`, for a member refused as a whole."""
    return ArchiveRefusal.of(
        "{source}: {member}: {reason}", source=source, member=member, reason=reason
    )


# What pydantic's error types mean for a field of an archive, in words we translate.
_PYDANTIC_WORDS = {
    "missing": N_("this field is missing"),
    "extra_forbidden": N_("this field is not one an archive has"),
    "string_type": N_("must be text"),
    "int_type": N_("must be a whole number"),
    "bool_type": N_("must be true or false"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be an object with named fields"),
    "model_type": N_("must be an object with named fields"),
    "model_attributes_type": N_("must be an object with named fields"),
    "string_pattern_mismatch": N_("is not written as expected"),
    "greater_than_equal": N_("is too small"),
    "less_than_equal": N_("is too large"),
    "literal_error": N_("is not one of the values allowed here"),
    "json_invalid": N_("is not valid JSON"),
    "json_type": N_("is not valid JSON"),
}


def validation_refusal(
    source: Path, member: str, exc: ValidationError, prefix: str = ""
) -> ArchiveRefusal:
    """The first error pydantic found, at its place in the member (under `prefix`), in our
    words."""
    error = exc.errors(include_url=False)[0]
    where = (prefix + _place(error["loc"])).lstrip(".")
    words = _PYDANTIC_WORDS.get(error["type"])
    problem = (
        InvalidInput.of(words)
        if words
        else InvalidInput.of("is not valid ({detail})", detail=shown(error["msg"]))
    )
    if error["type"] in _WITHOUT_VALUE:
        return refusal(source, member, where, problem)
    reason = ArchiveRefusal.of(
        "{problem}, not {value}", problem=problem, value=shown(error.get("input"))
    )
    return refusal(source, member, where, reason)


_WITHOUT_VALUE = {"missing", "json_invalid", "json_type", "model_type", "model_attributes_type"}


def _place(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as a path in the JSON: answers[3].value (`.value` under a prefix)."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{shown(step)}" for step in loc)
