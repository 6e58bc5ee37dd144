"""Every earlier schema version opens and migrates forward, keeping its data."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.remediation.service import RemediationService
from selfassess.core.store.schema import SCHEMA_VERSION
from selfassess.core.store.store import Store

SCHEMAS = sorted((Path(__file__).parents[1] / "data" / "schemas").glob("v*.sql"))


def version_of(fixture: Path) -> int:
    match = re.search(r"v(\d+)\.sql$", fixture.name)
    assert match
    return int(match.group(1))


def test_there_is_a_fixture_for_every_schema_version() -> None:
    assert [version_of(path) for path in SCHEMAS] == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", SCHEMAS, ids=lambda path: path.stem)
def test_old_schema_opens_migrated_with_its_data(fixture: Path, isolated_home: Path) -> None:
    database = sqlite3.connect(isolated_home / "selfassess.db")
    database.executescript(fixture.read_text(encoding="utf-8"))
    database.close()
    with Store.open(isolated_home) as store:
        version = store.read().execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        service = AssessmentService(store)
        (assessment,) = service.all()
        assert assessment.profile.organisation == "Schema One Coop"
        assert service.answers(assessment.id)["A1.1"].comment == "v1 answer"
        service.set_answer(assessment.id, "A1.1", 3)  # and it is writable


def test_an_empty_file_becomes_a_current_store(isolated_home: Path) -> None:
    (isolated_home / "selfassess.db").touch()
    with Store.open(isolated_home) as store:
        assert store.read().execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def fixture_of(version: int) -> Path:
    (path,) = [fixture for fixture in SCHEMAS if version_of(fixture) == version]
    return path


def opened(fixture: Path, home: Path) -> Store:
    database = sqlite3.connect(home / "selfassess.db")
    database.executescript(fixture.read_text(encoding="utf-8"))
    database.close()
    return Store.open(home)


def test_a_store_from_before_the_supply_chain_fields_gets_them_empty(isolated_home: Path) -> None:
    """Schema 3 added certifications, mechanisation and the source and transit countries: an
    assessment made before has none of them, and can be given them in a new assessment."""
    with opened(fixture_of(2), isolated_home) as store:
        service = AssessmentService(store)
        (assessment,) = service.all()
        profile = assessment.profile
        assert (profile.organisation, profile.minerals) == ("Schema One Coop", ("gold",))
        assert (profile.certifications, profile.mechanisation) == ((), None)
        assert (profile.source_countries, profile.transit_countries) == ((), ())
        assert profile.expression_fields()["certifications"] == []
        assert len(store.read().execute("SELECT * FROM actions").fetchall()) == 1  # kept
        given = dataclasses.replace(
            profile, certifications=("itsci",), mechanisation="manual", source_countries=("CD",)
        )
        again = service.create(service.form_of(assessment), given)
        assert service.get(again.id).profile == given
        assert service.get(assessment.id).profile == profile


def test_the_supply_chain_fields_are_read_back_as_stored(isolated_home: Path) -> None:
    with opened(fixture_of(3), isolated_home) as store:
        (assessment,) = AssessmentService(store).all()
        profile = assessment.profile
        assert profile.certifications == ("rmap", "other")
        assert profile.mechanisation == "semi_mechanised"
        assert (profile.source_countries, profile.transit_countries) == (("CD", "RW"), ("UG",))


def test_a_store_from_before_the_register_gets_it_empty(isolated_home: Path) -> None:
    """Schema 4 added the remediation register and the risk data's version: an assessment made
    before keeps its answers and plan, has an empty register it can write, and no version."""
    with opened(fixture_of(3), isolated_home) as store:
        service = AssessmentService(store)
        (assessment,) = service.all()
        register = RemediationService(store)
        assert register.cases(assessment.id) == []
        columns = [row[1] for row in store.read().execute("PRAGMA table_info(assessments)")]
        assert "risk_data_version" in columns
        version = store.read().execute("SELECT risk_data_version FROM assessments").fetchone()
        assert version == (None,)
        assert len(store.read().execute("SELECT * FROM actions").fetchall()) == 1
        case = register.add_case(
            assessment.id,
            age_band="under_12",
            sex="male",
            work=["carrying"],
            identified="2026-11-01",
            today=date(2026, 12, 7),
        )
        assert case.number == 1
        assert service.answers(assessment.id)["A1.1"].comment == "v1 answer"


def test_the_register_is_read_back_as_stored(isolated_home: Path) -> None:
    with opened(fixture_of(4), isolated_home) as store:
        (assessment,) = AssessmentService(store).all()
        first, second = RemediationService(store).cases(assessment.id)
        assert (first.work, first.partner) == (
            ("digging", "washing_sorting"),
            "Comité local de protection de l'enfant",
        )
        assert [(f.month, f.situation, f.note) for f in first.follow_ups] == [
            (3, "in_school_or_training", "classe de 5e")
        ]
        assert (second.work, second.worst_form_stated, second.follow_ups) == (
            ("selling_food",),
            False,
            (),
        )
