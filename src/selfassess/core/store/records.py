"""Plain records of what the store holds: profiles, assessments, answers, attachments, audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfassess.core.expr.types import Value


@dataclass(frozen=True)
class Profile:
    """Who is being assessed."""

    organisation: str
    entity_type: str
    site: str | None = None
    country: str | None = None
    province: str | None = None
    minerals: tuple[str, ...] = ()
    workforce_size: int | None = None
    contact: str | None = None
    certifications: tuple[str, ...] = ()
    mechanisation: str | None = None
    source_countries: tuple[str, ...] = ()  # where the minerals bought come from
    transit_countries: tuple[str, ...] = ()  # where they pass through on their way

    def expression_fields(self) -> dict[str, Value]:
        """The fields as the expression language's `profile.*` sees them."""
        return {
            "organisation": self.organisation,
            "entity_type": self.entity_type,
            "site": self.site,
            "country": self.country,
            "province": self.province,
            "minerals": list(self.minerals),
            "workforce_size": self.workforce_size,
            "certifications": list(self.certifications),
            "mechanisation": self.mechanisation,
            "source_countries": list(self.source_countries),
            "transit_countries": list(self.transit_countries),
        }


@dataclass(frozen=True)
class Assessment:
    """One assessment of one supplier against one pinned form."""

    id: str
    form_hash: str
    form_id: str
    form_version: str
    status: str
    revision: int
    language: str
    profile: Profile
    created_at: str
    updated_at: str
    trainer: str | None = None
    baseline_id: str | None = None
    risk_data_version: str | None = None  # the risk table judged with (docs/risk.md)

    @property
    def finalized(self) -> bool:
        return self.status == "finalized"


@dataclass(frozen=True)
class Answer:
    """The answer to one question: a value, or "not applicable" with its reason."""

    question_id: str
    value: Any = None
    comment: str | None = None
    na_reason: str | None = None
    changed_at: str = ""

    @property
    def is_na(self) -> bool:
        return self.na_reason is not None

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "comment": self.comment, "na_reason": self.na_reason}


@dataclass(frozen=True)
class Attachment:
    """An evidence file backing one question."""

    question_id: str
    sha256: str
    original_name: str
    media_type: str
    size: int
    added_at: str


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change."""

    id: int
    at: str
    action: str
    question_id: str | None
    old_value: Any
    new_value: Any
    reason: str | None


@dataclass(frozen=True)
class Revision:
    """A finalized revision, exactly as it was when finalized."""

    revision: int
    finalized_at: str
    declaration: dict[str, str]
    snapshot: dict[str, Any] = field(repr=False)
    snapshot_sha256: str = ""
