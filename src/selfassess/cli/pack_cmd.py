"""`selfassess verify`: is a received pack intact, whole, and from a signer seen before?

Exit codes: 0 valid, 1 invalid or tampered, 2 unreadable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selfassess.cli.common import home_of, print_json
from selfassess.core.errors import UserError
from selfassess.core.files import PACK_LIMIT, read_input
from selfassess.core.pack.known_signers import Recognition, recognise
from selfassess.core.pack.verify import Unreadable, Verdict, verify
from selfassess.core.signing.identity import spoken

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
WORDS = {
    Recognition.KNOWN: "known signer: this organisation signed with this certificate before",
    Recognition.FIRST_TIME: "first pack from this signer: confirm the fingerprint with the "
    "supplier (by phone) before you rely on it",
    Recognition.CHANGED: "WARNING: this organisation signed before with ANOTHER certificate; "
    "do not rely on this pack until the supplier confirms the new fingerprint",
}


def run_verify(args: argparse.Namespace) -> int:
    path = Path(args.pack)
    try:
        data = read_input(path, PACK_LIMIT)
    except UserError as exc:
        print(f"selfassess: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        verdict = verify(data)
    except Unreadable as exc:
        print(f"selfassess: {path}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    recognition = recognise(verdict, home_of(args), trust_new=args.trust_new_fingerprint)
    if args.json:
        print_json(_as_json(verdict, recognition))
    else:
        _print(path, verdict, recognition)
    return EXIT_VALID if verdict.valid else EXIT_INVALID


def _as_json(verdict: Verdict, recognition: Recognition | None) -> dict[str, Any]:
    signer = verdict.signer
    return {
        "valid": verdict.valid,
        "reasons": verdict.reasons,
        "signer": {**signer.details.__dict__, "fingerprint_sha256": signer.fingerprint_sha256}
        if signer
        else None,
        "coverage": verdict.coverage,
        "form": {"id": verdict.response.form.id, "version": verdict.response.form.version}
        if verdict.response
        else None,
        "known_signer": recognition is Recognition.KNOWN,
        "signer_status": recognition.value if recognition else None,
        "files": sorted(verdict.files),
    }


def _print(path: Path, verdict: Verdict, recognition: Recognition | None) -> None:
    print(f"{path}: {'VALID' if verdict.valid else 'NOT VALID'}")
    for reason in verdict.reasons:
        print(f"  - {reason}")
    if verdict.signer is not None:
        details = verdict.signer.details
        print(f"signer        {details.name}, {details.organisation} ({details.country})")
        print(f"fingerprint   {spoken(verdict.signer.fingerprint_sha256)}")
    if recognition is not None:
        print(WORDS[recognition])
