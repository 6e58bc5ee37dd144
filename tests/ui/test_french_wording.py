"""French as French is written: a space before the colon in every "label: value" the app
composes, and the OECD's French name (OCDE) where a reference is shown, never the English id."""

from __future__ import annotations

from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.main_window import MainWindow


def test_the_help_beside_the_questions_writes_french_colons_and_ocde(window: MainWindow) -> None:
    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None
    profile = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))
    assessment = window.service.create(form, profile, language="fr")
    window.switch_language("fr")
    window.open_assessment(assessment.id)
    window.fill.show_criterion("B1")
    help_text = window.fill.side.toPlainText()
    assert "Ligne rouge : un manquement ici" in help_text
    assert "Guide OCDE, annexe II, modèle de politique : Atteintes graves" in help_text
    assert "OECD" not in help_text
    assert "Conventions de l'OIT : C138" in help_text
