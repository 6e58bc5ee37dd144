"""How the main window reaches the Buyer view: as a page of its stack, built the first time it is
shown (the inbox's parts of core load only then), and at start-up the first-run choice, or the
Buyer view for someone who said they receive packs and has no assessment of their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

from selfassess.ui.inbox.first_run import RECEIVE, FirstRunChoice, remembered_choice

if TYPE_CHECKING:
    from selfassess.ui.inbox.view import InboxView


class BuyerEntry:
    """The Buyer view and the first-run choice in `stack`; `show_home` and `show_inbox` are the
    window's own (they also update its title and menus)."""

    def __init__(
        self,
        home: Path,
        stack: QStackedWidget,
        show_home: Callable[[], None],
        show_inbox: Callable[[], None],
    ) -> None:
        self.data_home = home
        self.stack = stack
        self.show_home = show_home
        self.show_inbox = show_inbox
        self.view: InboxView | None = None
        self.choice: FirstRunChoice | None = None

    def start(self, has_assessments: bool) -> None:
        """What the window opens on, when not on the home screen."""
        if has_assessments:
            return
        remembered = remembered_choice(self.data_home)
        if remembered is None:
            self.choice = FirstRunChoice(self.data_home)
            self.choice.chosen.connect(self._on_chosen)
            self.stack.addWidget(self.choice)
            self.stack.setCurrentWidget(self.choice)
        elif remembered == RECEIVE:
            self.show_inbox()

    def open_view(self) -> None:
        """Show the Buyer view, made when first needed, read again each time."""
        from selfassess.ui.inbox.view import InboxView

        if self.view is None:
            self.view = InboxView(self.data_home)
            self.view.home_requested.connect(self.show_home)
            self.stack.addWidget(self.view)
        self.view.open_inbox()
        self.view.refresh()
        self.stack.setCurrentWidget(self.view)
        self.view.take_focus()

    def showing_view(self) -> bool:
        return self.view is not None and self.stack.currentWidget() is self.view

    def retranslate(self) -> None:
        if self.view is not None:
            self.view.retranslate()
        if self.choice is not None:
            self.choice.retranslate()

    def close_down(self) -> None:
        """Stop the inbox work under way (the window is closing)."""
        if self.view is not None:
            self.view.close_down()

    def _on_chosen(self, choice: str) -> None:
        if choice == RECEIVE:
            self.show_inbox()
        else:
            self.show_home()
        if self.choice is not None:
            self.stack.removeWidget(self.choice)
            self.choice.deleteLater()
            self.choice = None
