"""One stored pack examined, in a worker process: everything `verify` checks but the signer's
standing with the buyer (judged afterwards, one pack at a time, oldest signature first), and what
the inbox keeps of its data. The result is plain data, so that it crosses between processes.

What is kept of `response.json`: `facts` (small, read for every KPI: the profile's fields, the
enhanced-due-diligence result, the red lines' statuses, the remediation counts, each action's
due day and status) and `details` (read for the matrix and a supplier's page: the criteria with
their statuses, the plan's actions, the red lines' titles); and `data`, what the spreadsheets
read (`index.PackData`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from selfassess.core.errors import UserError
from selfassess.core.findings import Finding
from selfassess.core.inbox.index import PackData
from selfassess.core.pack.response import Response
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.storable import visible
from selfassess.core.trust.names import organisation_key
from selfassess.core.trust.signer import Signer

PROFILE_FIELDS = ("entity_type", "minerals", "certifications", "province", "site")


@dataclass(frozen=True)
class Examined:
    """What a worker learned of one pack."""

    sha256: str
    reasons: tuple[Finding, ...] = ()  # why it cannot be relied on, signer aside
    notes: tuple[Finding, ...] = ()
    certificate: bytes | None = None  # DER, to judge the signer
    carried: tuple[bytes, ...] = ()
    signed_at: datetime | None = None
    summary: PackSummary | None = None
    data: PackData | None = None


@dataclass(frozen=True)
class PackSummary:
    """What the index keeps of a pack's data (texts made visible)."""

    supplier_key: str
    organisation: str
    country: str
    fingerprint: str
    assessment: str
    revision: int
    finalized_at: str
    assessed_on: str  # YYYY-MM-DD: the declaration's day, else the day it was finalized
    facts: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


def examine_stored(sha256: str, path: Path, home: Path, limits: Limits) -> Examined:
    """Examine the pack at `path` (in the inbox folder) as `verify` would on this machine."""
    from selfassess.core.pack.verify import FORM, RESPONSE, examine_file

    if not _named_by_its_hash(sha256, path, limits):
        changed = Finding.of(
            "the stored file does not match its name in the inbox: it was changed after it "
            "was stored"
        )
        return Examined(sha256, reasons=(changed,))
    try:
        verdict, check = examine_file(path, home=home, limits=limits)
    except UserError as exc:  # unreadable: not a PDF read within the limits
        return Examined(sha256, reasons=(finding_of(exc),))
    except Exception as exc:  # a parser's surprise on a crafted file: unreadable, never a crash
        reason = Finding.of("not a readable PDF: {reason}", reason=type(exc).__name__)
        return Examined(sha256, reasons=(reason,))
    certificate = carried = None
    if check is not None and check.certificate is not None:
        from cryptography.hazmat.primitives.serialization import Encoding

        certificate = check.certificate.public_bytes(Encoding.DER)
        carried = tuple(c.public_bytes(Encoding.DER) for c in check.carried)
    summary = data = None
    if verdict.response is not None and verdict.signer is not None and not verdict.reasons:
        summary = summarise(verdict.response, verdict.signer)
        if certificate is not None:
            data = PackData.of(verdict.data[RESPONSE], verdict.data[FORM], certificate)
    return Examined(
        sha256,
        tuple(verdict.reasons),
        tuple(verdict.notes),
        certificate,
        carried or (),
        check.signed_at if check is not None else None,
        summary,
        data,
    )


def _named_by_its_hash(sha256: str, path: Path, limits: Limits) -> bool:
    """Whether the stored file's bytes hash to its name (a file changed in a shared folder does
    not); a file too large or unreadable is left to the examination to refuse."""
    import hashlib

    digest = hashlib.sha256()
    try:
        if path.stat().st_size > limits.max_file_bytes:
            return True
        with path.open("rb") as stream:
            while chunk := stream.read(1024 * 1024):
                digest.update(chunk)
    except OSError:
        return True
    return digest.hexdigest() == sha256


def finding_of(error: UserError) -> Finding:
    """A refusal as a finding, translatable when it was made with a message id."""
    if error.message_id is not None:
        return Finding(error.message_id, dict(error.params or {}))
    return Finding("{reason}", {"reason": visible(str(error))})


def summarise(response: Response, signer: Signer) -> PackSummary:
    """What the inbox keeps of a valid pack's `response.json` (the supplier as `verify` matched
    it with the certificate: the profile's organisation, and its country or the certificate's)."""
    profile = response.profile
    organisation = str(profile.get("organisation", ""))
    country = str(profile.get("country") or signer.raw.country)
    declared = response.declaration.get("date", "")
    return PackSummary(
        supplier_key=organisation_key(organisation, country),
        organisation=visible(organisation),
        country=visible(country),
        fingerprint=signer.fingerprint_sha256,
        assessment=visible(response.assessment),
        revision=response.revision,
        finalized_at=visible(response.finalized_at),
        assessed_on=visible(declared or response.finalized_at[:10]),
        facts=_facts(response),
        details=_details(response),
    )


def _facts(response: Response) -> dict[str, Any]:
    edd = response.enhanced_due_diligence
    profile = {name: _visible_value(response.profile.get(name)) for name in PROFILE_FIELDS}
    return {
        "profile": profile,
        "form": [visible(response.form.id), visible(response.form.version)],
        "edd": None
        if edd is None
        else {"required": edd.required, "by_area": edd.by_area, "completed": edd.completed},
        "red_lines": _red_line_statuses(response),
        "remediation": response.remediation.model_dump() if response.remediation else None,
        "actions": [
            {k: v for k, v in _action(row).items() if k in ("id", "due", "status", "carried_from")}
            for row in response.plan
        ],
        "readiness": visible(response.readiness.id) if response.readiness else None,
    }


def _red_line_statuses(response: Response) -> dict[str, str]:
    """Each red line's status; a form without declared red lines (format 1) gives its red-line
    criteria, breached when they do not meet."""
    if response.red_lines:
        return {visible(line.id): line.status for line in response.red_lines}
    return {
        visible(c.id): "breached" if c.status == "does_not_meet" else "not_breached"
        for c in response.criteria
        if c.red_line and c.status != "not_applicable"
    }


def _details(response: Response) -> dict[str, Any]:
    return {
        "criteria": [
            [visible(c.id), visible(c.title), visible(c.section), c.status, c.severity, c.red_line]
            for c in response.criteria
        ],
        "red_lines": [[visible(line.id), visible(line.title)] for line in response.red_lines],
        "plan": [_action(row) for row in response.plan],
        "language": visible(response.language),
        "readiness": visible(response.readiness.label) if response.readiness else None,
    }


def _action(row: dict[str, Any]) -> dict[str, Any]:
    carried = row.get("carried_from")
    return {
        "id": _action_id(row),
        "criterion": visible(str(row.get("criterion_id") or "")),
        "text": visible(str(row.get("text") or ""), limit=2000),
        "due": visible(str(row.get("due") or "")),
        "status": visible(str(row.get("status") or "")),
        "owner": visible(str(row.get("owner") or "")),
        "note": visible(str(row.get("note") or ""), limit=2000),
        "carried_from": carried if isinstance(carried, int) else None,
    }


def _action_id(row: dict[str, Any]) -> int | None:
    value = row.get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _visible_value(value: object) -> object:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list):
        return [visible(item) for item in value if isinstance(item, str)]
    return None
