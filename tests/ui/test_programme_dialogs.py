"""Programme certificates in the app, as the three people go through them, each in a home of
their own: the programme creates itself and saves its root; the supplier makes a request in the
signing-identity dialog, the programme issues it after comparing the key digits, the supplier
installs it; the buyer trusts the root, and the supplier's pack verifies as certified; a
revocation reaches the buyer through the revocation list. Refusals are shown translated and
change nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from selfassess.core.assessment.plan import PlanService
from selfassess.core.demo import KALIMBI, create_demo
from selfassess.core.forms.loader import load_form
from selfassess.core.pack.export import export_pack
from selfassess.core.pack.verify import verify_file
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.register import Register
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.trust.decision import SignerStatus
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow
from selfassess.ui.pack.identity_dialog import IdentityDialog
from selfassess.ui.programme import issue_dialog, trusted_dialog
from selfassess.ui.programme.issue_dialog import RequestDialog
from selfassess.ui.programme.programme_dialog import ProgrammeDialog
from selfassess.ui.programme.trusted_dialog import TrustedDialog

PROGRAMME = "Tin Traceability Programme"
AMANI = IdentityDetails("Amani Bisimwa", KALIMBI.organisation, "amani@kalimbi.cd", "CD")


class Files:
    """What the patched file dialogs answer, in turn: the path a person would choose."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[Path] = []
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._answer)

    def choose(self, *paths: Path) -> None:
        self.answers.extend(paths)

    def _answer(self, *_args: Any, **_kwargs: Any) -> tuple[str, str]:
        assert self.answers, "a file dialog nobody planned for"
        return str(self.answers.pop(0)), ""


class Typed:
    """What a person types in the prompts, in turn (passphrases, a revocation's reason)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []
        self.buttons: list[str] = []

        def answer(dialog: QInputDialog) -> int:  # as a method of the dialog, not of Typed
            return self._answer(dialog)

        monkeypatch.setattr(QInputDialog, "exec", answer)

    def type(self, *texts: str) -> None:
        self.answers.extend(texts)

    def _answer(self, dialog: QInputDialog) -> int:
        self.prompts.append(dialog.labelText())
        self.buttons.append(dialog.okButtonText())
        assert self.answers, f"a prompt nobody planned for: {dialog.labelText()}"
        dialog.setTextValue(self.answers.pop(0))
        return QDialog.DialogCode.Accepted.value


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> Files:
    return Files(monkeypatch)


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Typed:
    return Typed(monkeypatch)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The message boxes shown, headline and detail, each answered with its first button."""
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


