"""The command-line grammar of `forms export-xlsform` (argparse only, so that
`selfassess --help` stays instant)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_xlsform_export(forms: Commands, common: argparse.ArgumentParser) -> None:
    """forms export-xlsform --form ID [--form-version V] -o FILE.xlsx"""
    export = forms.add_parser(
        "export-xlsform",
        parents=[common],
        help="write a form as an XLSForm, for ODK Central, ODK Collect and KoboToolbox",
    )
    export.add_argument("--form", required=True, metavar="ID", help="form id, e.g. quick-scan")
    export.add_argument("--form-version", metavar="V", help="form version (default: the newest)")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    export.set_defaults(handler="selfassess.cli.xlsform_cmd:run_export")
