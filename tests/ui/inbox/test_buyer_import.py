"""What a buyer sees on the Import page: packs dropped or chosen are imported off the interface
thread, the progress bar reaches the end, the summary counts what core counted (accepted,
already here, superseded, in quarantine, refused) and names each file not counted with why; a
Cancel that stops a long import; packs another computer added, indexed on request; a refusal
said in the page."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from tests.inbox.packs import Packs
from tests.pack.making import appended
from tests.ui.inbox.buyer import imported, summary_rows, tile

from selfassess.core.errors import StoreError
from selfassess.core.inbox import importing
from selfassess.core.inbox.service import Inbox
from selfassess.ui.inbox.view import InboxView
from selfassess.ui.main_window import MainWindow


def drop(view: InboxView, paths: list[Path]) -> None:
    """Drop files on the drop zone, as from a file manager (the drop itself: Qt delivers a drop
    only after a drag entered, which a test cannot make without a real mouse)."""
    zone = view.import_page.drop_zone
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(
        QPointF(zone.rect().center()),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    zone.dropEvent(event)
    assert event.isAccepted()


def test_packs_dropped_are_imported_off_the_interface_thread_and_counted(
    view: InboxView, packs: Packs, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    examine = importing.examine_stored

    def watched(*args: object) -> object:
        threads.append(threading.current_thread())
        return examine(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "examine_stored", watched)
    page = view.import_page
    drop(view, [packs.first, packs.second, packs.other])
    assert page.busy
    assert not page.drop_zone.isEnabled()  # nothing more taken while it runs
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
    assert threads
    assert threading.main_thread() not in threads
    assert page.progress.bar.maximum() == 3
    assert page.progress.bar.value() == 3
    assert tile(view, "accepted").startswith("3 packs accepted")
    assert tile(view, "superseded").startswith("1 earlier revision superseded")
    assert tile(view, "duplicates").startswith("0 packs already here")
    assert tile(view, "quarantined").startswith("0 packs in quarantine")
    assert page.summary.headline.text() == "<b>Import finished.</b>"
    assert [what for _file, what, _why in summary_rows(view)] == ["Accepted, new signer"] * 2
    assert page.drop_zone.isEnabled()


def test_the_same_packs_again_are_already_here(
    view: InboxView, packs: Packs, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(qtbot, view, [packs.first, packs.other])
    chosen = [str(packs.first), str(packs.other)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: (chosen, ""))
    view.import_page.drop_zone.add_files.click()  # "Add files…"
    qtbot.waitUntil(lambda: not view.import_page.busy, timeout=60_000)
    assert tile(view, "duplicates").startswith("2 packs already here, not verified again")
    assert tile(view, "accepted").startswith("0 packs accepted")


def test_a_tampered_pack_and_a_file_that_is_not_a_pack_are_named_with_why(
    view: InboxView, packs: Packs, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "from the supplier"
    folder.mkdir()
    (folder / "forged.pdf").write_bytes(appended(packs.other.read_bytes(), "page"))
    (folder / "scan.pdf").write_bytes(b"a photo, not a PDF")
    (folder / "readme.txt").write_text("not a pack")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    view.import_page.drop_zone.add_folder.click()  # "Add a folder…"
    qtbot.waitUntil(lambda: not view.import_page.busy, timeout=60_000)
    assert tile(view, "quarantined").startswith("1 pack in quarantine, never counted")
    assert tile(view, "refused") == "1 file refused, the inbox keeps nothing of it"
    rows = {name: (what, why) for name, what, why in summary_rows(view)}
    assert rows["forged.pdf"][0] == "In quarantine"
    assert "after it was signed" in rows["forged.pdf"][1]
    assert rows["scan.pdf"] == ("Refused, not kept", "not a PDF")
    assert "1 other file passed over" in view.import_page.summary.notes.text()
    assert "Some files were not counted" in view.import_page.summary.headline.text()


def test_the_summary_follows_the_interface_language(
    view: InboxView, packs: Packs, qtbot: QtBot, tmp_path: Path
) -> None:
    from selfassess.ui.i18n import set_language

    forged = tmp_path / "forged.pdf"
    forged.write_bytes(appended(packs.other.read_bytes(), "page"))
    imported(qtbot, view, [forged, packs.first])
    [outcome] = Inbox(view.data_home).quarantine()
    set_language("fr")
    view.retranslate()
    assert tile(view, "accepted").startswith("1 dossier accepté")
    [(name, what, why), _new_signer] = summary_rows(view)
    assert (name, what) == ("forged.pdf", "En quarantaine")
    assert why == outcome[0].reasons[0].text("fr")
    assert why != outcome[0].reasons[0].text("en")


def many_packs(packs: Packs, folder: Path, count: int) -> list[Path]:
    """`count` different packs (each a copy of a genuine one with a line added after it)."""
    folder.mkdir()
    data = packs.other.read_bytes()
    made = []
    for number in range(count):
        path = folder / f"pack-{number:03}.pdf"
        path.write_bytes(data + f"\n% copy {number}\n".encode())
        made.append(path)
    return made


def test_cancel_stops_a_long_import_and_what_is_left_can_be_indexed(
    view: InboxView, packs: Packs, qtbot: QtBot, tmp_path: Path
) -> None:
    page = view.import_page
    many = many_packs(packs, tmp_path / "many", 40)
    page.import_paths([tmp_path / "many"])
    qtbot.waitUntil(
        lambda: (
            page.progress.last_step is not None
            and page.progress.last_step.phase == "verifying"
            and page.progress.last_step.done >= 1
        ),
        timeout=60_000,
    )
    page.progress.cancel.click()
    assert page.progress.cancel.text() == "Stopping…"
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
    assert "Stopped before the end" in page.summary.headline.text()
    verified = len(Inbox(view.data_home).quarantine())
    assert 1 <= verified < len(many)
    qtbot.waitUntil(page.note.isVisible)  # counted off the interface thread
    assert page.note_text.text().startswith(f"{len(many) - verified} packs in the inbox folder")
    assert "an import stopped before the end" in page.note_text.text()
    page.index_button.click()  # "Check them now"
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
    qtbot.waitUntil(lambda: not page.unindexed_read.busy())
    assert not page.note.isVisible()
    assert len(Inbox(view.data_home).quarantine()) == len(many)


def test_a_refusal_is_said_in_the_page_not_as_a_traceback(
    view: InboxView, packs: Packs, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise StoreError("the inbox's index cannot be written: disk full")

    monkeypatch.setattr(Inbox, "import_paths", refused)
    imported(qtbot, view, [packs.first])
    banner = view.import_page.banner
    assert banner.isVisible()
    assert banner.text() == "The import stopped: the inbox's index cannot be written: disk full"
    assert view.import_page.drop_zone.isEnabled()  # ready for another try


def test_closing_the_window_stops_an_import_under_way(
    window: MainWindow, packs: Packs, qtbot: QtBot, tmp_path: Path
) -> None:
    window.show_inbox()
    assert window.buyer.view is not None
    page = window.buyer.view.import_page
    page.workers = 1
    many_packs(packs, tmp_path / "many", 40)
    page.import_paths([tmp_path / "many"])
    task = page.task
    assert task is not None
    qtbot.waitUntil(lambda: page.progress.last_step is not None, timeout=60_000)
    window.close()
    assert task.isFinished()  # stopped at the next pack, not left running
