"""Daily rolling backups, and doctor restoring a damaged database from the newest good one."""

from __future__ import annotations

from pathlib import Path

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.store.backup import KEEP, backup_if_due, backups, doctor
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
    report = doctor(service.store.home)
    assert report.database_ok
    assert report.moved_aside == []
