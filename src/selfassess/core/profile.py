"""The supplier profile's vocabulary: the fields that applicability expressions may use, and
the check that a profile fits them and the store (`check_profile`).

Entity types and minerals are closed lists, so that a form saying `profile.entity_type = 'asm_coop'`
is caught when it loads rather than silently never matching.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Final, Protocol

from selfassess.core.errors import InvalidInput
from selfassess.core.i18n import N_
from selfassess.core.storable import (
    NAME_LIMIT,
    optional_text,
    shown,
    storable_integer,
    storable_text,
)

MAX_WORKFORCE = 10_000_000  # more workers than any mining employer has; beyond it, a typing slip


class EntityType(StrEnum):
    """What kind of business the supplier is."""

    ASM = "asm"  # artisanal or small-scale mining site or cooperative
    INDUSTRIAL_MINE = "industrial_mine"
    PROCESSOR = "processor"  # processor, smelter or refiner
    TRADER = "trader"  # trader, comptoir or exporter
    OTHER = "other"


class Mineral(StrEnum):
    """The minerals a supplier produces, processes or trades."""

    TIN = "tin"
    TANTALUM = "tantalum"
    TUNGSTEN = "tungsten"
    GOLD = "gold"
    COBALT = "cobalt"
    COPPER = "copper"
    OTHER = "other"


class ProfileFieldKind(StrEnum):
    """The value kind of a profile field, as the expression language sees it."""

    TEXT = "text"
    NUMBER = "number"
    LIST = "list"


# field name -> (kind, closed set of allowed values or None)
PROFILE_FIELDS: Final[dict[str, tuple[ProfileFieldKind, frozenset[str] | None]]] = {
    "entity_type": (ProfileFieldKind.TEXT, frozenset(e.value for e in EntityType)),
    "minerals": (ProfileFieldKind.LIST, frozenset(m.value for m in Mineral)),
    "workforce_size": (ProfileFieldKind.NUMBER, None),
    "country": (ProfileFieldKind.TEXT, None),
    "province": (ProfileFieldKind.TEXT, None),
    "organisation": (ProfileFieldKind.TEXT, None),
    "site": (ProfileFieldKind.TEXT, None),
}


# How entity types and minerals read (message ids for the interface and the printed pack).
ENTITY_TYPES = {
    "asm": N_("Artisanal site or cooperative"),
    "industrial_mine": N_("Industrial mine"),
    "processor": N_("Processor or smelter"),
    "trader": N_("Trader or exporter"),
    "other": N_("Other"),
}
MINERALS = {
    "tin": N_("Tin"),
    "tantalum": N_("Tantalum"),
    "tungsten": N_("Tungsten"),
    "gold": N_("Gold"),
    "cobalt": N_("Cobalt"),
    "copper": N_("Copper"),
    "other": N_("Other"),
}


class ProfileFields(Protocol):
    """What `check_profile` reads of a profile (the store's `Profile` record has it)."""

    @property
    def organisation(self) -> str: ...
    @property
    def entity_type(self) -> str: ...
    @property
    def site(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def province(self) -> str | None: ...
    @property
    def minerals(self) -> Sequence[str]: ...
    @property
    def workforce_size(self) -> int | None: ...
    @property
    def contact(self) -> str | None: ...


def check_profile(profile: ProfileFields) -> None:
    """Refuse a profile the store cannot keep or the forms cannot use, naming the field."""
    organisation = storable_text(
        profile.organisation, "organisation", limit=NAME_LIMIT, one_line=True
    )
    if not organisation.strip():
        raise InvalidInput.of("the supplier's organisation name is required")
    for field in ("site", "province", "contact"):
        optional_text(getattr(profile, field), field, limit=NAME_LIMIT, one_line=True)
    if profile.entity_type not in ENTITY_TYPES:
        raise InvalidInput.of(
            "unknown entity type '{value}' (one of {options})",
            value=shown(profile.entity_type),
            options=", ".join(ENTITY_TYPES),
        )
    unknown = [mineral for mineral in profile.minerals if mineral not in MINERALS]
    if unknown:
        raise InvalidInput.of(
            "unknown mineral '{value}' (one of {options})",
            value=shown(unknown[0]),
            options=", ".join(MINERALS),
        )
    country = profile.country
    if country is not None and not (len(country) == 2 and country.isascii() and country.isupper()):
        raise InvalidInput.of(
            "country '{value}' is not an ISO 3166 code such as CD or RW", value=shown(country)
        )
    if profile.workforce_size is not None:
        storable_integer(profile.workforce_size, "the workforce size", 0, MAX_WORKFORCE)
