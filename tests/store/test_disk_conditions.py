"""A full disk and a read-only home, for real: a small tmpfs mounted for the test (CI runs as
root). A full disk or a read-only folder is reported as what it is; nothing is moved; a
read-only home still reads."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import StoreError
from selfassess.core.forms.model import Form
from selfassess.core.store.doctor import doctor
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store


def _mount(point: Path, options: str) -> str | None:
    """None when mounted, else why it could not be."""
    if os.name != "posix" or os.geteuid() != 0:
        return "mounting a small disk needs root"
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if result.returncode == 0 else f"mount failed: {result.stderr.strip()}"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB disk of its own (skipped, with the reason, where it cannot be mounted)."""
    point = tmp_path / "disk"
    point.mkdir()
    why = _mount(point, "size=3m")
    if why is not None:
        pytest.skip(why)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def a_store_with_answers(home: Path, form: Form) -> tuple[str, list[str]]:
    with Store.open(home) as store:
        service = AssessmentService(store)
        profile = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))
        draft = service.create(form, profile, language="fr")
        service.set_answer(draft.id, "A1.1", 2)
        service.set_answer(draft.id, "A2.2", "CD-7")
    return draft.id, sorted(p.name for p in home.iterdir())


def fill(disk: Path) -> None:
    with (disk / "filler").open("wb") as stream:
        try:
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()
        except OSError:
            pass


def test_a_full_disk_is_said_as_such_and_nothing_is_moved(
    small_disk: Path, sample_form: Form
) -> None:
    home = small_disk / "home"
    assessment_id, _files = a_store_with_answers(home, sample_form)
    fill(small_disk)
    report = doctor(home)
    assert not list(home.glob("*.damaged-*"))
    assert report.database_ok or "is full" in str(report.problem)
    with Store.open(home, backup=False) as store:
        service = AssessmentService(store)
        with pytest.raises(StoreError, match="full"):
            service.set_answer(assessment_id, "A2.2", "CD-8")
        assert service.answers(assessment_id)["A2.2"].value == "CD-7"
    (small_disk / "filler").unlink()
    with Store.open(home) as store:
        assert AssessmentService(store).answers(assessment_id)["A1.1"].value == 2


@pytest.fixture
def read_only_home(small_disk: Path, sample_form: Form) -> Iterator[tuple[Path, str]]:
    home = small_disk / "home"
    assessment_id, _ = a_store_with_answers(home, sample_form)
    result = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("the small disk could not be made read-only")
    yield home, assessment_id
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=False)


def test_a_read_only_home_still_reads(read_only_home: tuple[Path, str], tmp_path: Path) -> None:
    home, assessment_id = read_only_home
    with Store.open(home) as store:
        assert store.read_only
        service = AssessmentService(store)
        assert service.answers(assessment_id)["A2.2"].value == "CD-7"
        with pytest.raises(StoreError, match="read-only: nothing was changed"):
            service.set_answer(assessment_id, "A1.1", 3)
    report = doctor(home)
    assert report.database_ok
    assert report.read_only


def test_the_command_line_reads_a_read_only_home(
    read_only_home: tuple[Path, str], tmp_path: Path
) -> None:
    from selfassess.cli.main import main

    home, assessment_id = read_only_home
    assert main(["--home", str(home), "list"]) == 0
    assert main(["--home", str(home), "show", assessment_id]) == 0
    assert main(["--home", str(home), "gaps", assessment_id, "--json"]) == 0
    pack = tmp_path / "pack.pdf"
    assert main(["--home", str(home), "export", assessment_id, "--draft", "-o", str(pack)]) == 0
    assert pack.read_bytes().startswith(b"%PDF")
    assert main(["--home", str(home), "answer", assessment_id, "A1.1", "3"]) == 1
    assert main(["--home", str(home), "doctor", "--json"]) == 0


def test_a_new_store_on_a_full_disk_says_the_disk_is_full(small_disk: Path) -> None:
    fill(small_disk)
    with pytest.raises(StoreError, match="full"):
        Store.open(small_disk / "home")
