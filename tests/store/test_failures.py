"""When a write fails (full disk, read-only store, another process) nothing changes and the
message says why."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import StoreBusy, StoreError
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store


def snapshot(store: Store) -> list[tuple[object, ...]]:
    conn = store.read()
    return (
        conn.execute("SELECT * FROM answers ORDER BY question_id").fetchall()
        + conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    )


def test_full_disk_leaves_the_database_as_it_was(
    service: AssessmentService, draft: Assessment
) -> None:
    service.set_answer(draft.id, "A1.1", 1)
    before = snapshot(service.store)
    conn = service.store.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: a full disk
    with pytest.raises(StoreError, match="is full: nothing was changed"):
        service.set_answer(draft.id, "A2.2", "CD-1" + "x" * 20000)
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert snapshot(service.store) == before
    service.set_answer(draft.id, "A1.1", 2)  # the store still works afterwards


def test_another_writer_makes_us_wait_then_say_in_use(
    draft: Assessment, isolated_home: Path
) -> None:
    holder = sqlite3.connect(isolated_home / "selfassess.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            Store.open(isolated_home, backup=False, timeout=0.2) as store,
            pytest.raises(StoreBusy, match="is in use by another selfassess"),
        ):
            AssessmentService(store).set_answer(draft.id, "A1.1", 2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_store(draft: Assessment, isolated_home: Path) -> None:
    os.chmod(isolated_home / "selfassess.db", 0o444)
    try:
        with Store.open(isolated_home, backup=False) as store, pytest.raises(StoreError):
            AssessmentService(store).set_answer(draft.id, "A1.1", 2)
    finally:
        os.chmod(isolated_home / "selfassess.db", 0o644)


def test_a_newer_schema_is_refused(isolated_home: Path) -> None:
    path = isolated_home / "selfassess.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 999")
    raw.close()
    with pytest.raises(StoreError, match="was written by a newer selfassess"):
        Store.open(isolated_home)


def test_a_file_that_is_not_a_database(isolated_home: Path) -> None:
    (isolated_home / "selfassess.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="is damaged .* run `selfassess doctor`"):
        Store.open(isolated_home)


def test_read_only_database_says_so(service: AssessmentService, draft: Assessment) -> None:
    service.store.connection.execute("PRAGMA query_only = ON")  # as SQLite sees a read-only file
    with pytest.raises(StoreError, match="is read-only: nothing was changed"):
        service.set_answer(draft.id, "A1.1", 2)
    service.store.connection.execute("PRAGMA query_only = OFF")
    assert "A1.1" not in service.answers(draft.id)
