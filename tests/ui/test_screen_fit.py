"""The app on the screen it is on: a netbook's 1024x600 shows every button, the layout the user
made comes back on the same screen size (and only there), the help beside the questions can be
hidden and stays hidden, rating levels stack when the column is narrow, no question needs a
sideways scroll, and Qt keeps its own settings in the data home."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QRadioButton, QSplitter
from pytestqt.qtbot import QtBot

from selfassess.core.forms.loader import load_form
from selfassess.core.i18n import translate
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.app import create_window
from selfassess.ui.fill.question_widgets import RatingWidget
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow
from selfassess.ui.screen_fit import window_size

NETBOOK = QRect(0, 0, 1024, 600)
LAPTOP = QRect(0, 0, 1366, 768)
MONITOR = QRect(0, 40, 1920, 1040)  # a panel along the top
KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QRect]]:
    """The available screen the app sees: screen[0], a netbook's until a test changes it."""
    chosen = [NETBOOK]
    monkeypatch.setattr(window_size, "available_geometry", lambda _widget: chosen[0])
    yield chosen
    set_language("en")


def opened(home: Path, qtbot: QtBot) -> MainWindow:
    window = create_window(home)
    qtbot.addWidget(window)
    window.show()
    QCoreApplication.processEvents()
    return window


def start(window: MainWindow, form: str = "self-assessment", language: str = "en") -> str:
    loaded = load_form(builtin_forms_dir() / f"{form}.yaml").form
    assert loaded is not None
    assessment = window.service.create(loaded, KALIMBI, language=language)
    window.open_assessment(assessment.id)
    QCoreApplication.processEvents()
    return assessment.id


def on_netbook(window: MainWindow) -> None:
    """The window as a maximised netbook window is: 1024 wide, less a title bar and a panel."""
    window.showNormal()
    window.resize(1024, 600 - window_size.FRAME.height())
    QCoreApplication.processEvents()


