"""The command-line grammar of the risk data: `riskdata show|install` (argparse only, so that
`selfassess --help` stays instant)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_risk_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """riskdata show, install, remove."""
    module = "selfassess.cli.risk_cmd"
    risk = commands.add_parser(
        "riskdata",
        parents=[common],
        help="the country and area risk data that decides enhanced due diligence",
    )
    sub = risk.add_subparsers(dest="riskdata_command", metavar="SUBCOMMAND", required=True)
    show = sub.add_parser(
        "show", parents=[common], help="the table in use: version, sources, areas"
    )
    show.add_argument("--lang", default="en", metavar="L", help="en, fr or sw (default: en)")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=f"{module}:run_show")
    install = sub.add_parser(
        "install", parents=[common], help="install a newer table signed by a programme you trust"
    )
    install.add_argument("file", metavar="FILE.riskdata")
    install.set_defaults(handler=f"{module}:run_install")
    remove = sub.add_parser(
        "remove",
        parents=[common],
        help="stop using the installed table (a damaged one too): the built-in table is used",
    )
    remove.set_defaults(handler=f"{module}:run_remove")


def add_risk_signing(sub: Commands, common: argparse.ArgumentParser, secrets_help: str) -> None:
    """programme sign-risk-data: a programme signs a risk table for its buyers and suppliers."""
    sign = sub.add_parser(
        "sign-risk-data",
        parents=[common],
        help="sign a risk table (JSON) with the programme's root, for `riskdata install`",
    )
    sign.add_argument("table", metavar="TABLE.json")
    sign.add_argument("-o", "--output", required=True, metavar="FILE.riskdata")
    sign.add_argument("--stdin", action="store_true", help=secrets_help)
    sign.set_defaults(handler="selfassess.cli.risk_cmd:run_sign")
