"""`selfassess --open-and-close`: the check an installation runs, in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_app_opens_its_window_and_closes_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "selfassess", "--home", str(tmp_path), "--open-and-close"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "main window shown and closed: Selfassess" in done.stdout
    assert (tmp_path / "selfassess.db").exists()  # the store it opened is the one named
