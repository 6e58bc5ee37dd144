"""`selfassess` with no command: starts the desktop app (Qt is imported only here), after
checking that there is a display to show it on: without one, Qt would abort with a core dump
and a message about its xcb plugin that does not say what is wrong."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

from selfassess.cli.common import home_of
from selfassess.core.errors import Refused

# Qt platforms that draw on a display server; the others (offscreen, minimal, vnc, eglfs,
# linuxfb...) need none.
DISPLAY_PLATFORMS = ("xcb", "wayland")
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET")


def run_app(args: argparse.Namespace) -> int:
    if not has_display(os.environ, sys.platform):
        raise Refused.of(
            "there is no display to show the desktop app on (DISPLAY and WAYLAND_DISPLAY are "
            "not set): start it from a desktop session, or use the commands that "
            "`selfassess --help` lists"
        )
    from selfassess.ui.app import run

    return run(home_of(args), close_when_shown=args.open_and_close)


def has_display(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will find somewhere to draw the window: Windows and macOS always have it; on
    Linux and other Unix systems, a platform that needs no display server, or the address of an
    X11 or Wayland display."""
    if platform.startswith(("win", "darwin", "cygwin")):
        return True
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen and not chosen.startswith(DISPLAY_PLATFORMS):
        return True
    return any(environ.get(variable) for variable in DISPLAY_VARIABLES)
