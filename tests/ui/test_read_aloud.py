"""Read aloud in the app: a speaker button by each question and F5 read the question, its answers
and its help in the assessment's language; reading again or Escape stops the reading before;
with no speech engine nothing of it is shown. A fake espeak-ng stands in for the real one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot
from tests.speech.fake_engine import fake_espeak, wait_for_readings

from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.speech.engines import EngineKind, SpeechEngine
from selfassess.core.speech.text import question_speech
from selfassess.core.store.records import Profile
from selfassess.ui.app import create_window
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow
from selfassess.ui.speech import read_aloud

KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))
WindowWith = Callable[[SpeechEngine | None], MainWindow]


@pytest.fixture
def window_with(
    qtbot: QtBot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[WindowWith]:
    """A main window whose engine discovery finds the engine given (None: no engine)."""
    opened: list[MainWindow] = []

    def make(engine: SpeechEngine | None) -> MainWindow:
        monkeypatch.setattr(read_aloud, "find_engine", lambda: engine)
        window = create_window(isolated_home)
        qtbot.addWidget(window)
        window.show()
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.close()  # stops any reading, as the app does
    set_language("en")


def fake(folder: Path, *, hold: bool = False) -> tuple[SpeechEngine, Path]:
    script, log = fake_espeak(folder, hold=hold)
    return SpeechEngine("espeak-ng", str(script), EngineKind.ESPEAK), log


def quick_scan() -> Form:
    loaded = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert loaded is not None
    return loaded


def start_in(window: MainWindow, language: str) -> str:
    assessment = window.service.create(quick_scan(), KALIMBI, language=language)
    window.open_assessment(assessment.id)
    return assessment.id


def question(form: Form, question_id: str) -> object:
    return next(q for q in form.questions() if q.id == question_id)


def test_the_speaker_button_reads_the_question_in_the_assessments_language(
    window_with: WindowWith, tmp_path: Path, qtbot: QtBot
) -> None:
    engine, log = fake(tmp_path / "engine")
    window = window_with(engine)
    start_in(window, "fr")  # the interface stays English
    window.fill.show_criterion("A4")
    button = window.fill.widgets["A4.1"].read_button
    assert button.isVisibleTo(window)
    assert button.accessibleName() == "Read this question aloud"
    assert "F5" in button.toolTip()
    button.click()
    (reading,) = wait_for_readings(log, 1)
    form = quick_scan()
    assert reading["text"] == question_speech(form, question(form, "A4.1"), "fr")  # type: ignore[arg-type]
    assert "Au cours des 12 derniers mois" in str(reading["text"])
    assert "Je ne sais pas" in str(reading["text"])
    assert reading["argv"] == ["-v", "fr", "-b", "1", "--stdin"]
    qtbot.waitUntil(lambda: window.fill.read_aloud.reading == "")  # the engine finished
    assert button.accessibleName() == "Read this question aloud"


def test_f5_reads_the_question_being_answered(
    window_with: WindowWith, tmp_path: Path, qtbot: QtBot
) -> None:
    engine, log = fake(tmp_path / "engine")
    window = window_with(engine)
    start_in(window, "sw")
    read = window.actions_by_name["read"]
    assert read.isVisible()
    assert read.shortcut().toString() == "F5"
    assert read in window.menus["view"].actions()
    window.fill.show_criterion("B1")
    choice = window.fill.widgets["B1.2"].findChildren(QRadioButton)[1]  # the second question
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_F5)
    (reading,) = wait_for_readings(log, 1)
    assert str(reading["text"]).startswith("Je, vijana chini ya miaka 18 wanafanya kazi hatari")
    assert reading["argv"][:2] == ["-v", "sw"]  # type: ignore[index]


def test_reading_again_or_escape_stops_the_reading_before(
    window_with: WindowWith, tmp_path: Path, qtbot: QtBot
) -> None:
    engine, log = fake(tmp_path / "engine", hold=True)  # "speaks" until it is stopped
    window = window_with(engine)
    start_in(window, "fr")
    window.fill.show_criterion("A4")
    page, stop = window.fill, window.actions_by_name["stop_reading"]
    assert not stop.isEnabled()  # Escape is left alone while nothing is read
    page.widgets["A4.1"].read_button.click()
    first = page.read_aloud.reader.process  # type: ignore[union-attr]
    assert first is not None
    assert page.read_aloud.reading == "A4.1"
    assert stop.isEnabled()
    assert page.widgets["A4.1"].read_button.accessibleName() == "Stop reading"
    assert window.statusBar().currentMessage() == "Reading A4.1 aloud (Escape stops)."
    page.read_current()  # F5 on the same page: read again
    assert first.returncode is not None  # the first reading was stopped
    second = page.read_aloud.reader.process  # type: ignore[union-attr]
    assert second is not None
    assert second.returncode is None
    wait_for_readings(log, 1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.widgets["A4.1"].read_button, Qt.Key.Key_Escape)
    assert second.returncode is not None
    assert page.read_aloud.reading == ""
    assert not stop.isEnabled()
    assert page.widgets["A4.1"].read_button.accessibleName() == "Read this question aloud"
    assert window.statusBar().currentMessage() == ""  # it no longer says it reads


def test_the_button_of_the_question_being_read_stops_it(
    window_with: WindowWith, tmp_path: Path
) -> None:
    engine, _log = fake(tmp_path / "engine", hold=True)
    window = window_with(engine)
    start_in(window, "en")
    button = window.fill.widgets["A1.1"].read_button
    button.click()
    process = window.fill.read_aloud.reader.process  # type: ignore[union-attr]
    button.click()
    assert process is not None
    assert process.returncode is not None
    assert window.fill.read_aloud.reading == ""
    button.click()  # and reads again
    assert window.fill.read_aloud.reading == "A1.1"
    window.fill.step(1)  # its question goes away: the reading stops
    assert window.fill.read_aloud.reading == ""


def test_nothing_of_it_shows_without_a_speech_engine(window_with: WindowWith) -> None:
    window = window_with(None)
    start_in(window, "fr")
    assert window.fill.widgets["A1.1"].read_button.isHidden()
    assert not window.actions_by_name["read"].isVisible()
    assert not window.actions_by_name["stop_reading"].isVisible()


def test_a_language_the_engine_has_no_voice_for_shows_no_button(window_with: WindowWith) -> None:
    window = window_with(SpeechEngine("say", "/usr/bin/say", EngineKind.SAY))  # no Swahili
    start_in(window, "sw")
    assert window.fill.widgets["A1.1"].read_button.isHidden()
    assert not window.actions_by_name["read"].isEnabled()
    start_in(window, "fr")
    assert not window.fill.widgets["A1.1"].read_button.isHidden()
    assert window.actions_by_name["read"].isEnabled()
