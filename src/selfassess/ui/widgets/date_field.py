"""The one date editor of the app (answers, due dates, the declaration, the register's days).

A line to type in, empty until a date is chosen, with a calendar button at its end (also Alt+Down
or F4). Typed dates are read by core (`core.dates.typed`: the interface language's order, or ISO)
when Enter is pressed or the line is left; the calendar opens on the chosen day or today and
names months and days in the interface language (Qt's locale). There are no arrows to spin:
nothing is saved that was not chosen. `DateField` adds the refusal under the line, in the
interface language; a table uses `DateLineEdit` alone and shows its refusals itself.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
    QTextCharFormat,
)
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QVBoxLayout, QWidget

from selfassess.core.dates.typed import DateRefused, example, format_typed, parse_typed
from selfassess.ui.i18n import language, tr

ERROR_STYLE = "color: #b3261e;"


def interface_locale() -> QLocale:
    """Qt's locale for the interface language: it names the months and days (Swahili too)."""
    return QLocale(language())


def calendar_icon() -> QIcon:
    """A small calendar page, drawn (no icon theme is needed)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#444"))
    painter.setBrush(QColor("white"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#b3261e"))
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(3 + 4 * column, 8 + 3 * row, 2, 2), QColor("#444"))
    painter.end()
    return QIcon(pixmap)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class CalendarPopup(QCalendarWidget):
    """A month to click a day in, in the interface language; Escape closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setLocale(interface_locale())
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(True)
        self.setAccessibleName(tr("Calendar"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def end_at(self, latest: date) -> None:
        """No day after `latest` can be chosen; those shown are greyed."""
        self.setMaximumDate(to_qdate(latest))
        self.currentPageChanged.connect(lambda year, month: self._grey_after(latest, year, month))
        self._grey_after(latest, self.yearShown(), self.monthShown())

    def _grey_after(self, latest: date, year: int, month: int) -> None:
        grey = QTextCharFormat()
        grey.setForeground(QColor("#aaa"))
        first = QDate(year, month, 1).addDays(-7)
        for offset in range(50):  # the weeks a month page shows, and a margin
            day = first.addDays(offset)
            if from_qdate(day) > latest:
                self.setDateTextFormat(day, grey)


class DateLineEdit(QLineEdit):
    """A date typed, or picked from the calendar (emits `picked(date)`)."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.latest: date | None = None
        self.popup: CalendarPopup | None = None
        self.setPlaceholderText(tr("for example {date}", date=example(language())))
        self.calendar_action = self.addAction(
            calendar_icon(), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip(tr("Choose from a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        wide = self.fontMetrics().horizontalAdvance("00/00/00000") + 40
        self.setMinimumWidth(wide)
        self.setMaximumWidth(2 * wide)

    def typed_date(self) -> date | None:
        """The date typed, None for nothing; a DateRefused for anything else."""
        return parse_typed(self.text(), language())

    def show_date(self, day: date | None) -> None:
        self.setText("" if day is None else format_typed(day, language()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and bool(
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """The calendar under the line, on the day typed (when it is one) or today."""
        if self.isReadOnly():
            return
        if self.popup is not None:
            self.popup.deleteLater()
        try:
            shown = self.typed_date() or date.today()
        except DateRefused:
            shown = date.today()
        popup = CalendarPopup(self)
        popup.setSelectedDate(to_qdate(shown))
        popup.setCurrentPage(shown.year, shown.month)
        if self.latest is not None:
            popup.end_at(self.latest)
        popup.clicked.connect(self._on_picked)
        popup.activated.connect(self._on_picked)
        self.popup = popup
        popup.adjustSize()
        popup.move(self._popup_place(popup.size().width(), popup.size().height()))
        popup.show()
        popup.setFocus()

    def _popup_place(self, width: int, height: int) -> QPoint:
        """Under the line, or above it when the screen ends; never off the screen."""
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            return below
        x = max(screen.left(), min(below.x(), screen.right() - width))
        y = (
            below.y()
            if below.y() + height <= screen.bottom()
            else below.y() - self.height() - height
        )
        return QPoint(x, max(screen.top(), y))

    def hideEvent(self, event: QHideEvent) -> None:
        """The calendar goes with its line (a dialog closed, a page left)."""
        if self.popup is not None:
            self.popup.close()
        super().hideEvent(event)

    def _on_picked(self, chosen: QDate) -> None:
        if self.popup is not None:
            self.popup.close()
            self.popup.deleteLater()
            self.popup = None
        day = from_qdate(chosen)
        self.show_date(day)
        self.setFocus()
        self.picked.emit(day)


class DateField(QWidget):
    """A date editor with its refusal underneath. `date_changed` is emitted when another date
    (or none) is chosen; `value()` is the last date accepted, never what is half typed."""

    date_changed = Signal()

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: date | None = None
        self.line = DateLineEdit()
        self.error = QLabel()
        self.error.setObjectName("date-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        self.setFocusProxy(self.line)
        self.line.editingFinished.connect(self.commit)
        self.line.picked.connect(lambda _day: self.commit())
        self.set_value(value)

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show `value` (None: empty) without emitting `date_changed`."""
        self._value = value
        self.line.show_date(value)
        self.error.hide()

    def set_latest(self, latest: date | None) -> None:
        """The last day the calendar offers (a child cannot be found tomorrow)."""
        self.line.latest = latest

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def commit(self) -> bool:
        """Accept what is typed: True when it is a date or nothing, else False with the
        refusal under the line and the text kept as typed."""
        try:
            typed = self.line.typed_date()
        except DateRefused as refused:
            self.error.setText(refused.localized(language()))
            self.error.show()
            return False
        self.error.hide()
        if typed is not None:
            self.line.show_date(typed)  # 15.6.2027 shown as 15/06/2027
        if typed != self._value:
            self._value = typed
            self.date_changed.emit()
        return True

    def show_error(self, message: str) -> None:
        """A refusal from elsewhere (the register's checks), under the line."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
