"""The inbox as one service for the command line and the app: import, quarantine, suppliers and
their records, KPIs, the matrix and a supplier's page. Every long operation takes a progress
callback and a cancellation test; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput, NotFound
from selfassess.core.findings import Finding
from selfassess.core.inbox import buyer_log, importing
from selfassess.core.inbox.buyer_log import BuyerRecords
from selfassess.core.inbox.folder import InboxFolder
from selfassess.core.inbox.followup import follow_up_values, follow_ups
from selfassess.core.inbox.history import SupplierPage, supplier_page
from selfassess.core.inbox.importing import ImportReport, Progress
from selfassess.core.inbox.index import InboxIndex, PackRow
from selfassess.core.inbox.judging import accept_changed_signer
from selfassess.core.inbox.kpis import DEFAULT_MONTHS, Kpi, compute_kpis, kpi_series
from selfassess.core.inbox.matrix import Filters, Matrix, criteria_matrix
from selfassess.core.inbox.supplier_list import read_supplier_list
from selfassess.core.inbox.suppliers import Portfolio, Supplier, find_supplier, portfolio_of
from selfassess.core.inbox.values import NOTE_LIMIT, SETTABLE, checked
from selfassess.core.storable import storable_text
from selfassess.core.trust.known_signers import Acceptance


@dataclass(frozen=True)
class Registered:
    new: int
    known: int  # already registered or with a pack: their listed values updated
    notes: tuple[Finding, ...] = ()  # how the file was read (an encoding other than UTF-8)


class Inbox:
    """The inbox at `folder` (default: `<home>/inbox`) as seen from the data home `home`."""

    def __init__(self, home: Path, folder: Path | None = None) -> None:
        self.folder = InboxFolder.open(home, folder)

    # packs

    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        workers: int | None = None,
    ) -> ImportReport:
        return importing.import_paths(
            self.folder, paths, progress=progress, cancelled=cancelled, workers=workers
        )

    def refresh(self, **options: Any) -> ImportReport:
        return importing.refresh(self.folder, **options)

    def rebuild(self, **options: Any) -> ImportReport:
        return importing.rebuild(self.folder, **options)

    def unindexed(self) -> int:
        """Packs in the folder this machine has not indexed yet (another machine added them)."""
        with InboxIndex(self.folder) as index:
            indexed = index.indexed()
        return sum(1 for sha in self.folder.stored() if sha not in indexed)

    def quarantine(self) -> list[tuple[PackRow, list[str]]]:
        """The packs in quarantine, newest verdicts aside, each with the names it arrived as."""
        names = self.arrivals()
        with InboxIndex(self.folder) as index:
            rows = index.rows(accepted=False)
        return [(row, names.get(row.sha256, [])) for row in rows]

    def arrivals(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for event in self.records().of_kind("arrival"):
            sha, name = event.values.get("sha256"), event.values.get("name")
            names = found.setdefault(sha, []) if isinstance(sha, str) else []
            if isinstance(name, str) and name[:1024] not in names:  # given again: named once
                names.append(name[:1024])
        return found

    def accept(self, prefix: str, acceptance: Acceptance) -> PackRow:
        return accept_changed_signer(self.folder, prefix, acceptance)

    # suppliers

    def records(self) -> BuyerRecords:
        return buyer_log.read_records(self.folder)

    def portfolio(self, as_of: date | None = None) -> Portfolio:
        return self._state(as_of)[0]

    def _state(self, as_of: date | None) -> tuple[Portfolio, BuyerRecords]:
        """The suppliers as of the day (today), and the buyer's records, each read once."""
        from selfassess.core.risk.table import current_table

        with InboxIndex(self.folder) as index:
            rows = index.rows()
        records = self.records()
        table = current_table(self.folder.home)
        return portfolio_of(rows, records, as_of or date.today(), table), records

    def supplier(self, wanted: str, as_of: date | None = None) -> Supplier:
        return find_supplier(self.portfolio(as_of), wanted)

    def set_supplier(self, wanted: str, values: dict[str, Any]) -> Supplier:
        """Record the buyer's own values for a supplier (None: use the pack's or the list's
        again). A risk the buyer sets needs a reason."""
        supplier = self.supplier(wanted)
        unknown = sorted(set(values) - set(SETTABLE))
        if unknown:
            raise InvalidInput.of("{field} is not a supplier field", field=", ".join(unknown))
        kept = {name: checked(name, value) for name, value in values.items()}
        if "risk" in kept and kept["risk"] is None:
            kept["risk_reason"] = None  # back to the pack's risk: its reason goes too
        if kept.get("risk") and not kept.get("risk_reason"):
            raise InvalidInput.of("say why the risk is set by hand (--reason)")
        if kept.get("risk_reason") and "risk" not in kept:
            raise InvalidInput.of("--reason goes with --risk")
        if kept:
            with InboxIndex(self.folder) as index:
                buyer_log.append(index, "set", [(supplier.key, kept)])
        return self.supplier(supplier.key)

    def add_note(self, wanted: str, text: str) -> Supplier:
        supplier = self.supplier(wanted)
        note = storable_text(text, "note", limit=NOTE_LIMIT, one_line=True).strip()
        if not note:
            raise InvalidInput.of("the note is empty")
        with InboxIndex(self.folder) as index:
            buyer_log.append(index, "note", [(supplier.key, {"text": note})])
        return supplier

    def register_list(self, path: Path) -> Registered:
        """Register the suppliers of the buyer's list (.csv or .xlsx), all or none."""
        listed = read_supplier_list(path)
        entries = listed.entries
        known = self.portfolio().suppliers
        with InboxIndex(self.folder) as index:
            buyer_log.append(index, "register", list(entries))
        old = sum(1 for key, _values in entries if key in known)
        return Registered(len(entries) - old, old, tuple(listed.notes))

    def follow_up(
        self, wanted: str, action: int, state: str, note: str | None = None, due: str | None = None
    ) -> SupplierPage:
        supplier = self.supplier(wanted)
        latest = supplier.latest
        if latest is None:
            raise NotFound.of("{supplier} has sent no pack yet", supplier=supplier.organisation)
        with InboxIndex(self.folder) as index:
            plan = index.details(latest.sha256).get("plan", [])
            values = follow_up_values(
                state, note, due, action=action, assessment=latest.assessment or "", plan=plan
            )
            buyer_log.append(index, "follow_up", [(supplier.key, values)])
        return self.page(supplier.key)

    def page(self, wanted: str, as_of: date | None = None) -> SupplierPage:
        found, records = self._state(as_of)
        supplier = find_supplier(found, wanted)
        with InboxIndex(self.folder) as index:
            return supplier_page(supplier, index, follow_ups(records, found.as_of))

    # figures

    def kpis(
        self, as_of: date | None = None, months: int = DEFAULT_MONTHS
    ) -> tuple[Portfolio, list[Kpi]]:
        """The KPIs on the day (today), with the suppliers they were computed over."""
        _check_months(months)
        found, records = self._state(as_of)
        return found, compute_kpis(found, follow_ups(records, found.as_of), months)

    def kpi_series(
        self, as_of: date | None = None, months: int = DEFAULT_MONTHS, points: int = 12
    ) -> list[tuple[date, list[Kpi]]]:
        """The KPIs at the end of each of the last `points` months, for a chart."""
        from selfassess.core.risk.table import current_table

        _check_months(months)
        if not 1 <= points <= 120:
            raise InvalidInput.of("--series must be between 1 and 120, not {points}", points=points)
        with InboxIndex(self.folder) as index:
            rows = index.rows()
        table = current_table(self.folder.home)
        day = as_of or date.today()
        return kpi_series(rows, self.records(), table, day, months=months, points=points)

    def matrix(self, filters: Filters, as_of: date | None = None) -> Matrix:
        found = self.portfolio(as_of)
        with InboxIndex(self.folder) as index:
            return criteria_matrix(found, index, filters)

    def problems(self) -> list[Finding]:
        return self.records().problems


def _check_months(months: int) -> None:
    if not 1 <= months <= 120:
        raise InvalidInput.of("--months must be between 1 and 120, not {months}", months=months)
