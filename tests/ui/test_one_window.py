"""One home, one editing window: a second start on the same home asks whether to bring the
first window forward or open read-only; a read-only window shows why and changes nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.preferences import save_preference
from selfassess.core.store.backup import backups
from selfassess.core.store.records import Profile
from selfassess.ui.app import open_window
from selfassess.ui.i18n import set_language
from selfassess.ui.instance.guard import LOCK_NAME, InstanceGuard, server_name
from selfassess.ui.instance.question import Choice
from selfassess.ui.main_window import MainWindow

KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))
Opener = Callable[..., MainWindow | None]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Choice], list[str]]]:
    """`asked(choice)`: the next question is answered with `choice`; returns the texts shown."""
    shown: list[str] = []

    def answer_with(choice: Choice) -> list[str]:
        def answer(box: QMessageBox) -> int:
            shown.append(f"{box.text()} {box.informativeText()}")
            button = box.findChild(QPushButton, choice.value)
            assert button is not None, f"no {choice.value} button"
            button.click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", answer)
        return shown

    yield answer_with
    set_language("en")


@pytest.fixture
def opened(qtbot: QtBot) -> Iterator[Opener]:
    """Open windows as the app does; every one is closed (store and home let go) at the end."""
    windows: list[MainWindow] = []

    def open_(home: Path, **options: bool) -> MainWindow | None:
        window = open_window(home, **options)
        if window is not None:
            qtbot.addWidget(window)
            window.load()
            windows.append(window)
        return window

    yield open_
    for window in windows:
        window.close()


def started(window: MainWindow) -> str:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    assessment = window.service.create(form, KALIMBI)
    window.service.set_answer(assessment.id, "A1.1", 2)
    return assessment.id


def test_a_second_start_on_the_same_home_asks_in_the_interface_language(
    isolated_home: Path, opened: Opener, asked: Callable[[Choice], list[str]]
) -> None:
    save_preference(isolated_home, "language", "fr")
    first = opened(isolated_home)
    assert first is not None
    assert first.service.store.writable
    shown = asked(Choice.CANCEL)
    assert opened(isolated_home) is None  # cancelled: no second window
    (question,) = shown
    assert "déjà ouvertes dans une autre fenêtre" in question
    assert first.service.store.writable  # the first window goes on editing


def test_bring_forward_reaches_the_first_window(
    isolated_home: Path, opened: Opener, asked: Callable[[Choice], list[str]], qtbot: QtBot
) -> None:
    first = opened(isolated_home)
    assert first is not None
    assert first.guard is not None
    first.showMinimized()
    assert first.isMinimized()
    asked(Choice.BRING_FORWARD)
    with qtbot.waitSignal(first.guard.raise_requested, timeout=5000):
        assert opened(isolated_home) is None  # the second start ends there
    assert not first.isMinimized()  # shown normally again, raised


def test_a_read_only_window_says_why_and_changes_nothing(
    isolated_home: Path, opened: Opener, asked: Callable[[Choice], list[str]]
) -> None:
    first = opened(isolated_home)
    assert first is not None
    assessment_id = started(first)
    asked(Choice.READ_ONLY)
    second = opened(isolated_home)
    assert second is not None
    assert not second.service.store.writable
    assert "read-only" in second.windowTitle()
    assert second.banner.isVisibleTo(second)
    assert "open in another window" in second.banner.text()
    assert not second.home.buttons["new"].isEnabled()
    second.open_assessment(assessment_id)
    rating = second.fill.widgets["A1.1"]
    assert rating.read_only  # the finalized assessments' read-only path: readable, unchangeable
    rating.answer_changed.emit("A1.1", 3, None, None)  # an edit that gets through anyway
    assert rating.problems.isVisibleTo(second)
    assert "read-only" in rating.problems.text()  # the store's refusal, at the field
    assert first.service.answers(assessment_id)["A1.1"].value == 2


def test_another_home_is_not_affected(
    tmp_path: Path, opened: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = opened(tmp_path / "one")
    second = opened(tmp_path / "two")  # an unexpected question would fail the test
    assert first is not None
    assert second is not None
    assert first.service.store.writable
    assert second.service.store.writable
    assert server_name(tmp_path / "one") != server_name(tmp_path / "two")
    assert server_name(tmp_path / "one") == server_name(tmp_path / "two" / ".." / "one")


def test_a_lock_left_by_a_killed_instance_does_not_block_the_next_start(
    isolated_home: Path, opened: Opener
) -> None:
    holds_and_dies = (
        "import os, signal, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1])\n"
        "assert lock.tryLock(0)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    isolated_home.mkdir(parents=True, exist_ok=True)
    killed = subprocess.run(
        [sys.executable, "-c", holds_and_dies, str(isolated_home / LOCK_NAME)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (isolated_home / LOCK_NAME).exists()  # left behind
    window = opened(isolated_home)  # no question: an unexpected one would fail the test
    assert window is not None
    assert window.service.store.writable
    assert window.guard is not None
    assert window.guard.lock.isLocked()
    assert str(os.getpid()) in (isolated_home / LOCK_NAME).read_text(errors="replace")


def test_the_home_is_free_again_once_the_window_closes(isolated_home: Path, opened: Opener) -> None:
    first = opened(isolated_home)
    assert first is not None
    first.close()
    assert InstanceGuard(isolated_home).first  # a next start edits without asking


def test_closing_the_window_refreshes_the_days_backup(isolated_home: Path, opened: Opener) -> None:
    window = opened(isolated_home)
    assert window is not None
    assessment_id = started(window)
    window.close()
    (todays,) = backups(isolated_home)
    copy = sqlite3.connect(todays)
    try:
        row = copy.execute(
            "SELECT value FROM answers WHERE assessment_id = ? AND question_id = 'A1.1'",
            (assessment_id,),
        ).fetchone()
    finally:
        copy.close()
    assert row == ("2",)  # the day's work, not only the state at the first open


def test_a_damaged_store_sends_the_reader_to_doctor(isolated_home: Path) -> None:
    from selfassess.core.store.conditions import Condition, error_for
    from selfassess.core.store.store import Store
    from selfassess.ui.instance.notice import read_only_notice

    store = Store.open(isolated_home)
    try:
        assert read_only_notice(store, asked=False) is None
        store.damage = error_for(Condition.DAMAGED, store.database_path, "row 3 missing")
        notice = read_only_notice(store, asked=False)
        assert notice is not None
        assert "selfassess doctor" in notice
    finally:
        store.close()
