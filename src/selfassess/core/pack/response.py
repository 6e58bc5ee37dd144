"""`response.json`: the whole pack as data, for buyers who import it.

It is the finalized snapshot (profile, form id, version and hash, answers to relevant questions,
evidence, declaration, plan) with the gap analysis (each criterion's status, severity and
reasons; scores; readiness), and the remediation register's counts (never its cases). The
pydantic models below are its definition: the JSON Schema published in
`docs/response.schema.json` and shipped in the package is generated from them.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

from selfassess import __version__
from selfassess.core.assessment.plan import PlanService
from selfassess.core.errors import Refused
from selfassess.core.gaps.actions import suggested_addresses
from selfassess.core.gaps.results import (
    CriterionResult,
    EddOutcome,
    GapReport,
    RedLineResult,
    scores_json,
)
from selfassess.core.pack.evidence_fit import Carried
from selfassess.core.remediation.register import snapshot_counts

Sha256 = Field(pattern=r"^[0-9a-f]{64}$")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FormRef(_Part):
    id: str
    version: str
    hash: str = Sha256


class Evidence(_Part):
    question: str
    sha256: str = Sha256
    name: str
    media_type: str
    size: int = Field(ge=0)
    in_pack: Carried | None = Field(
        default=None,
        description="what the signed pack carries of this file: the original, a smaller copy "
        "of the photo (its SHA-256 is in manifest.json), or nothing (the supplier keeps it); "
        "null in an unsigned preview",
    )


class CriterionOutcome(_Part):
    id: str
    title: str
    section: str
    status: Literal["meets", "partially_meets", "does_not_meet", "incomplete", "not_applicable"]
    severity: Literal["critical", "major", "minor"] | None
    red_line: bool
    red_flags: list[str]
    reasons: list[str]
    references: list[dict[str, str | None]]


class RedLineOutcome(_Part):
    id: str
    title: str
    status: Literal["breached", "not_verified", "not_breached", "not_applicable"]
    indicators: list[str] = Field(description="questions whose answer breaches it")
    unverified: list[str] = Field(description="questions that leave it unverified")
    reasons: list[str]
    references: list[dict[str, str | None]]


def _a_date(text: str) -> str:
    date.fromisoformat(text)  # raises ValueError, which pydantic reports
    return text


class EnhancedDueDiligence(_Part):
    required: StrictBool
    by_area: StrictBool = Field(
        description="the risk table lists the supplier's area, sources or routes"
    )
    reasons: list[Annotated[str, Field(max_length=2000)]] = Field(max_length=500)
    red_flags: list[Annotated[str, Field(max_length=64)]] = Field(
        max_length=5000, description="questions whose answer is an Annex II red flag"
    )
    data_version: Annotated[str, Field(pattern=r"^[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,3}$")] | None = (
        Field(description="the version of the risk table used")
    )
    data_as_of: (
        Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_a_date)]
        | None
    )
    completed: StrictBool = Field(description="required, and every enhanced question answered")


class Readiness(_Part):
    id: str
    label: str


class RemediationCounts(_Part):
    """The child-labour remediation register in numbers: never a case, a partner or a note
    (docs/remediation.md)."""

    identified: int = Field(
        ge=0, le=1_000_000, description="children and youth identified in the register"
    )
    referred: int = Field(ge=0, description="referred to a child-protection partner")
    supported: int = Field(ge=0, description="given at least one kind of support")
    in_school_at_last_follow_up: int = Field(
        ge=0, description="in school or training at their last follow-up"
    )
    lost_to_follow_up: int = Field(
        ge=0,
        description="last follow-up found the situation unknown, or a follow-up is overdue by "
        "more than 30 days",
    )

    @model_validator(mode="after")
    def _each_count_within_the_identified(self) -> RemediationCounts:
        """Every other count is of children identified: none can exceed them."""
        for name in ("referred", "supported", "in_school_at_last_follow_up", "lost_to_follow_up"):
            if getattr(self, name) > self.identified:
                raise ValueError(f"{name} cannot exceed the children identified")
        return self


class Response(_Part):
    """The pack as data."""

    format: Literal["selfassess-response"] = "selfassess-response"
    format_version: Literal[1] = 1
    app: str
    generated_at: str
    assessment: str
    revision: int = Field(ge=1)
    finalized_at: str
    language: str
    trainer: str | None
    form: FormRef
    profile: dict[str, Any]
    answers: dict[str, dict[str, Any]]
    evidence: list[Evidence]
    declaration: dict[str, str]
    plan: list[dict[str, Any]]
    criteria: list[CriterionOutcome]
    red_lines: list[RedLineOutcome] = Field(
        default_factory=list,
        description="each red line the form declares (format-2 forms), judged apart from the "
        "maturity of the criteria that prevent it",
    )
    scores: dict[str, Any]
    readiness: Readiness | None
    enhanced_due_diligence: EnhancedDueDiligence | None = Field(
        default=None, description="format-2 forms: whether enhanced due diligence applies"
    )
    remediation: RemediationCounts | None = Field(
        default=None,
        description="the counts of the child-labour remediation register on the day of the "
        "declaration, when it has cases; never the cases themselves",
    )


def build_response(
    plans: PlanService,
    assessment_id: str,
    *,
    allow_draft: bool = False,
    report: GapReport | None = None,
) -> Response:
    """The response of the latest finalized revision. A draft has none, except for a preview
    (`allow_draft`), which shows the answers as they stand, with no declaration."""
    service = plans.assessments
    assessment = service.get(assessment_id)
    if assessment.finalized:
        revision = service.revisions(assessment_id)[-1]
        snapshot, number, finalized_at = revision.snapshot, revision.revision, revision.finalized_at
    elif allow_draft:
        evaluation = service.evaluate(assessment_id)
        snapshot = service.snapshot(assessment, evaluation, {})
        number, finalized_at = assessment.revision, ""
    else:
        raise Refused.of(
            "assessment {id} is a draft: finalize it before sending a pack", id=assessment_id
        )
    if report is None:
        report = plans.report(assessment_id, language=assessment.language)
    return Response(
        app=f"selfassess {__version__}",
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        assessment=snapshot["assessment"],
        revision=number,
        finalized_at=finalized_at,
        language=snapshot["language"],
        trainer=snapshot["trainer"],
        form=FormRef(**snapshot["form"]),
        profile=snapshot["profile"],
        answers=snapshot["answers"],
        evidence=[Evidence(**item) for item in snapshot["evidence"]],
        declaration=snapshot["declaration"],
        plan=_plan_with_addresses(plans, assessment_id, snapshot["plan"]),
        criteria=[_outcome(result) for result in report.criteria],
        red_lines=[_red_line(result) for result in report.red_lines],
        scores=scores_json(report),
        readiness=Readiness(id=report.readiness.id, label=report.readiness.label)
        if report.readiness
        else None,
        enhanced_due_diligence=_edd(report.edd) if report.edd else None,
        remediation=_remediation(snapshot),
    )


def response_schema() -> str:
    """The JSON Schema of `response.json`, as published in docs/."""
    schema = Response.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://selfassess.example/schemas/response-1.json"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _plan_with_addresses(
    plans: PlanService, assessment_id: str, plan: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The plan's rows, each with the answers its suggested action addresses (none for an
    action a person added)."""
    form = plans.assessments.form_of(plans.assessments.get(assessment_id))
    addresses = suggested_addresses(form)

    def addressed(row: dict[str, Any]) -> list[str]:
        key = (str(row.get("criterion_id")), str(row.get("suggestion")))
        return list(addresses.get(key, ()))

    return [{**row, "addresses": addressed(row)} for row in plan]


