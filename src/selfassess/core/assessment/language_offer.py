"""The assessment's language and the interface's: an assessment always shows its questions in its
own language, while the interface (menus, buttons, reports) stays in the language the user chose.
When the two differ, the app offers once per assessment to switch the interface to the
assessment's language; the answer (Switch or Keep) is remembered in settings.json so that the
offer is not made again for that assessment."""

from __future__ import annotations

from pathlib import Path

from selfassess.core.i18n import LANGUAGES
from selfassess.core.preferences import (
    MAX_REMEMBERED_ASSESSMENTS,
    load_preferences,
    save_preference,
)
from selfassess.core.store.records import Assessment

OFFERS_KEY = "language_offers_answered"


def language_to_offer(home: Path, assessment: Assessment, interface_language: str) -> str | None:
    """The assessment's language when the interface should offer to switch to it: it differs
    from `interface_language` and the offer was not answered before; else None."""
    if assessment.language == interface_language or assessment.language not in LANGUAGES:
        return None
    if assessment.id in load_preferences(home).get(OFFERS_KEY, ()):
        return None
    return assessment.language


def offer_answered(home: Path, assessment_id: str) -> None:
    """Remember that the offer for `assessment_id` was answered (the latest kept last, the
    oldest forgotten past MAX_REMEMBERED_ASSESSMENTS). Raises a UserError when settings.json
    cannot be read or written."""
    answered = [i for i in load_preferences(home).get(OFFERS_KEY, ()) if i != assessment_id]
    answered.append(assessment_id)
    save_preference(home, OFFERS_KEY, answered[-MAX_REMEMBERED_ASSESSMENTS:])
