"""Exporting the response pack: the report, `response.json`, the form definition and the
evidence files (as they are, as smaller copies of photos, or left out: see `evidence_fit`),
sealed with the supplier's identity and written whole or not at all.

Before a pack is written it is verified as a buyer would verify it (`verify`, without trust
judgement): the identity must sign for the organisation the profile names, and a pack that does
not pass is never left on disk; the refusal names the first problem, in the reader's language.

A draft can only be previewed: an unsigned report with DRAFT across every page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from selfassess.core.assessment.plan import PlanService
from selfassess.core.errors import Cancelled, InvalidInput, Refused
from selfassess.core.files import check_output_file, output_being_written
from selfassess.core.findings import Finding
from selfassess.core.forms.identity import canonical_json
from selfassess.core.i18n import LANGUAGES
from selfassess.core.pack.evidence_fit import (
    EvidenceChoice,
    EvidenceFile,
    PackedFile,
    pack_evidence,
    unique_files,
)
from selfassess.core.pack.report import ReportInput, render_report
from selfassess.core.pack.response import Response, build_response
from selfassess.core.pack.seal import Attachment, FileAttachment, seal_into
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.trust.names import organisation_key

Progress = Callable[[int, int], None]
Stop = Callable[[], bool]
STEPS = 5


def export_pack(
    plans: PlanService,
    identities: IdentityStore,
    assessment_id: str,
    target: Path,
    *,
    passphrase: str | None = None,
    evidence: EvidenceChoice = EvidenceChoice.ALL,
    language: str | None = None,
    progress: Progress = lambda _done, _total: None,
    stop: Stop = lambda: False,
) -> Path:
    """Build, seal and write the signed pack of a finalized assessment, printed in `language`
    (the assessment's own by default). A folder that does not exist is refused before any work
    (never created), and the pack is written whole or not at all: evidence is copied into it
    from the locker block by block, and it is verified as a buyer would before it is put in
    place."""
    check_output_file(target)
    assessment = plans.assessments.get(assessment_id)
    language = checked_language(language or assessment.language)
    report = plans.report(assessment_id, language=language)
    response = build_response(plans, assessment_id, report=report)
    identity = identities.show()
    _check_signs_for(identity.details, response.profile)
    unlocked = identities.unlock(passphrase)
    form = plans.assessments.form_of(assessment)
    _step(progress, stop, 1)
    packed = pack_evidence(plans.assessments.store.evidence, evidence_files(response), evidence)
    response = _saying_what_is_carried(response, packed)
    _step(progress, stop, 2)
    data = ReportInput(
        response, form, report, identity.details, identity.fingerprint_sha256, printed_in=language
    )
    pdf = render_report(data)
    _step(progress, stop, 3)
    carried = [
        Attachment("response.json", response_json(response), "application/json"),
        Attachment("form.json", canonical_json(form).encode(), "application/json"),
        *(_carried(p) for p in packed if p.content is not None),
    ]
    location = str(response.profile.get("country") or "")
    with output_being_written(target) as output:
        seal_into(output.stream, pdf, carried, unlocked, location=location)
        output.stream.flush()
        _step(progress, stop, 4)
        _check_as_a_buyer_would(output.path)
    progress(STEPS, STEPS)
    return target


def response_json(response: Response) -> bytes:
    """response.json as the pack carries it: without `remediation` when the register has no
    case, so that a pack without one reads as packs did before the register existed."""
    absent = {"remediation"} if response.remediation is None else None
    return response.model_dump_json(indent=1, exclude=absent).encode()


class SelfCheckFailed(Refused):
    """The sealed pack did not pass its own verification; nothing was written."""

    finding: Finding

    def localized(self, language: str) -> str:
        from selfassess.core.i18n import translate

        return translate(language, self.message_id or "", reason=self.finding.text(language))


def _check_signs_for(details: IdentityDetails, profile: dict[str, object]) -> None:
    """The identity signs for the organisation the profile names (as `verify` compares them), or
    a buyer would refuse the pack: refused before the passphrase is even asked."""
    organisation = profile.get("organisation")
    country = profile.get("country") or details.country
    if not isinstance(organisation, str) or not isinstance(country, str):
        raise Refused.of("the assessment's profile names no organisation, so no pack can be signed")
    if organisation_key(organisation, country) != organisation_key(
        details.organisation, details.country
    ):
        raise Refused.of(
            "the signing identity is for {identity} ({identity_country}), but this assessment "
            "speaks for {organisation} ({country}): a buyer would refuse the pack. Sign with the "
            "identity of {organisation} (Signing identity…, or identity create / import)",
            identity=details.organisation,
            identity_country=details.country,
            organisation=organisation,
            country=country,
        )


def _carried(packed: PackedFile) -> Attachment | FileAttachment:
    name, file = f"evidence/{packed.file.sha256[:12]}-{packed.file.name}", packed.file
    if isinstance(packed.content, bytes):
        return Attachment(name, packed.content, file.media_type)
    assert packed.content is not None
    return FileAttachment(
        name, packed.content, file.media_type, file.sha256, file.size, description=file.name
    )


def _check_as_a_buyer_would(sealed: Path) -> None:
    """Verify the pack written at `sealed` as a buyer would (its own soundness, whatever its
    size: the file limit is a buyer's setting, not the pack's)."""
    from selfassess.core.pack.verify import Unreadable, verify_file
    from selfassess.core.pdfguard.limits import Limits

    try:
        size = sealed.stat().st_size
        limits = Limits.for_file_limit(max(Limits().max_file_bytes, size))
        verdict = verify_file(sealed, limits=limits)
        reasons = verdict.reasons if not verdict.valid else []
        if not verdict.valid and not reasons:
            reasons = [Finding.of("the pack is not valid")]
    except Unreadable as unreadable:
        reasons = [Finding(unreadable.message_id or str(unreadable), unreadable.params or {})]
    if reasons:
        reason = reasons[0]
        error = SelfCheckFailed.of(
            "the pack did not pass its own verification, so it was not written: {reason}",
            reason=str(reason),
        )
        error.finding = reason
        raise error


def evidence_to_send(plans: PlanService, assessment_id: str) -> list[EvidenceFile]:
    """The evidence files the finalized assessment's pack would carry, each once."""
    return evidence_files(build_response(plans, assessment_id))


def evidence_files(response: Response) -> list[EvidenceFile]:
    """The evidence files of a response, each once."""
    return unique_files(
        EvidenceFile(item.sha256, item.name, item.media_type, item.size)
        for item in response.evidence
    )


def preview_pdf(plans: PlanService, assessment_id: str, language: str | None = None) -> bytes:
    """The report as it stands, unsigned, marked DRAFT unless finalized."""
    assessment = plans.assessments.get(assessment_id)
    language = checked_language(language or assessment.language)
    report = plans.report(assessment_id, language=language)
    if not assessment.finalized:
        plans.sync_plan(assessment_id, report)  # the plan as the gaps stand now
    response = build_response(plans, assessment_id, allow_draft=True, report=report)
    form = plans.assessments.form_of(assessment)
    draft = not assessment.finalized
    return render_report(ReportInput(response, form, report, draft=draft, printed_in=language))


def _saying_what_is_carried(response: Response, packed: list[PackedFile]) -> Response:
    how = {p.file.sha256: p.carried for p in packed}
    evidence = [item.model_copy(update={"in_pack": how[item.sha256]}) for item in response.evidence]
    return response.model_copy(update={"evidence": evidence})


def checked_language(language: str) -> str:
    """`language` if a pack can be printed in it, else a refusal naming those it can."""
    if language not in LANGUAGES:
        raise InvalidInput.of(
            "a pack is printed in {choices}, not '{language}'",
            choices=", ".join(LANGUAGES),
            language=language,
        )
    return language


def _step(progress: Progress, stop: Stop, done: int) -> None:
    if stop():
        raise Cancelled.of("the export was cancelled; no file was written")
    progress(done, STEPS)
