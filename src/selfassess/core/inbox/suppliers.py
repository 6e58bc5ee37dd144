"""The buyer's suppliers on a given day: every organisation with an accepted pack or on the
buyer's list, keyed as the pin list keys organisations (country and normalised name), with its
packs, the buyer's own values and notes.

A value the buyer set (`supplier set`) wins; else the latest pack's profile; else the buyer's
list. Risk is the buyer's when set (with the reason), else from the latest pack: high when
enhanced due diligence applies or a red line is breached, medium when a red line is not
verified, low otherwise; for a supplier without a pack, the risk on the buyer's list (with its
reason), else high when the risk data lists its country or province, else not known. So a list
imported again never lowers the risk a signed pack gives. Packs in quarantine never make or
change a supplier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from selfassess.core.errors import UserError
from selfassess.core.findings import Finding
from selfassess.core.inbox.buyer_log import BuyerRecords, Event
from selfassess.core.inbox.index import PackRow
from selfassess.core.inbox.values import COPPER_MARK_OR_EQUIVALENT, ROLE_OF_ENTITY, checked
from selfassess.core.risk.table import RiskTable


@dataclass
class Supplier:
    key: str
    organisation: str = ""
    country: str = ""
    packs: list[PackRow] = field(default_factory=list)  # accepted, oldest first
    listed: dict[str, Any] = field(default_factory=dict)  # from the buyer's list
    own: dict[str, Any] = field(default_factory=dict)  # set by the buyer
    own_by: dict[str, str] = field(default_factory=dict)  # field -> "who, day"
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # day, who, text
    registered_on: str | None = None
    area_listed: bool = False  # the risk data lists its country or province

    @property
    def latest(self) -> PackRow | None:
        return self.packs[-1] if self.packs else None

    @property
    def province(self) -> str | None:
        return self._profile("province") or self.listed.get("province")

    @property
    def internal_id(self) -> str | None:
        return self.listed.get("internal_id")

    @property
    def role(self) -> str | None:
        if "role" in self.own:
            return str(self.own["role"])
        entity = self._profile("entity_type")
        return ROLE_OF_ENTITY.get(str(entity)) if entity else self.listed.get("role")

    @property
    def minerals(self) -> list[str]:
        return self._list("minerals")

    @property
    def certifications(self) -> list[str]:
        return self._list("certifications")

    @property
    def copper_mark_or_equivalent(self) -> bool:
        return bool(COPPER_MARK_OR_EQUIVALENT & set(self.certifications))

    @property
    def enrolled_since(self) -> str | None:
        value = self.own.get("enrolled_since")
        return str(value) if value else None

    @property
    def risk(self) -> str | None:
        return self.risk_and_why[0]

    @property
    def risk_and_why(self) -> tuple[str | None, str]:
        """The risk level and where it comes from: `buyer`, `enhanced_due_diligence`,
        `red_line_breached`, `red_line_not_verified`, `pack`, `risk_data` or `unknown`."""
        if "risk" in self.own:
            return str(self.own["risk"]), "buyer"
        latest = self.latest
        if latest is None and self.listed.get("risk"):
            return str(self.listed["risk"]), "buyer"  # on the buyer's list, with its reason
        if latest is None:
            return ("high", "risk_data") if self.area_listed else (None, "unknown")
        edd = latest.facts.get("edd")
        statuses = set(latest.facts.get("red_lines", {}).values())
        if edd and edd.get("required"):
            return "high", "enhanced_due_diligence"
        if "breached" in statuses:
            return "high", "red_line_breached"
        if edd is None and self.area_listed:
            return "high", "risk_data"
        if "not_verified" in statuses:
            return "medium", "red_line_not_verified"
        return "low", "pack"

    @property
    def risk_reason(self) -> str | None:
        """Why the buyer set the risk (with `supplier set`, or on its list), when it did."""
        if self.risk_and_why[1] != "buyer":
            return None
        reason = (
            self.own.get("risk_reason") if "risk" in self.own else self.listed.get("risk_reason")
        )
        return str(reason) if reason else None

    def _profile(self, name: str) -> Any:
        latest = self.latest
        return latest.facts.get("profile", {}).get(name) if latest else None

    def _list(self, name: str) -> list[str]:
        if name in self.own:
            return list(self.own[name])
        value = self._profile(name) if self.latest else self.listed.get(name)
        return [item for item in value or [] if item != "none"]


@dataclass
class Portfolio:
    as_of: date
    suppliers: dict[str, Supplier] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)

    def ordered(self) -> list[Supplier]:
        return sorted(self.suppliers.values(), key=lambda s: (s.organisation.casefold(), s.key))


def portfolio_of(
    rows: list[PackRow], records: BuyerRecords, as_of: date, table: RiskTable
) -> Portfolio:
    """The suppliers as of the end of `as_of`: packs declared by then, records made by then."""
    day = as_of.isoformat()
    found = Portfolio(as_of)
    for row in sorted(rows, key=_pack_order):
        if row.accepted and row.supplier_key and (row.assessed_on or "") <= day:
            supplier = found.suppliers.setdefault(row.supplier_key, Supplier(row.supplier_key))
            supplier.packs.append(row)
            supplier.organisation = row.organisation or supplier.organisation
            supplier.country = row.country or supplier.country
            if supplier.registered_on is None:
                supplier.registered_on = row.assessed_on
    for event in records.events:
        if event.day <= day and event.supplier:
            _apply(found, event)
    for supplier in found.suppliers.values():
        supplier.area_listed = _area_listed(table, supplier)
    return found


def _pack_order(row: PackRow) -> tuple[str, str, int, str]:
    return (row.assessed_on or "", row.finalized_at or "", row.revision or 0, row.sha256)


def _apply(found: Portfolio, event: Event) -> None:
    key = str(event.supplier)
    supplier = found.suppliers.get(key)
    if event.kind == "register":
        supplier = found.suppliers.setdefault(key, Supplier(key))
        _register(supplier, event, found.problems)
    elif supplier is None:
        return  # records of a supplier not (yet) known on that day
    elif event.kind == "set":
        _set(supplier, event, found.problems)
    elif event.kind == "note":
        text = event.values.get("text")
        if isinstance(text, str) and text.strip():
            supplier.notes.append((event.day, event.by, text[:2000]))


def _register(supplier: Supplier, event: Event, problems: list[Finding]) -> None:
    values = _fitting(event, problems)
    for name in (
        "organisation",
        "country",
        "province",
        "internal_id",
        "role",
        "minerals",
        "certifications",
    ):
        if values.get(name) is not None:
            supplier.listed[name] = values[name]
    supplier.organisation = supplier.organisation or str(values.get("organisation") or "")
    supplier.country = supplier.country or str(values.get("country") or "")
    if supplier.registered_on is None or event.day < supplier.registered_on:
        supplier.registered_on = event.day
    if values.get("risk"):  # counts only until a pack comes (a listed value, with its reason)
        supplier.listed["risk"] = values["risk"]
        supplier.listed["risk_reason"] = values.get("risk_reason")
    if values.get("enrolled_since"):
        _own(supplier, {"enrolled_since": values["enrolled_since"]}, event)


def _set(supplier: Supplier, event: Event, problems: list[Finding]) -> None:
    values = _fitting(event, problems)
    for name, value in values.items():
        if value is None:
            supplier.own.pop(name, None)
            supplier.own_by.pop(name, None)
    _own(supplier, {k: v for k, v in values.items() if v is not None}, event)


def _own(supplier: Supplier, values: dict[str, Any], event: Event) -> None:
    for name, value in values.items():
        supplier.own[name] = value
        supplier.own_by[name] = f"{event.by}, {event.day}"
    if "risk" in values and "risk_reason" not in values:
        supplier.own.pop("risk_reason", None)


def _fitting(event: Event, problems: list[Finding]) -> dict[str, Any]:
    """The event's values that fit; one that does not is left out and said."""
    kept: dict[str, Any] = {}
    for name, value in event.values.items():
        try:
            kept[name] = checked(name, value)
        except UserError:
            problems.append(
                Finding.of(
                    "a record of {machine} made on {day} holds a {field} that does not fit: "
                    "left out",
                    machine=event.machine,
                    day=event.day,
                    field=str(name)[:40],
                )
            )
    return kept


