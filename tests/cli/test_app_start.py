"""Starting the desktop app where there is no display: one line saying so and what to do, exit
code 1, never Qt's abort with a core dump and a message about its xcb plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfassess.cli.app_cmd import has_display


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "QT_QPA_PLATFORM")
    }
    environment["SELFASSESS_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "selfassess"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("selfassess: there is no display to show the desktop app on")
    assert "desktop session" in lines[0]
    assert "selfassess --help" in lines[0]


@pytest.mark.parametrize(
    ("environment", "platform", "shown"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"DISPLAY": ""}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen:size=1024x600"}, "linux", True),
        ({"QT_QPA_PLATFORM": "vnc"}, "freebsd14", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}, "linux", True),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_what_counts_as_a_display(environment: dict[str, str], platform: str, shown: bool) -> None:
    assert has_display(environment, platform) is shown
