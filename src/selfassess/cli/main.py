"""The `selfassess` command: argument parsing and dispatch.

Handlers are named as "module:function" strings and imported only when their command runs, so
that `selfassess --version` and `--help` start instantly: they import neither Qt, nor pydantic,
nor reportlab, nor pyHanko.

A refusal (`UserError`) is printed and exits 1. Anything else is a bug: its traceback goes to a
crash report in the data home and the command says so in one line and exits 70; the bug's cause
is what gets fixed.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Callable, Sequence

from selfassess import __version__
from selfassess.cli import (
    grammar,
    grammar_inbox,
    grammar_odk,
    grammar_received,
    grammar_risk,
    grammar_xlsform,
    grammar_xlsform_import,
)
from selfassess.core.errors import UserError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
EXIT_BUG = 70  # EX_SOFTWARE: an internal error, with a crash report
Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The whole command-line grammar; cheap to build, imports no command module."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data directory to use instead of the default (also: $SELFASSESS_HOME)",
    )
    parser = argparse.ArgumentParser(
        prog="selfassess",
        description="Offline ESG self-assessment for responsible-minerals supply chains. "
        "With no command, starts the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"selfassess {__version__}")
    parser.add_argument(
        "--open-and-close",
        action="store_true",
        help="start the desktop app, close it once its main window is shown, and exit: a check "
        "that an installation works",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    grammar.add_assessment_commands(commands, common)
    grammar.add_gap_commands(commands, common)
    grammar.add_remediation_commands(commands, common)
    grammar.add_store_commands(commands, common)
    grammar.add_identity_commands(commands, common)
    grammar.add_programme_commands(commands, common)
    grammar.add_trust_commands(commands, common)
    grammar_risk.add_risk_commands(commands, common)
    grammar_inbox.add_inbox_commands(commands, common)
    grammar_received.add_received_commands(commands, common)
    grammar_odk.add_odk_commands(commands, common)
    _add_forms(commands, common)
    return parser


def _add_forms(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    forms = commands.add_parser(
        "forms", parents=[common], help="list, check and describe questionnaire definitions"
    )
    sub = forms.add_subparsers(dest="forms_command", metavar="SUBCOMMAND", required=True)
    listing = sub.add_parser(
        "list", parents=[common], help="show every form found, built-in and the user's own"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.add_argument("--lang", metavar="LANG", help="language of the titles (en, fr, sw)")
    listing.set_defaults(handler="selfassess.cli.forms_cmd:run_list")
    check = sub.add_parser(
        "check", parents=[common], help="validate form files; exit 1 if any has errors"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="form files or folders of them")
    check.add_argument(
        "--strict", action="store_true", help="treat warnings (missing translations...) as errors"
    )
    check.add_argument("--json", action="store_true", help="print JSON diagnostics")
    check.set_defaults(handler="selfassess.cli.forms_cmd:run_check")
    schema = sub.add_parser(
        "schema", parents=[common], help="print the JSON Schema of the questionnaire format"
    )
    schema.set_defaults(handler="selfassess.cli.forms_cmd:run_schema")
    doc = sub.add_parser(
        "doc", parents=[common], help="print a Markdown table of the criteria of forms"
    )
    doc.add_argument("paths", nargs="*", metavar="PATH", help="form files (default: built-in)")
    doc.set_defaults(handler="selfassess.cli.forms_cmd:run_doc")
    grammar_xlsform.add_xlsform_export(sub, common)
    grammar_xlsform_import.add_xlsform_import(sub, common)


def _resolve(spec: str) -> Handler:
    module_name, _, function_name = spec.partition(":")
    handler: Handler = getattr(importlib.import_module(module_name), function_name)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 refused or invalid, 2 usage)."""
    if isinstance(sys.stdout, io.TextIOWrapper):  # what the terminal cannot show, escaped
        sys.stdout.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    spec = getattr(args, "handler", None) or "selfassess.cli.app_cmd:run_app"
    try:
        return _resolve(spec)(args)
    except UserError as error:
        print(f"selfassess: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): nothing more to say
        return EXIT_OK
    except Exception as bug:  # the last resort: never a bare traceback, always a report
        return _report_bug(args, bug)
    finally:
        _close_stores()


def _close_stores() -> None:
    common = sys.modules.get("selfassess.cli.common")  # loaded only by commands with a store
    if common is not None:
        try:
            common.close_opened_stores()
        except UserError as error:
            print(f"selfassess: {error}", file=sys.stderr)


def _report_bug(args: argparse.Namespace, bug: Exception) -> int:
    """Keep the traceback in a crash report and say, in one line, where it is."""
    from selfassess.core.files import write_crash_report
    from selfassess.core.paths import data_home

    try:
        report = write_crash_report(data_home(getattr(args, "home", None)), bug)
    except Exception:  # no home to write in: the one line must still be said
        report = None
    where = f"; the details are in {report}" if report else ""
    print(
        f"selfassess: internal error ({type(bug).__name__}), a bug in selfassess: please report "
        f"it{where}. Your saved answers are not affected.",
        file=sys.stderr,
    )
    return EXIT_BUG
