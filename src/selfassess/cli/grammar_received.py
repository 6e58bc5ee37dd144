"""The command-line grammar of reading received packs: `render` (a pack's report in the
reader's language) and `pack export-sheets` (packs to a spreadsheet); argparse only, so that
`selfassess --help` stays instant."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

MODULE = "selfassess.cli.received_cmd"
LANG_HELP = "en, fr or sw (default: the language of your settings, else en)"


def add_received_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """render; pack export-sheets."""
    render = commands.add_parser(
        "render",
        parents=[common],
        help="a received pack's report printed again in your language from the data it carries, "
        "once the pack verifies; marked on every page as a rendering, not signed itself",
    )
    render.add_argument("pack", metavar="PACK.pdf")
    render.add_argument("--lang", metavar="L", help=LANG_HELP)
    render.add_argument(
        "-o",
        "--output",
        metavar="FILE.pdf",
        help="where to write it (default: PACK.rendering-L.pdf in the current folder)",
    )
    render.set_defaults(handler=f"{MODULE}:run_render")

    pack = commands.add_parser("pack", parents=[common], help="work with received packs")
    sub = pack.add_subparsers(dest="pack_command", metavar="SUBCOMMAND", required=True)
    sheets = sub.add_parser(
        "export-sheets",
        parents=[common],
        help="received packs to a spreadsheet (Suppliers, Packs, Answers, Criteria, Actions); "
        "each pack is verified first and one that does not verify is left out and named; exit "
        "0 all exported, 1 some left out (the file is written) or none verified (nothing is)",
    )
    sheets.add_argument("packs", nargs="+", metavar="PACK.pdf")
    add_sheets_output(sheets)
    sheets.set_defaults(handler=f"{MODULE}:run_export_sheets")


def add_sheets_output(command: argparse.ArgumentParser) -> None:
    """-o FILE.xlsx|FILE.csv and --lang, as every export to a spreadsheet takes them."""
    command.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.xlsx|FILE.csv",
        help="an .xlsx workbook, or .csv files, one per sheet, named FILE-suppliers.csv...",
    )
    command.add_argument("--lang", metavar="L", help=LANG_HELP)
