"""Where an import stands, under the drop zone: what it is doing ("Reading: 12 files",
"Verifying: 3 of 40 packs"), a bar, and a Cancel button that stops it at the next pack."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from selfassess.core.inbox.importing import Step
from selfassess.ui.i18n import tr, tr_plural


class ProgressRow(QWidget):
    """Emits `cancel_requested` when Cancel is clicked."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setMinimumWidth(160)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self._on_cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        self.last_step: Step | None = None
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        if self.cancel.isEnabled():
            self.cancel.setText(tr("Cancel"))
        else:
            self.cancel.setText(tr("Stopping…"))
        self.cancel.setAccessibleName(self.cancel.text())
        if self.last_step is not None:
            self.show_step(self.last_step)

    def start(self) -> None:
        """A new piece of work: the bar moves until the packs to verify are known."""
        self.last_step = None
        self.bar.setRange(0, 0)
        self.label.setText(tr("Starting…"))
        self.cancel.setEnabled(True)
        self.cancel.show()
        self.retranslate()
        self.show()

    def show_step(self, step: Step) -> None:
        self.last_step = step
        if step.total is None:  # reading: how many files is not known beforehand
            self.bar.setRange(0, 0)
            self.label.setText(
                tr_plural("Reading: {count} file", "Reading: {count} files", step.done)
            )
            return
        if step.total == 0:  # nothing new to verify: done at once
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
        else:
            self.bar.setRange(0, step.total)
            self.bar.setValue(step.done)
        self.label.setText(
            tr_plural(
                "Verifying: {done} of {count} pack",
                "Verifying: {done} of {count} packs",
                step.total,
                done=step.done,
            )
        )

    def finish(self) -> None:
        """The work is over: the bar stays where it got to, without its Cancel button."""
        self.cancel.hide()
        if self.bar.maximum() == 0:  # stopped or failed before anything was verified
            self.bar.setRange(0, 1)
            self.bar.setValue(0)

    def _on_cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText(tr("Stopping…"))
        self.cancel_requested.emit()
