"""The index is derived from the folder alone: rebuilding it (or losing it) gives the same index,
and the buyer's own records (values set, notes, follow-up) live in the folder and survive; a
team shares one folder, each machine with its own index and its own log."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from tests.inbox.packs import Packs
from tests.pack.making import appended

from selfassess.core.errors import StoreError
from selfassess.core.inbox.index import InboxIndex
from selfassess.core.inbox.service import Inbox

KALIMBI = "CD/cooperative miniere de kalimbi"


def _index(inbox: Inbox) -> list[tuple[object, ...]]:
    """Every row of the index with its details; a signer new at the first import is known to
    this machine from then on, as `verify` says of a pack read again."""
    with InboxIndex(inbox.folder) as index:
        rows = index.rows(accepted=None)
        return [
            (
                dataclasses.replace(row, signer_status="known")
                if row.signer_status == "new"
                else row,
                index.details(row.sha256),
            )
            for row in rows
        ]


def _loaded(inbox: Inbox, packs: Packs, tmp_path: Path) -> Inbox:
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(appended(packs.other.read_bytes(), "page"))
    inbox.import_paths([packs.first, packs.second, packs.other, forged])
    action = inbox.page(KALIMBI).actions[0].action["id"]
    inbox.follow_up(KALIMBI, action, "challenged", note="a signed policy, not a draft")
    inbox.set_supplier(KALIMBI, {"enrolled_since": "2026-02-01"})
    inbox.add_note(KALIMBI, "visited in March")
    return inbox


def test_rebuild_gives_the_same_index_and_keeps_the_buyers_records(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    _loaded(inbox, packs, tmp_path)
    before, page_before = _index(inbox), inbox.page(KALIMBI)
    report = inbox.rebuild()
    assert len(report.accepted) == 3
    assert len(report.quarantined) == 1
    assert _index(inbox) == before
    page = inbox.page(KALIMBI)
    assert page.actions == page_before.actions
    assert page.actions[0].follow_up is not None
    assert page.actions[0].follow_up.state == "challenged"
    assert page.supplier.enrolled_since == "2026-02-01"
    assert [text for _day, _by, text in page.supplier.notes] == ["visited in March"]


def test_a_lost_or_damaged_index_is_made_again_from_the_folder(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    _loaded(inbox, packs, tmp_path)
    before = _index(inbox)
    inbox.folder.index_path.write_bytes(b"this is not a database" * 100)
    assert inbox.unindexed() == 4
    report = inbox.refresh()
    assert [str(notice) for notice in report.notices] == [
        "the inbox's index was damaged or out of date and is made again"
    ]
    assert _index(inbox) == before


def test_two_machines_share_one_folder(packs: Packs, tmp_path: Path) -> None:
    shared = tmp_path / "network drive" / "inbox"
    office = Inbox(tmp_path / "office laptop", shared)
    field = Inbox(tmp_path / "field laptop", shared)
    office.import_paths([packs.first])
    assert field.unindexed() == 1
    assert field.refresh().accepted[0].organisation == "Coopérative minière de Kalimbi"
    action = field.page(KALIMBI).actions[0].action["id"]
    field.follow_up(KALIMBI, action, "accepted", due="2027-06-30")
    follow_up = office.page(KALIMBI).actions[0].follow_up
    assert follow_up is not None
    assert (follow_up.state, follow_up.due) == ("accepted", "2027-06-30")
    logs = sorted(path.name for path in (shared / "buyer").iterdir())
    assert len(logs) == 2  # one log per machine, each written by its machine only
    assert not list(shared.rglob("*.sqlite3"))  # the indexes stay on each machine


def test_a_damaged_log_is_left_out_and_said(inbox: Inbox, packs: Packs) -> None:
    inbox.import_paths([packs.first])
    foreign = inbox.folder.buyer_folder / "0123456789abcdef.json"
    foreign.write_text('{"format": 1, "events": [{"kind": "set", "nonsense": true}]}')
    (inbox.folder.buyer_folder / "fedcba9876543210.json").write_text("{not json")
    problems = [str(problem) for problem in inbox.problems()]
    assert len(problems) == 2
    assert inbox.portfolio().suppliers[KALIMBI].risk == "high"


def test_an_index_busy_elsewhere_is_said_and_never_thrown_away(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    """A lock is not damage: an index another process holds is left whole, and the buyer is
    told it cannot be opened now (it was deleted and made again under the other's feet)."""
    _loaded(inbox, packs, tmp_path)
    before = _index(inbox)
    holder = sqlite3.connect(inbox.folder.index_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="cannot be"), InboxIndex(inbox.folder, timeout=0.1):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _index(inbox) == before
