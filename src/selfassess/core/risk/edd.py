"""When enhanced due diligence (EDD) applies, from where the minerals come from and pass through
(OECD Guidance, Step 2: red flags of location): the supplier's own country or province listed
as an origin or transit risk, and the countries its minerals are bought from or pass through
(profile: source and transit countries, asked of traders and processors, counted for anyone who
gives them). Each reason names the area, its level, the table's sources and its date.

The other trigger, an answer that is a red flag of Annex II (supplier, circumstances), is read
from the answers themselves (`answers.validation.AnswerView.edd_required`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from selfassess.core.expr.types import Value
from selfassess.core.findings import Finding
from selfassess.core.i18n import N_, translate
from selfassess.core.risk.matching import country_area, province_area
from selfassess.core.risk.table import Area, Level, RiskTable

_LISTED = {
    Level.ORIGIN: N_(
        "the supplier's area is listed as an origin-risk area: {area} ({code}), by {sources}, "
        "as of {as_of}"
    ),
    Level.TRANSIT: N_(
        "the supplier's area is listed as a transit-risk area: {area} ({code}), by {sources}, "
        "as of {as_of}"
    ),
}
_SOURCES = {
    Level.ORIGIN: N_(
        "minerals bought from an origin-risk area: {area} ({code}), by {sources}, as of {as_of}"
    ),
    Level.TRANSIT: N_(
        "minerals bought from a transit-risk area: {area} ({code}), by {sources}, as of {as_of}"
    ),
}
_ROUTES = N_("minerals pass through {level}: {area} ({code}), by {sources}, as of {as_of}")
LEVEL_WORDS = {Level.ORIGIN: N_("an origin-risk area"), Level.TRANSIT: N_("a transit-risk area")}


@dataclass(frozen=True)
class AreaReason(Finding):
    """A reason that names an area: the area's name in the reader's language."""

    names: dict[str, str] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        params = {**self.params, "area": self.names.get(language) or self.params.get("area")}
        if "level" in params:
            params["level"] = translate(language, str(params["level"]))
        return translate(language, self.message_id, **params)


@dataclass(frozen=True)
class AreaDecision:
    """What the risk table says of a supplier's profile: the reasons EDD applies (none when it
    does not), with the table's version and date."""

    reasons: tuple[Finding, ...]
    version: str
    as_of: date
    stated: bool = False  # taken as a pack stated it (its table version is not on this computer)

    @property
    def required(self) -> bool:
        return bool(self.reasons)


def area_decision(table: RiskTable, profile: Mapping[str, Value]) -> AreaDecision:
    """Why EDD applies to a supplier with this profile, by the table (module docstring)."""
    country = _text(profile.get("country"))
    reasons: list[Finding] = []
    own = province_area(table, country, _text(profile.get("province"))) or country_area(
        table, country
    )
    if own is not None:
        reasons.append(_reason(_LISTED[own.level], own, table))
    for area in _listed(table, profile.get("source_countries")):
        reasons.append(_reason(_SOURCES[area.level], area, table))
    for area in _listed(table, profile.get("transit_countries")):
        reasons.append(_reason(_ROUTES, area, table))
    return AreaDecision(tuple(reasons), table.version, table.as_of)


def stated_decision(required: bool, version: str, as_of: date) -> AreaDecision:
    """A decision taken as a pack states it, when its table is not on this computer."""
    reason = Finding.of("the pack states that its area calls for enhanced due diligence")
    return AreaDecision((reason,) if required else (), version, as_of, stated=True)


def _listed(table: RiskTable, codes: Value) -> list[Area]:
    if not isinstance(codes, Sequence) or isinstance(codes, str):
        return []
    found = [country_area(table, code) for code in codes if isinstance(code, str)]
    return [area for area in found if area is not None]


def _reason(message: str, area: Area, table: RiskTable) -> AreaReason:
    sources = ", ".join(s.short for s in (table.source(i) for i in area.sources) if s is not None)
    params: dict[str, object] = {
        "area": area.name("en"),
        "code": area.code,
        "sources": sources,
        "as_of": table.as_of.isoformat(),
    }
    if "{level}" in message:
        params["level"] = LEVEL_WORDS[area.level]  # a message id, worded in text()
    return AreaReason(message, params, names=dict(area.names))


def _text(value: Value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
