"""The command-line grammar of `forms import-xlsform` (argparse only, so that `selfassess --help`
stays instant)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_xlsform_import(forms: Commands, common: argparse.ArgumentParser) -> None:
    """forms import-xlsform FILE.xlsx -o FORM.yaml [--language L] [--publisher P] [--licence L]"""
    importing = forms.add_parser(
        "import-xlsform",
        parents=[common],
        help="turn an existing XLSForm (ODK, KoboToolbox) into a form file; what is left out "
        "is listed on standard error, row by row",
    )
    importing.add_argument("workbook", metavar="FILE.xlsx", help="the XLSForm to import")
    importing.add_argument("-o", "--output", required=True, metavar="FORM.yaml")
    importing.add_argument(
        "--language",
        metavar="L",
        help="language code of texts in columns that name none, such as a plain 'label' "
        "(default: the settings' default_language, else en)",
    )
    importing.add_argument("--publisher", metavar="NAME", help="who publishes the form")
    importing.add_argument("--licence", metavar="LICENCE", help="its licence, e.g. CC-BY-4.0")
    importing.add_argument(
        "--force", action="store_true", help="replace FORM.yaml if it exists already"
    )
    importing.set_defaults(handler="selfassess.cli.xlsform_import_cmd:run_import")
