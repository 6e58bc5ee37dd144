"""The command-line grammar of the assessment, archive and doctor commands (argparse only:
building it imports nothing heavy, so `selfassess --help` stays instant)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from selfassess.cli.grammar_risk import add_risk_signing

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

ENTITY_TYPES = ("asm", "industrial_mine", "processor", "trader", "other")
MINERALS = ("tin", "tantalum", "tungsten", "gold", "cobalt", "copper", "other")
CERTIFICATIONS = ("copper_mark", "rmap", "itsci", "better_mining", "irma", "other", "none")
MECHANISATION = ("manual", "semi_mechanised", "mechanised")


def add_assessment_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """new, list, show, answer, attach, finalize, reopen."""
    module = "selfassess.cli.assess_cmd"
    _add_new(commands, common, module)

    listing = commands.add_parser("list", parents=[common], help="list assessments")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=f"{module}:run_list")

    show = commands.add_parser(
        "show", parents=[common], help="profile, answers, progress and problems of an assessment"
    )
    show.add_argument("id", metavar="ID", help="assessment id (or its first characters)")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=f"{module}:run_show")

    answer = commands.add_parser(
        "answer", parents=[common], help="record answers; each is on disk before 'ok' is printed"
    )
    answer.add_argument("id", metavar="ID")
    answer.add_argument("question", nargs="?", metavar="QUESTION")
    answer.add_argument(
        "value",
        nargs="?",
        metavar="VALUE",
        help="0-3 for ratings, yes/no, option names (a,b), numbers, YYYY-MM-DD",
    )
    answer.add_argument("--comment", metavar="TEXT")
    answer.add_argument("--na-reason", metavar="TEXT", help="answer 'not applicable', saying why")
    answer.add_argument(
        "--jsonl",
        metavar="FILE",
        help='one {"question", "value", "comment", "na_reason"} a line; - for stdin',
    )
    answer.set_defaults(handler=f"{module}:run_answer")

    attach = commands.add_parser("attach", parents=[common], help="attach evidence files")
    attach.add_argument("id", metavar="ID")
    attach.add_argument("question", metavar="QUESTION")
    attach.add_argument("files", nargs="+", metavar="FILE")
    attach.set_defaults(handler=f"{module}:run_attach")

    finalize = commands.add_parser(
        "finalize", parents=[common], help="sign the declaration and lock the assessment"
    )
    finalize.add_argument("id", metavar="ID")
    finalize.add_argument("--name", required=True, help="name of the person declaring")
    finalize.add_argument("--title", required=True, help="their position")
    finalize.add_argument("--date", metavar="YYYY-MM-DD", help="date of the declaration (today)")
    finalize.set_defaults(handler=f"{module}:run_finalize")

    reopen = commands.add_parser(
        "reopen", parents=[common], help="make a finalized assessment editable as a new revision"
    )
    reopen.add_argument("id", metavar="ID")
    reopen.add_argument("--reason", required=True, help="why it is reopened (kept in the audit)")
    reopen.set_defaults(handler=f"{module}:run_reopen")


def _add_new(commands: Commands, common: argparse.ArgumentParser, module: str) -> None:
    """new: the supplier's profile, the form and where to start from."""
    new = commands.add_parser("new", parents=[common], help="start an assessment; prints its id")
    new.add_argument("--form", required=True, metavar="ID", help="form id, e.g. quick-scan")
    new.add_argument("--form-version", metavar="V", help="form version (default: the newest)")
    new.add_argument("--supplier", metavar="NAME", help="organisation name (or take it --from)")
    new.add_argument("--site", metavar="S", help="site or mine name")
    new.add_argument("--country", metavar="CC", help="ISO 3166 country code, e.g. CD")
    new.add_argument("--province", metavar="P", help="province or region")
    new.add_argument(
        "--entity-type",
        choices=ENTITY_TYPES,
        metavar="T",
        help=f"one of {', '.join(ENTITY_TYPES)} (default: other, or that of --from)",
    )
    new.add_argument(
        "--mineral", action="append", metavar="M", help=f"repeatable; one of {', '.join(MINERALS)}"
    )
    new.add_argument("--workforce", type=int, metavar="N", help="number of workers")
    new.add_argument(
        "--certification",
        action="append",
        metavar="C",
        help=f"repeatable; one of {', '.join(CERTIFICATIONS)} (none: no other)",
    )
    new.add_argument(
        "--mechanisation",
        choices=MECHANISATION,
        metavar="M",
        help=f"one of {', '.join(MECHANISATION)}",
    )
    new.add_argument(
        "--source-country",
        action="append",
        metavar="CC",
        help="repeatable; ISO 3166 code of a country the minerals bought come from",
    )
    new.add_argument(
        "--transit-country",
        action="append",
        metavar="CC",
        help="repeatable; ISO 3166 code of a country the minerals pass through",
    )
    new.add_argument("--contact", metavar="NAME", help="contact person")
    new.add_argument("--lang", metavar="L", help="language of the assessment (en, fr, sw)")
    new.add_argument("--trainer", metavar="NAME", help="trainer guiding the session")
    new.add_argument("--baseline", metavar="ID", help="an earlier assessment of the same site")
    new.add_argument(
        "--from",
        dest="start_from",
        metavar="ID",
        help="start from an earlier assessment (a quick scan): its profile, answers and evidence",
    )
    new.add_argument("--json", action="store_true", help="print JSON")
    new.set_defaults(handler=f"{module}:run_new")


