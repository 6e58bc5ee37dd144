"""Long work runs on a thread behind a progress dialog; cancelling leaves nothing behind."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from selfassess.core.archive.archive import export_archive
from selfassess.core.errors import Cancelled
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
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


def test_a_refused_import_says_so_in_the_interface_language(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_an_archive = tmp_path / "notes.selfassess"
    not_an_archive.write_text("not a zip", encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText()))
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(not_an_archive), ""))
    window.switch_language("fr")
    window.home._import()
    ((headline, detail),) = shown
    assert headline == "notes.selfassess n'a pas été importé ; rien n'a été modifié."
    assert detail.startswith(f"{not_an_archive} n'est pas une archive selfassess (")
    assert window.service.all() == []


def test_a_bug_in_long_work_reaches_the_crash_handler(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    caught: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, value, _trace: caught.append(value))

    def work(progress: Callable[[int, int], None], stop: Callable[[], bool]) -> None:
        raise KeyError("a bug")

    assert run_with_progress(window, "Working", work) is None
    assert [type(error) for error in caught] == [KeyError]
