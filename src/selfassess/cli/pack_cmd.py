"""`selfassess verify`: can a buyer rely on a received pack? The verdict in plain words or JSON.

Exit codes: 0 valid, 1 invalid or tampered, 2 unreadable, 3 changed signer (a known
organisation signing with another certificate; accept it with --accept-new-certificate
--reason once the supplier confirmed it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selfassess.cli.common import home_of, print_json
from selfassess.core.errors import UserError
from selfassess.core.pack.verify import Unreadable, Verdict, verify_file
from selfassess.core.signing.identity import spoken
from selfassess.core.storable import visible
from selfassess.core.trust.decision import SignerStatus
from selfassess.core.trust.known_signers import Acceptance
from selfassess.core.trust.signer import Signer

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE, EXIT_CHANGED_SIGNER = 0, 1, 2, 3
WORDS = {
    SignerStatus.CERTIFIED: "certified by {programme}, a programme you trust",
    SignerStatus.KNOWN: "known signer: this organisation signed with this certificate before",
    SignerStatus.NEW: "NEW SIGNER: first pack from this organisation; confirm the fingerprint "
    "with the supplier (by phone) before you rely on it",
    SignerStatus.CHANGED: "CHANGED SIGNER: this organisation signed before with ANOTHER "
    "certificate; do not rely on this pack until the supplier confirms the new fingerprint, "
    "then accept it: selfassess verify PACK --accept-new-certificate --reason 'how it was "
    "confirmed'",
}


def run_verify(args: argparse.Namespace) -> int:
    path = Path(args.pack)
    shown_path = visible(str(path), limit=1024)
    try:
        acceptance = _acceptance(args)
        verdict = verify_file(path, home=home_of(args), acceptance=acceptance)
    except Unreadable as exc:
        print(f"selfassess: {shown_path}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except UserError as exc:
        print(f"selfassess: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        print_json(as_json(verdict))
    else:
        _print(shown_path, verdict)
    return exit_code(verdict)


def exit_code(verdict: Verdict) -> int:
    if verdict.valid:
        return EXIT_VALID
    return EXIT_CHANGED_SIGNER if verdict.signer_status is SignerStatus.CHANGED else EXIT_INVALID


def _acceptance(args: argparse.Namespace) -> Acceptance | None:
    if not args.accept_new_certificate:
        if args.reason:
            raise UserError("--reason goes with --accept-new-certificate")
        return None
    return Acceptance(args.reason or "", args.accepted_by or "").checked()


def as_json(verdict: Verdict) -> dict[str, Any]:
    """The verdict as `verify --json` prints it (docs/signing.md)."""
    signer = verdict.signer
    status = verdict.signer_status
    return {
        "valid": verdict.valid,
        "reasons": [str(reason) for reason in verdict.reasons],
        "notes": [str(note) for note in verdict.notes],
        "signer": _signer_json(signer) if signer else None,
        "signed_at": verdict.signed_at,
        "coverage": verdict.coverage,
        "form": {
            "id": visible(verdict.response.form.id),
            "version": visible(verdict.response.form.version),
        }
        if verdict.response
        else None,
        "known_signer": status in (SignerStatus.KNOWN, SignerStatus.CERTIFIED),
        "signer_status": status.value if status else None,
        "certified_by": verdict.certified_by,
        "files": [visible(name) for name in verdict.files],
    }


def _signer_json(signer: Signer) -> dict[str, Any]:
    return {
        **signer.details.__dict__,
        "fingerprint_sha256": signer.fingerprint_sha256,
        "not_before": signer.not_before.isoformat(),
        "not_after": signer.not_after.isoformat(),
        "issuer": signer.issuer,
        "self_signed": signer.self_signed,
    }


def _print(shown_path: str, verdict: Verdict) -> None:
    headline = "VALID" if verdict.valid else "NOT VALID"
    if verdict.signer_status is SignerStatus.CHANGED:
        headline = "NOT VALID: CHANGED SIGNER"
    print(f"{shown_path}: {headline}")
    for reason in verdict.reasons:
        print(f"  - {reason}")
    for note in verdict.notes:
        print(f"  note: {note}")
    if verdict.signer is not None:
        signer = verdict.signer
        details = signer.details
        print(f"signer        {details.name}, {details.organisation} ({details.country})")
        print(f"fingerprint   {spoken(signer.fingerprint_sha256)}")
        print(f"signed        {verdict.signed_at or 'unknown'}")
        issued = "self-signed" if signer.self_signed else f"issued by {signer.issuer}"
        print(
            f"certificate   {issued}, valid {signer.not_before.date()} to {signer.not_after.date()}"
        )
    if verdict.signer_status is not None:
        print(WORDS[verdict.signer_status].format(programme=verdict.certified_by or ""))