def add_gap_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """gaps, plan, upgrade, compare."""
    module = "selfassess.cli.gaps_cmd"
    gaps = commands.add_parser(
        "gaps", parents=[common], help="criteria statuses, gaps, scores and readiness"
    )
    gaps.add_argument("id", metavar="ID")
    gaps.add_argument(
        "--by",
        metavar="STANDARD",
        help="group by a referenced standard (e.g. OECD-DDG, ILO) or 'pillars'",
    )
    gaps.add_argument(
        "--lang", metavar="L", help="language of the report (default: the assessment's)"
    )
    gaps.add_argument("--json", action="store_true", help="print JSON")
    gaps.set_defaults(handler=f"{module}:run_gaps")

    plan = commands.add_parser("plan", parents=[common], help="list, add and update actions")
    plan.add_argument("id", metavar="ID")
    plan.add_argument("verb", nargs="?", choices=("list", "add", "update"), help="default: list")
    plan.add_argument("action_id", nargs="?", type=int, metavar="N", help="action number (update)")
    plan.add_argument("--criterion", metavar="C", help="criterion of a new action")
    plan.add_argument("--text", metavar="TEXT")
    plan.add_argument("--owner", metavar="NAME")
    plan.add_argument("--due", metavar="YYYY-MM-DD")
    plan.add_argument("--status", choices=("open", "in_progress", "done"))
    plan.add_argument("--note", metavar="TEXT", help="progress note")
    plan.add_argument(
        "--lang", metavar="L", help="language of the actions (default: the assessment's)"
    )
    plan.add_argument("--json", action="store_true", help="print JSON")
    plan.set_defaults(handler=f"{module}:run_plan")

    upgrade = commands.add_parser(
        "upgrade",
        parents=[common],
        help="a new draft on the newest version of the form, carrying every answer that fits",
    )
    upgrade.add_argument("id", metavar="ID")
    upgrade.add_argument("--to-version", metavar="V", help="the version (default: the newest)")
    upgrade.add_argument("--json", action="store_true", help="print JSON")
    upgrade.set_defaults(handler="selfassess.cli.upgrade_cmd:run_upgrade")

    compare = commands.add_parser(
        "compare", parents=[common], help="progress from a baseline to a follow-up assessment"
    )
    compare.add_argument("baseline", metavar="BASELINE")
    compare.add_argument("followup", metavar="FOLLOWUP")
    compare.add_argument("--json", action="store_true", help="print JSON")
    compare.set_defaults(handler=f"{module}:run_compare")


