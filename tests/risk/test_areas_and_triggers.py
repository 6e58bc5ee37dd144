"""When enhanced due diligence applies: a supplier's province however it is written, its
country, a trader's sources and routes, and red-flag answers (docs/risk.md)."""

from __future__ import annotations

from typing import Any

import pytest

from selfassess.core.risk.edd import area_decision
from selfassess.core.risk.matching import province_area
from selfassess.core.risk.table import Level, built_in_table, parse_table, table_json

TABLE = built_in_table()


@pytest.mark.parametrize(
    ("country", "province", "code"),
    [
        ("CD", "CD-SK", "CD-SK"),
        ("CD", "SK", "CD-SK"),
        (None, "CD-SK", "CD-SK"),
        ("CD", "Sud-Kivu", "CD-SK"),
        ("CD", "South Kivu", "CD-SK"),
        ("CD", "Kivu Kusini", "CD-SK"),
        ("CD", "  sud kivu ", "CD-SK"),
        ("CD", "SUD-KIVU", "CD-SK"),
        ("CD", "Kasai-Oriental", "CD-KE"),
        ("CD", "Kasaï Oriental", "CD-KE"),
        ("CD", "Équateur", "CD-EQ"),
        ("CD", "equateur", "CD-EQ"),
        ("CD", "Upper Katanga", "CD-HK"),
        ("CD", "Katanga ya Juu", "CD-HK"),
        ("CD", "Atlantis", None),
        ("RW", "Sud-Kivu", None),  # a province of another country
        ("CD", "", None),
    ],
)
def test_a_province_is_found_however_it_is_written(
    country: str | None, province: str, code: str | None
) -> None:
    found = province_area(TABLE, country, province)
    assert (found.code if found else None) == code


def profile(**fields: Any) -> dict[str, Any]:
    return {
        "entity_type": "asm",
        "country": None,
        "province": None,
        "source_countries": [],
        "transit_countries": [],
        **fields,
    }


TRIGGERS = {
    "a listed province": (profile(country="CD", province="Sud-Kivu"), ["CD-SK"]),
    "a neighbour country": (profile(country="RW", province="Kigali"), ["RW"]),
    "a transit country": (profile(country="KE"), ["KE"]),
    "an unlisted country": (profile(country="CL", province="Antofagasta"), []),
    "no country given": (profile(), []),
    "a trader buying from listed countries": (
        profile(entity_type="trader", country="AE", source_countries=["CD", "CL", "BI"]),
        ["CD", "BI"],
    ),
    "a mine that says it buys from a listed country": (
        profile(entity_type="industrial_mine", country="CL", source_countries=["CD"]),
        ["CD"],
    ),
    "a route through a listed country": (
        profile(entity_type="processor", country="MY", transit_countries=["TZ"]),
        ["TZ"],
    ),
}


@pytest.mark.parametrize("case", TRIGGERS, ids=list(TRIGGERS))
def test_the_area_decides_whether_enhanced_due_diligence_applies(case: str) -> None:
    fields, codes = TRIGGERS[case]
    decision = area_decision(TABLE, fields)
    assert [reason.params["code"] for reason in decision.reasons] == codes
    assert decision.required == bool(codes)
    assert decision.version == TABLE.version


def test_a_reason_names_the_area_its_level_sources_and_date_in_each_language() -> None:
    (reason,) = area_decision(TABLE, profile(country="CD", province="SK")).reasons
    english = reason.text("en")
    assert english.startswith(
        "the supplier's area is listed as an origin-risk area: South Kivu (CD-SK), by IPIS"
    )
    assert english.endswith(f"as of {TABLE.as_of.isoformat()}")
    french = reason.text("fr")
    assert "zone à risque d'origine : Sud-Kivu (CD-SK), selon IPIS" in french
    assert french.endswith(f"à la date du {TABLE.as_of.isoformat()}")
    assert "eneo la hatari ya chanzo: Kivu Kusini (CD-SK)" in reason.text("sw")
    (route,) = area_decision(
        TABLE, profile(entity_type="trader", country="CD", transit_countries=["KE"])
    ).reasons[1:]
    assert "a transit-risk area" in route.text("en")


def test_the_table_covers_the_drc_its_neighbours_and_transit_countries() -> None:
    codes = {area.code for area in TABLE.areas}
    provinces = {code for code in codes if code.startswith("CD-")}
    assert len(provinces) == 26
    neighbours = {"AO", "BI", "CF", "CG", "RW", "SS", "TZ", "UG", "ZM"}
    assert neighbours <= codes
    assert {a.code for a in TABLE.areas if a.level is Level.TRANSIT} == {"KE", "MZ", "ZA"}
    for area in TABLE.areas:
        assert {"en", "fr", "sw"} <= set(area.names), area.code
        assert all({"en", "fr", "sw"} <= set(reason) for reason in area.reasons), area.code


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"version": "soon"}, "version"),
        ({"areas": [{"code": "cd-sk"}]}, "areas"),
        ({"format": 2}, "format"),
    ],
)
def test_a_broken_table_is_refused_saying_where(change: dict[str, Any], problem: str) -> None:
    import json

    from selfassess.core.errors import InvalidInput

    data = {**json.loads(table_json(TABLE)), **change}
    with pytest.raises(InvalidInput, match=f"is not a risk table: {problem}"):
        parse_table(json.dumps(data).encode(), "table.json")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"country": "DC"}, "country 'DC' is not an ISO 3166 code"),
        ({"country": "ZZ"}, "country 'ZZ' is not an ISO 3166 code"),
        ({"country": "FR", "province": "CD-SK"}, "province CD-SK is in CD, not in the country"),
        ({"source_countries": ("CD", "QQ")}, "source country 'QQ' is not an ISO 3166 code"),
    ],
)
def test_a_country_that_would_escape_the_risk_data_is_refused(
    fields: dict[str, Any], message: str
) -> None:
    """A mistyped country or a province of another country would silently skip EDD."""
    import dataclasses

    from selfassess.core.demo import KALIMBI
    from selfassess.core.errors import InvalidInput
    from selfassess.core.profile import check_profile

    with pytest.raises(InvalidInput, match=message):
        check_profile(dataclasses.replace(KALIMBI, **fields))


def test_sources_count_for_any_supplier_that_gives_them() -> None:
    decision = area_decision(
        TABLE, profile(entity_type="other", country="AE", source_countries=["CD"])
    )
    assert decision.required
    assert "minerals bought from an origin-risk area" in decision.reasons[0].text("en")
