"""The content of an assessment archive (`assessment.json` and `manifest.json`), as strict
pydantic models, so that an imported file is validated field by field, with no type coerced,
before any of it reaches the store. `Declaration` and `Snapshot` are what finalize writes in a
revision; the rules across fields (against the form, the profile, the store) are in `checks`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ARCHIVE_FORMAT = "selfassess-archive"
ARCHIVE_VERSION = 1
Sha256 = Field(pattern=r"^[0-9a-f]{64}$")
MOST = 2**63 - 1  # SQLite's largest integer


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class AssessmentRow(_Row):
    id: str = Field(pattern=r"^[0-9a-f]{12}$")
    form_hash: str = Sha256
    form_id: str
    form_version: str
    status: Literal["draft", "finalized"]
    revision: int = Field(ge=1, le=1_000_000)
    language: str
    trainer: str | None
    baseline_id: str | None
    organisation: str
    site: str | None
    country: str | None
    province: str | None
    entity_type: str
    minerals: list[str]
    workforce_size: int | None
    contact: str | None
    # absent before schema 3
    certifications: list[str] = Field(default_factory=list)
    mechanisation: str | None = None
    source_countries: list[str] = Field(default_factory=list)
    transit_countries: list[str] = Field(default_factory=list)
    created_at: str
    updated_at: str
    # absent before schema 4
    risk_data_version: str | None = Field(default=None, max_length=40)


class AnswerRow(_Row):
    question_id: str
    value: Any
    comment: str | None
    na_reason: str | None
    changed_at: str


class EvidenceRow(_Row):
    sha256: str = Sha256
    size: int = Field(ge=0, le=MOST)
    media_type: str


class AttachmentRow(_Row):
    question_id: str
    sha256: str = Sha256
    original_name: str
    added_at: str


class AuditRow(_Row):
    at: str
    action: str
    question_id: str | None
    old_value: Any
    new_value: Any
    reason: str | None


class RevisionRow(_Row):
    revision: int = Field(ge=1, le=1_000_000)
    finalized_at: str
    declaration: dict[str, str]
    snapshot: dict[str, Any]
    snapshot_sha256: str = Sha256


class ActionRow(_Row):
    id: int = Field(ge=-MOST, le=MOST)
    criterion_id: str
    suggestion: str | None
    text: str
    owner: str | None
    due: str | None
    status: Literal["open", "in_progress", "done"]
    note: str | None
    gap_closed_at: str | None
    carried_from: int | None = Field(ge=-MOST, le=MOST)
    created_at: str
    updated_at: str


class FollowUpRow(_Row):
    """A follow-up of a remediation case (`CaseRecord.as_json`)."""

    month: int = Field(ge=-MOST, le=MOST)
    done_on: str
    situation: str
    note: str | None
    recorded_at: str


class CaseRow(_Row):
    """A case of the child-labour remediation register: a number, never a name."""

    number: int = Field(ge=-MOST, le=MOST)
    age_band: str
    sex: str
    work: list[str]
    worst_form_stated: bool | None
    identified_on: str
    partner: str | None
    support: list[str]
    note: str | None
    created_at: str
    updated_at: str
    follow_ups: list[FollowUpRow]


class RegisterCounts(_Row):
    """The remediation register's counts as signed (`Counts.as_stored`), which a snapshot made
    for a buyer carries instead of the cases (docs/remediation.md)."""

    identified: int = Field(ge=0, le=MOST)
    referred: int = Field(ge=0, le=MOST)
    supported: int = Field(ge=0, le=MOST)
    in_school_at_last_follow_up: int = Field(ge=0, le=MOST)
    lost_to_follow_up: int = Field(ge=0, le=MOST)
    worst_form_in_last_12_months: int = Field(ge=0, le=MOST)


class Declaration(_Row):
    """Who finalized, as what, and on which day (YYYY-MM-DD)."""

    name: str
    title: str
    date: str


class SnapshotForm(_Row):
    id: str
    version: str
    hash: str = Sha256


class SnapshotProfile(_Row):
    organisation: str
    entity_type: str
    site: str | None
    country: str | None
    province: str | None
    minerals: list[str]
    workforce_size: int | None
    contact: str | None
    # absent from snapshots finalized before schema 3
    certifications: list[str] = Field(default_factory=list)
    mechanisation: str | None = None
    source_countries: list[str] = Field(default_factory=list)
    transit_countries: list[str] = Field(default_factory=list)


class SnapshotAnswer(_Row):
    value: Any
    comment: str | None
    na_reason: str | None


class SnapshotEvidence(_Row):
    question: str
    sha256: str = Sha256
    name: str
    media_type: str
    size: int = Field(ge=0, le=MOST)


class Snapshot(_Row):
    """The assessment as finalized (`AssessmentService.snapshot`)."""

    assessment: str
    revision: int = Field(ge=1, le=1_000_000)
    form: SnapshotForm
    language: str
    trainer: str | None
    profile: SnapshotProfile
    answers: dict[str, SnapshotAnswer]
    evidence: list[SnapshotEvidence]
    declaration: Declaration
    plan: list[ActionRow] = Field(default_factory=list)  # absent before schema 2
    remediation: list[CaseRow] = Field(default_factory=list)  # absent without a case
    # an archive for a buyer: the register's counts as signed, instead of its cases
    remediation_counts: RegisterCounts | None = None


class ArchivePayload(_Row):
    """Everything about one assessment: the rows of every table that concern it."""

    assessment: AssessmentRow
    answers: list[AnswerRow]
    evidence: list[EvidenceRow]
    attachments: list[AttachmentRow]
    audit: list[AuditRow]
    revisions: list[RevisionRow]
    actions: list[ActionRow] = Field(default_factory=list)  # absent from schema-1 archives
    # absent before schema 4, without a case, and from an archive made for a buyer
    remediation: list[CaseRow] = Field(default_factory=list)


class ManifestEntry(_Row):
    sha256: str = Sha256
    size: int = Field(ge=0, le=MOST)


class Manifest(_Row):
    """The archive's table of contents: every other member with its SHA-256 and size."""

    format: Literal["selfassess-archive"]
    format_version: int  # a newer version is refused with its own message
    app_version: str
    created_at: str
    assessment: str
    files: dict[str, ManifestEntry]
