"""Tab titles with their accents whole. Qt's Fusion style draws the text of an unselected tab
two pixels lower, into a rectangle that cuts the accent of a capital ("Écarts" read "Ecarts");
without that shift the title shows whole, and the tab looks the same otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QTabBar,
    QWidget,
)


class _UnshiftedTabs(QProxyStyle):
    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


def keep_accents(bar: QTabBar) -> None:
    """Draw `bar`'s titles without the vertical shift that cuts accents."""
    style = _UnshiftedTabs(QStyleFactory.create(QApplication.style().name()))
    style.setParent(bar)  # lives as long as the tab bar
    bar.setStyle(style)
