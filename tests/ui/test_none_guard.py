"""The app survives a long session: Qt calls that return nothing must not use up Python's
`None` (PySide6 6.12.0 on Python 3.11 aborted the process after some thousands of them)."""

from __future__ import annotations

import os
import subprocess
import sys

LONG_SESSION = """
import selfassess.ui
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for number in range(200_000):
    label.setText(str(number % 7))
    label.setVisible(number % 2 == 0)
app.processEvents()
print("still here")
"""


def test_two_hundred_thousand_qt_calls_do_not_end_the_app() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", LONG_SESSION],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "still here" in result.stdout
