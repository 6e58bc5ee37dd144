"""The buying programme's KPIs over the inbox on a given day, each with the suppliers behind it,
and their series month by month for a chart. docs/inbox.md defines each one precisely:
`suppliers_registered`, `suppliers_assessed`, `high_risk_suppliers`,
`high_risk_assessed_in_edd_pct`, `enrolled_in_capacity_building`,
`copper_mark_or_equivalent_pct`, `red_line_breaches`, `overdue_actions`, `children_supported`.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from selfassess.core.i18n import N_
from selfassess.core.inbox.buyer_log import BuyerRecords
from selfassess.core.inbox.followup import FollowUps, follow_ups, views
from selfassess.core.inbox.index import PackRow
from selfassess.core.inbox.suppliers import Portfolio, Supplier, portfolio_of
from selfassess.core.risk.table import RiskTable

LABELS = {
    "suppliers_registered": N_("Suppliers registered"),
    "suppliers_assessed": N_("Suppliers assessed"),
    "high_risk_suppliers": N_("High-risk suppliers"),
    "high_risk_assessed_in_edd_pct": N_("High-risk suppliers assessed in enhanced due diligence"),
    "enrolled_in_capacity_building": N_("Suppliers enrolled in capacity building"),
    "copper_mark_or_equivalent_pct": N_("Suppliers with the Copper Mark or equivalent"),
    "red_line_breaches": N_("Suppliers with a red line breached"),
    "overdue_actions": N_("Overdue actions"),
    "children_supported": N_("Children supported"),
}
KPI_IDS = tuple(LABELS)
DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class Kpi:
    id: str
    value: float | int | None  # a percentage is None when nobody is in its denominator
    unit: str  # "count" or "percent"
    counted: tuple[str, ...] = ()  # the suppliers behind the value (their keys)
    not_counted: tuple[str, ...] = ()  # a percentage's denominator less its numerator
    per_supplier: dict[str, int] = field(default_factory=dict)  # counts that add up to the value
    numerator: int | None = None
    denominator: int | None = None

    @property
    def label(self) -> str:
        return LABELS[self.id]


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of a shorter month); the earliest
    day a date holds when that is too far back."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    if year < date.min.year:
        return date.min
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def compute_kpis(found: Portfolio, recorded: FollowUps, months: int = DEFAULT_MONTHS) -> list[Kpi]:
    """Every KPI on `found.as_of`; a pack counts as recent when declared on or after the day
    `months` months before."""
    since = months_before(found.as_of, months).isoformat()
    suppliers = found.ordered()

    def assessed(supplier: Supplier) -> bool:
        latest = supplier.latest
        return latest is not None and (latest.assessed_on or "") >= since

    def in_edd(supplier: Supplier) -> bool:
        edd = supplier.latest.facts.get("edd") if supplier.latest else None
        return assessed(supplier) and bool(edd and edd.get("required") and edd.get("completed"))

    high = [s for s in suppliers if s.risk == "high"]
    overdue = _overdue(suppliers, recorded, found.as_of)
    children = {s.key: _supported(s) for s in suppliers if _supported(s)}
    return [
        _count("suppliers_registered", suppliers, lambda s: True),
        _count("suppliers_assessed", suppliers, assessed),
        _count("high_risk_suppliers", suppliers, lambda s: s.risk == "high"),
        _share("high_risk_assessed_in_edd_pct", high, in_edd),
        _count("enrolled_in_capacity_building", suppliers, lambda s: _enrolled(s, found.as_of)),
        _share("copper_mark_or_equivalent_pct", suppliers, lambda s: s.copper_mark_or_equivalent),
        _count("red_line_breaches", suppliers, _breached),
        _summed("overdue_actions", overdue),
        _summed("children_supported", children),
    ]


def kpi_series(
    rows: list[PackRow],
    records: BuyerRecords,
    table: RiskTable,
    as_of: date,
    *,
    months: int = DEFAULT_MONTHS,
    points: int = 12,
) -> list[tuple[date, list[Kpi]]]:
    """The KPIs at the end of each of the last `points` months (the last one: `as_of`), oldest
    first, for a chart."""
    series = []
    for back in range(points - 1, -1, -1):
        first = months_before(as_of.replace(day=1), back)
        end = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
        day = min(end, as_of)
        found = portfolio_of(rows, records, day, table)
        series.append((day, compute_kpis(found, follow_ups(records, day), months)))
    return series


def _count(kpi: str, suppliers: list[Supplier], test: Callable[[Supplier], bool]) -> Kpi:
    counted = tuple(s.key for s in suppliers if test(s))
    return Kpi(kpi, len(counted), "count", counted)


def _share(kpi: str, among: list[Supplier], test: Callable[[Supplier], bool]) -> Kpi:
    counted = tuple(s.key for s in among if test(s))
    others = tuple(s.key for s in among if s.key not in set(counted))
    value = round(100 * len(counted) / len(among), 1) if among else None
    return Kpi(kpi, value, "percent", counted, others, {}, len(counted), len(among))


def _summed(kpi: str, per_supplier: dict[str, int]) -> Kpi:
    kept = {key: count for key, count in per_supplier.items() if count}
    return Kpi(kpi, sum(kept.values()), "count", tuple(kept), (), kept)


def _enrolled(supplier: Supplier, as_of: date) -> bool:
    since = supplier.enrolled_since
    return since is not None and since <= as_of.isoformat()


def _breached(supplier: Supplier) -> bool:
    latest = supplier.latest
    return latest is not None and "breached" in latest.facts.get("red_lines", {}).values()


def _supported(supplier: Supplier) -> int:
    counts = supplier.latest.facts.get("remediation") if supplier.latest else None
    value = counts.get("supported") if isinstance(counts, dict) else None
    return value if isinstance(value, int) else 0


def _overdue(suppliers: list[Supplier], recorded: FollowUps, as_of: date) -> dict[str, int]:
    found: dict[str, int] = {}
    for supplier in suppliers:
        latest = supplier.latest
        if latest is None:
            continue
        actions = latest.facts.get("actions", [])
        plan = views(supplier.key, latest.assessment or "", actions, recorded)
        found[supplier.key] = sum(1 for action in plan if action.overdue(as_of))
    return found
