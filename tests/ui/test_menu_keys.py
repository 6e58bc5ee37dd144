"""Each menu of the menu bar opens with its own Alt key, in every language (in French "Aller"
and "Affichage" both took Alt+A, in Swahili "Mwonekano" and "Msaada" both Alt+M)."""

from __future__ import annotations

import pytest

from selfassess.core.i18n import LANGUAGES
from selfassess.ui.main_window import MainWindow


def alt_key(title: str) -> str:
    position = title.replace("&&", "").find("&")
    assert position >= 0, f"{title!r} has no Alt key"
    return title.replace("&&", "")[position + 1].lower()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_menu_has_an_alt_key_of_its_own(window: MainWindow, language: str) -> None:
    window.switch_language(language)
    titles = [action.text() for action in window.menuBar().actions() if action.text()]
    keys = [alt_key(title) for title in titles]
    assert len(titles) >= 5
    assert len(set(keys)) == len(keys), titles
