"""The tabs of an open assessment: its questions, review, gaps and plan, and children register.

Built the first time an assessment is opened, not at start-up: the home screen comes first, and
these pages and the parts of core they need are most of what start-up would otherwise import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from selfassess.core.i18n import N_
from selfassess.ui.accents import keep_accents
from selfassess.ui.i18n import tr
from selfassess.ui.screen_fit.layout_memory import LayoutMemory

if TYPE_CHECKING:
    from selfassess.core.assessment.service import AssessmentService

TAB_TITLES = (N_("Questions"), N_("Review and finalize"), N_("Gaps and plan"), N_("Children"))


class AssessmentTabs(QTabWidget):
    """The four pages of one open assessment; a page is refreshed when its tab is chosen."""

    def __init__(
        self, service: AssessmentService, layout_memory: LayoutMemory, parent: QWidget | None = None
    ) -> None:
        from selfassess.ui.fill.fill_page import FillPage
        from selfassess.ui.gaps.gaps_page import GapsPage
        from selfassess.ui.remediation.remediation_page import RemediationPage
        from selfassess.ui.review.review_page import ReviewPage

        super().__init__(parent)
        self.fill = FillPage(service)
        self.review = ReviewPage(service)
        self.gaps = GapsPage(service)
        self.remediation = RemediationPage(service)
        for page in (self.fill, self.review, self.gaps, self.remediation):
            self.addTab(page, "")
        keep_accents(self.tabBar())
        self.fill.keep_layout(layout_memory)
        self.gaps.keep_layout(layout_memory)
        self.fill.reopened.connect(self.review.refresh)
        self.currentChanged.connect(self._on_tab)

    def open(self, assessment_id: str) -> None:
        self.fill.open(assessment_id)
        self.review.open(assessment_id)
        self.gaps.open(assessment_id)
        self.remediation.open(assessment_id)
        self.setCurrentWidget(self.fill)

    def retranslate(self) -> None:
        for index, label in enumerate(TAB_TITLES):
            self.setTabText(index, tr(label))
        for page in (self.fill, self.review, self.gaps, self.remediation):
            page.retranslate()

    def _on_tab(self, index: int) -> None:
        page = self.widget(index)
        if page is self.fill:
            self.fill.refresh_state()  # the register may have changed how a red line stands
        elif page is self.review:
            self.review.refresh()
        elif page is self.gaps:
            self.gaps.refresh()
        elif page is self.remediation:
            self.remediation.refresh()
