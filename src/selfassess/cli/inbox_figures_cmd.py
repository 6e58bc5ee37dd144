"""`selfassess inbox kpis` and `selfassess inbox matrix`: the programme's KPIs (each with the
suppliers behind it, and month by month with --series), and the suppliers-by-criteria matrix."""

from __future__ import annotations

import argparse
from typing import Any

from selfassess.cli.common import print_json, table
from selfassess.cli.inbox_cmd import day_of, open_inbox, say_unindexed
from selfassess.core.errors import InvalidInput
from selfassess.core.inbox.kpis import KPI_IDS, Kpi
from selfassess.core.inbox.matrix import Filters, column_key
from selfassess.core.inbox.suppliers import Portfolio

EXIT_OK = 0
STATUS_LETTERS = {
    "meets": "M",
    "partially_meets": "P",
    "does_not_meet": "X",
    "incomplete": "?",
    "not_applicable": "-",
    "breached": "X",
    "not_verified": "?",
    "not_breached": "M",
}


def kpi_json(kpi: Kpi, found: Portfolio | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": kpi.id,
        "label": kpi.label,
        "value": kpi.value,
        "unit": kpi.unit,
    }
    if kpi.unit == "percent":
        data["numerator"], data["denominator"] = kpi.numerator, kpi.denominator
    if found is not None:
        data["suppliers"] = [_named(found, key, kpi.per_supplier.get(key)) for key in kpi.counted]
        if kpi.unit == "percent":
            data["not_counted"] = [_named(found, key) for key in kpi.not_counted]
    return data


def _named(found: Portfolio, key: str, count: int | None = None) -> dict[str, Any]:
    supplier = found.suppliers[key]
    named: dict[str, Any] = {"key": key, "organisation": supplier.organisation}
    if count is not None:
        named["count"] = count
    return named


def run_kpis(args: argparse.Namespace) -> int:
    if args.drill is not None and args.drill not in KPI_IDS:
        raise InvalidInput.of(
            "{field} '{value}' is not one of: {allowed}",
            field="--drill",
            value=args.drill,
            allowed=", ".join(KPI_IDS),
        )
    inbox = open_inbox(args)
    say_unindexed(inbox)
    found, kpis = inbox.kpis(day_of(args), args.months)
    wanted = args.series is not None
    series = inbox.kpi_series(day_of(args), args.months, args.series) if wanted else None
    shown = [kpi for kpi in kpis if args.drill in (None, kpi.id)]
    if args.json:
        data: dict[str, Any] = {
            "as_of": found.as_of.isoformat(),
            "months": args.months,
            "kpis": [kpi_json(kpi, found if args.drill else None) for kpi in shown],
        }
        if series is not None:
            data["series"] = [
                {"as_of": day.isoformat(), "values": {kpi.id: kpi.value for kpi in values}}
                for day, values in series
            ]
        print_json(data)
        return EXIT_OK
    print(f"KPIs as of {found.as_of} (packs under {args.months} months old count as recent)")
    table([("KPI", "VALUE", "ID"), *[(kpi.label, _value(kpi), kpi.id) for kpi in shown]])
    if args.drill:
        _print_drill(found, shown[0])
    if series is not None:
        print()
        table(
            [("MONTH END", *KPI_IDS)]
            + [
                (day.isoformat(), *[_value(kpi, short=True) for kpi in values])
                for day, values in series
            ]
        )
    return EXIT_OK


def _value(kpi: Kpi, *, short: bool = False) -> str:
    if kpi.value is None:
        return "-"
    if kpi.unit != "percent":
        return str(kpi.value)
    return f"{kpi.value} %" if short else f"{kpi.value} % ({kpi.numerator} of {kpi.denominator})"


def _print_drill(found: Portfolio, kpi: Kpi) -> None:
    print(f"\nbehind {kpi.id}:")
    for key in kpi.counted:
        count = kpi.per_supplier.get(key)
        extra = f"  ({count})" if count is not None else ""
        print(f"  {found.suppliers[key].organisation}  [{key}]{extra}")
    if kpi.not_counted:
        print("not counted (in the denominator only):")
        for key in kpi.not_counted:
            print(f"  {found.suppliers[key].organisation}  [{key}]")


def run_matrix(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    say_unindexed(inbox)
    filters = Filters(args.mineral, args.country, args.risk, args.certification)
    matrix = inbox.matrix(filters, day_of(args))
    if args.json:
        print_json(
            {
                "columns": [
                    {"id": c.id, "title": c.title, "kind": c.kind, "red_line": c.red_line}
                    for c in matrix.columns
                ],
                "rows": [
                    {
                        "supplier": row.supplier.key,
                        "organisation": row.supplier.organisation,
                        "risk": row.supplier.risk,
                        "statuses": {c.id: row.cells.get(column_key(c)) for c in matrix.columns},
                    }
                    for row in matrix.rows
                ],
            }
        )
        return EXIT_OK
    heading = ("SUPPLIER", *[c.id for c in matrix.columns])
    rows = [heading]
    for row in matrix.rows:
        letters = [
            STATUS_LETTERS.get(row.cells.get(column_key(c), ""), " ") for c in matrix.columns
        ]
        rows.append((row.supplier.organisation[:40], *letters))
    table(rows)
    print(
        "M meets, P partly meets, X does not meet (a red line: breached), ? incomplete or not "
        "verified, - not applicable; red lines first"
    )
    return EXIT_OK