def _remediation(snapshot: dict[str, Any]) -> RemediationCounts | None:
    """The register's counts as of the declaration (a preview: today)."""
    counted = snapshot_counts(snapshot, date.today())
    return RemediationCounts(**counted.as_json()) if counted else None


def _edd(outcome: EddOutcome) -> EnhancedDueDiligence:
    return EnhancedDueDiligence(
        required=outcome.required,
        by_area=outcome.by_area,
        reasons=list(outcome.reasons),
        red_flags=list(outcome.red_flags),
        data_version=outcome.data_version,
        data_as_of=outcome.data_as_of,
        completed=outcome.completed,
    )


def _red_line(result: RedLineResult) -> RedLineOutcome:
    return RedLineOutcome(
        id=result.red_line_id,
        title=result.title,
        status=result.status.value,
        indicators=list(result.indicators),
        unverified=list(result.unverified),
        reasons=list(result.reasons),
        references=[{"standard": s, "clause": c} for s, c in result.references],
    )


def _outcome(result: CriterionResult) -> CriterionOutcome:
    return CriterionOutcome(
        id=result.criterion_id,
        title=result.title,
        section=result.section_id,
        status=result.status.value,
        severity=result.severity.value if result.severity else None,
        red_line=result.red_line,
        red_flags=list(result.red_flags),
        reasons=list(result.reasons),
        references=[{"standard": s, "clause": c} for s, c in result.references],
    )
