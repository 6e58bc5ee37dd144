"""Every message id the code translates exists in the French and Swahili catalogs, with the same
placeholders, and no catalog keeps ids the code no longer uses."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

import selfassess
from selfassess.core.i18n import LANGUAGES, translate

SRC = Path(selfassess.__file__).parent


def message_ids() -> set[str]:
    """String literals passed to translate(language, MSG), N_(MSG), or the helpers that wrap
    translate with the language at hand: validation's text(MSG), the gap engine's say(MSG)
    the app's tr(MSG) and the printed pack's t(MSG)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            position = {"translate": 1, "text": 0, "say": 0, "tr": 0, "t": 0, "of": 0, "N_": 0}.get(
                name
            )
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return found


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_the_code_has_messages_to_translate() -> None:
    assert "An answer is required." in message_ids()


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_catalog_is_complete_and_current(language: str) -> None:
    catalog = json.loads((SRC / "locale" / f"{language}.json").read_text(encoding="utf-8"))
    ids = message_ids()
    assert sorted(ids - set(catalog)) == [], "untranslated"
    assert sorted(set(catalog) - ids) == [], "no longer used"
    for message, translation in catalog.items():
        assert translation.strip(), message  # "Cobalt" or "Date" may rightly stay the same
        assert placeholders(translation) == placeholders(message), message


def test_translate_fills_placeholders_and_falls_back_to_english() -> None:
    assert translate("fr", "{count} files are needed.", count=2) == "Il faut 2 fichiers."
    assert translate("sw", "An answer is required.") == "Jibu linahitajika."
    assert translate("xx", "An answer is required.") == "An answer is required."
