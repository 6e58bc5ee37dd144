"""Trainer mode as the window shows and remembers it: a badge in the status bar while it is on (the
notes for trainers beside the questions are then shown), and the choice kept in settings.json
so that a trainer's laptop opens in trainer mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from selfassess.core.errors import UserError
from selfassess.core.preferences import load_preferences, save_preference
from selfassess.ui.i18n import language, tr

BADGE_STYLE = (
    "QLabel { background: #1d4f91; color: white; font-weight: bold; border-radius: 8px;"
    " padding: 1px 10px; margin: 2px; }"
)


class TrainerBadge(QLabel):
    """Hidden unless trainer mode is on."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trainer-badge")
        self.setStyleSheet(BADGE_STYLE)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(tr("Trainer mode"))
        self.setToolTip(
            tr("The notes for trainers are shown beside the questions. Ctrl+T hides them.")
        )
        self.setAccessibleName(tr("Trainer mode is on"))


def remembered_trainer_mode(home: Path) -> bool:
    return load_preferences(home).get("trainer_mode") is True


def remember_trainer_mode(home: Path, enabled: bool) -> str | None:
    """Keep the choice; what went wrong, in the interface language, when it cannot be kept."""
    try:
        save_preference(home, "trainer_mode", enabled)
    except UserError as problem:
        return problem.localized(language())
    return None
