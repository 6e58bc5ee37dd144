"""The Quarantine page: a tampered pack shows with the name it arrived as and why, in the
interface language; a changed signer's pack leaves it once the buyer says how the supplier
confirmed the new certificate, and not without a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.inbox.packs import Packs
from tests.pack.making import appended
from tests.ui.inbox.buyer import imported

from selfassess.ui.i18n import set_language
from selfassess.ui.inbox.accept_dialog import AcceptDialog
from selfassess.ui.inbox.view import InboxView


def rows(view: InboxView) -> list[list[str]]:
    table = view.quarantine_page.table
    return [
        [table.item(row, column).text() for column in range(3)] for row in range(table.rowCount())
    ]


def test_a_tampered_pack_shows_in_the_quarantine_with_its_reason(
    view: InboxView, packs: Packs, qtbot: QtBot, tmp_path: Path
) -> None:
    view.show_tab("quarantine")
    assert view.quarantine_page.empty.isVisible()
    view.show_tab("import")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(appended(packs.other.read_bytes(), "page"))
    imported(qtbot, view, [forged, packs.first])
    view.show_tab("quarantine")
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Quarantine (1)"
    [[arrived, organisation, why]] = rows(view)
    assert arrived == "forged.pdf"  # its name; where it came from is the tooltip
    assert view.quarantine_page.table.item(0, 0).toolTip() == str(forged)
    assert organisation == "Comptoir de Rubaya"
    assert "after it was signed" in why
    assert not view.quarantine_page.accept_button.isVisible()  # no way out for a forgery
    [(row, _names)] = view.quarantine_page.entries
    set_language("fr")
    view.retranslate()
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Quarantaine (1)"
    assert rows(view)[0][2] == row.reasons[0].text("fr")


def accept_with(monkeypatch: pytest.MonkeyPatch, reason: str | None) -> None:
    """The buyer answers the question with `reason`, or cancels (None)."""

    def answered(dialog: AcceptDialog) -> int:
        if reason is None:
            return 0
        dialog.answer.setText(reason)
        return int(dialog.accept_button.isEnabled())

    monkeypatch.setattr(AcceptDialog, "exec", answered)


def test_a_changed_signer_leaves_the_quarantine_with_a_reason(
    view: InboxView, packs: Packs, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(qtbot, view, [packs.first])
    imported(qtbot, view, [packs.changed])
    view.show_tab("quarantine")
    page = view.quarantine_page
    [[_arrived, _organisation, why]] = rows(view)
    assert "another certificate" in why
    assert page.accept_button.isVisible()
    assert "Certificate fingerprint" in page.details.text()
    accept_with(monkeypatch, "   ")  # no reason: the dialog does not accept
    page.accept_button.click()
    assert page.task is None
    assert len(page.entries) == 1
    accept_with(monkeypatch, "confirmed by phone with Amani, who read out the fingerprint")
    page.accept_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=30_000)
    assert page.entries == []
    assert page.empty.isVisible()
    assert page.outcome.text() == "Accepted: Coopérative minière de Kalimbi, revision 1."
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Quarantine"
