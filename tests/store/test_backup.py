"""Backups worth restoring: one a day, refreshed after work, checked before they are kept; and
one before a migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import StoreError
from selfassess.core.store import backup as backup_module
from selfassess.core.store.backup import (
    KEEP,
    backup_after_work,
    backup_folder,
    backup_if_due,
    backups,
    every_backup,
)
from selfassess.core.store.doctor import doctor
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store


def test_one_backup_a_day_and_the_newest_seven_kept(
    service: AssessmentService, draft: Assessment
) -> None:
    home = service.store.home
    assert len(backups(home)) == 1  # opening the store took today's
    assert backup_if_due(service.store) is None
    for day in range(1, 12):
        assert backup_if_due(service.store, today=f"2020-01-{day:02d}") is not None
    kept = backups(home)
    assert len(kept) == KEEP
    assert kept[0].name > kept[-1].name  # newest first
    assert "selfassess-2020-01-01.db" not in {path.name for path in kept}


def corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    data[4096 : 4096 * 3] = b"\x00garbage" * 1024
    path.write_bytes(bytes(data))


def test_doctor_moves_a_damaged_database_aside_and_restores_the_backup(
    service: AssessmentService, draft: Assessment
) -> None:
    home = service.store.home
    service.set_answer(draft.id, "A1.1", 2)
    service.store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup_if_due(service.store, today="2099-01-01")  # a backup holding A1.1 = 2
    service.store.close()
    corrupt(home / "selfassess.db")
    report = doctor(home)
    assert not report.database_ok
    assert report.restored_from is not None
    assert report.restored_from.name == "selfassess-2099-01-01.db"
    moved = {path.name.split(".damaged-")[0] for path in report.moved_aside}
    assert "selfassess.db" in moved
    assert moved <= {"selfassess.db", "selfassess.db-wal", "selfassess.db-shm"}
    assert all(path.exists() for path in report.moved_aside)  # nothing deleted
    with Store.open(home) as store:
        assert AssessmentService(store).answers(draft.id)["A1.1"].value == 2


def test_doctor_on_a_healthy_store_changes_nothing(
    service: AssessmentService, draft: Assessment
) -> None:
    service.store.close()
    report = doctor(service.store.home)
    assert report.database_ok
    assert report.moved_aside == []


def test_the_days_backup_is_refreshed_after_work(
    service: AssessmentService, draft: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = service.store.home
    (todays,) = backups(home)
    service.set_answer(draft.id, "A1.1", 3)
    monkeypatch.setattr(backup_module, "REFRESH_AFTER_S", 0)
    service.store.close()
    (refreshed,) = backups(home)
    assert refreshed == todays  # still one a day
    copy = sqlite3.connect(refreshed)
    try:
        value = copy.execute("SELECT value FROM answers WHERE question_id = 'A1.1'").fetchone()
    finally:
        copy.close()
    assert value == ("3",)


def test_closing_the_app_always_refreshes_the_backup(
    service: AssessmentService, draft: Assessment
) -> None:
    service.set_answer(draft.id, "A1.1", 1)
    service.store.close(end_of_work=True)
    (todays,) = backups(service.store.home)
    copy = sqlite3.connect(todays)
    try:
        assert copy.execute("SELECT value FROM answers WHERE question_id = 'A1.1'").fetchone()
    finally:
        copy.close()


def test_a_damaged_copy_is_never_kept_and_the_good_backup_stays(
    service: AssessmentService, draft: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    (good,) = backups(service.store.home)
    before = good.read_bytes()
    monkeypatch.setattr(backup_module, "integrity_problem", lambda path: "row 3 missing")
    with pytest.raises(StoreError, match="no backup was kept: the copy of the data store failed"):
        backup_after_work(service.store, force=True)
    assert good.read_bytes() == before
    assert not list(good.parent.glob(".*partial"))


def test_a_migration_is_preceded_by_a_backup(isolated_home: Path) -> None:
    old = (Path(__file__).parents[1] / "data" / "schemas" / "v1.sql").read_text()
    raw = sqlite3.connect(isolated_home / "selfassess.db")
    raw.executescript(old)
    raw.close()
    with Store.open(isolated_home):
        pass
    (kept,) = backup_folder(isolated_home).glob("before-migration-from-v1-*.db")
    assert kept in every_backup(isolated_home)  # doctor may restore from it
    copy = sqlite3.connect(kept)
    try:
        assert copy.execute("PRAGMA user_version").fetchone() == (1,)
    finally:
        copy.close()
