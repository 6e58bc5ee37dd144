"""`selfassess export`: the signed response pack of a finalized assessment, or (with --draft)
an unsigned preview of any assessment, marked DRAFT on every page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfassess.cli.common import find_form, home_of, open_service
from selfassess.cli.identity_cmd import Secrets, with_passphrase
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_output_file, write_output
from selfassess.core.i18n import LANGUAGES
from selfassess.core.pack.email_draft import checked_addresses, write_email_draft
from selfassess.core.pack.evidence_fit import EvidenceChoice
from selfassess.core.pack.export import export_pack, preview_pdf
from selfassess.core.pack.naming import default_pack_name
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.signing.identity import IdentityStore, spoken
from selfassess.core.store.evidence import describe_size


def run_export(args: argparse.Namespace) -> int:
    service = open_service(args)
    plans, assessment_id = PlanService(service), service.resolve(args.id)
    target = check_output_file(_target(args, service, assessment_id))
    if args.email_to:  # refused now, not after signing
        checked_addresses(args.email_to)
        check_output_file(target.with_suffix(".eml"))
    if args.draft:
        write_output(target, preview_pdf(plans, assessment_id, args.lang))
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
            evidence=EvidenceChoice(args.evidence),
            language=args.lang,
        ),
        new=False,
    )
    identity = identities.show()
    print(f"signed pack written to {target}")
    print(f"tell the buyer this fingerprint: {spoken(identity.fingerprint_sha256)}")
    size = target.stat().st_size
    if size > Limits().max_file_bytes:
        print(
            f"selfassess: the pack is {describe_size(size)}; a buyer's selfassess reads packs up "
            f"to {describe_size(Limits().max_file_bytes)} unless they raise verify_limit_mb: "
            "export again with --evidence smaller or fit, or tell the buyer",
            file=sys.stderr,
        )
    if args.email_to:
        draft = write_email_draft(
            target,
            target.with_suffix(".eml"),
            recipients=args.email_to,
            organisation=identity.details.organisation,
            fingerprint=identity.fingerprint_sha256,
            language=args.lang or service.get(assessment_id).language,
        )
        print(f"e-mail draft written to {draft.path}; open it with your mail program")
        if draft.large:
            print(
                f"selfassess: the e-mail is {describe_size(draft.size)}, more than many mail "
                "servers accept; export again with --evidence fit (or smaller, or none)",
                file=sys.stderr,
            )
    return 0


def _target(args: argparse.Namespace, service: AssessmentService, assessment_id: str) -> Path:
    """The file named with --output, or one named after the supplier in the current folder."""
    if args.output:
        return Path(args.output)
    return Path.cwd() / default_pack_name(service, assessment_id, preview=args.draft)


def run_print_blank(args: argparse.Namespace) -> int:
    from selfassess.core.pack.blank import render_blank

    if args.lang not in LANGUAGES:
        raise InvalidInput(f"--lang takes one of {', '.join(LANGUAGES)}, not '{args.lang}'")
    form = find_form(home_of(args), args.form, args.form_version)
    target = check_output_file(Path(args.output))
    write_output(target, render_blank(form, args.lang, trainer=args.trainer))
    print(f"blank questionnaire written to {target}")
    return 0
