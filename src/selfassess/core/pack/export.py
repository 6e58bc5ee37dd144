"""Exporting the response pack: the report, `response.json`, the form definition and the
evidence files, sealed with the supplier's identity and written whole or not at all.

A draft can only be previewed: an unsigned report with DRAFT across every page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from selfassess.core.assessment.plan import PlanService
from selfassess.core.errors import Cancelled
from selfassess.core.files import write_atomically
from selfassess.core.forms.identity import canonical_json
from selfassess.core.pack.report import ReportInput, render_report
from selfassess.core.pack.response import Evidence, build_response
from selfassess.core.pack.seal import Attachment, seal
from selfassess.core.signing.identity import IdentityStore

Progress = Callable[[int, int], None]
Stop = Callable[[], bool]
STEPS = 4


def export_pack(
    plans: PlanService,
    identities: IdentityStore,
    assessment_id: str,
    target: Path,
    *,
    passphrase: str | None = None,
    include_evidence: bool = True,
    progress: Progress = lambda _done, _total: None,
    stop: Stop = lambda: False,
) -> Path:
    """Build, seal and write the signed pack of a finalized assessment."""
    assessment = plans.assessments.get(assessment_id)
    report = plans.report(assessment_id, language=assessment.language)
    response = build_response(plans, assessment_id, report=report)
    identity, unlocked = identities.show(), identities.unlock(passphrase)
    form = plans.assessments.form_of(assessment)
    _step(progress, stop, 1)
    data = ReportInput(response, form, report, identity.details, identity.fingerprint_sha256)
    pdf = render_report(data)
    _step(progress, stop, 2)
    carried = [
        Attachment(
            "response.json", response.model_dump_json(indent=1).encode(), "application/json"
        ),
        Attachment("form.json", canonical_json(form).encode(), "application/json"),
    ]
    if include_evidence:
        carried += _evidence(plans, response.evidence)
    sealed = seal(pdf, carried, unlocked, location=str(response.profile.get("country") or ""))
    _step(progress, stop, 3)
    write_atomically(target, sealed)
    progress(STEPS, STEPS)
    return target


def preview_pdf(plans: PlanService, assessment_id: str) -> bytes:
    """The report as it stands, unsigned, marked DRAFT unless finalized."""
    assessment = plans.assessments.get(assessment_id)
    report = plans.report(assessment_id, language=assessment.language)
    if not assessment.finalized:
        plans.sync_plan(assessment_id, report)  # the plan as the gaps stand now
    response = build_response(plans, assessment_id, allow_draft=True, report=report)
    form = plans.assessments.form_of(assessment)
    return render_report(ReportInput(response, form, report, draft=not assessment.finalized))


def _evidence(plans: PlanService, evidence: list[Evidence]) -> list[Attachment]:
    files: dict[str, Attachment] = {}
    locker = plans.assessments.store.evidence
    for item in evidence:
        sha256, name, media_type = item.sha256, item.name, item.media_type
        files.setdefault(
            sha256,
            Attachment(
                f"evidence/{sha256[:12]}-{name}", locker.path_of(sha256).read_bytes(), media_type
            ),
        )
    return list(files.values())


def _step(progress: Progress, stop: Stop, done: int) -> None:
    if stop():
        raise Cancelled.of("the export was cancelled; no file was written")
    progress(done, STEPS)
