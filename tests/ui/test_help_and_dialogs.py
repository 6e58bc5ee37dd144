"""What a desktop app is expected to have: Help (the user guide, About with the version, the
licence and where the data lives), the product's name in the title, file dialogs that start in
the Documents folder and remember the last one, Qt's own words in the interface language, and tab
titles whose accents show whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextDocument
from PySide6.QtWidgets import QFileDialog, QLabel, QStyle
from pytestqt.qtbot import QtBot

from selfassess import __version__
from selfassess.ui import file_dialogs
from selfassess.ui.help import about_dialog
from selfassess.ui.help.about_dialog import AboutDialog
from selfassess.ui.help.guide_dialog import GuideDialog
from selfassess.ui.main_window import MainWindow


def test_the_window_is_titled_with_the_products_name(window: MainWindow) -> None:
    assert window.windowTitle() == "Selfassess"


def test_help_offers_the_guide_and_about(window: MainWindow) -> None:
    help_menu = window.help_menu
    assert window.menuBar().actions()[-1].menu() is help_menu.menu
    assert [a.text() for a in help_menu.menu.actions() if a.text()] == [
        "User guide",
        "About Selfassess",
    ]
    assert help_menu.guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_about_says_version_licence_and_where_the_data_lives(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = AboutDialog(window.data_home, window)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"Version {__version__}" in shown
    assert "Licence: Apache-2.0" in shown
    assert dialog.folder.text() == str(window.data_home)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(window.data_home)
    monkeypatch.setattr(about_dialog, "open_with_desktop", lambda _path: False)
    QGuiApplication.clipboard().clear()
    dialog.open_button.click()  # no file manager: the path is copied, and it says so
    assert "no program to open folders" in dialog.said.text()
    assert QGuiApplication.clipboard().text() == str(window.data_home)


@pytest.mark.parametrize(("language", "heading"), [("en", "short guide"), ("fr", "guide court")])
def test_the_guide_opens_in_the_interface_language_with_its_pictures(
    window: MainWindow, qtbot: QtBot, language: str, heading: str
) -> None:
    window.switch_language(language)
    dialog = GuideDialog(window)
    qtbot.addWidget(dialog)
    assert heading in dialog.browser.toPlainText()
    assert dialog.browser.source().toLocalFile().endswith(f"guide-{language}.html")
    picture = dialog.browser.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl(f"images/home-{language}.png")
    )
    assert picture  # found beside the guide, offline


def test_file_dialogs_start_in_documents_then_where_last_chosen(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    chosen = tmp_path / "usb" / "kalimbi.zip"
    chosen.parent.mkdir()

    def dialog(_parent: object, _title: str, folder: str, _filters: str) -> tuple[str, str]:
        asked.append(folder)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = file_dialogs.open_file(window, "archives", "Import")
    assert first == str(chosen)
    expected = documents if Path(documents).is_dir() else str(Path.home())
    assert asked[0] == expected
    file_dialogs.open_file(window, "archives", "Import")
    assert asked[1] == str(chosen.parent)  # remembered, in this data home's settings
    file_dialogs.save_file(window, "archives", "Export", "kalimbi.zip")
    assert asked[2] == str(chosen.parent / "kalimbi.zip")
    file_dialogs.open_file(window, "evidence", "Add files")
    assert asked[3] == expected  # each purpose its own folder


def test_qt_file_dialogs_speak_french_and_swahili(window: MainWindow) -> None:
    def word(source: str) -> str:
        return QCoreApplication.translate("QFileDialog", source)

    window.switch_language("fr")
    assert (word("&Look in:"), word("Files of &type:")) == ("&Voir dans :", "&Type de fichier :")
    window.switch_language("sw")
    assert (word("&Look in:"), word("File &name:")) == ("&Tazama ndani ya:", "&Jina la faili:")
    window.switch_language("en")
    assert word("&Look in:") == "&Look in:"


def test_tab_titles_keep_their_accents(window: MainWindow) -> None:
    """Fusion draws unselected titles lower, cutting the accent of "Écarts": no shift here."""
    bar = window.tabs.tabBar()
    assert bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabShiftVertical, None, bar) == 0
