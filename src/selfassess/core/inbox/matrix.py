"""The suppliers-by-criteria matrix: each supplier's latest pack, one column per red line and per
criterion (red lines first, then the red-line criteria, then the others, in the form's order), a
status in each cell; filtered by mineral, country, risk and certification.

Suppliers use different forms and versions: columns are the union of their criteria, matched by
id, and a criterion a supplier's form does not have is an empty cell. A supplier without a pack
is a row without statuses, so that the buyer sees who has not sent one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfassess.core.errors import InvalidInput
from selfassess.core.inbox.index import InboxIndex
from selfassess.core.inbox.suppliers import Portfolio, Supplier
from selfassess.core.inbox.values import CERTIFICATIONS, MINERALS, RISKS, checked_country


@dataclass(frozen=True)
class Filters:
    mineral: str | None = None
    country: str | None = None
    risk: str | None = None  # high, medium, low, or unknown
    certification: str | None = None  # one of the profile's, or none (no certification)

    def checked(self) -> Filters:
        _among("mineral", self.mineral, MINERALS)
        _among("risk", self.risk, (*RISKS, "unknown"))
        _among("certification", self.certification, CERTIFICATIONS)
        country = checked_country(self.country) if self.country else None
        return Filters(self.mineral, country, self.risk, self.certification)

    def keeps(self, supplier: Supplier) -> bool:
        certification = self.certification
        return (
            (self.mineral is None or self.mineral in supplier.minerals)
            and (self.country is None or supplier.country == self.country)
            and (self.risk is None or (supplier.risk or "unknown") == self.risk)
            and (
                certification is None
                or certification in supplier.certifications
                or (certification == "none" and not supplier.certifications)
            )
        )


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    kind: str  # "red_line" (a red line the form declares) or "criterion"
    red_line: bool  # a red line, or a criterion that guards one


@dataclass(frozen=True)
class MatrixRow:
    supplier: Supplier
    cells: dict[str, str] = field(default_factory=dict)  # column key -> status


@dataclass
class Matrix:
    columns: list[Column] = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)


def criteria_matrix(found: Portfolio, index: InboxIndex, filters: Filters) -> Matrix:
    filters = filters.checked()
    red_lines: dict[str, Column] = {}
    guarding: dict[str, Column] = {}
    others: dict[str, Column] = {}
    matrix = Matrix()
    for supplier in found.ordered():
        if not filters.keeps(supplier):
            continue
        cells: dict[str, str] = {}
        latest = supplier.latest
        if latest is not None:
            details = index.details(latest.sha256)
            titles = {line[0]: line[1] for line in details.get("red_lines", [])}
            for line, status in latest.facts.get("red_lines", {}).items():
                if line in titles:  # a red line the form declares (else a criterion below)
                    red_lines.setdefault(line, Column(line, titles[line], "red_line", True))
                    cells[f"red_line:{line}"] = status
            for cid, title, _section, status, _severity, guards in details.get("criteria", []):
                place = guarding if guards else others
                place.setdefault(cid, Column(cid, title, "criterion", bool(guards)))
                cells[f"criterion:{cid}"] = status
        matrix.rows.append(MatrixRow(supplier, cells))
    matrix.columns = [*red_lines.values(), *guarding.values(), *others.values()]
    return matrix


def column_key(column: Column) -> str:
    return f"{column.kind}:{column.id}"


def _among(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise InvalidInput.of(
            "{field} '{value}' is not one of: {allowed}",
            field=name,
            value=value,
            allowed=", ".join(allowed),
        )
