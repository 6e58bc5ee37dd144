"""What an expression can see while it runs: the EvaluationContext protocol, and MappingContext,
an implementation over plain dictionaries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from selfassess.core.expr.types import Value


class EvaluationContext(Protocol):
    """What an expression can see while it runs."""

    def answer(self, question_id: str) -> Value:
        """The answer, or None when unanswered, N/A or not relevant."""

    def is_na(self, question_id: str) -> bool:
        """Whether the question was answered "not applicable"."""

    def evidence_count(self, question_id: str) -> int:
        """How many files back the question."""

    def profile(self, field_name: str) -> Value:
        """A supplier profile field, or None."""

    def current_question(self) -> str | None:
        """The id of the question that '.' means, if any."""

    def today(self) -> date:
        """The date that today() returns."""

    def edd_required(self) -> bool:
        """Whether enhanced due diligence applies to this supplier (edd_required())."""


@dataclass
class MappingContext:
    """An EvaluationContext over plain dictionaries; used by tests and simple callers."""

    answers: Mapping[str, Value] = field(default_factory=dict)
    profile_fields: Mapping[str, Value] = field(default_factory=dict)
    na: frozenset[str] = frozenset()
    evidence: Mapping[str, int] = field(default_factory=dict)
    current: str | None = None
    on: date = field(default_factory=date.today)
    edd: bool = False

    def answer(self, question_id: str) -> Value:
        return None if question_id in self.na else self.answers.get(question_id)

    def is_na(self, question_id: str) -> bool:
        return question_id in self.na

    def evidence_count(self, question_id: str) -> int:
        return self.evidence.get(question_id, 0)

    def profile(self, field_name: str) -> Value:
        return self.profile_fields.get(field_name)

    def current_question(self) -> str | None:
        return self.current

    def today(self) -> date:
        return self.on

    def edd_required(self) -> bool:
        return self.edd
