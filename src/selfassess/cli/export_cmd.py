"""`selfassess export`: the signed response pack of a finalized assessment, or (with --draft)
an unsigned preview of any assessment, marked DRAFT on every page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfassess.cli.common import home_of, open_service
from selfassess.cli.identity_cmd import Secrets, with_passphrase
from selfassess.core.assessment.plan import PlanService
from selfassess.core.files import write_atomically
from selfassess.core.pack.export import export_pack, preview_pdf
from selfassess.core.signing.identity import IdentityStore, spoken


def run_export(args: argparse.Namespace) -> int:
    service = open_service(args)
    plans, assessment_id = PlanService(service), service.resolve(args.id)
    target = Path(args.output)
    if args.draft:
        write_atomically(target, preview_pdf(plans, assessment_id))
        print(f"draft preview written to {target} (not signed)")
        return 0
    identities = IdentityStore(home_of(args))
    with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: export_pack(
            plans,
            identities,
            assessment_id,
            target,
            passphrase=passphrase,
            include_evidence=not args.no_evidence,
        ),
        new=False,
    )
    fingerprint = spoken(identities.show().fingerprint_sha256)
    print(f"signed pack written to {target}")
    print(f"tell the buyer this fingerprint: {fingerprint}", file=sys.stdout)
    return 0
