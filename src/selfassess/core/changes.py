"""What a mutation touched, so that the app refreshes only that (Anki's OpChanges, reduced).

Every core service that changes data returns a `Changes`; nothing in core notifies observers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """The parts of one assessment that a service call changed."""

    assessment_id: str
    answers: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()  # question ids whose attachments changed
    status: bool = False
    profile: bool = False
    created: bool = False
    deleted: bool = False
    plan: bool = False

    def __or__(self, other: Changes) -> Changes:
        if other.assessment_id != self.assessment_id:
            raise ValueError("cannot merge changes of two assessments")
        return Changes(
            self.assessment_id,
            self.answers | other.answers,
            self.evidence | other.evidence,
            self.status or other.status,
            self.profile or other.profile,
            self.created or other.created,
            self.deleted or other.deleted,
            self.plan or other.plan,
        )
