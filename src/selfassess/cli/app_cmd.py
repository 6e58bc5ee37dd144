"""`selfassess` with no command: starts the desktop app.

The desktop app is not built yet; until it is, this shows the questionnaires the app would offer.
"""

from __future__ import annotations

import argparse
import sys

from selfassess.cli.main import EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    from selfassess.cli.forms_cmd import run_list

    print(
        "The selfassess desktop app is not available yet; these are the questionnaires it will "
        "offer.\nRun `selfassess --help` for the commands that work today.\n",
        file=sys.stderr,
    )
    listing = argparse.Namespace(**vars(args), json=False, lang=None)
    run_list(listing)
    return EXIT_OK
