"""The command-line grammar of ODK and KoboToolbox submissions: `odk import-submissions` and
`odk pull` (argparse only, so that `selfassess --help` stays instant)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

_MODULE = "selfassess.cli.odk_cmd"


def add_odk_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """odk import-submissions, odk pull."""
    odk = commands.add_parser(
        "odk",
        parents=[common],
        help="bring in submissions collected with ODK Collect or KoboCollect (docs/odk.md)",
    )
    sub = odk.add_subparsers(dest="odk_command", metavar="SUBCOMMAND", required=True)
    imported = sub.add_parser(
        "import-submissions",
        parents=[common],
        help="make an assessment of each submission of an ODK Central export (.zip) or a "
        "KoboToolbox export (.xlsx or .csv, with its attachments .zip); importing again skips "
        "or updates, never duplicates",
    )
    imported.add_argument(
        "files", nargs="+", metavar="FILE", help="the export's files (tables and media zips)"
    )
    _add_form_options(imported)
    imported.set_defaults(handler=f"{_MODULE}:run_import")
    _add_pull(sub, common)


def _add_pull(sub: Commands, common: argparse.ArgumentParser) -> None:
    pull = sub.add_parser(
        "pull",
        parents=[common],
        help="fetch the submissions and their files from an ODK Central server (needs the "
        "extra 'odk': pip install 'selfassess[odk]') and import them as import-submissions does",
    )
    pull.add_argument("--url", required=True, help="the server, such as https://central.example")
    pull.add_argument("--project", required=True, type=int, metavar="N", help="project number")
    pull.add_argument("--user", required=True, metavar="EMAIL", help="your Central e-mail address")
    pull.add_argument(
        "--server-form",
        metavar="ID",
        help="the form's id on the server, when it is not the same as --form",
    )
    pull.add_argument(
        "--new-password",
        action="store_true",
        help="ask for the password again (it is kept in the keyring)",
    )
    pull.add_argument("--stdin", action="store_true", help="read the password from standard input")
    _add_form_options(pull)
    pull.set_defaults(handler=f"{_MODULE}:run_pull")


def _add_form_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--form", required=True, metavar="ID", help="the questionnaire the submissions answer"
    )
    parser.add_argument(
        "--form-version", metavar="V", help="its version (default: the newest one here)"
    )
    parser.add_argument(
        "--lang", metavar="L", help="language of the new assessments (default: the form's)"
    )
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
