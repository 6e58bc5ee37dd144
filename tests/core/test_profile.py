"""The supplier profile as `check_profile` keeps it: closed lists for certifications and
mechanisation, ISO 3166 codes for the countries the minerals come from and pass through, each
refusal naming what is wrong; and the codes as a person types them."""

from __future__ import annotations

import dataclasses

import pytest

from selfassess.cli import grammar
from selfassess.core.errors import InvalidInput
from selfassess.core.profile import (
    CERTIFICATIONS,
    ENTITY_TYPES,
    MECHANISATION,
    MINERALS,
    check_profile,
    country_codes,
)
from selfassess.core.store.records import Profile

TRADER = Profile(
    organisation="Comptoir de Bukavu",
    entity_type="trader",
    country="CD",
    minerals=("tin", "tantalum"),
    certifications=("rmap", "itsci"),
    mechanisation="semi_mechanised",
    source_countries=("CD", "RW", "BI"),
    transit_countries=("UG", "KE"),
)


def test_a_full_profile_is_kept() -> None:
    check_profile(TRADER)
    check_profile(dataclasses.replace(TRADER, certifications=("none",), mechanisation=None))
    check_profile(Profile(organisation="Kalimbi", entity_type="asm"))  # all of it optional


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"certifications": ("itsci", "none")},
            "certifications: 'none' cannot be combined with another certification ('itsci')",
        ),
        (
            {"certifications": ("none", "copper_mark", "irma")},
            "certifications: 'none' cannot be combined with another certification ('copper_mark')",
        ),
        (
            {"certifications": ("fairtrade",)},
            "unknown certification 'fairtrade' (one of copper_mark, rmap, itsci, "
            "better_mining, irma, other, none)",
        ),
        (
            {"mechanisation": "robots"},
            "unknown mechanisation 'robots' (one of manual, semi_mechanised, mechanised)",
        ),
        ({"mechanisation": ""}, "unknown mechanisation '' (one of manual, "),
        (
            {"source_countries": ("CD", "Rwanda")},
            "source country 'Rwanda' is not an ISO 3166 code such as CD or RW",
        ),
        (
            {"source_countries": ("rw",)},
            "source country 'rw' is not an ISO 3166 code such as CD or RW",
        ),
        (
            {"transit_countries": ("UG", "K")},
            "transit country 'K' is not an ISO 3166 code such as CD or RW",
        ),
        (
            {"transit_countries": ("\u0421\u0414",)},  # Cyrillic letters that look like CD
            "transit country '\u0421\u0414' is not an ISO 3166 code",
        ),
    ],
)
def test_a_profile_that_does_not_fit_is_refused_saying_why(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_profile(dataclasses.replace(TRADER, **changes))  # type: ignore[arg-type]
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("cd, RW,bi", ("CD", "RW", "BI")),
        (" UG ,, ug, KE ", ("UG", "KE")),  # empty parts and repeats left out
        ("", ()),
        ("Rwanda", ("RWANDA",)),  # check_profile refuses it
    ],
)
def test_country_codes_as_typed(typed: str, codes: tuple[str, ...]) -> None:
    assert country_codes(typed) == codes


def test_the_command_line_offers_the_same_words_as_core() -> None:
    """The grammar keeps its own copy (so that --help imports nothing heavy)."""
    assert tuple(ENTITY_TYPES) == grammar.ENTITY_TYPES
    assert tuple(MINERALS) == grammar.MINERALS
    assert tuple(CERTIFICATIONS) == grammar.CERTIFICATIONS
    assert tuple(MECHANISATION) == grammar.MECHANISATION
