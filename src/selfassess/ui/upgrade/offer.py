"""When an assessment filled on an older version of its questionnaire is opened, the app offers
its upgrade once per session: a new draft on the newest version carrying every answer that fits
(`core.assessment.upgrade`); the older assessment stays as it is, readable and exportable. After
the upgrade, a message says what was carried and how many questions need an answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.assessment.upgrade import newest_form, upgrade
from selfassess.core.errors import UserError
from selfassess.ui.dialogs.ask import confirm
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import tr

_offered: set[str] = set()


def offer_upgrade(
    parent: QWidget, home: Path, service: AssessmentService, assessment_id: str
) -> str | None:
    """The id of the upgraded assessment when the user accepts the offer; None otherwise (no
    newer version, already offered in this session, read-only store, or declined)."""
    if assessment_id in _offered or not service.store.writable:
        return None
    assessment = service.get(assessment_id)
    form = newest_form(home, assessment)
    if form is None:
        return None
    _offered.add(assessment_id)
    question = tr(
        "This assessment was filled on version {old} of the questionnaire. Version {new} "
        "judges the red lines as the standards define them and asks new questions. Start an "
        "upgraded copy that carries every answer? This assessment stays as it is.",
        old=assessment.form_version,
        new=form.version,
    )
    if not confirm(parent, tr("A newer questionnaire"), question, tr("Upgrade")):
        return None
    try:
        result = upgrade(service, assessment_id, form)
    except UserError as error:
        show_error(parent, error, tr("The assessment was not upgraded."))
        return None
    QMessageBox.information(
        parent,
        tr("A newer questionnaire"),
        tr(
            "{carried} answers were carried to version {new}. {count} questions need an "
            "answer: Review and finalize lists them.",
            carried=len(result.carried),
            new=form.version,
            count=result.questions_to_answer,
        ),
    )
    return result.assessment.id
