"""Verifying a received pack: can a buyer rely on it? Valid only when all of these hold:

1. the file is a PDF read within hard limits (`pdfguard`): otherwise `Unreadable` (exit 2);
2. it carries exactly one signature, a certification that allows no change, intact, covering
   the entire file, by a certificate fit to sign when it signed (`signature_check`);
3. it contains only what selfassess writes: no script, action, foreign annotation or file
   outside the manifest (`pdfguard.content`), and every file of the manifest matches its hash;
4. `response.json` follows the published schema, its claims are those its answers give under
   the form it carries (`recompute`), and its organisation is the certificate's;
5. the signer is certified by a programme the buyer trusts, known, or new (first pack); a known
   organisation signing with another certificate is `changed` and not valid until accepted
   (`trust.decision`).

Every text taken from the pack or its certificate is made visible (`storable.visible`) before
it is shown. The verdict's reasons and notes are findings: English here, translated in the app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.core.findings import Finding
from selfassess.core.pack.response import Response
from selfassess.core.pack.seal import MANIFEST
from selfassess.core.pack.signature_check import SignatureCheck, check_signature
from selfassess.core.pdfguard.content import forbidden_content
from selfassess.core.pdfguard.embedded import EmbeddedFile, embedded_files
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.pdfguard.opening import Unreadable, guarded, open_pdf
from selfassess.core.trust.decision import SignerStatus, Standing, standing_of
from selfassess.core.trust.known_signers import Acceptance
from selfassess.core.trust.names import mixes_scripts, organisation_key, scripts_of
from selfassess.core.trust.signer import Signer

__all__ = ["Unreadable", "Verdict", "examine_file", "judge_signer", "verify", "verify_file"]

RESPONSE, FORM = "response.json", "form.json"
DATA_FILES = (RESPONSE, FORM, MANIFEST)
DATA_FILE_LIMIT = 32 * 1024 * 1024  # response.json, form.json, manifest.json: kept in memory


@dataclass
class Verdict:
    """What a buyer needs to know about a pack."""

    valid: bool = False
    reasons: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    signer: Signer | None = None
    signed_at: str | None = None  # ISO 8601, as the signature states it
    signer_status: SignerStatus | None = None
    certified_by: str | None = None
    coverage: str = "none"
    files: dict[str, int] = field(default_factory=dict)  # every carried file, by name: its size
    data: dict[str, bytes] = field(default_factory=dict)  # response.json, form.json, manifest
    response: Response | None = None  # response.json, once it follows the schema


def verify_file(
    path: Path,
    *,
    home: Path | None = None,
    limits: Limits | None = None,
    acceptance: Acceptance | None = None,
) -> Verdict:
    """The verdict on the pack at `path`. With `home`, the signer is judged against the buyer's
    trusted programmes and known signers there (and a new one is remembered); without, the
    pack's own soundness only (`signer_status` None)."""
    verdict, check = examine_file(path, home=home, limits=limits)
    if check is not None and not verdict.reasons and home is not None:
        judge_signer(check, home, acceptance, verdict)
    verdict.valid = not verdict.reasons
    return verdict


def examine_file(
    path: Path, *, home: Path | None = None, limits: Limits | None = None
) -> tuple[Verdict, SignatureCheck | None]:
    """Everything `verify_file` checks but the signer's standing with the buyer, which reads and
    writes the buyer's known signers: the verdict so far (`valid` not yet set) and the signature
    to judge with `judge_signer` (None when there is no single signature). An inbox examines
    many packs at once in worker processes and judges their signers one by one, oldest first."""
    limits = limits or (Limits.from_preferences(home) if home is not None else Limits())
    verdict = Verdict()
    with open_pdf(path, limits) as opened:
        verdict.notes.extend(opened.notes)
        with guarded(limits):
            signatures = list(opened.reader.embedded_signatures)
        if len(signatures) != 1:
            verdict.reasons.append(
                Finding.of("the pack is not signed")
                if not signatures
                else Finding.of("the pack has more than one signature")
            )
            return verdict, None
        with guarded(limits):
            check = check_signature(signatures[0], opened.appended_after_signing)
        _take_signature(check, verdict)
        if not verdict.reasons:
            with guarded(limits):
                _check_contents(opened.reader, limits, verdict, home)
    return verdict, check


