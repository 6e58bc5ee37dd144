"""The supplier profile's vocabulary: the fields that applicability expressions may use, and
the check that a profile fits them and the store (`check_profile`).

Entity types, minerals, certifications and mechanisation are closed lists, so that a form saying
`profile.entity_type = 'asm_coop'` is caught when it loads rather than silently never matching.
Countries (where the site is, where the minerals bought come from, where they pass through) are
ISO 3166 alpha-2 codes.
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


class Certification(StrEnum):
    """A certification or assurance scheme the supplier takes part in."""

    COPPER_MARK = "copper_mark"  # The Copper Mark
    RMAP = "rmap"  # RMI Responsible Minerals Assurance Process
    ITSCI = "itsci"
    BETTER_MINING = "better_mining"
    IRMA = "irma"
    OTHER = "other"
    NONE = "none"  # none at all: never with another


class Mechanisation(StrEnum):
    """How the supplier mines or processes."""

    MANUAL = "manual"  # hand tools only
    SEMI_MECHANISED = "semi_mechanised"  # some machines: pumps, crushers, compressors
    MECHANISED = "mechanised"  # mechanised mining or processing


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
    "certifications": (ProfileFieldKind.LIST, frozenset(c.value for c in Certification)),
    "mechanisation": (ProfileFieldKind.TEXT, frozenset(m.value for m in Mechanisation)),
    "source_countries": (ProfileFieldKind.LIST, None),
    "transit_countries": (ProfileFieldKind.LIST, None),
}


# How entity types, minerals, certifications and mechanisation read (message ids for the
# interface and the printed pack).
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
CERTIFICATIONS = {
    "copper_mark": N_("The Copper Mark"),
    "rmap": N_("RMAP (RMI Responsible Minerals Assurance Process)"),
    "itsci": N_("ITSCI"),
    "better_mining": N_("Better Mining"),
    "irma": N_("IRMA"),
    "other": N_("Other"),
    "none": N_("No certification"),
}
MECHANISATION = {
    "manual": N_("Manual (hand tools only)"),
    "semi_mechanised": N_("Semi-mechanised (some machines: pumps, crushers, compressors)"),
    "mechanised": N_("Mechanised mining or processing"),
}
# How a refused country code of each list is reported.
_COUNTRY_LISTS = {
    "source_countries": N_("source country '{value}' is not an ISO 3166 code such as CD or RW"),
    "transit_countries": N_("transit country '{value}' is not an ISO 3166 code such as CD or RW"),
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
    @property
    def certifications(self) -> Sequence[str]: ...
    @property
    def mechanisation(self) -> str | None: ...
    @property
    def source_countries(self) -> Sequence[str]: ...
    @property
    def transit_countries(self) -> Sequence[str]: ...


ISO_3166_COUNTRIES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 (a block of codes reads better than 249 quoted strings)
)
"""The officially assigned ISO 3166-1 alpha-2 codes (249; Kosovo's XK is user-assigned)."""


def is_country_code(value: object) -> bool:
    """Whether `value` is an assigned ISO 3166 alpha-2 code, in capitals, such as CD (DC or ZZ
    are not: a mistyped country would silently escape the risk data)."""
    return isinstance(value, str) and value in ISO_3166_COUNTRIES


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
    if country is not None and not is_country_code(country):
        raise InvalidInput.of(
            "country '{value}' is not an ISO 3166 code such as CD or RW", value=shown(country)
        )
    _check_province_country(profile.province, country)
    if profile.workforce_size is not None:
        storable_integer(profile.workforce_size, "the workforce size", 0, MAX_WORKFORCE)
    _check_certifications(profile.certifications)
    mechanisation = profile.mechanisation
    if mechanisation is not None and not (
        isinstance(mechanisation, str) and mechanisation in MECHANISATION
    ):
        raise InvalidInput.of(
            "unknown mechanisation '{value}' (one of {options})",
            value=shown(mechanisation),
            options=", ".join(MECHANISATION),
        )
    for field in _COUNTRY_LISTS:
        check_country_list(field, getattr(profile, field))


def _check_certifications(certifications: Sequence[str]) -> None:
    unknown = [c for c in certifications if not (isinstance(c, str) and c in CERTIFICATIONS)]
    if unknown:
        raise InvalidInput.of(
            "unknown certification '{value}' (one of {options})",
            value=shown(unknown[0]),
            options=", ".join(CERTIFICATIONS),
        )
    others = [c for c in certifications if c != Certification.NONE]
    if others and len(others) < len(certifications):
        raise InvalidInput.of(
            "certifications: 'none' cannot be combined with another certification ('{value}')",
            value=shown(others[0]),
        )


def _check_province_country(province: str | None, country: str | None) -> None:
    """A province written as an ISO 3166-2 code (CD-SK) belongs to the profile's country."""
    if not province or country is None:
        return
    code = province.strip().upper()
    if len(code) >= 4 and code[2] == "-" and code[:2].isalpha() and code[:2] != country:
        raise InvalidInput.of(
            "province {province} is in {code}, not in the country given ({country})",
            province=shown(province),
            code=code[:2],
            country=country,
        )


def check_country_list(field: str, codes: Sequence[str]) -> None:
    """Refuse the first of `codes` that is not an ISO 3166 code, saying which list (`field`:
    source_countries or transit_countries) holds it."""
    for code in codes:
        if not is_country_code(code):
            raise InvalidInput.of(_COUNTRY_LISTS[field], value=shown(code))


def country_codes(text: str) -> tuple[str, ...]:
    """Country codes as a person types them, separated by commas ("cd, RW,"): each trimmed and
    in capitals, empty ones and repeats left out. Not checked: `check_profile` does that."""
    codes = (part.strip() for part in text.split(","))
    codes = (code.upper() if code.isascii() else code for code in codes)
    return tuple(dict.fromkeys(code for code in codes if code))
