"""The inbox as a spreadsheet (`selfassess inbox export`): the buyer's suppliers, every accepted
pack, and each supplier's latest answers, criteria and actions with the buyer's follow-up, and
the KPIs, in the reader's language, to an .xlsx workbook or .csv files (`spreadsheets.writer`:
whole or not at all, formula-like text written as text).

Sheets, in this order (their .csv files named by the keys in brackets):

- Suppliers [suppliers]: one row per supplier on the day asked (with a pack or on the buyer's
  list): its key, the buyer-side fields (role, minerals, certifications, risk with where it comes
  from and why, capacity building since), and what the KPIs count of it.
- Packs [packs]: one row per accepted pack (`pack export-sheets`' columns), superseded marked.
- Answers [answers], Criteria [criteria], Actions [actions]: of each supplier's latest pack; each
  action with its number and the buyer's follow-up, due day and whether it is overdue.
- KPIs [kpis]: each KPI with its value, numerator and denominator, and the suppliers behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.errors import Cancelled, InvalidInput, Refused
from selfassess.core.i18n import LANGUAGES, N_, plural, translate
from selfassess.core.inbox.followup import STATES, ActionView, follow_ups
from selfassess.core.inbox.history import supplier_page
from selfassess.core.inbox.importing import Progress, Step
from selfassess.core.inbox.index import InboxIndex
from selfassess.core.inbox.kpis import DEFAULT_MONTHS, Kpi
from selfassess.core.inbox.sheet_packs import PackJob, PackSheetRows, buyer_follow_up, pack_rows
from selfassess.core.inbox.suppliers import Portfolio, Supplier
from selfassess.core.inbox.values import RISK_SOURCES, RISKS, ROLES
from selfassess.core.profile import CERTIFICATIONS, ENTITY_TYPES, MINERALS
from selfassess.core.spreadsheets.cells import Column, Value
from selfassess.core.spreadsheets.export import SHEET_TITLES, CountedSheet, Exported
from selfassess.core.spreadsheets.pack_sheets import (
    answer_columns,
    criterion_columns,
    day_cell,
    identity_columns,
    listed_words,
    pack_columns,
    yes_no,
)
from selfassess.core.spreadsheets.pack_sheets_plan import action_columns, kpi_columns
from selfassess.core.spreadsheets.received import SetAside
from selfassess.core.spreadsheets.writer import (
    Book,
    SheetOutput,
    book_being_written,
    written_files,
)

if TYPE_CHECKING:
    from selfassess.core.inbox.service import Inbox

SUPPLIER_TITLES = (
    (N_("Supplier key"), 30),  # as `selfassess inbox supplier KEY` takes it
    (N_("Internal id"), 12),
    (N_("Province"), 14),
    (N_("Site"), 16),
    (N_("Type"), 22),
    (N_("Role"), 12),
    (N_("Minerals"), 20),
    (N_("Certifications"), 24),
    (N_("The Copper Mark or equivalent"), 10),
    (N_("Risk"), 8),
    (N_("Where the risk comes from"), 30),
    (N_("Why the risk was set by hand"), 30),
    (N_("In capacity building since"), 12),
    (N_("Registered on"), 12),
    (N_("Latest pack"), 12),
    (N_("Revision"), 9),
    (N_("Packs received"), 9),
    (None, 10),  # assessed recently: its title says how recently
    (N_("Enhanced due diligence required"), 12),
    (N_("Enhanced questions answered"), 12),
    (N_("A red line breached"), 10),
    (N_("Overdue actions"), 9),
    (N_("Children supported"), 9),
    (N_("Signer"), 24),
    (N_("Notes"), 40),
)
Stopped = Callable[[], bool]


def export_inbox(
    inbox: Inbox,
    target: Path,
    language: str,
    *,
    as_of: date | None = None,
    months: int = DEFAULT_MONTHS,
    progress: Progress | None = None,
    cancelled: Stopped | None = None,
    workers: int | None = None,
) -> Exported:
    """Write the inbox's sheets (module docstring) as on `as_of` (today) to `target`, .xlsx or
    .csv files beside it, whole or not at all; refused before any work when the folder does not
    exist, and when the inbox has no supplier. Reports `Step("exporting", packs done, packs)`;
    `cancelled()` stops it with nothing written (Cancelled)."""
    check_language(language)
    tell, stop = progress or (lambda _step: None), cancelled or (lambda: False)
    with book_being_written(target) as book:
        found, kpis = inbox.kpis(as_of, months)
        if not found.suppliers:
            raise Refused.of("the inbox has no supplier yet: nothing was written")
        exported = Exported(files=[], suppliers=len(found.suppliers))
        sheets = _opened_sheets(book, language, months, exported)
        by_id = {kpi.id: kpi for kpi in kpis}
        for supplier in found.ordered():
            sheets["suppliers"].append(supplier_row(supplier, by_id, language))
        jobs = pack_jobs(inbox, found, language)
        tell(Step("exporting", 0, len(jobs)))
        found_rows = pack_rows(inbox.folder, jobs, language, workers=workers, stopped=stop)
        for done, result in enumerate(found_rows, start=1):
            _write_pack(inbox, result, sheets, exported)
            tell(Step("exporting", done, len(jobs), result.sha256[:12]))
        if stop():
            raise Cancelled.of("the export was cancelled; no file was written")
        for row in kpi_rows(found, kpis, language):
            sheets["kpis"].append(row)
    exported.files = written_files(target, list(SHEET_TITLES))
    return exported


def _opened_sheets(
    book: Book, language: str, months: int, exported: Exported
) -> dict[str, SheetOutput]:
    """The six sheets, by key, in their order, each counting what is written to it."""
    columns = {
        "suppliers": supplier_columns(language, months),
        "packs": [*pack_columns(language), _superseded_column(language)],
        "answers": answer_columns(language),
        "criteria": criterion_columns(language),
        "actions": action_columns(language, buyer_follow_up(None, language)),
        "kpis": kpi_columns(language),
    }
    return {
        key: CountedSheet(
            book.add_sheet(key, translate(language, SHEET_TITLES[key]), columns[key]),
            len(columns[key]),
            exported,
            key,
        )
        for key in SHEET_TITLES
    }


def _write_pack(
    inbox: Inbox, result: PackSheetRows, sheets: dict[str, SheetOutput], exported: Exported
) -> None:
    for key, rows in result.rows.items():
        for row in rows:
            sheets[key].append(row)
    if result.left_out is None:
        exported.packs += 1
    else:
        path = inbox.folder.pack_path(result.sha256)
        exported.set_aside.append(SetAside(path, result.left_out))


def supplier_columns(language: str, months: int) -> list[Column]:
    recent = plural(
        language, "Assessed in the last month", "Assessed in the last {count} months", months
    )
    columns = [
        Column(translate(language, title) if title else recent, width)
        for title, width in SUPPLIER_TITLES
    ]
    return [*identity_columns(language), *columns]


def supplier_row(supplier: Supplier, kpis: dict[str, Kpi], language: str) -> list[Value]:
    """A supplier as the buyer sees it, with what the KPIs (`kpis`, by id) count of it."""

    def t(message: str) -> str:
        return translate(language, message)

    def counted(kpi: str) -> str:
        return yes_no(supplier.key in kpis[kpi].counted, language)

    latest = supplier.latest
    facts = latest.facts if latest else {}
    profile, edd = facts.get("profile", {}), facts.get("edd")
    risk, source = supplier.risk_and_why
    entity = profile.get("entity_type")
    return [
        supplier.organisation,
        supplier.country,
        latest.assessment if latest else None,
        supplier.key,
        supplier.internal_id,
        supplier.province,
        profile.get("site"),
        t(ENTITY_TYPES[entity]) if entity in ENTITY_TYPES else None,
        t(ROLES[supplier.role]) if supplier.role in ROLES else None,
        listed_words(supplier.minerals, lambda m: t(MINERALS.get(m) or m)),
        listed_words(supplier.certifications, lambda c: t(CERTIFICATIONS.get(c) or c)),
        yes_no(supplier.copper_mark_or_equivalent, language),
        t(RISKS[risk]) if risk in RISKS else None,
        t(RISK_SOURCES[source]),
        supplier.risk_reason,
        day_cell(supplier.enrolled_since),
        day_cell(supplier.registered_on),
        day_cell(latest.assessed_on) if latest else None,
        latest.revision if latest else None,
        len(supplier.packs),
        counted("suppliers_assessed"),
        yes_no(bool(edd.get("required")), language) if edd else None,
        yes_no(bool(edd.get("completed")), language) if edd and edd.get("required") else None,
        counted("red_line_breaches") if latest else None,
        kpis["overdue_actions"].per_supplier.get(supplier.key, 0),
        kpis["children_supported"].per_supplier.get(supplier.key, 0),
        latest.signer if latest else None,
        "; ".join(f"{day} {by}: {text}" for day, by, text in supplier.notes) or None,
    ]


def pack_jobs(inbox: Inbox, found: Portfolio, language: str) -> list[PackJob]:
    """Every accepted pack of the suppliers `found`, each supplier's oldest first, with the
    buyer's follow-up of its latest plan."""
    recorded = follow_ups(inbox.records(), found.as_of)
    arrivals = inbox.arrivals()
    jobs: list[PackJob] = []
    with InboxIndex(inbox.folder) as index:
        for supplier in found.ordered():
            page = supplier_page(supplier, index, recorded)
            for entry in page.packs:
                row = entry.row
                latest = row is supplier.latest
                names = "; ".join(dict.fromkeys(arrivals.get(row.sha256, [])))
                jobs.append(
                    PackJob(
                        row.sha256,
                        names or str(inbox.folder.pack_path(row.sha256)),
                        row.signer_status,
                        row.signed_at,
                        entry.superseded,
                        latest,
                        follow_up_values(page.actions, found.as_of, language) if latest else {},
                    )
                )
    return jobs


