"""The buyer's list of suppliers, from a spreadsheet (`.xlsx`) or a CSV file, so that suppliers
who have not sent a pack yet count in every KPI's denominator.

The first row names the columns (any order, any case, English or French): `organisation`
(required), `country` (required, ISO code), `province`, `internal_id`, `role`, `minerals`,
`certifications`, `risk`, `risk_reason`, `enrolled_since` (YYYY-MM-DD); other columns are left
aside. Lists are written in one cell, separated by spaces, commas or semicolons.

The table is read by `spreadsheets.reader` (formulas, error cells, direction marks and control
characters refused by row; encodings and separators of Excel's CSV; size limits). A list is taken
whole or not at all: every row that does not fit is named by its number with the reason, and
nothing is registered until they are fixed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput, UserError
from selfassess.core.findings import Finding
from selfassess.core.inbox.values import checked, words
from selfassess.core.spreadsheets.reader import Row, read_table
from selfassess.core.trust.names import organisation_key

MAX_SHOWN = 50  # bad rows named in one refusal
ALIASES = {
    "organisation": ("organisation", "organization", "supplier", "fournisseur", "name", "nom"),
    "country": ("country", "pays", "country_code", "code_pays"),
    "province": ("province", "region"),
    "internal_id": ("internal_id", "id", "supplier_id", "code", "identifiant"),
    "role": ("role", "type"),
    "minerals": ("minerals", "minerais", "mineral", "minerai"),
    "certifications": ("certifications", "certification"),
    "risk": ("risk", "risque", "risk_level", "niveau_de_risque"),
    "risk_reason": ("risk_reason", "reason", "raison", "motif"),
    "enrolled_since": ("enrolled_since", "enrolled", "inscrit_depuis"),
}
LISTS = ("minerals", "certifications")


@dataclass
class SupplierList:
    """The suppliers of a list, each as its key and the values to register."""

    entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)


class ListRefused(InvalidInput):
    """A list with rows that do not fit, each named by its number (`bad_rows`)."""

    bad_rows: list[Finding]


def read_supplier_list(path: Path) -> SupplierList:
    """The suppliers of the list at `path` (.csv or .xlsx), or a refusal naming every bad row."""
    table = read_table(path)
    columns = _columns(path, table.headings)
    found = SupplierList(notes=list(table.notes))
    bad = list(table.problems)
    seen: dict[str, int] = {}
    for row in table.rows:
        try:
            key, values = _entry(columns, row)
            if key in seen:
                raise InvalidInput.of("the same supplier as row {row}", row=seen[key])
        except UserError as exc:
            bad.append(Finding.of("row {row}: {reason}", row=row.number, reason=str(exc)))
            continue
        seen[key] = row.number
        found.entries.append((key, values))
    if bad:
        raise _refused(path, bad)
    if not found.entries:
        raise InvalidInput.of("{path} lists no supplier", path=path)
    return found


def _columns(path: Path, headings: list[str]) -> dict[str, str]:
    """Each heading the list uses, by the field it gives."""
    wanted = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
    columns: dict[str, str] = {}
    for heading in headings:
        name = wanted.get(_plain(heading))
        if name is not None and name not in columns.values():
            columns[heading] = name
    missing = [name for name in ("organisation", "country") if name not in columns.values()]
    if missing:
        raise InvalidInput.of(
            "{path} has no column {columns}: its first row names the columns (organisation, "
            "country, province, internal_id, role, minerals, certifications, risk, "
            "risk_reason, enrolled_since)",
            path=path,
            columns=", ".join(missing),
        )
    return columns


def _entry(columns: dict[str, str], row: Row) -> tuple[str, dict[str, Any]]:
    values: dict[str, Any] = {}
    for heading, name in columns.items():
        text = _text(row.cells.get(heading))
        if text:
            values[name] = checked(name, words(text) if name in LISTS else text)
    if not values.get("organisation") or not values.get("country"):
        raise InvalidInput.of("give the organisation and its country")
    if values.get("risk") and not values.get("risk_reason"):
        raise InvalidInput.of("a risk needs its reason (column risk_reason)")
    return organisation_key(values["organisation"], values["country"]), values


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _plain(heading: str) -> str:
    text = unicodedata.normalize("NFKD", heading).casefold().strip()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "_".join(text.replace("-", " ").split())


def _refused(path: Path, bad: list[Finding]) -> ListRefused:
    shown = "; ".join(str(finding) for finding in bad[:MAX_SHOWN])
    more = f"; … ({len(bad) - MAX_SHOWN})" if len(bad) > MAX_SHOWN else ""
    error = ListRefused.of(
        "{path}: nothing was registered; fix these rows and import the file again: {rows}",
        path=path,
        rows=shown + more,
    )
    error.bad_rows = bad
    return error
