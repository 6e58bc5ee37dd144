"""The new-assessment wizard's practices and supply chain: mechanisation, certifications ("No
certification" alone), and the countries the minerals come from and pass through, refused at
the field in the interface language when they are not ISO codes; the wizard fits a 1024x600
screen, its pages scrolling rather than cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from selfassess.core.i18n import translate
from selfassess.core.risk.table import built_in_table
from selfassess.ui.dialogs.new_assessment import NewAssessmentWizard
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow

QUICK_SCAN = "Responsible minerals quick scan (0.3.0)"
FULL = "Responsible minerals self-assessment (2.0.0)"


def opened(window: MainWindow, qtbot: QtBot) -> NewAssessmentWizard:
    wizard = NewAssessmentWizard(window.service, window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.profile_page.organisation, "Comptoir de Bukavu")
    wizard.profile_page.entity.setCurrentIndex(wizard.profile_page.entity.findData("trader"))
    wizard.next()
    assert wizard.currentPage() is wizard.practice_page
    return wizard


def test_practices_and_supply_chain_through_the_wizard(window: MainWindow, qtbot: QtBot) -> None:
    wizard = opened(window, qtbot)
    page = wizard.practice_page
    assert page.mechanisation.currentData() is None  # "not said" until chosen
    page.mechanisation.setCurrentIndex(page.mechanisation.findData("semi_mechanised"))
    page.certifications["rmap"].click()
    page.certifications["itsci"].click()
    qtbot.keyClicks(page.source_countries, "cd, rw,BI")
    qtbot.keyClicks(page.transit_countries, "ug")
    wizard.next()
    assert wizard.currentPage() is wizard.setup_page
    wizard.setup_page.form.setCurrentIndex(wizard.setup_page.form.findText(QUICK_SCAN))
    wizard.accept()
    assert wizard.created is not None
    profile = window.service.get(wizard.created.id).profile
    assert (profile.organisation, profile.entity_type) == ("Comptoir de Bukavu", "trader")
    assert profile.certifications == ("rmap", "itsci")
    assert profile.mechanisation == "semi_mechanised"
    assert profile.source_countries == ("CD", "RW", "BI")
    assert profile.transit_countries == ("UG",)


def test_left_alone_the_page_gives_nothing(window: MainWindow, qtbot: QtBot) -> None:
    wizard = opened(window, qtbot)
    wizard.next()
    wizard.setup_page.form.setCurrentIndex(wizard.setup_page.form.findText(QUICK_SCAN))
    wizard.accept()
    assert wizard.created is not None
    profile = window.service.get(wizard.created.id).profile
    assert (profile.certifications, profile.mechanisation) == ((), None)
    assert (profile.source_countries, profile.transit_countries) == ((), ())


def test_no_certification_excludes_the_others(window: MainWindow, qtbot: QtBot) -> None:
    boxes = opened(window, qtbot).practice_page.certifications
    boxes["copper_mark"].click()
    boxes["irma"].click()
    boxes["none"].click()
    assert [key for key, box in boxes.items() if box.isChecked()] == ["none"]
    boxes["better_mining"].click()
    assert [key for key, box in boxes.items() if box.isChecked()] == ["better_mining"]


@pytest.mark.parametrize("language", ["en", "fr", "sw"])
def test_a_country_that_is_not_an_iso_code_is_refused_at_its_field(
    window: MainWindow, qtbot: QtBot, language: str
) -> None:
    set_language(language)
    wizard = opened(window, qtbot)
    page = wizard.practice_page
    qtbot.keyClicks(page.source_countries, "CD, Rwanda")
    qtbot.keyClicks(page.transit_countries, "UG")
    wizard.next()
    assert wizard.currentPage() is page  # held until it is put right
    error = page.errors["source_countries"]
    assert error.isVisible()
    assert error.text() == translate(
        language,
        "source country '{value}' is not an ISO 3166 code such as CD or RW",
        value="RWANDA",
    )
    assert not page.errors["transit_countries"].isVisible()
    assert wizard.focusWidget() is page.source_countries
    page.source_countries.clear()
    qtbot.keyClicks(page.source_countries, "CD, RW")
    assert not error.isVisible()  # gone once the field is edited
    wizard.next()
    assert wizard.currentPage() is wizard.setup_page
    assert window.service.all() == []


def test_finishing_with_a_bad_country_goes_back_to_it(window: MainWindow, qtbot: QtBot) -> None:
    wizard = opened(window, qtbot)
    wizard.next()
    wizard.practice_page.transit_countries.setText("Kenya")  # changed behind the page's back
    wizard.setup_page.form.setCurrentIndex(wizard.setup_page.form.findText(QUICK_SCAN))
    wizard.accept()
    assert wizard.created is None
    assert window.service.all() == []
    assert wizard.currentPage() is wizard.practice_page
    assert wizard.practice_page.errors["transit_countries"].isVisible()


@pytest.mark.parametrize("language", ["en", "fr", "sw"])
def test_the_wizard_fits_a_small_screen(qtbot: QtBot, window: MainWindow, language: str) -> None:
    """1024x600, less a title bar and a task bar: every page shows whole, without scrolling
    sideways; made shorter, a page scrolls down rather than being cut off."""
    set_language(language)
    wizard = NewAssessmentWizard(window.service, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.profile_page.organisation.setText("Kalimbi")
    for page in (wizard.profile_page, wizard.practice_page, wizard.setup_page):
        assert wizard.currentPage() is page
        QCoreApplication.processEvents()
        assert wizard.width() <= 1024
        assert wizard.height() <= 530
        scroll = page.findChild(QScrollArea)
        assert scroll is not None
        assert not scroll.horizontalScrollBar().isVisible()
        wizard.next()  # on the last page, stays there
    wizard.back()
    assert wizard.currentPage() is wizard.practice_page
    wizard.resize(wizard.width(), 300)
    QCoreApplication.processEvents()
    assert wizard.height() == 300
    scroll = wizard.practice_page.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().isVisible()
    scroll.ensureWidgetVisible(wizard.practice_page.transit_countries)
    assert not wizard.practice_page.transit_countries.visibleRegion().isEmpty()


def test_the_last_page_says_whether_enhanced_due_diligence_applies_and_why(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A trader buying from the DRC: enhanced questions added, naming the country, the risk data
    and its date; back to take the DRC off its sources, the notice is judged again."""
    wizard = opened(window, qtbot)
    qtbot.keyClicks(wizard.practice_page.source_countries, "CD")
    wizard.next()
    setup = wizard.setup_page
    setup.form.setCurrentIndex(setup.form.findText(FULL))
    notice = setup.edd.text()
    assert "Enhanced due diligence: enhanced questions are added" in notice
    bought = "minerals bought from an origin-risk area: Democratic Republic of the Congo (CD)"
    assert bought in notice
    table = built_in_table()
    assert f"risk data {table.version}, as of {table.as_of.isoformat()}" in notice
    setup.form.setCurrentIndex(setup.form.findText(QUICK_SCAN))
    assert "this questionnaire does not ask the enhanced questions" in setup.edd.text()
    wizard.back()
    wizard.practice_page.source_countries.clear()
    qtbot.keyClicks(wizard.practice_page.source_countries, "CL")
    wizard.next()
    notice = wizard.setup_page.edd.text()
    assert "lists neither this area nor its sources or routes" in notice
    assert "(CD)" not in notice
