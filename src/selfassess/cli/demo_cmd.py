"""`selfassess demo --out DIR`: a newcomer's first look without a display. In a home of its own
under DIR it creates a realistic sample of the full form, finalizes it, exports a signed pack
and verifies it, then says where everything is. The user's own data and keyring are untouched."""

from __future__ import annotations

import argparse
import secrets
import shutil
from pathlib import Path

from selfassess.cli.common import find_form
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.demo import create_demo, demo_folder, sample_evidence
from selfassess.core.pack.export import export_pack
from selfassess.core.pack.verify import verify_file
from selfassess.core.signing.identity import IdentityDetails, IdentityStore, spoken
from selfassess.core.store.store import Store


def run_demo(args: argparse.Namespace) -> int:
    made = not Path(args.out).exists()
    out = demo_folder(Path(args.out))
    try:
        pack, assessment_id, identities = _make(out)
    except BaseException:
        if made:  # a full disk, say: take away the half-made demo, which holds nothing of yours
            shutil.rmtree(out, ignore_errors=True)
        raise
    verdict = verify_file(pack)
    print(f"sample assessment {assessment_id} (data in {out / 'home'})")
    print(f"signed pack: {pack}")
    reasons = "; ".join(map(str, verdict.reasons))
    print(f"verified: {'VALID' if verdict.valid else 'NOT VALID: ' + reasons}")
    print(f"signer fingerprint: {spoken(identities.show().fingerprint_sha256)}")
    print(f"try: selfassess verify {pack}    or open it in any PDF reader")
    return 0 if verdict.valid else 1


def _make(out: Path) -> tuple[Path, str, IdentityStore]:
    """The sample assessment, its identity and its signed pack, in `out`."""
    home = out / "home"
    store = Store.open(home)
    try:
        service = AssessmentService(store)
        evidence = sample_evidence(out / "evidence")
        assessment_id = create_demo(service, find_form(home, "self-assessment", None), evidence)
        passphrase = secrets.token_urlsafe(16)  # this identity lives only in the demo home
        identities = IdentityStore(home)
        details = IdentityDetails(
            "Amani Bisimwa", "Coopérative minière de Kalimbi", "amani@example.cd", "CD"
        )
        identities.create(details, passphrase)
        pack = export_pack(
            PlanService(service), identities, assessment_id, out / "pack.pdf", passphrase=passphrase
        )
    finally:
        store.close()
    return pack, assessment_id, identities
