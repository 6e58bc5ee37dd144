"""Long work runs on a thread behind a progress dialog; cancelling leaves nothing behind."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from selfassess.core.errors import Cancelled
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.archive import export_archive
from selfassess.core.store.records import Profile
from selfassess.ui.main_window import MainWindow
from selfassess.ui.worker import run_with_progress


def test_export_runs_on_a_worker_and_returns_its_result(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    assessment = window.service.create(form, Profile(organisation="X", entity_type="asm"))
    target = tmp_path / "x.zip"
    threads: list[object] = []

    def work(progress: Callable[[int, int], None], stop: Callable[[], bool]) -> Path:
        threads.append(threading.current_thread())
        return export_archive(
            window.service.store, assessment.id, target, progress=progress, stop=stop
        )

    result = run_with_progress(window, "Exporting", work)
    assert result == target
    assert target.exists()
    assert threads[0] is not threading.main_thread()


def test_cancelled_work_returns_nothing_and_shows_no_error(window: MainWindow) -> None:
    def work(progress: Callable[[int, int], None], stop: Callable[[], bool]) -> None:
        raise Cancelled("stopped")

    assert run_with_progress(window, "Working", work) is None
