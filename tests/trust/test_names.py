"""One organisation, one key in the pin list; look-alike names flagged; texts from a certificate
shown with their control characters visible."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from selfassess.core.storable import visible
from selfassess.core.trust.names import mixes_scripts, normalised_name, organisation_key

GENUINE = "Coopérative Minière de Kalimbi"


def test_the_same_name_written_otherwise_is_one_organisation() -> None:
    key = organisation_key(GENUINE, "CD")
    variants = [
        unicodedata.normalize("NFD", GENUINE),  # decomposed accents
        "Coopérative\u200b Minière de Kalimbi",  # a zero-width space
        "Cooperative Miniere de Kalimbi",  # no accents
        "COOPÉRATIVE  minière de   KALIMBI ",  # case and spacing
        "Coopérative Minière de Kalimbi.",  # punctuation
        "Coopérative-Minière de Kalimbi",
        "\u202eCoopérative Minière de Kalimbi",  # a bidi override
        "\uff23\uff4f\uff4f\uff50érative Minière de Kalimbi",  # full-width letters (NFKC)
    ]
    assert {organisation_key(variant, "cd") for variant in variants} == {key}


def test_another_name_or_country_is_another_organisation() -> None:
    key = organisation_key(GENUINE, "CD")
    assert organisation_key("Coopérative Minière de Kalimba", "CD") != key
    assert organisation_key(GENUINE, "RW") != key


def test_a_look_alike_name_mixing_scripts_is_flagged() -> None:
    assert mixes_scripts("K\u0430limbi")  # a Cyrillic a
    assert not mixes_scripts(GENUINE)
    assert not mixes_scripts("Уширика")  # all Cyrillic
    assert not mixes_scripts("東京ウラン")  # kanji and katakana are written together


@given(st.text(max_size=40))
def test_normalising_is_stable(name: str) -> None:
    once = normalised_name(name)
    assert normalised_name(once) == once


def test_control_and_format_characters_are_shown_not_obeyed() -> None:
    forged = "Kalimbi\nfingerprint   0000 0000\x1b[8m hidden\u202e"
    shown = visible(forged)
    assert "\n" not in shown
    assert "\x1b" not in shown
    assert "\u202e" not in shown
    assert "<U+000A>" in shown
    assert "<U+001B>" in shown
    assert shown.startswith("Kalimbi")
    assert visible("Coopérative « Tuungane » 🌍") == "Coopérative « Tuungane » 🌍"
