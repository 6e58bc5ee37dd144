"""The export says what happened: it ends on a page with the pack's real name, size and the
fingerprint to read out; each open button says where the file is when the desktop has no
program for it; a signer needs no e-mail address; a passphrase chosen where no keyring keeps it
is typed twice, and what is wrong is said at the field."""

from __future__ import annotations

import email
import email.policy
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox
from tests.ui.exporting import export_through_dialog

from selfassess.core.demo import create_demo
from selfassess.core.forms.loader import load_form
from selfassess.core.pack.naming import default_pack_name
from selfassess.core.pack.verify import verify
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.store.evidence import describe_size
from selfassess.ui.main_window import MainWindow
from selfassess.ui.pack.export_dialog import ExportDialog
from selfassess.ui.pack.export_results import ExportResults

PASSPHRASE = "mlima mrefu 2026"


@pytest.fixture
def assessment_id(window: MainWindow) -> str:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    return create_demo(window.service, form)


@pytest.fixture
def no_desktop_handler(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A desktop with no program for anything (as under Xvfb): what was asked to open."""
    asked: list[str] = []

    def refuse(url: object) -> bool:
        asked.append(url.toLocalFile())  # type: ignore[attr-defined]
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", refuse)
    return asked


def export_button(dialog: ExportDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_export_ends_on_the_results_page_with_the_file_its_size_and_fingerprint(
    window: MainWindow, assessment_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = export_through_dialog(window, assessment_id, tmp_path, monkeypatch)
    pack = dialog.written
    assert pack is not None
    assert pack.name == default_pack_name(window.service, assessment_id)
    assert pack.name.startswith("Coopérative-minière-de-Kalimbi_")
    assert pack.name.endswith("_r1.pdf")
    assert dialog.pages.currentIndex() == 1
    results = dialog.results
    assert results.isVisible()
    assert pack.name in results.file_name.text()
    assert str(tmp_path) in results.folder.text()
    assert results.file_size.text() == describe_size(pack.stat().st_size, "en")
    identity = IdentityStore(window.service.store.home).show()
    groups = identity.spoken_fingerprint.split()
    shown = results.fingerprint_label.text()
    assert all(group in shown for group in groups)
    assert shown.count("<br>") == 3  # four lines of four groups, to read out
    assert not dialog.buttons.isVisible()
    dialog.close_button.click()
    assert not dialog.isVisible()
    assert verify(pack.read_bytes()).valid


def test_without_a_desktop_handler_each_open_button_shows_the_path_to_copy(
    window: MainWindow,
    assessment_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_desktop_handler: list[str],
) -> None:
    dialog = export_through_dialog(window, assessment_id, tmp_path, monkeypatch)
    pack, results = dialog.written, dialog.results
    assert pack is not None
    assert not results.fallback.isVisible()
    results.open_folder.click()
    assert no_desktop_handler == [str(tmp_path)]
    assert results.fallback.isVisible()
    assert "no program to open folders" in results.fallback.message.text()
    assert results.fallback.path.text() == str(tmp_path)
    results.fallback.copy_path.click()
    assert QGuiApplication.clipboard().text() == str(tmp_path)
    assert "copied" in results.fallback.copied.text()
    results.open_pack.click()
    assert "no program to open PDF files" in results.fallback.message.text()
    assert results.fallback.path.text() == str(pack)
    assert not results.fallback.copy_text.isVisible()
    results.open_email.click()  # no addresses: the draft has no recipient yet
    draft = pack.with_suffix(".eml")
    assert no_desktop_handler[-1] == str(draft)
    assert draft.name in results.email_note.text()
    assert "webmail" in results.fallback.message.text()
    assert results.fallback.path.text() == str(pack)
    results.fallback.copy_text.click()
    fingerprint = IdentityStore(window.service.store.home).show().spoken_fingerprint
    assert fingerprint in QGuiApplication.clipboard().text()
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["To"] is None
    dialog.close()


def test_an_identity_without_email_signs_a_pack_that_verifies(
    window: MainWindow, assessment_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_email(dialog: ExportDialog) -> None:
        assert dialog.fields["email"].text() == ""
        assert dialog.fields["email"].accessibleName() == "E-mail (optional)"

    dialog = export_through_dialog(window, assessment_id, tmp_path, monkeypatch, no_email)
    assert dialog.written is not None
    verdict = verify(dialog.written.read_bytes())
    assert verdict.valid, verdict.reasons
    assert verdict.signer is not None
    assert verdict.signer.details.email == ""
    assert verdict.signer.details.organisation == "Coopérative minière de Kalimbi"
    dialog.close()


@pytest.mark.usefixtures("no_keyring")
def test_mismatched_passphrases_are_refused_at_the_field(
    window: MainWindow, assessment_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def mismatched(dialog: ExportDialog) -> None:
        rows = dialog.passphrase
        assert rows.first.isVisible()
        assert rows.again.isVisible()
        assert "Nobody can recover it" in rows.warning.text()
        assert "new fingerprint" in rows.warning.text()
        rows.first.setText(PASSPHRASE)
        rows.again.setText("mlima mfupi 2026")

    dialog = export_through_dialog(window, assessment_id, tmp_path, monkeypatch, mismatched)
    rows = dialog.passphrase
    assert dialog.written is None
    assert dialog.pages.currentIndex() == 0
    assert rows.again_error.isVisible()
    assert "differ" in rows.again_error.text()
    assert not rows.first_error.isVisible()
    assert not IdentityStore(window.service.store.home).exists()
    assert not list(tmp_path.glob("*.pdf"))
    rows.first.setText("short")
    rows.again.setText("short")
    export_button(dialog)
    assert rows.first_error.isVisible()
    assert "at least 8 characters" in rows.first_error.text()
    assert not rows.again_error.isVisible()
    rows.first.setText(PASSPHRASE)
    rows.again.setText(PASSPHRASE)
    export_button(dialog)
    assert dialog.written is not None
    assert not IdentityStore(window.service.store.home).show().passphrase_in_keyring
    assert verify(dialog.written.read_bytes()).valid
    dialog.close()


@pytest.mark.usefixtures("no_keyring")
def test_a_wrong_passphrase_is_refused_at_the_field(
    window: MainWindow, assessment_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    IdentityStore(window.service.store.home).create(
        IdentityDetails("Amani Bisimwa", "Coopérative minière de Kalimbi", "", "CD"), PASSPHRASE
    )

    def wrong(dialog: ExportDialog) -> None:
        assert dialog.passphrase.first.isVisible()
        assert not dialog.passphrase.again.isVisible()  # asked once: it was chosen already
        dialog.passphrase.first.setText("mlima mfupi")

    dialog = export_through_dialog(window, assessment_id, tmp_path, monkeypatch, wrong)
    assert dialog.written is None
    assert "does not open your signing identity" in dialog.passphrase.first_error.text()
    dialog.passphrase.first.setText(PASSPHRASE)
    export_button(dialog)
    assert dialog.written is not None
    dialog.close()


def test_a_large_email_draft_is_written_with_a_warning_on_the_page(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "pack.pdf"
    pack.write_bytes(b"%PDF-1.7\n" + os.urandom(8 * 1024 * 1024))  # 10.7 MB once in base64
    identity = IdentityStore(window.service.store.home).create(
        IdentityDetails("Amani", "Kalimbi", "a@k.cd", "CD")
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    results = ExportResults()
    results.show_pack(pack, identity, "fr")
    results.show()
    results.addresses.setText("not an address")
    results.open_email.click()
    assert "'not an address' is not an e-mail address" in results.email_note.text()
    assert not pack.with_suffix(".eml").exists()
    results.addresses.setText("buyer@example.com, achat@example.cd")
    results.open_email.click()
    assert pack.with_suffix(".eml").exists()
    assert "many mail servers refuse more than 10 MB" in results.email_note.text()
    assert not results.fallback.isVisible()
    results.close()


def test_the_results_page_gives_the_size_in_the_interface_language(
    window: MainWindow, assessment_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.switch_language("fr")
    dialog = export_through_dialog(window, assessment_id, tmp_path, monkeypatch)
    assert dialog.written is not None
    size = dialog.written.stat().st_size
    assert dialog.results.file_size.text() == describe_size(size, "fr")
    assert " Ko" in dialog.results.file_size.text() or " Mo" in dialog.results.file_size.text()
    dialog.close()
