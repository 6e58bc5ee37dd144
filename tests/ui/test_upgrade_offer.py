"""Opening an assessment filled on an older questionnaire offers its upgrade, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from selfassess.core.demo import create_demo
from selfassess.core.forms.loader import load_form
from selfassess.ui.main_window import MainWindow
from selfassess.ui.upgrade import offer

VERSION_1 = Path(__file__).parents[1] / "data" / "self-assessment-1.0.0.yaml"


def old_assessment(window: MainWindow) -> str:
    form = load_form(VERSION_1).form
    assert form is not None
    return create_demo(window.service, form, seed=5)


def test_an_accepted_offer_opens_the_upgraded_assessment(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_id = old_assessment(window)
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(
        offer, "confirm", lambda _p, _t, question, _a: asked.append(question) or True
    )
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text) or 0
    )
    window.open_assessment(old_id)
    assert "version 1.0.0" in asked[0]
    assert "Version 2.0.0" in asked[0]
    opened = window.fill.assessment
    assert opened is not None
    assert (opened.form_version, opened.id != old_id) == ("2.0.0", True)
    assert "answers were carried to version 2.0.0" in told[0]
    assert window.service.get(old_id).form_version == "1.0.0"  # stays as it is


def test_a_declined_offer_opens_the_old_assessment_and_is_not_asked_again(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_id = old_assessment(window)
    asked: list[str] = []
    monkeypatch.setattr(
        offer, "confirm", lambda _p, _t, question, _a: asked.append(question) and False
    )
    window.open_assessment(old_id)
    window.open_assessment(old_id)
    assert len(asked) == 1
    assert window.fill.assessment is not None
    assert window.fill.assessment.id == old_id
    assert len(window.service.all()) == 1
