"""The `selfassess` command's entry point: `--version` answered before anything else is
imported (a script that checks the version must not wait for the argument grammar or the
core), everything else handed to the command line proper (cli.main)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        from selfassess import __version__

        print(f"selfassess {__version__}")
        return 0
    from selfassess.cli.main import main as run

    return run(arguments if argv is not None else None)
