"""The building blocks of the questionnaire format: translated text, identifiers, expressions and
severities, shared by the form models and their settings."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from selfassess.core.expr.lexer import QUESTION_ID_PATTERN

FORMAT_VERSION = 2  # the newest format this app reads; 1 is still read, with its own defaults
LangCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 language code")]
ItemId = Annotated[
    str,
    Field(
        pattern=rf"^({QUESTION_ID_PATTERN})$",
        max_length=64,
        description="Stable identifier: letters, digits, '.', '_' or '-', starting with a letter.",
    ),
]
ChoiceName = Annotated[str, Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$", max_length=64)]
Expression = Annotated[
    str,
    Field(
        min_length=1,
        description="An expression of the selfassess expression language (docs/expressions.md).",
        json_schema_extra={"format": "selfassess-expression"},
    ),
]


class Text(dict[str, str]):
    """Translated text: a mapping of language code to the text in that language."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, handler(dict[LangCode, Annotated[str, Field(min_length=1)]])
        )

    def in_language(self, language: str, fallback: str) -> str:
        """The text in `language`, else in `fallback`, else in any language there is."""
        return self.get(language) or self.get(fallback) or next(iter(self.values()), "")


class _Model(BaseModel):
    # allow_inf_nan: NaN and infinite numbers are refused from any source (YAML, JSON, Python)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class Severity(StrEnum):
    """How serious a gap is."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


class RedLineStatus(StrEnum):
    """Where a red line stands, apart from the maturity of the system that prevents it."""

    BREACHED = "breached"
    NOT_VERIFIED = "not_verified"
    NOT_BREACHED = "not_breached"
    NOT_APPLICABLE = "not_applicable"


class CriterionStatus(StrEnum):
    """The outcome of a criterion, as a status rule may set it."""

    MEETS = "meets"
    PARTIALLY_MEETS = "partially_meets"
    DOES_NOT_MEET = "does_not_meet"
    NOT_APPLICABLE = "not_applicable"
