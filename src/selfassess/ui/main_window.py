"""The main window: the home screen, and for an open assessment its questions, review, gaps and
remediation register, with the menus, shortcuts, language switch and trainer mode. Pages do the
work; the window routes. A window whose store cannot write says so in a banner and its title;
closing the window closes the store (which refreshes the day's backup) and lets the home go."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.about import PRODUCT_NAME
from selfassess.core.i18n import N_
from selfassess.core.preferences import save_preference
from selfassess.ui.file_dialogs import remember_in
from selfassess.ui.help.menu import HelpMenu
from selfassess.ui.i18n import LANGUAGE_NAMES, language, set_language, tr
from selfassess.ui.inbox.entry import BuyerEntry
from selfassess.ui.screen_fit.layout_memory import LayoutMemory
from selfassess.ui.trainer_badge import TrainerBadge, remember_trainer_mode, remembered_trainer_mode

if TYPE_CHECKING:
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.ui.assessment_tabs import AssessmentTabs
    from selfassess.ui.fill.fill_page import FillPage
    from selfassess.ui.gaps.gaps_page import GapsPage
    from selfassess.ui.instance.guard import InstanceGuard
    from selfassess.ui.remediation.remediation_page import RemediationPage
    from selfassess.ui.review.review_page import ReviewPage

BANNER_STYLE = "background: #fff4ce; color: #3b2f00; padding: 6px; border-bottom: 1px solid #c9a400"


class MainWindow(QMainWindow):
    """Shown at once, light to build; `load()` then opens the store and builds the pages (the
    imports of the core and the pages are most of the start-up time)."""

    def __init__(self, home: Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.data_home = home
        self.asked_read_only = read_only  # the data is open in another window
        self.loaded = False
        self.closed = False
        self.guard: InstanceGuard | None = None
        self.setWindowTitle(PRODUCT_NAME)
        opening = QLabel(tr("Opening…"))
        opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(opening)
        self.layout_memory = LayoutMemory(home)
        self.layout_memory.restore_window(self)  # sized to the screen, or as last left on it

    def load(self) -> None:
        from selfassess.core.assessment.service import AssessmentService
        from selfassess.core.store.store import Store
        from selfassess.ui.home.home_page import HomePage

        service = AssessmentService(Store.open(self.data_home, read_only=self.asked_read_only))
        self.service: AssessmentService = service
        self.home = HomePage(service)
        self._tabs: AssessmentTabs | None = None  # built when an assessment is first opened
        remember_in(self.data_home)  # file dialogs start in the folder last chosen
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self._build_banner())
        central_layout.addWidget(self._build_language_offer())
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        central.show()  # at once, not when the event loop next runs
        self.home.open_requested.connect(self.open_assessment)
        self.home.new_requested.connect(self.new_assessment)
        self.home.inbox_requested.connect(self.show_inbox)
        self.buyer = BuyerEntry(self.data_home, self.stack, self.show_home, self.show_inbox)
        self._build_actions()
        self.loaded = True
        self.retranslate()
        self.buyer.start(has_assessments=bool(service.all()))

    @property
    def tabs(self) -> AssessmentTabs:
        """The open assessment's pages, built the first time they are needed."""
        if self._tabs is None:
            self._tabs = self._build_tabs()
        return self._tabs

    @property
    def pages_built(self) -> bool:
        return self.loaded and self._tabs is not None

    @property
    def fill(self) -> FillPage:
        return self.tabs.fill

    @property
    def review(self) -> ReviewPage:
        return self.tabs.review

    @property
    def gaps(self) -> GapsPage:
        return self.tabs.gaps

    @property
    def remediation(self) -> RemediationPage:
        return self.tabs.remediation

    def _build_tabs(self) -> AssessmentTabs:
        from selfassess.ui.assessment_tabs import AssessmentTabs

        tabs = AssessmentTabs(self.service, self.layout_memory)
        self.stack.addWidget(tabs)
        fill = tabs.fill
        fill.status.connect(lambda text: self.statusBar().showMessage(text))
        fill.changed.connect(lambda _changes: self._update_actions())
        fill.reopened.connect(self._update_title)
        fill.read_aloud.reading_changed.connect(self._on_reading_changed)
        fill.set_trainer_mode(self.actions_by_name["trainer"].isChecked())
        tabs.review.go_to.connect(self._go_to_question)
        tabs.review.changed.connect(self._on_status_changed)
        tabs.retranslate()
        return tabs

    def _showing_assessment(self) -> bool:
        return self.pages_built and self.stack.currentWidget() is self.tabs

    def _build_actions(self) -> None:
        def action(
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: object
        ) -> QAction:
            item = QAction(self)
            if shortcut is not None:
                item.setShortcut(QKeySequence(shortcut))
            item.triggered.connect(slot)
            return item

        self.actions_by_name = {
            "new": action(QKeySequence.StandardKey.New, self.new_assessment),
            "home": action("Ctrl+H", self.show_home),
            "inbox": action("Ctrl+I", self.show_inbox),
            "quit": action(QKeySequence.StandardKey.Quit, self.close),
            "undo": action(QKeySequence.StandardKey.Undo, self._undo),
            "redo": action("Ctrl+Shift+Z", self._redo),  # and Ctrl+Y, below
            "find": action(QKeySequence.StandardKey.Find, self._find),
            "next": action("Ctrl+PgDown", lambda: self.fill.step(1)),
            "previous": action("Ctrl+PgUp", lambda: self.fill.step(-1)),
            "trainer": action("Ctrl+T", self._toggle_trainer),
            "identity": action(None, self._show_identity),
            "programme": action(None, self._show_programme),
            "trusted": action(None, self._show_trusted),
            "read": action("F5", self._read_aloud),
            "stop_reading": action("Escape", self._stop_reading),
        }
        self.actions_by_name["trainer"].setCheckable(True)
        self.actions_by_name["redo"].setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        )
        self._build_trainer_badge()
        bar = self.menuBar()
        self.menus = {name: bar.addMenu("") for name in ("file", "edit", "go", "view")}
        for name in ("new", "home", "inbox", "identity", "programme", "trusted", "quit"):
            self.menus["file"].addAction(self.actions_by_name[name])
        for name in ("undo", "redo", "find"):
            self.menus["edit"].addAction(self.actions_by_name[name])
        for name in ("previous", "next"):
            self.menus["go"].addAction(self.actions_by_name[name])
        self.menus["view"].addAction(self.actions_by_name["trainer"])
        for name in ("read", "stop_reading"):  # hidden when the system has no speech engine
            self.menus["view"].addAction(self.actions_by_name[name])
        self.language_menu = self.menus["view"].addMenu("")
        self.help_menu = HelpMenu(self, self.data_home)
        group = QActionGroup(self)
        for code, name in LANGUAGE_NAMES.items():
            item = QAction(name, self, checkable=True)
            item.setChecked(code == language())
            item.triggered.connect(lambda _checked=False, code=code: self.switch_language(code))
            group.addAction(item)
            self.language_menu.addAction(item)

    def _build_banner(self) -> QWidget:
        """The banner saying why this window cannot change the data (hidden when it can)."""
        self.banner = QLabel()
        self.banner.setObjectName("read-only-banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        return self.banner

    def _build_language_offer(self) -> QWidget:
        """The bar offering to switch the interface to an open assessment's language."""
        from selfassess.ui.language.offer_bar import LanguageOfferBar

        self.language_offer = LanguageOfferBar(self.data_home)
        self.language_offer.switch_requested.connect(self.switch_language)
        self.language_offer.status.connect(lambda text: self.statusBar().showMessage(text))
        return self.language_offer

    def retranslate(self) -> None:
        if not self.loaded:
            return
        labels = {
            "new": N_("New assessment…"),
            "home": N_("Home"),
            "inbox": N_("Inbox of packs received"),
            "quit": N_("Quit"),
            "undo": N_("Undo"),
            "redo": N_("Redo"),
            "find": N_("Find a question"),
            "next": N_("Next criterion"),
            "previous": N_("Previous criterion"),
            "trainer": N_("Trainer mode"),
            "identity": N_("Signing identity…"),
            "programme": N_("Programme certificates…"),
            "trusted": N_("Trusted programmes…"),
            "read": N_("Read aloud"),
            "stop_reading": N_("Stop reading"),
        }
        for name, label in labels.items():
            self.actions_by_name[name].setText(tr(label))
        menus = (
            ("file", N_("&File")),
            ("edit", N_("&Edit")),
            ("go", N_("&Go")),
            ("view", N_("&View")),
        )
        for name, label in menus:
            self.menus[name].setTitle(tr(label))
        self.language_menu.setTitle(tr("Language"))
        self.help_menu.retranslate()
        self._update_banner()
        self.trainer_badge.retranslate()
        self.language_offer.retranslate()
        self.home.retranslate()
        self.buyer.retranslate()
        if self.pages_built:
            self.tabs.retranslate()
        self._update_title()
        self._update_actions()

    def read_only_notice(self) -> str | None:
        """Why this window cannot change the data, or None when it can."""
        from selfassess.ui.instance.notice import read_only_notice

        return read_only_notice(self.service.store, asked=self.asked_read_only)

    def _update_banner(self) -> None:
        notice = self.read_only_notice()
        self.banner.setText(notice or "")
        self.banner.setVisible(notice is not None)
        self.actions_by_name["new"].setEnabled(notice is None)

    def hold(self, guard: InstanceGuard) -> None:
        """Hold the home for as long as the window is open; come forward when a second start
        asks."""
        self.guard = guard
        guard.raise_requested.connect(self.bring_forward)

    def bring_forward(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the store at the end of the work (the day's backup is refreshed), once."""
        if not self.closed:
            self.closed = True
            self.layout_memory.save_window(self)
            try:
                if self.pages_built:
                    self.fill.read_aloud.stop()
                    self.fill.save_typing()  # what was typed in the last pause is kept
                if self.loaded:
                    self.buyer.close_down()  # an import under way stops
                    self.service.store.close(end_of_work=True)
            finally:
                if self.guard is not None:
                    self.guard.release()
        super().closeEvent(event)

    def switch_language(self, code: str) -> None:
        """The interface in another language, at once, and remembered (an assessment's questions
        stay in its own language)."""
        set_language(code)
        save_preference(self.service.store.home, "language", code)
        self.retranslate()

    def show_inbox(self) -> None:
        """The Buyer view: the inbox of packs received from suppliers (File > Inbox)."""
        self._stop_reading()
        self.language_offer.withdraw()
        self.buyer.open_view()
        self._update_title()
        self._update_actions()

    def show_home(self) -> None:
        self._stop_reading()
        self.language_offer.withdraw()
        self.home.refresh()
        self.stack.setCurrentWidget(self.home)
        self._update_title()
        self._update_actions()

    def new_assessment(self) -> None:
        from selfassess.ui.dialogs.new_assessment import NewAssessmentWizard

        wizard = NewAssessmentWizard(self.service, self)
        if wizard.exec() and wizard.created is not None:
            self.open_assessment(wizard.created.id)

    def open_assessment(self, assessment_id: str) -> None:
        from selfassess.ui.upgrade.offer import offer_upgrade

        upgraded = offer_upgrade(self, self.data_home, self.service, assessment_id)
        if upgraded is not None:
            self.home.refresh()
            assessment_id = upgraded
        self.tabs.open(assessment_id)
        # What is loaded now lives as long as the assessment is open: the collector need not
        # walk it again on every full pass (they paused a criterion switch by 10-20 ms).
        gc.freeze()
        assert self.fill.assessment is not None
        self.language_offer.offer_for(self.fill.assessment)
        self.stack.setCurrentWidget(self.tabs)
        self._update_title()
        self._update_actions()

    def _on_status_changed(self) -> None:
        if self.fill.assessment is not None:
            self.fill.open(self.fill.assessment.id)
        self._update_title()

    def _go_to_question(self, question_id: str) -> None:
        self.tabs.setCurrentWidget(self.fill)
        self.fill.show_question(question_id)

    def _show_identity(self) -> None:
        from selfassess.ui.pack.identity_dialog import IdentityDialog  # cryptography on demand

        IdentityDialog(self.service.store.home, self).exec()

    def _show_programme(self) -> None:
        from selfassess.ui.programme.programme_dialog import ProgrammeDialog

        ProgrammeDialog(self.service.store.home, self).exec()

    def _show_trusted(self) -> None:
        from selfassess.ui.programme.trusted_dialog import TrustedDialog

        TrustedDialog(self.service.store.home, self).exec()

    def _undo(self) -> None:
        self.fill.undo()
        self._update_actions()

    def _redo(self) -> None:
        self.fill.redo()
        self._update_actions()

    def _find(self) -> None:
        if self._showing_assessment():
            self.tabs.setCurrentWidget(self.fill)
            self.fill.focus_find()

    def _build_trainer_badge(self) -> None:
        """The badge in the status bar, and trainer mode as it was last left."""
        self.trainer_badge = TrainerBadge()
        self.statusBar().addPermanentWidget(self.trainer_badge)
        enabled = remembered_trainer_mode(self.data_home)
        self.actions_by_name["trainer"].setChecked(enabled)
        self.trainer_badge.setVisible(enabled)

    def _toggle_trainer(self) -> None:
        enabled = self.actions_by_name["trainer"].isChecked()
        if self.pages_built:
            self.fill.set_trainer_mode(enabled)
        self.trainer_badge.setVisible(enabled)
        problem = remember_trainer_mode(self.data_home, enabled)
        if problem:
            self.statusBar().showMessage(problem)

    def _update_actions(self) -> None:
        open_ = self._showing_assessment()
        editable = open_ and self.fill.assessment is not None
        self.actions_by_name["undo"].setEnabled(editable and self.fill.editor.can_undo())
        self.actions_by_name["redo"].setEnabled(editable and self.fill.editor.can_redo())
        if self.pages_built:
            self._name_history_actions()
        for name in ("find", "next", "previous"):
            self.actions_by_name[name].setEnabled(open_)
        self._update_reading_actions(open_)

    def _name_history_actions(self) -> None:
        """Undo and Redo say whose answer they would change ("Undo the answer to B1.1")."""
        undo, redo = self.fill.editor.undo_question(), self.fill.editor.redo_question()
        self.actions_by_name["undo"].setText(
            tr("Undo the answer to {question}", question=undo) if undo else tr("Undo")
        )
        self.actions_by_name["redo"].setText(
            tr("Redo the answer to {question}", question=redo) if redo else tr("Redo")
        )

    def _update_reading_actions(self, open_: bool) -> None:
        """Read aloud (F5) and Stop reading (Escape): hidden with no speech engine, Escape
        taken only while something is being read."""
        speaking = self.pages_built and self.fill.read_aloud.engine is not None
        for name in ("read", "stop_reading"):
            self.actions_by_name[name].setVisible(speaking)
        self.actions_by_name["read"].setEnabled(open_ and self.fill.can_read_aloud())
        reading = self.pages_built and bool(self.fill.read_aloud.reading)
        self.actions_by_name["stop_reading"].setEnabled(reading)

    def _on_reading_changed(self, question_id: str) -> None:
        """Once a reading ends, the status bar stops saying that it goes on."""
        said = self.fill.read_aloud.said
        if not question_id and said and self.statusBar().currentMessage() == said:
            self.statusBar().clearMessage()
        self._update_actions()

    def _stop_reading(self) -> None:
        if self.pages_built:
            self.fill.read_aloud.stop()

    def _read_aloud(self) -> None:
        if self._showing_assessment():
            self.tabs.setCurrentWidget(self.fill)
            self.fill.read_current()

    def _update_title(self) -> None:
        title = PRODUCT_NAME
        if self._showing_assessment() and self.fill.assessment is not None:
            title += f" - {self.fill.assessment.profile.organisation}"
        if self.loaded and not self.service.store.writable:
            title += f" ({tr('read-only')})"
        self.setWindowTitle(title)
