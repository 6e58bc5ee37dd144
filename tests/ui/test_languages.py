"""The assessment's language and the interface's: an assessment shows its questions in its own
language, the app offers once to switch the interface to it, the interface language is the
user's remembered choice, and the plan reads in the reader's (interface) language."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QRadioButton

from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.app import initial_language
from selfassess.ui.main_window import MainWindow

KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))


def quick_scan() -> Form:
    loaded = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert loaded is not None
    return loaded


def start_in(window: MainWindow, language: str) -> str:
    assessment = window.service.create(quick_scan(), KALIMBI, language=language)
    window.open_assessment(assessment.id)
    return assessment.id


def settings(home: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    return loaded


def test_an_assessment_in_french_shows_french_questions_in_an_english_interface(
    window: MainWindow,
) -> None:
    start_in(window, "fr")
    assert window.tabs.tabText(1) == "Review and finalize"  # the interface stays English
    assert "Avez-vous une politique écrite" in window.fill.widgets["A1.1"].title.text()
    assert "A1" in window.fill.heading.text()
    tree_titles = window.fill.model.data(window.fill.model.index_of("A1"))
    assert "Politique" in str(tree_titles)
    window.fill.show_criterion("A4")  # a yes/no question: its answers in French too
    answers = [b.text() for b in window.fill.widgets["A4.1"].findChildren(QRadioButton)]
    assert answers == ["Oui", "Non", "Je ne sais pas"]
    help_text = window.fill.side.toPlainText()
    assert "What good looks like" in help_text  # the headings are the interface's
    assert "Personne ne verse de pots-de-vin" in help_text  # the form's text the assessment's
    offer = window.language_offer
    assert offer.isVisibleTo(window)
    assert "Français" in offer.text.text()
    assert offer.switch_button.text() == "Switch to Français"
    assert offer.keep_button.text() == "Keep English"


def test_switching_from_the_offer_changes_the_interface_and_is_remembered(
    window: MainWindow, isolated_home: Path
) -> None:
    assessment_id = start_in(window, "fr")
    window.language_offer.switch_button.click()
    assert window.tabs.tabText(1) == "Revue et finalisation"
    assert not window.language_offer.isVisibleTo(window)
    assert settings(isolated_home)["language"] == "fr"
    assert initial_language(isolated_home) == "fr"  # the next start opens in French
    assert settings(isolated_home)["language_offers_answered"] == [assessment_id]


def test_keeping_the_interface_is_remembered_and_not_offered_again(
    window: MainWindow, isolated_home: Path
) -> None:
    assessment_id = start_in(window, "sw")
    window.language_offer.keep_button.click()
    assert not window.language_offer.isVisibleTo(window)
    assert window.tabs.tabText(1) == "Review and finalize"
    assert "Je, mna sera iliyoandikwa" in window.fill.widgets["A1.1"].title.text()
    window.show_home()
    window.open_assessment(assessment_id)
    assert not window.language_offer.isVisibleTo(window)
    assert initial_language(isolated_home) != "sw"
    other = start_in(window, "fr")  # another assessment is offered for itself
    assert window.language_offer.isVisibleTo(window)
    assert other != assessment_id


def test_no_offer_when_the_languages_agree_or_after_switching_from_the_menu(
    window: MainWindow,
) -> None:
    start_in(window, "en")
    assert not window.language_offer.isVisibleTo(window)
    start_in(window, "fr")
    assert window.language_offer.isVisibleTo(window)
    window.switch_language("fr")  # from the View menu: nothing left to offer
    assert not window.language_offer.isVisibleTo(window)


def test_plan_actions_read_in_the_interface_language(window: MainWindow) -> None:
    form = quick_scan()
    assessment_id = start_in(window, "fr")
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[0].click()  # no policy: a gap
    window.switch_language("sw")
    window.tabs.setCurrentWidget(window.gaps)
    plan = window.gaps.plan
    texts = [plan.item(row, 1).text() for row in range(plan.rowCount())]
    write_policy = next(a for c in form.criteria() for a in c.actions if a.id == "A1.write-policy")
    assert write_policy.text["sw"] in texts
    assert write_policy.text["fr"] not in texts
    window.switch_language("fr")
    texts = [plan.item(row, 1).text() for row in range(plan.rowCount())]
    assert write_policy.text["fr"] in texts
    assert window.service.get(assessment_id).language == "fr"