def add_remediation_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """remediation ID list|add|update: the child-labour remediation register (docs/remediation.md).
    Its lists come from a module that imports nothing heavy."""
    from selfassess.core.remediation.vocabulary import (
        AGE_BANDS,
        FOLLOW_UP_MONTHS,
        SEXES,
        SITUATIONS,
        SUPPORT,
        WORK,
    )

    register = commands.add_parser(
        "remediation",
        parents=[common],
        help="the child-labour remediation register: cases by number (never a name), partner, "
        "support and follow-ups at 3, 6 and 12 months",
    )
    register.add_argument("id", metavar="ID")
    register.add_argument(
        "verb", nargs="?", choices=("list", "add", "update"), help="default: list"
    )
    register.add_argument(
        "case", nargs="?", metavar="CASE", help="case number, e.g. CL-001 (update)"
    )
    register.add_argument(
        "--age-band", choices=tuple(AGE_BANDS), metavar="B", help=_one_of(AGE_BANDS)
    )
    register.add_argument("--sex", choices=tuple(SEXES), metavar="S", help=_one_of(SEXES))
    register.add_argument(
        "--work",
        action="append",
        choices=tuple(WORK),
        metavar="W",
        help="repeatable; " + _one_of(WORK),
    )
    register.add_argument(
        "--worst-form",
        choices=("yes", "no"),
        help="for selling food or other work only: whether it is hazardous, a worst form of "
        "child labour (work at a mine site always is, for anyone under 18)",
    )
    register.add_argument("--identified", metavar="YYYY-MM-DD", help="the day the child was found")
    register.add_argument(
        "--partner", metavar="ORG", help="the child-protection organisation (never a person)"
    )
    register.add_argument(
        "--support",
        action="append",
        choices=tuple(SUPPORT),
        metavar="S",
        help="repeatable; support given (update: added to it); " + _one_of(SUPPORT),
    )
    register.add_argument(
        "--remove-support",
        action="append",
        choices=tuple(SUPPORT),
        metavar="S",
        help="update: support recorded by mistake",
    )
    register.add_argument(
        "--follow-up",
        type=int,
        choices=FOLLOW_UP_MONTHS,
        metavar="3|6|12",
        help="update: record the follow-up at 3, 6 or 12 months, with --date and --situation",
    )
    register.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the follow-up")
    register.add_argument(
        "--situation", choices=tuple(SITUATIONS), metavar="SIT", help=_one_of(SITUATIONS)
    )
    register.add_argument(
        "--note",
        metavar="TEXT",
        help="a short note, no names (with --follow-up: the follow-up's)",
    )
    register.add_argument(
        "--lang", metavar="L", help="list: en, fr or sw (default: the assessment's language)"
    )
    register.add_argument("--json", action="store_true", help="print JSON")
    register.set_defaults(handler="selfassess.cli.remediation_cmd:run_remediation")


def _one_of(choices: dict[str, str]) -> str:
    return f"one of {', '.join(choices)}"


def add_store_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """archive export|import, doctor."""
    archive = commands.add_parser(
        "archive", parents=[common], help="move an assessment between computers as one file"
    )
    sub = archive.add_subparsers(dest="archive_command", metavar="SUBCOMMAND", required=True)
    export = sub.add_parser("export", parents=[common], help="write an assessment to a file")
    export.add_argument("id", metavar="ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument(
        "--for-buyer",
        action="store_true",
        help="leave the remediation register's cases out (a buyer gets its counts in the pack)",
    )
    export.set_defaults(handler="selfassess.cli.archive_cmd:run_export")
    imported = sub.add_parser("import", parents=[common], help="read an assessment from a file")
    imported.add_argument("file", metavar="FILE")
    clash = imported.add_mutually_exclusive_group()
    clash.add_argument(
        "--keep-both",
        action="store_true",
        help="if the assessment exists, import this one as a copy",
    )
    clash.add_argument(
        "--replace",
        action="store_true",
        help="if the assessment exists, replace it (a backup is taken first)",
    )
    imported.set_defaults(handler="selfassess.cli.archive_cmd:run_import")

    doctor = commands.add_parser(
        "doctor", parents=[common], help="check the store; restore a damaged database from backup"
    )
    doctor.add_argument("--json", action="store_true", help="print JSON")
    doctor.set_defaults(handler="selfassess.cli.doctor_cmd:run_doctor")


def _add_verify(commands: Commands, common: argparse.ArgumentParser) -> None:
    """verify, for buyers (docs/signing.md)."""
    verify = commands.add_parser(
        "verify",
        parents=[common],
        help="check a received pack: one certification signature over the whole file, a "
        "certificate fit to sign, only the files of its manifest, claims its answers give, and "
        "whom you trust; exit 0 valid, 1 invalid or tampered, 2 unreadable, 3 a known "
        "organisation signing with another certificate",
    )
    verify.add_argument("pack", metavar="PACK.pdf")
    verify.add_argument("--json", action="store_true", help="print JSON")
    verify.add_argument(
        "--accept-new-certificate",
        action="store_true",
        help="the supplier confirmed a changed certificate (by phone, in person): accept and "
        "record it, with --reason",
    )
    verify.add_argument(
        "--reason",
        metavar="TEXT",
        help="why the new certificate is accepted, recorded with who and when",
    )
    verify.add_argument(
        "--accepted-by", metavar="NAME", default="", help="who accepts (default: your login)"
    )
    verify.set_defaults(handler="selfassess.cli.pack_cmd:run_verify")


