"""The pack in the app: a finalized assessment exported through the dialog (its identity made on
the way), and a received pack judged green, amber or red."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog
from tests.pack.making import appended
from tests.ui.exporting import export_through_dialog

from selfassess.core.assessment.plan import PlanService
from selfassess.core.demo import create_demo
from selfassess.core.errors import UserError
from selfassess.core.forms.loader import load_form
from selfassess.core.pack.verify import verify
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.ui.main_window import MainWindow
from selfassess.ui.pack import export_dialog
from selfassess.ui.pack.received_pack import (
    AMBER,
    GREEN,
    RED,
    ReceivedPackDialog,
    colour_of,
    verify_received,
)


@pytest.fixture
def exported(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    assessment_id = create_demo(window.service, form)

    def fill_in(dialog: export_dialog.ExportDialog) -> None:
        dialog.fields["email"].setText("amani@kalimbi.cd")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))  # a French assessment

    dialog = export_through_dialog(window, assessment_id, tmp_path, monkeypatch, fill_in)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    dialog.results.addresses.setText("buyer@example.com")
    dialog.results.open_email.click()
    dialog.close()
    assert dialog.written is not None
    return dialog.written


def test_first_export_makes_the_identity_and_a_signed_pack_with_its_email(
    window: MainWindow, exported: Path
) -> None:
    identity = IdentityStore(window.service.store.home).show()
    assert identity.details.organisation == "Coopérative minière de Kalimbi"
    verdict = verify(exported.read_bytes())
    assert verdict.valid
    assert verdict.signer is not None
    assert verdict.signer.fingerprint_sha256 == identity.fingerprint_sha256
    assert exported.with_suffix(".eml").exists()
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", str(exported), "-"], capture_output=True, text=True, check=True
        )
        assert "page 1 of" in done.stdout


def received(buyer: Path, path: Path) -> ReceivedPackDialog:
    """The dialog of a received pack, verified off the interface thread as the app does."""
    verdict = verify_received(buyer, path, None)
    assert verdict is not None
    return ReceivedPackDialog(buyer, path, verdict)


def test_a_received_pack_is_amber_then_green_and_red_when_tampered(
    window: MainWindow, exported: Path, tmp_path: Path
) -> None:
    buyer = tmp_path / "buyer"
    first = received(buyer, exported)
    assert colour_of(first.verdict) == AMBER
    assert "First pack from this organisation" in first.text.text()
    assert not first.accept_new.isVisibleTo(first)
    again = received(buyer, exported)
    assert colour_of(again.verdict) == GREEN
    assert "used before" in again.text.text()
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(appended(exported.read_bytes(), "page"))
    red = received(buyer, tampered)
    assert colour_of(red.verdict) == RED
    assert "after it was signed" in red.text.text()


def test_a_changed_signer_is_red_in_french_until_accepted_with_a_reason(
    window: MainWindow, exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.pack.genuine import carried_files
    from tests.pack.making import identity, report_pdf

    from selfassess.core.pack.seal import seal
    from selfassess.ui.i18n import set_language

    buyer = tmp_path / "buyer"
    received(buyer, exported)  # the genuine supplier, first seen
    impostor = tmp_path / "impostor.pdf"
    impostor.write_bytes(
        seal(report_pdf(), carried_files(exported), identity(tmp_path / "impostor"))
    )
    set_language("fr")
    try:
        dialog = received(buyer, impostor)
        assert colour_of(dialog.verdict) == RED
        assert "un autre certificat" in dialog.text.text()
        assert "certificate" not in dialog.text.text()  # no English under a French headline
        assert "<b>Empreinte du certificat</b> : " in dialog.text.text()  # French colon
        assert dialog.accept_new.isVisibleTo(dialog)
        monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("au téléphone", True))
        dialog.accept_new.click()
        assert colour_of(dialog.verdict) == GREEN
        assert not dialog.accept_new.isVisibleTo(dialog)
    finally:
        set_language("en")
    assert "au téléphone" in (buyer / "known-signers.json").read_text(encoding="utf-8")


def test_the_identity_dialog_backs_up_and_shows_the_fingerprint(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from selfassess.ui.pack.identity_dialog import IdentityDialog

    home = window.service.store.home
    empty = IdentityDialog(home)
    assert "made on the first export" in empty.text.text()
    assert not empty.backup.isEnabled()
    identity = IdentityStore(home).create(
        IdentityDetails("Amani Bisimwa", "Kalimbi", "amani@kalimbi.cd", "CD")
    )
    dialog = IdentityDialog(home)
    assert identity.spoken_fingerprint in dialog.text.text()
    backup = tmp_path / "amani.p12"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(backup), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("mlima mrefu", True))
    dialog.backup.click()
    elsewhere = IdentityStore(tmp_path / "laptop-2").import_p12(backup, "mlima mrefu")
    assert elsewhere.fingerprint_sha256 == identity.fingerprint_sha256


def test_the_export_dialog_warns_of_a_large_email_and_offers_to_fit_it(
    window: MainWindow, tmp_path: Path
) -> None:
    from selfassess.core.pack.evidence_fit import EvidenceChoice

    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    files = []
    for name in ("registre.pdf", "contrat.pdf", "licence.pdf"):
        files.append(tmp_path / name)
        files[-1].write_bytes(os.urandom(5 * 1024 * 1024))
    assessment_id = create_demo(window.service, form, files)
    dialog = export_dialog.ExportDialog(PlanService(window.service), assessment_id, window)
    assert dialog.choice() is EvidenceChoice.ALL
    assert "many mail servers refuse more than 10 MB" in dialog.evidence_note.text()
    dialog.evidence.setCurrentIndex(dialog.evidence.findData(EvidenceChoice.FIT))
    assert "The e-mail will be about" in dialog.evidence_note.text()
    assert "Left out:" in dialog.evidence_note.text()


def test_the_preview_opens_in_the_app_page_by_page(window: MainWindow) -> None:
    from selfassess.ui.pack.pdf_viewer import PdfViewer

    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    window.open_assessment(create_demo(window.service, form))
    window.tabs.setCurrentWidget(window.review)
    window.review.preview_button.click()
    viewer = window.review.viewer
    assert isinstance(viewer, PdfViewer)
    assert viewer.isVisible()
    assert viewer.page_count() >= 4
    assert viewer.page_label.text() == f"Page 1 of {viewer.page_count()}"
    viewer.go_to(2)
    assert viewer.page() == 2
    viewer.go_to(99)
    assert viewer.page() == viewer.page_count() - 1
    fitted = viewer.shown_zoom()
    viewer.zoom(1.25)
    assert viewer.shown_zoom() == pytest.approx(fitted * 1.25)
    viewer.fit_width()
    assert viewer.shown_zoom() == pytest.approx(fitted)
    viewer.close()


def test_a_received_pack_can_be_read_in_the_app_and_a_broken_one_is_named(
    window: MainWindow, exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfassess.ui.pack import pdf_viewer

    opened: list[pdf_viewer.PdfViewer] = []
    monkeypatch.setattr(pdf_viewer.PdfViewer, "exec", lambda viewer: opened.append(viewer) or 0)
    dialog = received(tmp_path / "buyer", exported)
    dialog.read.click()
    assert opened[0].page_count() >= 4
    assert opened[0].windowTitle() == exported.name
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing else")
    with pytest.raises(UserError, match="broken.pdf could not be read as a PDF"):
        pdf_viewer.PdfViewer(broken, "broken")