def follow_up_values(
    actions: list[ActionView], as_of: date, language: str
) -> dict[int, list[Value]]:
    """The buyer's columns of each action (`sheet_packs.follow_up_columns`), by its number."""
    values: dict[int, list[Value]] = {}
    for view in actions:
        number = view.action.get("id")
        if not isinstance(number, int):
            continue
        follow_up = view.follow_up
        values[number] = [
            number,
            translate(language, STATES[follow_up.state]) if follow_up else None,
            follow_up.note if follow_up else None,
            day_cell(view.due),
            yes_no(view.overdue(as_of), language),
        ]
    return values


def kpi_rows(found: Portfolio, kpis: list[Kpi], language: str) -> Iterator[list[Value]]:
    """A row per KPI: id, what it counts, value, unit, numerator, denominator, day, and the
    suppliers behind it (with their count, for a sum)."""
    for kpi in kpis:
        behind = []
        for key in kpi.counted:
            count = kpi.per_supplier.get(key)
            name = found.suppliers[key].organisation
            behind.append(f"{name} ({count})" if count is not None else name)
        yield [
            kpi.id,
            translate(language, kpi.label),
            kpi.value,
            "%" if kpi.unit == "percent" else None,
            kpi.numerator,
            kpi.denominator,
            found.as_of,
            "; ".join(behind) or None,
        ]


def _superseded_column(language: str) -> Column:
    return Column(translate(language, "Superseded by a later revision"), 12)


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise InvalidInput.of(
            "{field} '{value}' is not one of: {allowed}",
            field="language",
            value=language,
            allowed=", ".join(LANGUAGES),
        )
