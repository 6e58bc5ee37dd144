"""The app with hostile questionnaires in `<home>/forms/`: the main window opens, one notice on the
home screen lists each broken form with what is wrong (in the interface language), and work on
the valid forms goes on, a catastrophic pattern included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.forms.hostile import (
    LONG_DIGITS,
    edited,
    long_integer_form,
    lookahead_form,
    pathological_regex_form,
    position_of,
    put_user_forms,
)

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.loader import load_form_text
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store
from selfassess.ui.app import create_window
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow

MWENGA = Profile(organisation="Mwenga", entity_type="asm", minerals=("gold",))


def opened(qtbot: QtBot, home: Path) -> Iterator[MainWindow]:
    main = create_window(home)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.service.store.close()
    set_language("en")


@pytest.fixture
def hostile_window(qtbot: QtBot, isolated_home: Path) -> Iterator[MainWindow]:
    """The app over a home with broken forms, and an assessment of a form whose permit number
    must match `(a+)+$`, answered with text that would make a backtracking engine run for ages."""
    put_user_forms(
        isolated_home,
        {
            "long-integer.yaml": long_integer_form(),
            "lookahead.yaml": lookahead_form(),
            "regex.yaml": pathological_regex_form(),
            "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00",
        },
    )
    form = load_form_text(pathological_regex_form(), "regex.yaml").form
    assert form is not None
    service = AssessmentService(Store.open(isolated_home))
    assessment = service.create(form, MWENGA)
    service.set_answer(assessment.id, "A2.1", "exploitation")
    service.set_answer(assessment.id, "A2.2", "a" * 5000 + "!")
    service.store.close()
    yield from opened(qtbot, isolated_home)


@pytest.fixture
def clean_window(qtbot: QtBot, isolated_home: Path) -> Iterator[MainWindow]:
    put_user_forms(isolated_home, {"good.yaml": edited("good-form", "x", "x")})
    yield from opened(qtbot, isolated_home)


def test_the_main_window_opens_with_one_notice_listing_each_broken_form(
    hostile_window: MainWindow,
) -> None:
    assert hostile_window.loaded
    notice = hostile_window.home.form_notice
    assert notice.isVisible()
    text = notice.text.text()
    line, column = position_of(long_integer_form(), LONG_DIGITS)
    assert (
        f"• long-integer.yaml, line {line}, column {column}: the number 999999999999… has more "
        "than 30 digits"
    ) in text
    assert "• lookahead.yaml, line " in text
    assert "question A2.2: constraints[1].expression:" in text
    assert "• binary.yaml, line 1, column 1: the file is not UTF-8 text" in text
    assert "regex.yaml" not in text  # valid: RE2 runs its pattern in linear time
    assert hostile_window.home.model.rowCount() == 1  # and its assessment is listed


def test_the_notice_speaks_the_interface_language_and_can_be_hidden(
    hostile_window: MainWindow,
) -> None:
    notice = hostile_window.home.form_notice
    hostile_window.switch_language("fr")
    assert notice.text.text().startswith(
        "Ces questionnaires de votre dossier de formulaires ne peuvent pas être utilisés"
    )
    assert "• long-integer.yaml, ligne " in notice.text.text()
    hostile_window.switch_language("sw")
    assert "• long-integer.yaml, mstari " in notice.text.text()
    assert notice.hide_button.text() == "Ficha"
    notice.hide_button.click()
    assert not notice.isVisible()


def test_the_assessment_of_the_catastrophic_pattern_opens_and_says_the_answer_is_wrong(
    hostile_window: MainWindow,
) -> None:
    (assessment,) = hostile_window.service.all()
    hostile_window.open_assessment(assessment.id)
    evaluation = hostile_window.service.evaluate(assessment.id)
    messages = [problem.message for problem in evaluation.states["A2.2"].problems]
    assert messages == ["Like CD-12345."]


def test_no_notice_when_every_user_form_is_valid(clean_window: MainWindow) -> None:
    assert clean_window.loaded
    assert not clean_window.home.form_notice.isVisible()
