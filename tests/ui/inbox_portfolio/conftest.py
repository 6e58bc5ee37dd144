"""Fixtures of the portfolio pages' tests: genuine signed packs (made once per test process, as the
inbox's own tests make them) in an inbox of the test's data home, with the buyer's list, so that
every KPI has a known value; and no page read left running once a test is over."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.inbox.packs import Packs, made_packs

from selfassess.core.inbox.service import Inbox
from selfassess.ui.i18n import set_language
from selfassess.ui.inbox.portfolio.background import wait_for_reads

KALIMBI, RUBAYA = "CD/cooperative miniere de kalimbi", "CD/comptoir de rubaya"
KOLWEZI, LYON = "CD/mine de kolwezi", "FR/fonderie de lyon"
LIST = (
    "organisation;country;province;internal_id;enrolled_since\n"
    "Coopérative minière de Kalimbi;CD;Sud-Kivu;S-001;2026-01-15\n"
    "Mine de Kolwezi;CD;Lualaba;S-002;\n"
    "Fonderie de Lyon;FR;;S-003;\n"
)


@pytest.fixture(scope="session")
def packs() -> Packs:
    return made_packs()


@pytest.fixture
def inbox(isolated_home: Path) -> Inbox:
    return Inbox(isolated_home)


@pytest.fixture
def portfolio(inbox: Inbox, packs: Packs, tmp_path: Path) -> Inbox:
    """Kalimbi (two revisions: a red line breached, then no longer), Rubaya (RMAP), and two
    suppliers of the buyer's list without a pack."""
    inbox.import_paths([packs.first, packs.second, packs.other], workers=1)
    listing = tmp_path / "suppliers.csv"
    listing.write_text(LIST, encoding="utf-8")
    inbox.register_list(listing)
    return inbox


@pytest.fixture(autouse=True)
def reads_over() -> Iterator[None]:
    yield
    wait_for_reads()
    set_language("en")
