"""Before signing: the red lines breached or not verified and the critical gaps, which the
declarer ticks as read before the declaration can be signed; or, when there is none, a plain
sentence saying so. Nothing here blocks finalizing: the pack shows them as they are."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from selfassess.core.gaps.before_signing import BeforeSigning
from selfassess.core.gaps.describe import joined_reasons
from selfassess.core.gaps.results import RedLineResult
from selfassess.ui.i18n import tr

BREACHED_COLOUR = "#b3261e"
NOT_VERIFIED_COLOUR = "#8a5300"
LIST_HEIGHT = 170  # the dialog fits a 1024x600 screen; the list scrolls


def _red_lines_html(heading: str, colour: str, lines: tuple[RedLineResult, ...]) -> str:
    if not lines:
        return ""
    items = "".join(
        f"<p style='margin-left:8px'><b>• {escape(line.title)}</b><br>"
        f"<small>{escape(joined_reasons(line.reasons))}</small></p>"
        for line in lines
    )
    return f"<p style='color:{colour}'><b>{escape(heading)}</b></p>{items}"


def notice_html(notice: BeforeSigning) -> str:
    """The red lines breached, those not verified, and the critical gaps, as a list."""
    parts = [
        _red_lines_html(tr("Red lines breached"), BREACHED_COLOUR, notice.breached),
        _red_lines_html(tr("Red lines not verified"), NOT_VERIFIED_COLOUR, notice.not_verified),
    ]
    if notice.critical:
        items = "".join(
            f"<p style='margin-left:8px'>• {escape(gap.criterion_id)} {escape(gap.title)}</p>"
            for gap in notice.critical
        )
        parts.append(f"<p><b>{escape(tr('Critical gaps'))}</b></p>{items}")
    return "".join(parts)


class AcknowledgementBox(QWidget):
    """Emits `changed(bool)` when the declarer ticks or unticks having read the list."""

    changed = Signal(bool)

    def __init__(self, notice: BeforeSigning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.needed = notice.needs_acknowledgement
        self.check = QCheckBox(tr("I have read these red lines and gaps."))
        if not self.needed:
            self.intro = QLabel(
                tr("No red line is breached or left unverified, and no gap is critical.")
            )
            self.intro.setWordWrap(True)
            layout.addWidget(self.intro)
            self.check.hide()
            return
        self.intro = QLabel(
            tr(
                "Read this before signing. It does not stop you from finalizing: the pack shows "
                "it as it is, and an honest pack is worth more to a buyer than one that hides a "
                "problem."
            )
        )
        self.intro.setWordWrap(True)
        self.list = QTextBrowser()
        self.list.setAccessibleName(tr("Red lines and critical gaps"))
        self.list.setHtml(notice_html(notice))
        self.list.setMaximumHeight(LIST_HEIGHT)
        self.check.setStyleSheet("font-weight: bold;")
        self.check.toggled.connect(self.changed)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addWidget(self.check)

    @property
    def acknowledged(self) -> bool:
        """True once ticked, or when there is nothing to acknowledge."""
        return not self.needed or self.check.isChecked()
