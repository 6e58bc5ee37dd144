"""The buyer-side values of a supplier and their checks: what the command line and the app accept
from the buyer, what a supplier list may hold, and what a log read from a shared folder must hold
to be applied (a value that does not fit is left out, never applied).

Roles are the buyer's words for a supplier (mine, cooperative, processor, trader, other), taken
from the pack's entity type when the buyer gives none: an artisanal site or cooperative is a
cooperative (artisanal miners in the DRC work through cooperatives), an industrial mine a mine.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from selfassess.core.errors import InvalidInput
from selfassess.core.i18n import N_
from selfassess.core.profile import Certification, Mineral, is_country_code
from selfassess.core.storable import NAME_LIMIT, shown, storable_text

ROLES = {
    "mine": N_("Mine"),
    "cooperative": N_("Cooperative"),
    "processor": N_("Processor"),
    "trader": N_("Trader"),
    "other": N_("Other"),
}
ROLE_OF_ENTITY = {
    "asm": "cooperative",
    "industrial_mine": "mine",
    "processor": "processor",
    "trader": "trader",
    "other": "other",
}
RISKS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
# Where a supplier's risk level comes from (`Supplier.risk_and_why`), in words.
RISK_SOURCES = {
    "buyer": N_("set by you"),
    "enhanced_due_diligence": N_("enhanced due diligence applies to its latest pack"),
    "red_line_breached": N_("its latest pack has a red line breached"),
    "red_line_not_verified": N_("its latest pack leaves a red line not verified"),
    "pack": N_("from its latest pack"),
    "risk_data": N_("the risk data lists its country or province"),
    "unknown": N_("no pack yet, and the risk data does not list its area"),
}
# The Copper Mark's own assurance, and the third-party-audited schemes it recognises as covering
# the same ground (docs/inbox.md): RMI's RMAP (smelters and refiners, the Joint Due Diligence
# Standard's sibling) and IRMA (mine sites). ITSCI and Better Mining are traceability and
# monitoring programmes for artisanal supply chains: counted apart, not as equivalents.
COPPER_MARK_OR_EQUIVALENT = frozenset({"copper_mark", "rmap", "irma"})
MINERALS = tuple(m.value for m in Mineral)
CERTIFICATIONS = tuple(c.value for c in Certification)
NOTE_LIMIT = 2000
# field -> whether the buyer may set it with `supplier set` (the others come from a list only)
FIELDS = (
    "organisation",
    "country",
    "province",
    "internal_id",
    "role",
    "minerals",
    "certifications",
    "risk",
    "risk_reason",
    "enrolled_since",
)
SETTABLE = ("role", "minerals", "certifications", "risk", "risk_reason", "enrolled_since")


def checked(field: str, value: Any) -> Any:
    """`value` for `field` as kept, or an InvalidInput naming the field. None clears a value
    the buyer set (the pack's or the list's is used again)."""
    if value is None:
        return None
    if field in ("organisation", "province", "internal_id", "risk_reason"):
        limit = NOTE_LIMIT if field == "risk_reason" else NAME_LIMIT
        plain = field != "organisation"  # names in every script; the rest a few plain words
        text = storable_text(value, field, limit=limit, one_line=True, plain=plain).strip()
        if field == "organisation" and not text:
            raise InvalidInput.of("{field} is empty", field=field)
        return text or None
    if field == "country":
        return checked_country(value)
    if field == "role":
        return _one_of(field, value, tuple(ROLES))
    if field == "risk":
        return _one_of(field, value, tuple(RISKS))
    if field in ("minerals", "certifications"):
        allowed = MINERALS if field == "minerals" else CERTIFICATIONS
        if not isinstance(value, list):
            raise InvalidInput.of("{field} must be a list", field=field)
        return sorted({_one_of(field, item, allowed) for item in value})
    if field == "enrolled_since":
        return checked_day(field, value)
    raise InvalidInput.of("{field} is not a supplier field", field=field)


def checked_country(value: Any) -> str:
    text = storable_text(value, "country", limit=8, one_line=True).strip().upper()
    if not is_country_code(text):
        raise InvalidInput.of(
            "country '{value}' is not an ISO 3166 code such as CD or RW", value=shown(value)
        )
    return text


def checked_day(field: str, value: Any) -> str:
    try:
        return date.fromisoformat(storable_text(value, field, limit=10, one_line=True)).isoformat()
    except ValueError:
        raise InvalidInput.of(
            "{field} must be a date written YYYY-MM-DD, not '{value}'",
            field=field,
            value=shown(value),
        ) from None


def words(text: str) -> list[str]:
    """A list written in one cell or argument: `tin; gold`, `tin,gold`, `tin gold`."""
    return [part for part in text.replace(";", " ").replace(",", " ").split() if part]


def _one_of(field: str, value: Any, allowed: tuple[str, ...]) -> str:
    text = (
        value.strip().lower().replace("-", "_").replace(" ", "_") if isinstance(value, str) else ""
    )
    if text not in allowed:
        raise InvalidInput.of(
            "{field} '{value}' is not one of: {allowed}",
            field=field,
            value=shown(value),
            allowed=", ".join(allowed),
        )
    return text