def add_identity_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """identity create, show, import, export; and verify, for buyers."""
    module = "selfassess.cli.identity_cmd"
    identity = commands.add_parser(
        "identity", parents=[common], help="the signing identity that signs response packs"
    )
    sub = identity.add_subparsers(dest="identity_command", metavar="SUBCOMMAND", required=True)
    secrets_help = (
        "read secrets from standard input, one per line, instead of asking: the file's "
        "password first (import, export), then the signing passphrase if this computer has no "
        "keyring"
    )
    create = sub.add_parser(
        "create", parents=[common], help="a new key and self-signed certificate"
    )
    create.add_argument("--name", required=True, help="the person who signs")
    create.add_argument("--org", required=True, metavar="ORGANISATION")
    create.add_argument(
        "--email", default="", help="the signer's e-mail address, if any (optional)"
    )
    create.add_argument("--country", required=True, metavar="CC", help="e.g. CD")
    create.add_argument("--replace", action="store_true", help="retire the current identity")
    create.add_argument("--stdin", action="store_true", help=secrets_help)
    create.set_defaults(handler=f"{module}:run_create")
    show = sub.add_parser("show", parents=[common], help="who signs, and the fingerprint")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=f"{module}:run_show")
    adopt = sub.add_parser(
        "import", parents=[common], help="adopt a PKCS#12 (.p12) identity, e.g. from a CA"
    )
    adopt.add_argument("file", metavar="FILE.p12")
    adopt.add_argument("--replace", action="store_true", help="retire the current identity")
    adopt.add_argument("--stdin", action="store_true", help=secrets_help)
    adopt.set_defaults(handler=f"{module}:run_import")
    backup = sub.add_parser(
        "export", parents=[common], help="a .p12 backup protected by a password you choose"
    )
    backup.add_argument("-o", "--output", required=True, metavar="FILE.p12")
    backup.add_argument("--stdin", action="store_true", help=secrets_help)
    backup.set_defaults(handler=f"{module}:run_export")
    _add_identity_certification(sub, common, secrets_help)

    _add_verify(commands, common)

    export = commands.add_parser(
        "export", parents=[common], help="the signed PDF response pack of a finalized assessment"
    )
    export.add_argument("id", metavar="ID")
    export.add_argument(
        "-o",
        "--output",
        metavar="PACK.pdf",
        help="where to write the pack (default: in the current folder, named after the supplier, "
        "the day it was finalized and the revision, e.g. Kalimbi_2026-12-07_r1.pdf)",
    )
    export.add_argument("--draft", action="store_true", help="an unsigned preview, marked DRAFT")
    export.add_argument(
        "--lang", metavar="L", help="print the pack in en, fr or sw (default: the assessment's)"
    )
    export.add_argument(
        "--evidence",
        choices=["all", "smaller", "fit", "none"],
        default="all",
        help="evidence files as they are (all), photos as smaller copies (smaller), smaller "
        "photos and the largest files left out until the e-mail fits 10 MB (fit), or none",
    )
    export.add_argument(
        "--email-to",
        action="append",
        metavar="ADDRESS",
        help="also write PACK.eml, a draft to these buyers (repeatable)",
    )
    export.add_argument(
        "--stdin", action="store_true", help="read the signing passphrase from standard input"
    )
    export.set_defaults(handler="selfassess.cli.export_cmd:run_export")

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="a sample assessment, finalized, exported as a signed pack and verified, in DIR",
    )
    demo.add_argument("--out", required=True, metavar="DIR")
    demo.set_defaults(handler="selfassess.cli.demo_cmd:run_demo")

    blank = commands.add_parser(
        "print-blank", parents=[common], help="a printable blank questionnaire (PDF)"
    )
    blank.add_argument("--form", required=True, metavar="ID")
    blank.add_argument("--form-version", metavar="V", help="default: the newest")
    blank.add_argument("--lang", default="en", metavar="L", help="en, fr or sw (default: en)")
    blank.add_argument("--trainer", action="store_true", help="with guidance and evidence examples")
    blank.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    blank.set_defaults(handler="selfassess.cli.export_cmd:run_print_blank")


