"""The evidence locker: content-addressed, shared between questions, limited, never partial."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_files_are_stored_by_hash_once(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    first = write(tmp_path / "policy.pdf", b"%PDF-1.4 the policy")
    again = write(tmp_path / "copy of policy.pdf", b"%PDF-1.4 the policy")
    service.attach(draft.id, "A1.3", [first, again])
    digest = hashlib.sha256(b"%PDF-1.4 the policy").hexdigest()
    stored = service.store.evidence.path_of(digest)
    assert stored.read_bytes() == b"%PDF-1.4 the policy"
    assert stored.parent.name == digest[:2]
    attached = service.attachments(draft.id)
    assert [(a.original_name, a.sha256, a.media_type, a.size) for a in attached] == [
        ("policy.pdf", digest, "application/pdf", 19)
    ]  # the same content twice on one question is one attachment
    assert len(list(service.store.evidence.root.rglob("*"))) == 2  # one folder, one file


def test_accepted_types_are_enforced(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    sheet = write(tmp_path / "register.xlsx", b"PK\x03\x04")
    with pytest.raises(InvalidInput, match=r"register.xlsx \(application/vnd.openxmlformats"):
        service.attach(draft.id, "A1.3", [sheet])
    photo = write(tmp_path / "site.jpg", b"\xff\xd8\xff")
    service.attach(draft.id, "A1.3", [photo])
    with pytest.raises(InvalidInput, match="A1.1 is not an evidence question"):
        service.attach(draft.id, "A1.1", [photo])


def test_size_limit_refuses_with_a_clear_message(
    draft: Assessment, isolated_home: Path, tmp_path: Path
) -> None:
    (isolated_home / "settings.json").write_text('{"evidence_limit_mb": 0.001}')
    with Store.open(isolated_home) as store:
        service = AssessmentService(store)
        big = write(tmp_path / "big.pdf", b"x" * 2000)
        with pytest.raises(InvalidInput) as refused:
            service.attach(draft.id, "A1.3", [big])
        assert str(refused.value).startswith("big.pdf is larger than the limit of 1.0 KB a file")
        assert service.attachments(draft.id) == []
    assert [p for p in (isolated_home / "evidence").rglob("*") if p.is_file()] == []


def test_a_failed_copy_leaves_no_partial_file_and_no_record(
    service: AssessmentService, draft: Assessment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "photo.jpg", b"\xff\xd8\xff" + b"y" * 5000)

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(
        StoreError, match="could not store photo.jpg in the evidence folder: the disk is full"
    ):
        service.attach(draft.id, "A1.3", [source])
    monkeypatch.undo()
    assert service.attachments(draft.id) == []
    assert [p for p in service.store.evidence.root.rglob("*") if p.is_file()] == []


def test_missing_source_file(service: AssessmentService, draft: Assessment, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        service.attach(draft.id, "A1.3", [tmp_path / "absent.pdf"])
