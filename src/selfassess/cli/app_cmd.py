"""`selfassess` with no command: starts the desktop app (Qt is imported only here)."""

from __future__ import annotations

import argparse

from selfassess.cli.common import home_of


def run_app(args: argparse.Namespace) -> int:
    from selfassess.ui.app import run

    return run(home_of(args), close_when_shown=args.open_and_close)
