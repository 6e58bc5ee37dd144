"""A criterion's questions are built once and kept while the assessment is open (issue 16's
switch figure): coming back to one shows its answers as they are now, changed elsewhere or
not, and a new language or another assessment builds them again."""

from __future__ import annotations

from tests.ui.test_flows import start

from selfassess.ui.main_window import MainWindow


def test_coming_back_shows_the_answer_as_it_is_now(window: MainWindow) -> None:
    assessment_id = start(window, "self-assessment")
    window.fill.show_criterion("B1")
    kept = window.fill.widgets["B1.1"]
    assert kept.value() is None
    window.fill.show_criterion("B2")
    other = next(iter(window.fill.widgets.values()))
    window.service.set_answer(assessment_id, "B1.1", "no")  # changed while B2 was shown
    window.fill.show_criterion("B1")
    assert window.fill.widgets["B1.1"] is kept  # not built again
    assert kept.value() is False  # "no"
    assert kept.isVisibleTo(window)
    assert not other.isVisibleTo(window)  # B2's questions are put away


def test_a_new_language_builds_the_questions_again(window: MainWindow) -> None:
    start(window, "self-assessment")
    window.fill.show_criterion("B1")
    before = window.fill.widgets["B1.1"]
    window.switch_language("fr")
    assert window.fill.widgets["B1.1"] is not before
    assert window.fill.widgets["B1.1"].read_button.toolTip().startswith("Lire")
