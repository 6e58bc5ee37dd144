"""Limits on an archive as a whole, checked before the first byte is written: total size (from
settings.json), member count, how much each member and the whole archive expand, and the free
disk space; and the bytes actually decompressed, counted while hashing, stop the reading even
when the zip's headers have fooled the checks made from them."""

from __future__ import annotations

import json
import random
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from tests.archive.builders import count, leftovers, locker_files, members_of

from selfassess.core.archive import members as archive_members
from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.archive.limits import MAX_MEMBERS, SPACE_MARGIN
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store

MB = 1024 * 1024


def compressible(seed: int, spacing: int, size: int = MB) -> bytes:
    """`size` bytes that deflate about `spacing / 4` times (a random byte every `spacing`)."""
    rng = random.Random(seed)
    block = bytearray()
    while len(block) < size:
        block += bytes([rng.randrange(256)]) + b"a" * spacing
    return bytes(block[:size])


def deflated_archive(
    service: AssessmentService, draft: Assessment, folder: Path, contents: list[bytes]
) -> Path:
    """An archive of a draft with these evidence files, each deflated (export stores them)."""
    for index, content in enumerate(contents):
        path = folder / f"scan-{index}.pdf"
        path.write_bytes(content)
        service.attach(draft.id, "A1.3", [path])
    exported = export_archive(service.store, draft.id, folder / "stored.zip")
    target = folder / "deflated.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members_of(exported).items():
            zipped.writestr(name, data)
    return target


def assert_nothing_written(store: Store) -> None:
    assert count(store, "assessments") == 0
    assert count(store, "evidence_files") == 0
    assert locker_files(store) == []
    assert leftovers(store) == []


def test_many_small_members_that_expand_are_refused(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    """Found: members of 1 MB or less were exempt; 64 of them wrote 64 MB from a small file."""
    contents = [compressible(seed, 10_000) for seed in range(64)]
    archive = deflated_archive(service, draft, tmp_path, contents)
    assert archive.stat().st_size < 400 * 1024
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(InvalidInput, match=r"member 'evidence/[0-9a-f]{64}' expands \d+ times"):
            import_archive(store, archive)
        assert_nothing_written(store)


def test_an_archive_that_expands_too_much_as_a_whole_is_refused(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    """Each member expands less than a member may (about 79 times), all together too much."""
    archive = deflated_archive(service, draft, tmp_path, [compressible(s, 300) for s in range(4)])
    for info in zipfile.ZipFile(archive).infolist():
        assert info.file_size / max(info.compress_size, 1) < 100
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(InvalidInput, match=r"deflated\.zip expands \d+ times its own size"):
            import_archive(store, archive)
        assert_nothing_written(store)


def test_the_total_size_limit_is_read_from_settings(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    archive = deflated_archive(service, draft, tmp_path, [compressible(1, 40)])
    home = tmp_path / "laptop-2"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"archive_limit_mb": 0.5}))
    with Store.open(home) as store:
        with pytest.raises(InvalidInput) as refused:
            import_archive(store, archive)
        assert "expands to more than 512.0 KB (the limit archive_limit_mb in settings.json)" in str(
            refused.value
        )
        assert_nothing_written(store)
    (home / "settings.json").write_text(json.dumps({"archive_limit_mb": 2}))
    with Store.open(home) as store:
        assert import_archive(store, archive).assessment_id == draft.id


class Usage(NamedTuple):
    total: int
    used: int
    free: int


class Fooled(NamedTuple):
    limit_mb: float
    spacing: int  # 0: zeros, expanding a thousand times
    expected: str


@pytest.mark.parametrize(
    "fooled",
    [
        Fooled(2048, 0, "expands beyond 50 times the archive's size"),
        Fooled(1.5, 100, "expands to more than 1.5 MB"),
    ],
)
def test_bytes_actually_decompressed_stop_the_reading_when_the_headers_fooled_the_checks(
    service: AssessmentService,
    draft: Assessment,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fooled: Fooled,
) -> None:
    contents = [
        compressible(seed, fooled.spacing, 2 * MB) if fooled.spacing else bytes([seed]) * 2 * MB
        for seed in range(2)
    ]
    archive = deflated_archive(service, draft, tmp_path, contents)
    monkeypatch.setattr(archive_members, "check_sizes", lambda *_args: None)
    home = tmp_path / "laptop-2"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"archive_limit_mb": fooled.limit_mb}))
    read: list[int] = []
    real_chunks = archive_members.chunks

    def counted(*args: Any) -> Iterator[bytes]:
        for chunk in real_chunks(*args):
            read.append(len(chunk))
            yield chunk

    monkeypatch.setattr(archive_members, "chunks", counted)
    with Store.open(home) as store:
        with pytest.raises(InvalidInput, match=fooled.expected):
            import_archive(store, archive)
        assert_nothing_written(store)
    assert sum(read) <= 4 * MB  # stopped before the second file was read whole


def test_an_archive_announcing_more_members_than_an_archive_has_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "crowded.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for index in range(MAX_MEMBERS + 1):
            zipped.writestr(f"evidence/{index:064x}", b"")

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the directory was parsed")

    monkeypatch.setattr(archive_members.zipfile, "ZipFile", never)
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(InvalidInput, match=r"has 10001 members, more than an archive holds"):
            import_archive(store, archive)
        assert_nothing_written(store)


def test_an_import_needing_more_than_the_free_space_writes_nothing(
    service: AssessmentService,
    draft: Assessment,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(compressible(3, 4) * 3)
    service.attach(draft.id, "A1.3", [path])
    archive = export_archive(service.store, draft.id, tmp_path / "a.zip")
    with Store.open(tmp_path / "laptop-2") as store:
        real = shutil.disk_usage(store.home)
        asked: list[Path] = []

        def small_disk(where: Path) -> Usage:
            asked.append(Path(where))
            return Usage(real.total, real.total - MB, SPACE_MARGIN + 2 * MB)

        monkeypatch.setattr(shutil, "disk_usage", small_disk)
        with pytest.raises(StoreError) as refused:
            import_archive(store, archive)
        assert "not enough free space to import" in str(refused.value)
        assert f"on the disk of {store.home}, which has 66.0 MB free" in str(refused.value)
        assert "place" in refused.value.localized("fr")
        assert asked == [store.home]
        assert_nothing_written(store)
        monkeypatch.setattr(shutil, "disk_usage", lambda _where: real)
        assert import_archive(store, archive).assessment_id == draft.id
