"""What the app says about itself matches the package: the licence of pyproject.toml, the
version, and a user guide in each language with every picture it shows."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from selfassess import __version__
from selfassess.core.about import GUIDE_DIR, LICENCE, PRODUCT_NAME, guide_path
from selfassess.core.i18n import LANGUAGES

ROOT = Path(__file__).parents[2]


def test_the_licence_is_the_one_pyproject_declares() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == LICENCE
    assert PRODUCT_NAME == "Selfassess"
    assert __version__


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_guide_in_each_language_whose_pictures_are_shipped(language: str) -> None:
    guide = guide_path(language)
    assert guide.name == f"guide-{language}.html"
    html = guide.read_text(encoding="utf-8")
    assert f'lang="{language}"' in html
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert pictures, "an illustrated guide"
    for picture in pictures:
        assert (GUIDE_DIR / picture).is_file(), picture
        assert picture.endswith(f"-{language}.png")  # the screens in the reader's language
        assert (GUIDE_DIR / picture).stat().st_size < 80_000  # kept small for the installer


def test_an_unknown_language_reads_the_english_guide() -> None:
    assert guide_path("de").name == "guide-en.html"
    assert guide_path("../x").name == "guide-en.html"
