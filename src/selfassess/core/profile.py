"""The supplier profile's vocabulary: the fields that applicability expressions may use.

Entity types and minerals are closed lists, so that a form saying `profile.entity_type = 'asm_coop'`
is caught when it loads rather than silently never matching.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from selfassess.core.i18n import N_


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