def _area_listed(table: RiskTable, supplier: Supplier) -> bool:
    from selfassess.core.risk.edd import area_decision

    profile = {"country": supplier.country or None, "province": supplier.province}
    return area_decision(table, profile).required


def find_supplier(found: Portfolio, wanted: str) -> Supplier:
    """The supplier named by its key (`CD/cooperative de kalimbi`), its organisation's name, or
    the start or a part of its name, when only one supplier fits."""
    from selfassess.core.errors import NotFound
    from selfassess.core.trust.names import normalised_name

    text = wanted.strip()
    country, slash, name = text.partition("/")
    if slash and len(country) == 2:
        key = f"{country.upper()}/{normalised_name(name)}"
        if key in found.suppliers:
            return found.suppliers[key]
    plain = normalised_name(text)
    exact = [s for s in found.suppliers.values() if normalised_name(s.organisation) == plain]
    names = [(s, s.key.split("/", 1)[1]) for s in found.suppliers.values()]
    starting = [s for s, name in names if name.startswith(plain)]
    containing = [s for s, name in names if plain and plain in name]
    for candidates in (exact, starting, containing):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise NotFound.of(
                "'{wanted}' names several suppliers: {keys}; give one of these keys",
                wanted=wanted,
                keys="; ".join(sorted(s.key for s in candidates)),
            )
    raise NotFound.of("no supplier '{wanted}' (selfassess inbox suppliers)", wanted=wanted)