def drag(splitter: QSplitter, handle: int, by: int) -> None:
    """Drag a splitter's handle sideways with the mouse, as a person does."""
    grip = splitter.handle(handle)
    start = grip.rect().center()
    end = start + QPoint(by, 0)
    for kind, at, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            QPointF(at),
            QPointF(grip.mapToGlobal(at)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(grip, event)
    QCoreApplication.processEvents()


@pytest.mark.parametrize("language", ["en", "fr", "sw"])
def test_on_a_netbook_the_window_opens_maximised_and_nothing_needs_more_room(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot, language: str
) -> None:
    window = opened(isolated_home, qtbot)
    window.switch_language(language)
    assert window.isMaximized()
    normal = window.normalGeometry()
    assert NETBOOK.contains(normal)  # un-maximised, it stays on the screen too
    start(window, language=language)
    room = NETBOOK.size() - window_size.FRAME
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QCoreApplication.processEvents()
        least = window.minimumSizeHint()
        assert least.width() <= room.width(), window.tabs.tabText(index)
        assert least.height() <= room.height(), window.tabs.tabText(index)


def test_on_a_large_screen_the_window_opens_at_1280_by_720_in_its_middle(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    screen[0] = MONITOR
    window = opened(isolated_home, qtbot)
    assert not window.isMaximized()
    assert window.size() == QSize(1280, 720)
    assert window.geometry().center().x() == pytest.approx(MONITOR.center().x(), abs=2)
    assert MONITOR.contains(window.geometry())


def test_the_window_comes_back_as_left_on_the_same_screen_size_only(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    screen[0] = LAPTOP
    window = opened(isolated_home, qtbot)
    left = window.minimumSizeHint() + QSize(0, 40)  # the offscreen test screen is 800 wide
    window.resize(left)
    QCoreApplication.processEvents()
    window.close()
    again = opened(isolated_home, qtbot)
    assert again.size() == left
    again.close()
    screen[0] = NETBOOK  # the same data home on a netbook: fitted to it, not the laptop's size
    netbook = opened(isolated_home, qtbot)
    assert netbook.isMaximized()
    netbook.close()
    screen[0] = LAPTOP
    assert opened(isolated_home, qtbot).size() == left


def test_a_damaged_layout_file_is_ignored(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    layout = isolated_home / "qt" / "layout.ini"
    layout.parent.mkdir()
    layout.write_bytes(
        b"[1024x600]\nwindow=@ByteArray(not a geometry)\nsplitter-fill=a,b,c\n\xff\xfe\x00"
    )
    window = opened(isolated_home, qtbot)
    assert window.isMaximized()  # fitted to the screen, as if nothing had been saved
    start(window)
    assert min(window.fill.splitter.sizes()) > 50


def test_the_panes_come_back_where_they_were_left_on_the_same_screen_size(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    window = opened(isolated_home, qtbot)
    on_netbook(window)
    assessment_id = start(window)
    tree_width = window.fill.splitter.sizes()[0]
    drag(window.fill.splitter, 1, -80)
    narrowed = window.fill.splitter.sizes()[0]
    assert narrowed < tree_width - 40
    window.close()
    again = opened(isolated_home, qtbot)
    on_netbook(again)
    again.open_assessment(assessment_id)
    QCoreApplication.processEvents()
    assert again.fill.splitter.sizes()[0] == narrowed
    again.close()
    screen[0] = LAPTOP  # another screen size keeps its own layout (here the default)
    laptop = opened(isolated_home, qtbot)
    laptop.showNormal()
    laptop.resize(1024, 552)
    laptop.open_assessment(assessment_id)
    QCoreApplication.processEvents()
    assert laptop.fill.splitter.sizes()[0] == pytest.approx(tree_width, abs=8)


def test_the_help_can_be_hidden_and_stays_hidden(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    window = opened(isolated_home, qtbot)
    on_netbook(window)
    assessment_id = start(window)
    fill = window.fill
    assert fill.side.isVisible()
    centre = fill.scroll_area.width()
    qtbot.mouseClick(fill.help_button, Qt.MouseButton.LeftButton)
    QCoreApplication.processEvents()
    assert not fill.side.isVisible()
    assert fill.help_button.text() == "Show help"
    assert fill.scroll_area.width() > centre + 150  # the questions have the room
    window.close()
    again = opened(isolated_home, qtbot)
    on_netbook(again)
    again.open_assessment(assessment_id)
    QCoreApplication.processEvents()
    assert not again.fill.side.isVisible()
    again.switch_language("fr")
    assert again.fill.help_button.text() == translate("fr", "Show help")
    qtbot.mouseClick(again.fill.help_button, Qt.MouseButton.LeftButton)
    assert again.fill.side.isVisible()
    assert again.fill.help_button.text() == translate("fr", "Hide help")


def rating_buttons(window: MainWindow) -> list[QRadioButton]:
    rating = next(w for w in window.fill.widgets.values() if isinstance(w, RatingWidget))
    return [button for button in rating.group.buttons() if isinstance(button, QRadioButton)]


def test_rating_levels_stack_when_the_column_is_narrow(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    window = opened(isolated_home, qtbot)
    on_netbook(window)
    start(window)
    window.fill.show_criterion("B1")
    QCoreApplication.processEvents()
    buttons = rating_buttons(window)
    assert len({button.x() for button in buttons}) == 1  # one under the other
    assert [b.y() for b in buttons] == sorted(b.y() for b in buttons)
    window.showNormal()
    window.resize(1600, 700)
    window.fill.help_button.click()
    QCoreApplication.processEvents()
    assert len({button.y() for button in buttons}) == 1  # side by side where there is room
    assert [b.x() for b in buttons] == sorted(b.x() for b in buttons)


@pytest.mark.parametrize("language", ["fr", "sw"])
def test_no_question_needs_a_sideways_scroll_on_a_netbook(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot, language: str
) -> None:
    window = opened(isolated_home, qtbot)
    window.switch_language(language)
    on_netbook(window)
    start(window, language=language)
    fill = window.fill
    assert fill.form is not None
    assert fill.side.isVisible()  # the help shown, the questions' column at its narrowest
    for criterion in fill.form.criteria():
        fill.show_criterion(criterion.id)
        QCoreApplication.processEvents()
        assert not fill.scroll_area.horizontalScrollBar().isVisible(), criterion.id


def test_on_a_netbook_the_gaps_have_room_and_the_filters_do_not_overlap(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    window = opened(isolated_home, qtbot)
    window.switch_language("fr")
    on_netbook(window)
    start(window, language="fr")
    window.tabs.setCurrentWidget(window.gaps)
    gaps = window.gaps
    gaps.sections.setCurrentIndex(1)
    gaps.show_all.click()  # nothing answered yet: every criterion
    QCoreApplication.processEvents()
    boxes = [gaps.severity, gaps.pillar, gaps.standard, gaps.show_all]
    for first, box in enumerate(boxes):
        assert box.isVisible()
        for other in boxes[first + 1 :]:
            assert not box.geometry().intersects(other.geometry()), (box.objectName(), other)
    assert gaps.show_all.width() >= gaps.show_all.sizeHint().width()  # its text whole
    assert gaps.gaps.height() >= 200
    assert gaps.gaps.topLevelItemCount() > 8
    assert gaps.gaps.visualItemRect(gaps.gaps.topLevelItem(5)).bottom() < gaps.gaps.height()
    gaps.sections.setCurrentIndex(2)
    QCoreApplication.processEvents()
    assert gaps.plan.height() >= 250


def test_a_new_action_is_shown_in_the_plan(
    screen: list[QRect], isolated_home: Path, qtbot: QtBot
) -> None:
    window = opened(isolated_home, qtbot)
    on_netbook(window)
    start(window)
    window.tabs.setCurrentWidget(window.gaps)
    gaps = window.gaps
    gaps.sections.setCurrentIndex(1)
    gaps.show_all.click()
    gaps.gaps.setCurrentItem(gaps.gaps.topLevelItem(0))
    gaps.add_button.click()
    assert gaps.sections.currentWidget() is gaps.plan
    current = gaps.plan.currentItem()
    assert current is not None
    assert current.text() == "New action"


QT_SETTINGS_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QFileDialog
from selfassess.ui.app import create_window

app = QApplication([])
window = create_window(Path(sys.argv[1]))
window.show()
dialog = QFileDialog(window, "Open", sys.argv[1])
dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
dialog.show()
app.processEvents()
dialog.reject()
del dialog  # Qt's file dialog writes what it remembers as it goes
window.close()
"""


def test_qt_keeps_its_own_settings_in_the_data_home(tmp_path: Path) -> None:
    """A file dialog and the window's layout, with HOME elsewhere: nothing is written there."""
    user_home, data_home = tmp_path / "user", tmp_path / "data"
    user_home.mkdir()
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("XDG_") and name != "SELFASSESS_HOME"
    }
    environment |= {"HOME": str(user_home), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-c", QT_SETTINGS_SCRIPT, str(data_home)],
        env=environment,
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert list(user_home.rglob("*")) == []
    assert (data_home / "qt" / "QtProject.conf").is_file()
    assert (data_home / "qt" / "layout.ini").is_file()