@pytest.fixture
def request_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[RequestDialog]:
    """Each request shown before issuing, accepted as if the digits matched on the phone."""
    shown: list[RequestDialog] = []

    def accept(dialog: RequestDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(issue_dialog.RequestDialog, "exec", accept)
    return shown


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


@dataclass
class Certified:
    programme: ProgrammeDialog
    identity: IdentityDialog
    root: Path
    request_digits: str  # as the supplier's dialog showed them
    issued: Path


def create_programme(qtbot: QtBot, home: Path, files: Files, root: Path) -> ProgrammeDialog:
    """The programme created through its dialog, and its root saved for buyers."""
    dialog = ProgrammeDialog(home)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentWidget() is dialog.create_page
    dialog.create_page.name.setText(PROGRAMME)
    dialog.create_page.country.setText("rw")
    dialog.create_page.create_button.click()
    assert dialog.stack.currentWidget() is not dialog.create_page
    files.choose(root)
    dialog.save_root.click()
    return dialog


def certify(
    qtbot: QtBot, supplier: Path, folder: Path, files: Files, requests: list[RequestDialog]
) -> Certified:
    """A supplier's identity certified, every step through the dialogs."""
    programme = create_programme(qtbot, folder / "programme", files, folder / "tin.pem")
    IdentityStore(supplier).create(AMANI)
    identity = IdentityDialog(supplier)
    qtbot.addWidget(identity)
    assert "self-signed" in identity.text.text()
    request, issued = folder / "amani.csr", folder / "amani.pem"
    files.choose(request)
    identity.request.click()
    digits = _spoken_in(identity.notice.text())
    files.choose(request, issued)
    programme.issue.click()
    assert digits in requests[-1].phone.text()  # the same digits, read over the phone
    assert "Amani Bisimwa" in requests[-1].who.text()
    files.choose(issued)
    identity.install.click()
    return Certified(programme, identity, folder / "tin.pem", digits, issued)


def _spoken_in(html: str) -> str:
    """The digits shown large for reading out: sixteen groups of four."""
    import re

    found = re.search(r"([0-9A-F]{4}(?: [0-9A-F]{4}){15})", html)
    assert found, html
    return found.group(1)


def trust(qtbot: QtBot, buyer: Path, files: Files, root: Path) -> TrustedDialog:
    dialog = TrustedDialog(buyer)
    qtbot.addWidget(dialog)
    files.choose(root)
    dialog.add.click()
    return dialog


def export(window: MainWindow, supplier: Path, target: Path) -> Path:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    assessment_id = create_demo(window.service, form)
    plans = PlanService(window.service)
    return export_pack(plans, IdentityStore(supplier), assessment_id, target, language="en")


@pytest.fixture
def certified(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    files: Files,
    request_dialogs: list[RequestDialog],
) -> Certified:
    return certify(qtbot, window.service.store.home, tmp_path, files, request_dialogs)


def test_a_programme_certifies_a_supplier_whose_pack_a_buyer_sees_as_certified(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, files: Files, certified: Certified
) -> None:
    programme = ProgrammeStore(tmp_path / "programme").show()
    shown = certified.programme.details.text()
    assert f"{PROGRAMME} (RW)" in shown
    assert programme.spoken_fingerprint in shown
    assert certified.root.exists()
    table = certified.programme.issued
    assert table.rowCount() == 1
    assert [table.item(0, column).text() for column in (2, 3, 6)] == [
        KALIMBI.organisation,
        "CD",
        "valid",
    ]
    assert f"issued by {PROGRAMME}" in certified.identity.text.text()
    assert "Certificate installed" in certified.identity.notice.text()
    buyer = tmp_path / "buyer"
    trusted = trust(qtbot, buyer, files, certified.root)
    assert trusted.table.rowCount() == 1
    assert trusted.table.item(0, 0).text() == f"{PROGRAMME} (RW)"
    assert trusted.table.item(0, 3).text() == programme.spoken_fingerprint
    assert "is trusted now" in trusted.notice.text()
    assert programme.spoken_fingerprint in trusted.fingerprint.text()  # to check by phone
    pack = export(window, window.service.store.home, tmp_path / "pack.pdf")
    verdict = verify_file(pack, home=buyer)
    assert verdict.valid
    assert verdict.signer_status is SignerStatus.CERTIFIED
    assert verdict.certified_by == PROGRAMME


def test_a_revocation_is_registered_and_reaches_the_buyer_by_its_list(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    files: Files,
    typed: Typed,
    certified: Certified,
) -> None:
    buyer = tmp_path / "buyer"
    trusted = trust(qtbot, buyer, files, certified.root)
    pack = export(window, window.service.store.home, tmp_path / "pack.pdf")
    dialog = certified.programme
    assert not dialog.revoke.isEnabled()  # nothing selected
    dialog.issued.selectRow(0)
    assert dialog.revoke.isEnabled()
    typed.type("laptop stolen")
    dialog.revoke.click()
    assert "This cannot be undone" in typed.prompts[-1]
    assert typed.buttons[-1] == "Revoke"
    record = Register(ProgrammeStore(tmp_path / "programme").register_file).records()[0]
    assert record.revoked is not None
    assert record.revoked.reason == "laptop stolen"
    status = dialog.issued.item(0, 6).text()
    assert status.startswith("revoked on ")
    assert "laptop stolen" in status
    dialog.issued.selectRow(0)
    assert not dialog.revoke.isEnabled()  # revoked already
    crl = tmp_path / "tin.crl"
    files.choose(crl)
    dialog.save_crl.click()
    assert "1 certificate revoked" in dialog.notice.text()
    files.choose(crl)
    trusted.add_list.click()
    assert "1 certificate revoked" in trusted.table.item(0, 2).text()
    verdict = verify_file(pack, home=buyer)
    assert not verdict.valid
    assert any("revoked on" in reason.text("en") for reason in verdict.reasons)


def test_a_garbage_request_is_refused_in_french_and_nothing_is_issued(
    qtbot: QtBot,
    tmp_path: Path,
    files: Files,
    messages: list[str],
    request_dialogs: list[RequestDialog],
    french: None,
) -> None:
    store = ProgrammeStore(tmp_path / "programme")
    store.create(PROGRAMME, "RW")
    dialog = ProgrammeDialog(tmp_path / "programme")
    qtbot.addWidget(dialog)
    garbage = tmp_path / "amani.csr"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE REQUEST-----\nnot base64 at all\n")
    files.choose(garbage)
    dialog.issue.click()
    assert len(messages) == 1
    headline, detail = messages[0].split("\n", 1)
    assert headline == "Aucun certificat n'a été émis."
    assert "n'est pas une demande de certificat lisible" in detail
    assert request_dialogs == []  # refused before anyone is asked to compare digits
    assert dialog.issued.rowCount() == 0
    assert not store.register_file.exists()
    assert list(tmp_path.glob("*.pem")) == []


def test_a_file_without_a_certificate_for_the_identitys_key_installs_nothing(
    qtbot: QtBot, tmp_path: Path, files: Files, messages: list[str]
) -> None:
    programme = ProgrammeStore(tmp_path / "programme")
    programme.create(PROGRAMME, "RW")
    supplier = tmp_path / "supplier"
    before = IdentityStore(supplier).create(AMANI)
    dialog = IdentityDialog(supplier)
    qtbot.addWidget(dialog)
    files.choose(programme.certificate_file)  # the root, not a certificate for Amani's key
    dialog.install.click()
    assert len(messages) == 1
    assert messages[0].startswith("The certificate was not installed.\n")
    assert "holds no certificate for this identity's key" in messages[0]
    assert IdentityStore(supplier).show() == before
    assert "self-signed" in dialog.text.text()


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_passphrase_is_chosen_twice_and_asked_at_each_use(
    qtbot: QtBot, tmp_path: Path, files: Files, typed: Typed, messages: list[str]
) -> None:
    dialog = ProgrammeDialog(tmp_path / "programme")
    qtbot.addWidget(dialog)
    dialog.create_page.name.setText(PROGRAMME)
    typed.type("mlima mrefu", "mlima mfupi")
    dialog.create_page.create_button.click()
    assert "nobody can recover it" in typed.prompts[0]
    assert messages == ["No programme was created.\nThe two passphrases differ."]
    assert not ProgrammeStore(tmp_path / "programme").exists()
    assert dialog.stack.currentWidget() is dialog.create_page
    typed.type("mlima mrefu", "mlima mrefu")
    dialog.create_page.create_button.click()
    assert "asked for at each use" in dialog.details.text()
    files.choose(tmp_path / "tin.crl")
    typed.type("mlima mrefu")
    dialog.save_crl.click()
    assert typed.prompts[-1] == "The passphrase of the programme's root key:"
    assert "0 certificates revoked" in dialog.notice.text()


def test_removing_a_trusted_programme_asks_first(
    qtbot: QtBot, tmp_path: Path, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgrammeStore(tmp_path / "programme")
    store.create(PROGRAMME, "RW")
    dialog = trust(qtbot, tmp_path / "buyer", files, store.certificate_file)
    asked: list[str] = []

    def answer(reply: bool) -> Callable[..., bool]:
        return lambda _parent, _title, question, _action: asked.append(question) or reply

    dialog.table.selectRow(0)
    monkeypatch.setattr(trusted_dialog, "confirm", answer(False))
    dialog.remove.click()
    assert dialog.table.rowCount() == 1
    monkeypatch.setattr(trusted_dialog, "confirm", answer(True))
    dialog.remove.click()
    assert asked[-1].startswith(f"Stop trusting {PROGRAMME} (RW)?")
    assert dialog.table.rowCount() == 0
    assert "no longer trusted" in dialog.notice.text()


def test_the_file_menu_opens_both_dialogs_in_the_interface_language(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(ProgrammeDialog, "exec", lambda d: opened.append(d.windowTitle()) or 0)
    monkeypatch.setattr(TrustedDialog, "exec", lambda d: opened.append(d.windowTitle()) or 0)
    window.switch_language("fr")
    labels = [action.text() for action in window.menus["file"].actions()]
    assert "Certificats de programme…" in labels
    assert "Programmes de confiance…" in labels
    window.actions_by_name["programme"].trigger()
    window.actions_by_name["trusted"].trigger()
    assert opened == ["Certificats de programme", "Programmes de confiance"]