def add_programme_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """programme create, show, root, issue, list, revoke, crl: a programme's own small
    certification authority."""
    module = "selfassess.cli.programme_cmd"
    programme = commands.add_parser(
        "programme",
        parents=[common],
        help="a programme's own certification authority: certify suppliers' identities",
    )
    sub = programme.add_subparsers(dest="programme_command", metavar="SUBCOMMAND", required=True)
    secrets_help = "read the programme's passphrase from standard input if there is no keyring"
    create = sub.add_parser("create", parents=[common], help="the programme's root key")
    create.add_argument("--name", required=True, help="the programme, as issuer of certificates")
    create.add_argument("--country", metavar="CC", help="e.g. CD")
    create.add_argument("--curve", choices=("P-256", "P-384"), default="P-256")
    create.add_argument("--replace", action="store_true", help="retire the current root")
    create.add_argument("--stdin", action="store_true", help=secrets_help)
    create.set_defaults(handler=f"{module}:run_create")
    show = sub.add_parser("show", parents=[common], help="the programme's root and fingerprint")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=f"{module}:run_show")
    root = sub.add_parser("root", parents=[common], help="write the root certificate for buyers")
    root.add_argument("-o", "--output", required=True, metavar="ROOT.pem")
    root.set_defaults(handler=f"{module}:run_root")
    issue = sub.add_parser(
        "issue", parents=[common], help="check a supplier's request and issue its certificate"
    )
    issue.add_argument("request", metavar="REQ.csr")
    issue.add_argument("-o", "--output", required=True, metavar="CERT.pem")
    issue.add_argument("--years", type=int, default=3, metavar="N", help="1 to 5 (default 3)")
    issue.add_argument("--stdin", action="store_true", help=secrets_help)
    issue.set_defaults(handler=f"{module}:run_issue")
    listing = sub.add_parser("list", parents=[common], help="the certificates issued")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=f"{module}:run_list")
    revoke = sub.add_parser("revoke", parents=[common], help="revoke an issued certificate")
    revoke.add_argument("certificate", metavar="CERT.pem|SERIAL")
    revoke.add_argument("--reason", required=True, metavar="TEXT", help="kept in the register")
    revoke.set_defaults(handler=f"{module}:run_revoke")
    crl = sub.add_parser(
        "crl", parents=[common], help="write the revocation list (CRL) signed by the root"
    )
    crl.add_argument("-o", "--output", required=True, metavar="FILE")
    crl.add_argument("--days", type=int, default=30, metavar="N", help="next update (30)")
    crl.add_argument("--stdin", action="store_true", help=secrets_help)
    crl.set_defaults(handler=f"{module}:run_crl")
    add_risk_signing(sub, common, secrets_help)


def add_trust_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """trust add, list, remove, crl: the programme roots a buyer trusts."""
    module = "selfassess.cli.trust_cmd"
    trust = commands.add_parser(
        "trust", parents=[common], help="the programme roots you trust, and their revocations"
    )
    sub = trust.add_subparsers(dest="trust_command", metavar="SUBCOMMAND", required=True)
    add = sub.add_parser("add", parents=[common], help="trust a programme's root certificate")
    add.add_argument("file", metavar="ROOT.pem")
    add.set_defaults(handler=f"{module}:run_add")
    listing = sub.add_parser("list", parents=[common], help="the roots you trust")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=f"{module}:run_list")
    remove = sub.add_parser("remove", parents=[common], help="stop trusting a root")
    remove.add_argument("fingerprint", metavar="FINGERPRINT", help="or its first digits")
    remove.set_defaults(handler=f"{module}:run_remove")
    crl = sub.add_parser(
        "crl", parents=[common], help="add a revocation list signed by a trusted root"
    )
    crl.add_argument("file", metavar="FILE")
    crl.set_defaults(handler=f"{module}:run_crl")


def _add_identity_certification(
    sub: Commands, common: argparse.ArgumentParser, secrets_help: str
) -> None:
    """identity request, install: a programme certifies the identity."""
    module = "selfassess.cli.identity_cmd"
    request = sub.add_parser(
        "request",
        parents=[common],
        help="a certificate request (PKCS#10) for a programme to certify this identity",
    )
    request.add_argument("-o", "--output", required=True, metavar="REQ.csr")
    request.add_argument("--stdin", action="store_true", help=secrets_help)
    request.set_defaults(handler=f"{module}:run_request")
    install = sub.add_parser(
        "install",
        parents=[common],
        help="install the certificate a programme issued for this identity (the key stays)",
    )
    install.add_argument("file", metavar="CERT.pem")
    install.add_argument("--stdin", action="store_true", help=secrets_help)
    install.set_defaults(handler=f"{module}:run_install")
