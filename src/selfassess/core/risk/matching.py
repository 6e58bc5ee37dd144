"""Finding a supplier's province in the risk table however it was written: by its ISO 3166-2
code (`CD-SK`, or `SK` beside country CD) or by its name in any of our languages or a common
spelling (`Sud-Kivu`, `South Kivu`, `Kivu Kusini`, `sud kivu`), compared without case, accents,
hyphens or spaces."""

from __future__ import annotations

import re
import unicodedata

from selfassess.core.risk.table import Area, RiskTable

_NOT_LETTERS = re.compile(r"[^0-9a-z]+")


def squeezed(text: str) -> str:
    """`text` folded for comparison: no case, accents, punctuation or spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_LETTERS.sub("", bare)


def country_area(table: RiskTable, country: str | None) -> Area | None:
    if not country:
        return None
    return table.area(country.strip().upper())


def province_area(table: RiskTable, country: str | None, province: str | None) -> Area | None:
    """The listed subdivision the supplier's `province` names, in `country` when given."""
    if not province or not province.strip():
        return None
    wanted = province.strip().upper()
    candidates = [
        area
        for area in table.areas
        if "-" in area.code and (not country or area.country == country.strip().upper())
    ]
    for area in candidates:
        if wanted in (area.code, area.code.split("-", 1)[1]) and (country or wanted == area.code):
            return area
    folded = squeezed(province)
    for area in candidates:
        spellings = [*area.names.values(), *area.aliases]
        if folded and folded in {squeezed(name) for name in spellings}:
            return area
    return None
