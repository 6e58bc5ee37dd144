"""The programme's KPIs over a known portfolio: two suppliers with packs and two from the buyer's
list without one, so that every denominator is known; each KPI lists the suppliers behind it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.inbox.packs import Packs

from selfassess.core.errors import InvalidInput
from selfassess.core.inbox.kpis import KPI_IDS, Kpi, months_before
from selfassess.core.inbox.service import Inbox

KALIMBI, RUBAYA = "CD/cooperative miniere de kalimbi", "CD/comptoir de rubaya"
KOLWEZI, LYON = "CD/mine de kolwezi", "FR/fonderie de lyon"
LIST = (
    "organisation;country;province;internal_id;enrolled_since\n"
    "Coopérative minière de Kalimbi;CD;Sud-Kivu;S-001;2026-01-15\n"
    "Mine de Kolwezi;CD;Lualaba;S-002;\n"
    "Fonderie de Lyon;FR;;S-003;\n"
)


@pytest.fixture
def portfolio(inbox: Inbox, packs: Packs, tmp_path: Path) -> Inbox:
    inbox.import_paths([packs.first, packs.second, packs.other])
    listing = tmp_path / "suppliers.csv"
    listing.write_text(LIST, encoding="utf-8")
    inbox.register_list(listing)
    return inbox


def _by_id(kpis: list[Kpi]) -> dict[str, Kpi]:
    assert [kpi.id for kpi in kpis] == list(KPI_IDS)
    return {kpi.id: kpi for kpi in kpis}


def test_each_kpi_has_its_real_denominator(portfolio: Inbox) -> None:
    _found, kpis = portfolio.kpis()
    kpi = _by_id(kpis)
    assert kpi["suppliers_registered"].value == 4
    assert set(kpi["suppliers_assessed"].counted) == {KALIMBI, RUBAYA}
    assert set(kpi["high_risk_suppliers"].counted) == {KALIMBI, RUBAYA, KOLWEZI}
    edd = kpi["high_risk_assessed_in_edd_pct"]
    assert (edd.numerator, edd.denominator, edd.value) == (2, 3, 66.7)
    assert edd.not_counted == (KOLWEZI,)
    assert kpi["enrolled_in_capacity_building"].counted == (KALIMBI,)
    copper = kpi["copper_mark_or_equivalent_pct"]  # Rubaya's RMAP counts; Kalimbi's ITSCI not
    assert (copper.numerator, copper.denominator, copper.value) == (1, 4, 25.0)
    assert copper.counted == (RUBAYA,)
    assert kpi["red_line_breaches"].value == 0  # Kalimbi's latest pack no longer breaches
    assert kpi["children_supported"].per_supplier == {KALIMBI: 2}
    assert kpi["overdue_actions"].value == 0


def test_a_red_line_counts_while_the_latest_pack_breaches_it(inbox: Inbox, packs: Packs) -> None:
    inbox.import_paths([packs.first])
    assert _by_id(inbox.kpis()[1])["red_line_breaches"].counted == (KALIMBI,)
    inbox.import_paths([packs.second])
    assert _by_id(inbox.kpis()[1])["red_line_breaches"].counted == ()


def test_packs_older_than_the_window_no_longer_count_as_assessed(portfolio: Inbox) -> None:
    later = months_before(date.today(), -13)
    kpi = _by_id(portfolio.kpis(later, months=12)[1])
    assert kpi["suppliers_assessed"].value == 0
    assert kpi["high_risk_assessed_in_edd_pct"].value == 0.0
    assert _by_id(portfolio.kpis(later, months=24)[1])["suppliers_assessed"].value == 2


def test_nothing_declared_after_the_day_asked_about_counts(portfolio: Inbox) -> None:
    kpi = _by_id(portfolio.kpis(date.today() - timedelta(days=1))[1])
    assert kpi["suppliers_registered"].value == 0


def test_overdue_actions_and_the_buyers_verification(portfolio: Inbox) -> None:
    later = date.today() + timedelta(days=800)  # every due day has passed
    before = _by_id(portfolio.kpis(later)[1])["overdue_actions"]
    assert set(before.counted) == {KALIMBI, RUBAYA}
    page = portfolio.page(KALIMBI)
    first = page.actions[0].action["id"]
    portfolio.follow_up(KALIMBI, first, "verified_done")
    after = _by_id(portfolio.kpis(later)[1])["overdue_actions"]
    assert after.per_supplier[KALIMBI] == before.per_supplier[KALIMBI] - 1


def test_the_buyers_risk_and_certifications_win_over_the_packs(portfolio: Inbox) -> None:
    portfolio.set_supplier(KALIMBI, {"risk": "low", "risk_reason": "site visit in May"})
    portfolio.set_supplier(LYON, {"certifications": ["copper_mark"]})
    kpi = _by_id(portfolio.kpis()[1])
    assert KALIMBI not in kpi["high_risk_suppliers"].counted
    assert set(kpi["copper_mark_or_equivalent_pct"].counted) == {RUBAYA, LYON}
    portfolio.set_supplier(KALIMBI, {"risk": None})
    assert KALIMBI in _by_id(portfolio.kpis()[1])["high_risk_suppliers"].counted


def test_the_series_has_one_point_a_month_ending_today(portfolio: Inbox) -> None:
    series = portfolio.kpi_series(points=3)
    assert [day for day, _kpis in series][-1] == date.today()
    assert len(series) == 3
    assert _by_id(series[-1][1])["suppliers_registered"].value == 4
    assert _by_id(series[0][1])["suppliers_registered"].value == 0


def test_a_list_imported_again_never_lowers_the_risk_a_pack_gives(
    portfolio: Inbox, tmp_path: Path
) -> None:
    listing = tmp_path / "again.csv"
    listing.write_text(
        "organisation;country;risk;risk_reason\n"
        "Coopérative minière de Kalimbi;CD;low;old list\n"
        "Mine de Kolwezi;CD;low;audited in March\n",
        encoding="utf-8",
    )
    portfolio.register_list(listing)
    kpi = _by_id(portfolio.kpis()[1])
    assert KALIMBI in kpi["high_risk_suppliers"].counted  # its signed pack says high
    assert KOLWEZI not in kpi["high_risk_suppliers"].counted  # no pack: the list's word
    kolwezi = portfolio.supplier(KOLWEZI)
    assert (kolwezi.risk, kolwezi.risk_reason) == ("low", "audited in March")
    assert portfolio.supplier(KALIMBI).risk_reason is None


@pytest.mark.parametrize("as_of", [date(1, 3, 1), date(9999, 12, 31)])
def test_any_day_gives_kpis(portfolio: Inbox, as_of: date) -> None:
    assert _by_id(portfolio.kpis(as_of)[1])["suppliers_registered"].value in (0, 4)
    assert len(portfolio.kpi_series(as_of, points=120)) == 120


@pytest.mark.parametrize("points", [0, -3, 121, 100_000])
def test_a_series_of_no_or_too_many_months_is_refused(portfolio: Inbox, points: int) -> None:
    with pytest.raises(InvalidInput, match="--series must be between 1 and 120"):
        portfolio.kpi_series(points=points)
