"""The command-line grammar of the buyer's inbox (`selfassess inbox …`): argparse only, so that
`selfassess --help` stays instant."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from selfassess.cli.grammar_received import LANG_HELP, add_sheets_output

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

PACKS = "selfassess.cli.inbox_cmd"
SUPPLIERS = "selfassess.cli.inbox_supplier_cmd"
FIGURES = "selfassess.cli.inbox_figures_cmd"
EXPORTS = "selfassess.cli.inbox_export_cmd"
ROLES = ("mine", "cooperative", "processor", "trader", "other")
RISKS = ("high", "medium", "low")
STATES = ("accepted", "challenged", "verified_done")


def add_inbox_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """inbox: import, refresh, rebuild, quarantine, accept, suppliers, supplier, kpis, matrix,
    export."""
    shared = argparse.ArgumentParser(add_help=False, parents=[common])
    shared.add_argument(
        "--inbox",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the inbox folder (default: 'inbox' in the data directory); a shared folder "
        "(network drive, synchronised folder) lets a team work on one inbox",
    )
    inbox = commands.add_parser(
        "inbox", parents=[shared], help="the buyer's inbox: many signed packs, one portfolio"
    )
    sub = inbox.add_subparsers(dest="inbox_command", metavar="SUBCOMMAND", required=True)
    _add_packs(sub, shared)
    _add_suppliers(sub, shared)
    _add_supplier(sub, shared)
    _add_figures(sub, shared)
    _add_export(sub, shared)


def _add_packs(sub: Commands, shared: argparse.ArgumentParser) -> None:
    take = sub.add_parser(
        "import",
        parents=[shared],
        help="import packs: PDF files, folders (recursively), .eml messages, .mbox mailboxes",
    )
    take.add_argument("paths", nargs="+", metavar="PATH")
    take.add_argument("--json", action="store_true", help="print JSON")
    take.add_argument("--workers", type=int, metavar="N", help="processes verifying at once")
    take.set_defaults(handler=f"{PACKS}:run_import")
    for name, words in (
        ("refresh", "index the packs other machines added to a shared inbox"),
        ("rebuild", "make this machine's index again from the inbox folder alone"),
    ):
        command = sub.add_parser(name, parents=[shared], help=words)
        command.add_argument("--json", action="store_true", help="print JSON")
        command.add_argument("--workers", type=int, metavar="N", help="processes verifying at once")
        command.set_defaults(handler=f"{PACKS}:run_{name}")
    quarantine = sub.add_parser(
        "quarantine", parents=[shared], help="the packs refused, each with its verdict"
    )
    quarantine.add_argument("--json", action="store_true", help="print JSON")
    quarantine.set_defaults(handler=f"{PACKS}:run_quarantine")
    accept = sub.add_parser(
        "accept",
        parents=[shared],
        help="accept the new certificate of a pack quarantined for a changed signer, once the "
        "supplier confirmed its fingerprint",
    )
    accept.add_argument("sha256", metavar="SHA256", help="the pack's SHA-256 (its first 6+ digits)")
    accept.add_argument("--reason", required=True, help="how the supplier confirmed it")
    accept.add_argument("--accepted-by", metavar="NAME", help="who accepts it (your login)")
    accept.set_defaults(handler=f"{PACKS}:run_accept")


def _add_suppliers(sub: Commands, shared: argparse.ArgumentParser) -> None:
    suppliers = sub.add_parser(
        "suppliers", parents=[shared], help="list the suppliers, or import the buyer's list"
    )
    suppliers.add_argument("--json", action="store_true", help="print JSON")
    suppliers.add_argument("--as-of", metavar="YYYY-MM-DD", help="as on that day (today)")
    suppliers.set_defaults(handler=f"{SUPPLIERS}:run_suppliers")
    more = suppliers.add_subparsers(dest="suppliers_command", metavar="SUBCOMMAND")
    listing = more.add_parser(
        "import",
        parents=[shared],
        help="register the suppliers of a .csv or .xlsx list (columns: organisation, country, "
        "province, internal_id, role, minerals, certifications, risk, risk_reason, "
        "enrolled_since)",
    )
    listing.add_argument("file", metavar="FILE")
    listing.set_defaults(handler=f"{SUPPLIERS}:run_register")


def _add_supplier(sub: Commands, shared: argparse.ArgumentParser) -> None:
    supplier = sub.add_parser(
        "supplier",
        parents=[shared],
        help="one supplier: its packs over time, its actions and the buyer's follow-up",
    )
    supplier.add_argument(
        "supplier", metavar="SUPPLIER", help="its key (CD/cooperative de kalimbi) or name"
    )
    supplier.add_argument("--json", action="store_true", help="print JSON")
    supplier.add_argument("--as-of", metavar="YYYY-MM-DD", help="as on that day (today)")
    supplier.set_defaults(handler=f"{SUPPLIERS}:run_supplier")
    more = supplier.add_subparsers(dest="supplier_command", metavar="SUBCOMMAND")
    change = more.add_parser(
        "set", parents=[shared], help="the buyer's own values ('auto': the pack's again)"
    )
    change.add_argument("--role", choices=(*ROLES, "auto"))
    change.add_argument("--minerals", nargs="+", metavar="MINERAL", help="or: auto")
    change.add_argument("--certifications", nargs="+", metavar="CERT", help="or: auto")
    change.add_argument("--risk", choices=(*RISKS, "auto"))
    change.add_argument("--reason", help="why the risk is set by hand (required with --risk)")
    change.add_argument(
        "--enrolled-since", metavar="YYYY-MM-DD", help="enrolled in capacity building (or: none)"
    )
    change.add_argument("--note", help="add a note (dated, with your login)")
    change.set_defaults(handler=f"{SUPPLIERS}:run_set")
    follow = more.add_parser(
        "follow-up", parents=[shared], help="the buyer's follow-up of an action of the plan"
    )
    follow.add_argument("action", type=int, metavar="ACTION", help="the action's number")
    follow.add_argument("state", choices=STATES)
    follow.add_argument("--note", help="what is asked (required to challenge)")
    follow.add_argument("--due", metavar="YYYY-MM-DD", help="the day agreed with the supplier")
    follow.set_defaults(handler=f"{SUPPLIERS}:run_follow_up")
    requests = more.add_parser(
        "requests",
        parents=[shared],
        help="the buyer's requests to the supplier (the actions accepted or challenged) as a "
        "spreadsheet, and an e-mail draft FILE.eml beside it with the spreadsheet attached",
    )
    requests.add_argument(
        "-o", "--output", required=True, metavar="FILE.xlsx", help="where to write it"
    )
    requests.add_argument("--lang", metavar="L", help=LANG_HELP)
    requests.set_defaults(handler=f"{EXPORTS}:run_requests")


def _add_figures(sub: Commands, shared: argparse.ArgumentParser) -> None:
    kpis = sub.add_parser("kpis", parents=[shared], help="the programme's KPIs")
    kpis.add_argument("--json", action="store_true", help="print JSON")
    kpis.add_argument("--as-of", metavar="YYYY-MM-DD", help="as on that day (today)")
    kpis.add_argument(
        "--months", type=int, default=12, metavar="N", help="a pack counts when under N months old"
    )
    kpis.add_argument("--drill", metavar="KPI", help="list the suppliers behind one KPI")
    kpis.add_argument(
        "--series", type=int, metavar="N", help="also the KPIs at the end of each of N months"
    )
    kpis.set_defaults(handler=f"{FIGURES}:run_kpis")
    matrix = sub.add_parser(
        "matrix", parents=[shared], help="suppliers by criteria: each latest pack's statuses"
    )
    matrix.add_argument("--json", action="store_true", help="print JSON")
    matrix.add_argument("--as-of", metavar="YYYY-MM-DD", help="as on that day (today)")
    matrix.add_argument("--mineral")
    matrix.add_argument("--country", metavar="CC")
    matrix.add_argument("--risk", choices=(*RISKS, "unknown"))
    matrix.add_argument("--certification")
    matrix.set_defaults(handler=f"{FIGURES}:run_matrix")


def _add_export(sub: Commands, shared: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export",
        parents=[shared],
        help="the inbox to a spreadsheet: Suppliers, Packs, Answers, Criteria, Actions (with "
        "the follow-up), KPIs",
    )
    add_sheets_output(export)
    export.add_argument("--as-of", metavar="YYYY-MM-DD", help="as on that day (today)")
    export.add_argument(
        "--months", type=int, default=12, metavar="N", help="a pack counts when under N months old"
    )
    export.add_argument("--workers", type=int, metavar="N", help="0: read the packs in one process")
    export.set_defaults(handler=f"{EXPORTS}:run_export")