def verify(data: bytes, **options: Any) -> Verdict:
    """The verdict on a pack held in memory (written to a temporary file and read from there)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="selfassess-verify-") as folder:
        path = Path(folder) / "pack.pdf"
        path.write_bytes(data)
        return verify_file(path, **options)


def _take_signature(check: SignatureCheck, verdict: Verdict) -> None:
    verdict.signer, verdict.coverage = check.signer, check.coverage
    verdict.signed_at = check.signed_at.isoformat() if check.signed_at else None
    verdict.reasons.extend(check.problems)
    verdict.notes.extend(check.notes)
    if check.signer is not None and mixes_scripts(check.signer.raw.organisation):
        verdict.notes.append(
            Finding.of(
                "the organisation's name mixes scripts ({scripts}): check that it is not a "
                "look-alike of another name",
                scripts=", ".join(sorted(scripts_of(check.signer.raw.organisation))).lower(),
            )
        )


def _check_contents(reader: Any, limits: Limits, verdict: Verdict, home: Path | None) -> None:
    files = embedded_files(reader, limits)
    verdict.files = {name: item.size for name, item in sorted(files.items())}
    listed = _manifest(files, verdict)
    if listed is None:
        return
    verdict.reasons.extend(forbidden_content(reader, set(listed) | {MANIFEST}, limits))
    for name, entry in sorted(listed.items()):
        _check_listed(name, entry, files.get(name), verdict)
    for name in sorted(set(files) - set(listed) - {MANIFEST}):
        verdict.reasons.append(
            Finding.of("{name} is carried but not listed in the manifest", name=name)
        )
    if not verdict.reasons:
        _check_response(verdict, home)


def _manifest(files: dict[str, EmbeddedFile], verdict: Verdict) -> dict[str, Any] | None:
    if MANIFEST not in files:
        verdict.reasons.append(Finding.of("the pack carries no {name}", name=MANIFEST))
        return None
    try:
        listed = json.loads(_read_data(files[MANIFEST], verdict))["files"]
        if not isinstance(listed, dict) or not all(isinstance(e, dict) for e in listed.values()):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        verdict.reasons.append(Finding.of("{name} is not readable", name=MANIFEST))
        return None
    return listed


def _check_listed(
    name: str, entry: dict[str, Any], item: EmbeddedFile | None, verdict: Verdict
) -> None:
    if item is None:
        verdict.reasons.append(
            Finding.of("{name} is listed in the manifest but missing", name=name)
        )
        return
    digest = _sha256_of_data(name, item, verdict) if name in DATA_FILES else item.sha256()
    if digest != entry.get("sha256"):
        verdict.reasons.append(
            Finding.of("{name} does not match its SHA-256 in the manifest", name=name)
        )


def _sha256_of_data(name: str, item: EmbeddedFile, verdict: Verdict) -> str:
    import hashlib

    verdict.data[name] = _read_data(item, verdict)
    return hashlib.sha256(verdict.data[name]).hexdigest()


def _read_data(item: EmbeddedFile, verdict: Verdict) -> bytes:
    if item.name in verdict.data:
        return verdict.data[item.name]
    data = item.read(DATA_FILE_LIMIT)
    verdict.data[item.name] = data
    return data


def _check_response(verdict: Verdict, home: Path | None) -> None:
    """The data a buyer imports follows the published schema (docs/response.schema.json), says
    what its answers give, and names the certificate's organisation."""
    from pydantic import ValidationError

    from selfassess.core.pack.recompute import claims_problem

    for name in (RESPONSE, FORM):
        if name not in verdict.data:
            verdict.reasons.append(Finding.of("the pack carries no {name}", name=name))
            return
    try:
        verdict.response = Response.model_validate_json(verdict.data[RESPONSE])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the document"
        verdict.reasons.append(
            Finding.of(
                "{name} does not follow the response schema: {where}: {problem}",
                name=RESPONSE,
                where=where,
                problem=first["msg"],
            )
        )
        return
    problem = claims_problem(verdict.response, verdict.data[FORM], home)
    if problem is not None:
        verdict.reasons.append(problem)
    _note_risk_data(verdict, home)
    _check_organisation(verdict)


def _note_risk_data(verdict: Verdict, home: Path | None) -> None:
    """Say when the pack's risk table is not on this computer: its area decision was then
    taken as the pack states it."""
    from selfassess.core.risk.table import table_of_version

    claimed = verdict.response.enhanced_due_diligence if verdict.response else None
    if claimed is None or claimed.data_version is None:
        return
    if table_of_version(home, claimed.data_version) is not None:
        return
    verdict.notes.append(
        Finding.of(
            "the pack used risk data {version}, which this computer does not have: whether "
            "its area calls for enhanced due diligence is taken as the pack states it",
            version=claimed.data_version,
        )
    )
    _note_listed_here(verdict, home, claimed.by_area)


def _note_listed_here(verdict: Verdict, home: Path | None, stated: bool) -> None:
    """A pack that states its area unlisted, while this computer's risk data lists it: the
    buyer sees the difference rather than trusting a table it cannot read."""
    from selfassess.core.risk.edd import area_decision
    from selfassess.core.risk.table import current_table

    if stated or verdict.response is None:
        return
    table = current_table(home)
    here = area_decision(table, verdict.response.profile)
    if here.required:
        verdict.notes.append(
            Finding.of(
                "the risk data on this computer ({version}) lists {areas}, which the pack "
                "states is not listed: ask the supplier which risk data it used",
                version=table.version,
                areas=", ".join(str(reason.params.get("code")) for reason in here.reasons),
            )
        )


def _check_organisation(verdict: Verdict) -> None:
    """The signer is the supplier the pack speaks for: the certificate's organisation (and
    country) are the profile's, compared as the pin list compares them."""
    if verdict.signer is None or verdict.response is None:
        return
    profile, raw = verdict.response.profile, verdict.signer.raw
    organisation = profile.get("organisation")
    country = profile.get("country") or raw.country
    if not isinstance(organisation, str) or not isinstance(country, str):
        verdict.reasons.append(Finding.of("response.json names no organisation"))
        return
    if organisation_key(organisation, country) != organisation_key(raw.organisation, raw.country):
        verdict.reasons.append(
            Finding.of(
                "the certificate is for {signer} ({signer_country}), but the pack speaks for "
                "{organisation} ({country}): the signer is not the supplier",
                signer=raw.organisation,
                signer_country=raw.country,
                organisation=organisation,
                country=country,
            )
        )


def judge_signer(
    check: SignatureCheck, home: Path, acceptance: Acceptance | None, verdict: Verdict
) -> None:
    """The signer's standing with the buyer of `home`, added to the verdict of a pack found
    sound otherwise (`examine_file`): a new signer is remembered, a changed one refused unless
    `acceptance`."""
    if check.signer is None or check.certificate is None or check.signed_at is None:
        return
    standing: Standing = standing_of(
        check.signer,
        check.certificate,
        check.carried,
        check.signed_at,
        home,
        record=True,
        acceptance=acceptance,
    )
    verdict.signer_status, verdict.certified_by = standing.status, standing.certified_by
    verdict.reasons.extend(standing.problems)
    verdict.notes.extend(standing.notes)
