"""`doctor` never makes things worse: it salvages what a damaged database still holds before it
restores anything, says per assessment what came from where, never takes a full disk, a
read-only folder or a busy store for damage, and leaves the old state or the new one however it
is stopped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.store.damage import checkpoint, leaf_pages, smash_everything, smash_page

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import StoreBusy, StoreError
from selfassess.core.forms.model import Form
from selfassess.core.store import doctor as doctor_module
from selfassess.core.store.backup import backup_if_due, every_backup, integrity_problem
from selfassess.core.store.conditions import Condition
from selfassess.core.store.doctor import RESTORE_JOURNAL, doctor
from selfassess.core.store.lock import StoreLock
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

Acknowledged = dict[tuple[str, str], tuple[object, str]]


def a_days_work(service: AssessmentService, form: Form, suppliers: int = 6) -> Acknowledged:
    """Several assessments with answers whose long comments spread them over many pages."""
    done: Acknowledged = {}
    for number in range(suppliers):
        profile = Profile(
            organisation=f"Coopérative {number}", entity_type="asm", minerals=("tin",)
        )
        assessment = service.create(form, profile, language="fr")
        for question, value in (("A1.1", 1 + number % 3), ("A2.2", f"CD-{number}"), ("B1.2", 7)):
            comment = f"{question} of supplier {number}: " + "observed on site. " * 60
            service.set_answer(assessment.id, question, value, comment=comment)
            done[(assessment.id, question)] = (value, comment)
    return done


def answers_in(home: Path) -> dict[tuple[str, str], tuple[object, str | None]]:
    with Store.open(home, backup=False) as store:
        rows = (
            store.read()
            .execute("SELECT assessment_id, question_id, value, comment FROM answers")
            .fetchall()
        )
    import json

    return {(a, q): (json.loads(v) if v else None, c) for a, q, v, c in rows}


def assert_every_answer_is_back(home: Path, acknowledged: Acknowledged) -> None:
    present = answers_in(home)
    for key, (value, comment) in acknowledged.items():
        assert present.get(key) == (value, comment), key


def test_a_damaged_page_loses_none_of_the_days_answers(
    service: AssessmentService, sample_form: Form
) -> None:
    home = service.store.home
    assert len(every_backup(home)) == 1  # the day's first backup, taken before any work
    acknowledged = a_days_work(service, sample_form)
    service.store.close()
    database = home / "selfassess.db"
    checkpoint(database)
    leaves = leaf_pages(database, "answers")
    assert len(leaves) > 2, "the answers should span several pages for this test to mean much"
    smash_page(database, leaves[1])

    report = doctor(home)

    assert report.condition is Condition.DAMAGED
    assert report.repaired
    assert report.unreadable == {"answers": 1}
    assert report.restored_from is not None
    assert report.restored_from.parent == home / "backups"
    assert_every_answer_is_back(home, acknowledged)
    recovered = report.recovery
    assert recovered is not None
    rebuilt = {q for item in recovered.assessments.values() for q in item.answers_from_history}
    assert rebuilt, "the answers of the damaged page come back from the history"
    assert {item.organisation for item in recovered.assessments.values()} >= {"Coopérative 0"}
    assert all(path.exists() for path in report.moved_aside)  # the damaged file is kept
    assert doctor(home).database_ok  # and a second run finds the store healthy


def test_what_neither_the_file_nor_its_history_holds_comes_from_the_backup_and_is_named(
    service: AssessmentService, draft: Form, sample_form: Form
) -> None:
    home = service.store.home
    acknowledged = a_days_work(service, sample_form, suppliers=4)
    backup_if_due(service.store, today="2099-01-01")  # holds the answers as they are now
    first = next(iter(acknowledged))
    service.set_answer(first[0], first[1], 3, comment="changed after the backup")
    service.store.close()
    database = home / "selfassess.db"
    checkpoint(database)
    for table in ("answers", "audit_log"):
        for page in leaf_pages(database, table):
            smash_page(database, page)

    report = doctor(home)

    assert report.repaired
    assert not report.salvaged_everything
    assert report.restored_from is not None
    assert report.restored_from.name == "selfassess-2099-01-01.db"
    assert_every_answer_is_back(home, acknowledged)  # as the backup holds them
    assert report.recovery is not None
    from_backup = report.recovery.assessments[first[0]].answers_from_backup
    assert first[1] in from_backup  # its later change could not be read, and the report says so


def test_a_wholly_unreadable_file_is_restored_from_the_newest_good_backup(
    service: AssessmentService, draft: Form
) -> None:
    home = service.store.home
    service.set_answer(draft.id, "A1.1", 2)
    backup_if_due(service.store, today="2099-01-01")
    service.store.close()
    smash_everything(home / "selfassess.db")
    report = doctor(home)
    assert report.repaired
    assert "(the whole file)" in report.unreadable
    with Store.open(home) as store:
        assert AssessmentService(store).answers(draft.id)["A1.1"].value == 2


def test_a_damaged_newest_backup_is_passed_over_for_a_good_older_one(
    service: AssessmentService, draft: Form
) -> None:
    home = service.store.home
    service.set_answer(draft.id, "A1.1", 2)
    older = backup_if_due(service.store, today="2099-01-01")
    newer = backup_if_due(service.store, today="2099-01-02")
    assert older is not None
    assert newer is not None
    service.store.close()
    for path in every_backup(home):
        os.utime(path, (1, 1))
    os.utime(older, (2, 2))
    os.utime(newer, (3, 3))
    smash_everything(newer)
    smash_everything(home / "selfassess.db")
    assert doctor(home).restored_from == older


def test_doctor_refuses_while_the_store_is_open_and_changes_nothing(
    service: AssessmentService, draft: Form
) -> None:
    home = service.store.home
    smash_page(home / "selfassess.db", 2)
    before = sorted(p.name for p in home.iterdir())
    with pytest.raises(StoreBusy, match="in use by another selfassess"):
        doctor(home, timeout=0.2)
    assert sorted(p.name for p in home.iterdir()) == before


def test_no_writer_starts_while_doctor_holds_the_store(
    service: AssessmentService, isolated_home: Path
) -> None:
    service.store.close()
    with (
        StoreLock.acquire(isolated_home, exclusive=True, timeout=0),
        pytest.raises(StoreBusy, match="being checked or repaired by `selfassess doctor`"),
    ):
        Store.open(isolated_home, timeout=0.2)


class Killed(BaseException):
    """Stands for the process being killed at one instant of the repair."""


def test_a_repair_stopped_at_any_instant_leaves_the_old_or_the_new_database(
    service: AssessmentService, sample_form: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = service.store.home
    acknowledged = a_days_work(service, sample_form, suppliers=2)
    service.store.close()
    database = home / "selfassess.db"
    checkpoint(database)
    pristine = database.read_bytes()
    steps = ["_link_or_copy", "_fsync_folder", "write_atomically", "_fsync"]
    originals = {name: getattr(doctor_module, name) for name in steps}
    instant, stopped_somewhere = 0, True
    while stopped_somewhere:
        for leftover in home.glob("selfassess.db*"):
            leftover.unlink()
        (home / RESTORE_JOURNAL).unlink(missing_ok=True)
        database.write_bytes(pristine)
        smash_page(database, leaf_pages(database, "answers")[0])
        calls = {"count": 0}

        def stop_at(name: str, wanted: int = instant, calls: dict[str, int] = calls) -> object:
            def step(*args: object) -> object:
                calls["count"] += 1
                if calls["count"] == wanted + 1:
                    raise Killed(name)
                return originals[name](*args)

            return step

        for name in steps:
            monkeypatch.setattr(doctor_module, name, stop_at(name))
        try:
            doctor(home)
            stopped_somewhere = False
        except Killed:
            pass
        for name in steps:
            monkeypatch.setattr(doctor_module, name, originals[name])
        if (home / RESTORE_JOURNAL).exists():
            with pytest.raises(StoreError, match="was interrupted; run `selfassess doctor`"):
                Store.open(home)
        second = doctor(home)
        assert second.database_ok or second.repaired, instant
        assert doctor(home).database_ok, instant  # the truth, the time after
        assert_every_answer_is_back(home, acknowledged)
        instant += 1
    assert instant > 5  # the repair had that many instants to be stopped at


def test_full_disk_while_repairing_moves_nothing(
    service: AssessmentService, draft: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = service.store.home
    service.store.close()
    smash_page(home / "selfassess.db", 2)
    before = (home / "selfassess.db").read_bytes(), sorted(p.name for p in home.iterdir())

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(doctor_module.shutil, "copyfile", no_space)
    report = doctor(home)
    assert report.condition is Condition.FULL
    assert not report.repaired
    assert "is full: nothing was changed" in str(report.problem)
    assert (home / "selfassess.db").read_bytes() == before[0]
    assert not list(home.glob("*.damaged-*"))
    assert {p.name for p in home.iterdir()} - set(before[1]) <= {
        "selfassess.db-shm",
        "selfassess.db-wal",
    }


@pytest.mark.parametrize(
    "name", ["Coopé rative #1", "what?mode=rw", "100% sûr", "a#b?c%d", "not-utf8-\udcff"]
)
def test_any_path_works(
    tmp_path: Path, sample_form: Form, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / name / "home"
    with Store.open(home) as store:
        service = AssessmentService(store)
        draft = service.create(
            sample_form, Profile(organisation="K", entity_type="asm"), language="fr"
        )
        service.set_answer(draft.id, "A1.1", 2)
        backup_if_due(store, today="2099-01-01")
    around = sorted(str(p) for p in tmp_path.rglob("*") if home not in p.parents and p != home)
    assert doctor(home).database_ok
    smash_everything(home / "selfassess.db")
    report = doctor(home)
    assert report.repaired
    with Store.open(home) as store:
        assert AssessmentService(store).answers(draft.id)["A1.1"].value == 2
    assert (
        sorted(str(p) for p in tmp_path.rglob("*") if home not in p.parents and p != home) == around
    )


def test_an_empty_store_beside_a_full_backup_is_pointed_out(
    service: AssessmentService, draft: Form
) -> None:
    home = service.store.home
    backup_if_due(service.store, today="2099-01-01")
    with service.store.write() as conn:
        conn.execute("DELETE FROM assessments")
    service.store.close()
    report = doctor(home)
    assert report.database_ok
    assert report.empty_but_backed_up is not None
    assert report.empty_but_backed_up[1] == 1


def test_a_damaged_store_is_read_but_never_written_into(
    service: AssessmentService, draft: Form
) -> None:
    home = service.store.home
    service.store.close()
    database = home / "selfassess.db"
    checkpoint(database)
    smash_page(database, leaf_pages(database, "audit_log")[0])
    with Store.open(home) as store:
        assert store.damage is not None
        with pytest.raises(StoreError, match="is damaged .* run `selfassess doctor`"):
            AssessmentService(store).set_answer(draft.id, "A1.1", 3)
        with pytest.raises(StoreError, match="is damaged"):
            store.read().execute("SELECT * FROM audit_log").fetchall()
    assert integrity_problem(database) is not None  # still as it was: nothing was written


def test_show_on_a_damaged_file_says_so_in_plain_words(
    service: AssessmentService, sample_form: Form, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfassess.cli.main import main

    home = service.store.home
    acknowledged = a_days_work(service, sample_form, suppliers=3)
    service.store.close()
    database = home / "selfassess.db"
    checkpoint(database)
    for page in leaf_pages(database, "answers"):
        smash_page(database, page)
    assessment_id = next(iter(acknowledged))[0]
    assert main(["--home", str(home), "show", assessment_id]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err
    assert "run `selfassess doctor`" in err
    assert "Traceback" not in err
    assert main(["--home", str(home), "answer", assessment_id, "A1.1", "2"]) == 1
    assert "is damaged" in capsys.readouterr().err
