"""A refused, failed or cancelled import leaves nothing behind, and what a killed one (or a
killed attach) left is removed at the next open of the store, never a file that a live writer
is about to commit."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.archive.builders import count, leftovers, locker_files, with_json

from selfassess.core.archive import archive as archive_module
from selfassess.core.archive.archive import import_archive
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import Cancelled, InvalidInput, StoreError
from selfassess.core.store.evidence import PLACED_MARK, PLACING_LIST
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store


def two_files_archive(service: AssessmentService, draft: Assessment, folder: Path) -> Path:
    from selfassess.core.archive.archive import export_archive

    for name in ("photo.jpg", "policy.pdf"):
        (folder / name).write_bytes(name.encode() * 1000)
        service.attach(draft.id, "A1.3", [folder / name])
    return export_archive(service.store, draft.id, folder / "two.zip")


@pytest.fixture
def two_files(service: AssessmentService, draft: Assessment, tmp_path: Path) -> Path:
    return two_files_archive(service, draft, tmp_path)


def test_a_full_disk_while_writing_takes_the_placed_evidence_away(
    two_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(archive_module, "write_payload", disk_full)
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(StoreError, match="the disk is full"):
            import_archive(store, two_files)
        assert count(store, "assessments") == 0
        assert locker_files(store) == []
        assert leftovers(store) == []


def test_rows_sqlite_refuses_become_our_own_located_message(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found: "UNIQUE constraint failed". The checks refuse it first; were they to miss it,
    the database's refusal is still told in our words, and nothing stays."""
    spoilt = with_json(
        archive,
        tmp_path / "twice.zip",
        "assessment.json",
        lambda d: d["answers"].append(d["answers"][0]),
    )
    monkeypatch.setattr(archive_module, "check_payload", lambda *_args: None)
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(InvalidInput) as refused:
            import_archive(store, spoilt)
        message = str(refused.value)
        assert ": assessment.json, answers: these rows conflict" in message
        assert "constraint" not in message.lower()
        assert "nothing was imported" in refused.value.localized("en")
        assert count(store, "assessments") == 0
        assert locker_files(store) == []
        assert leftovers(store) == []


def test_an_import_cancelled_while_placing_evidence_leaves_none(
    two_files: Path, tmp_path: Path
) -> None:
    asked: list[bool] = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 3  # after checking both files and placing the first

    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(Cancelled, match="nothing was added"):
            import_archive(store, two_files, stop=stop)
        assert len(asked) == 4
        assert count(store, "assessments") == 0
        assert locker_files(store) == []
        assert leftovers(store) == []


def test_a_failed_import_keeps_the_evidence_other_assessments_hold(
    service: AssessmentService,
    draft: Assessment,
    two_files: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The archive goes back to the home it came from, as a copy, and fails while writing."""
    before = locker_files(service.store)
    monkeypatch.setattr(archive_module, "write_payload", _raise_integrity)
    with pytest.raises(InvalidInput, match="these rows conflict"):
        import_archive(service.store, two_files, "keep-both")
    assert locker_files(service.store) == before
    assert all(
        service.store.evidence.verify(a.sha256) is None for a in service.attachments(draft.id)
    )


def _raise_integrity(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")


def gone_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_staging_files_of_gone_writers_are_removed_at_the_next_open(tmp_path: Path) -> None:
    home = tmp_path / "home-2"
    Store.open(home).close()
    root = home / "evidence"
    root.mkdir()
    dead, alive = gone_pid(), os.getpid()
    names = {
        f".incoming-{dead}-k2j4h": False,  # its writer is gone
        f".incoming-{alive}-p0q1r": True,  # a live writer (this process) is copying it
        ".incoming-abc_xy": True,  # an older name without a process id, fresh
        ".incoming-old_one": False,  # the same, untouched for two hours
    }
    for name in names:
        (root / name).write_bytes(b"half a file")
    two_hours_ago = time.time() - 7200
    os.utime(root / ".incoming-old_one", (two_hours_ago, two_hours_ago))
    Store.open(home).close()
    assert {name: (root / name).exists() for name in names} == names


def place_as_an_import(store: Store, content: bytes, *, marked: bool = True) -> str:
    """Put a file in the locker as an import does before its rows are written."""
    import hashlib

    sha256 = hashlib.sha256(content).hexdigest()
    path = store.evidence.path_of(sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    if marked:
        os.utime(path, (PLACED_MARK, PLACED_MARK))
    return sha256


def import_folder(store: Store, pid: int, hashes: list[str]) -> Path:
    folder = store.evidence.root / f".import-{pid}-0a1b2c3d4e5f"
    folder.mkdir(parents=True)
    (folder / PLACING_LIST).write_text("".join(f"{h}\n" for h in hashes))
    return folder


def test_evidence_a_killed_import_placed_is_removed_at_the_next_open_and_only_that(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    store = service.store
    unrecorded = place_as_an_import(store, b"placed, never recorded")
    recorded = place_as_an_import(store, b"placed and recorded")
    with store.write() as conn:
        conn.execute(
            "INSERT INTO evidence_files (sha256, size, media_type, added_at) "
            "VALUES (?, 19, 'x', 'now')",
            (recorded,),
        )
    touched = place_as_an_import(store, b"touched by a live attach", marked=False)
    shared = place_as_an_import(store, b"listed by a live import too")
    dead = import_folder(store, gone_pid(), [unrecorded, recorded, touched, shared])
    live = import_folder(store, os.getpid(), [shared])
    Store.open(store.home).close()
    assert not store.evidence.path_of(unrecorded).exists()
    assert store.evidence.path_of(recorded).exists()
    assert store.evidence.path_of(touched).exists()
    assert store.evidence.path_of(shared).exists()
    assert not dead.exists()
    assert live.exists()


def test_a_file_an_attach_is_about_to_record_is_never_taken_away(
    service: AssessmentService, tmp_path: Path
) -> None:
    """A killed import left the file; an attach of the same content finds it there and is about
    to insert its row when another program opens the store."""
    store = service.store
    content = b"the same photo, twice"
    sha256 = place_as_an_import(store, content)
    import_folder(store, gone_pid(), [sha256])
    stored, _size = store.evidence.add_stream(io.BytesIO(content), "photo.jpg")  # no row yet
    assert stored == sha256
    Store.open(store.home).close()
    assert store.evidence.verify(sha256) is None


def test_a_killed_import_s_folder_without_its_list_is_removed(tmp_path: Path) -> None:
    home = tmp_path / "home-2"
    with Store.open(home) as store:
        folder = store.evidence.root / f".import-{gone_pid()}-ffffffffffff"
        folder.mkdir(parents=True)
        (folder / f"{'0' * 64}.part").write_bytes(b"half")
    with Store.open(home) as store:
        assert not folder.exists()
        assert leftovers(store) == []
