"""Every message id the code translates exists in the French and Swahili catalogs, with the same
placeholders, and no catalog keeps ids the code no longer uses."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

import selfassess
from selfassess.core.i18n import LANGUAGES, plural, translate

SRC = Path(selfassess.__file__).parent


# Where each translating helper takes its message ids: translate(language, MSG), tr(MSG), ...;
# plural(language, ONE, OTHER, count) and tr_plural(ONE, OTHER, count) take two.
POSITIONS = {
    "translate": (1,),
    "text": (0,),
    "say": (0,),
    "tr": (0,),
    "t": (0,),
    "of": (0,),
    "N_": (0,),
    "plural": (1, 2),
    "tr_plural": (0, 1),
}


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
            positions = POSITIONS.get(name, ())
            for position in positions:
                if len(node.args) <= position:
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


def test_no_catalog_writes_a_plural_as_s_in_brackets() -> None:
    """Real plural forms ("1 file", "2 files"), chosen by count, never "file(s)"."""
    for language in LANGUAGES:
        if language == "en":
            continue
        catalog = json.loads((SRC / "locale" / f"{language}.json").read_text(encoding="utf-8"))
        assert [t for t in catalog.values() if "(s)" in t] == [], language
    assert [m for m in message_ids() if "(s)" in m] == []


def test_plurals_follow_each_languages_rule() -> None:
    one, other = (
        "{count} thing to fix before finalizing. Choose it to go to its question.",
        ("{count} things to fix before finalizing. Choose one to go to its question."),
    )
    assert plural("en", one, other, 1).startswith("1 thing to fix")
    assert plural("en", one, other, 0).startswith("0 things to fix")
    assert plural("fr", one, other, 0).startswith("0 point à corriger")  # French: 0 is singular
    assert plural("fr", one, other, 2).startswith("2 points à corriger")


def test_translate_fills_placeholders_and_falls_back_to_english() -> None:
    assert translate("fr", "{count} files are needed.", count=2) == "Il faut 2 fichiers."
    assert translate("sw", "An answer is required.") == "Jibu linahitajika."
    assert translate("xx", "An answer is required.") == "An answer is required."
