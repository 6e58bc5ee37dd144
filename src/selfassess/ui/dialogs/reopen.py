"""Reopening a finalized assessment, from the review page or the questions page's banner: the
reason is asked first (it is audited), and a refusal is said in the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import UserError
from selfassess.ui.dialogs.ask import ask_text
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import tr


def reopen_with_reason(service: AssessmentService, assessment_id: str, parent: QWidget) -> bool:
    """True when the assessment was reopened; False when cancelled or refused (said)."""
    reason = ask_text(parent, tr("Reopen"), tr("Why is it reopened?"))
    if reason is None:
        return False
    try:
        service.reopen(assessment_id, reason)
    except UserError as error:
        show_error(parent, error)
        return False
    return True
