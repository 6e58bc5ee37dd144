"""Every command that writes a file the user names: a missing folder is refused (never created),
a folder or a pipe given as the file is refused, a read-only or full disk says so, naming what
was not saved, and nothing half-written is left behind."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import Cli

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.demo import KALIMBI, create_demo
from selfassess.core.errors import StoreError
from selfassess.core.files import write_output
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

Writer = Callable[[Cli, Path, pytest.MonkeyPatch, Path], tuple[int, str, str]]
IDENTITY = ("identity", "create", "--name", "Amani", "--org", KALIMBI.organisation,
    "--email", "a@k.cd", "--country", "CD")  # fmt: skip


def _draft(cli: Cli, target: Path, _patch: pytest.MonkeyPatch, _home: Path) -> tuple[int, str, str]:
    assessment = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi")[1].strip()
    return cli("export", assessment, "--draft", "-o", str(target))


def _blank(cli: Cli, target: Path, _patch: pytest.MonkeyPatch, _home: Path) -> tuple[int, str, str]:
    return cli("print-blank", "--form", "quick-scan", "-o", str(target))


def _archive(
    cli: Cli, target: Path, _patch: pytest.MonkeyPatch, _home: Path
) -> tuple[int, str, str]:
    assessment = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi")[1].strip()
    return cli("archive", "export", assessment, "-o", str(target))


def _backup(cli: Cli, target: Path, patch: pytest.MonkeyPatch, _home: Path) -> tuple[int, str, str]:
    assert cli(*IDENTITY)[0] == 0
    patch.setattr("sys.stdin", io.StringIO("mlima mrefu\n"))
    return cli("identity", "export", "-o", str(target), "--stdin")


def _pack(cli: Cli, target: Path, _patch: pytest.MonkeyPatch, home: Path) -> tuple[int, str, str]:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    with Store.open(home) as store:
        assessment = create_demo(AssessmentService(store), form)
    assert cli(*IDENTITY)[0] == 0
    return cli("export", assessment, "-o", str(target), "--email-to", "buyer@example.com")


def _demo(cli: Cli, target: Path, _patch: pytest.MonkeyPatch, _home: Path) -> tuple[int, str, str]:
    return cli("demo", "--out", str(target))


WRITERS: dict[str, Writer] = {
    "export --draft": _draft,
    "print-blank": _blank,
    "archive export": _archive,
    "identity export": _backup,
    "export --email-to": _pack,
    "demo --out": _demo,
}
NAMES = {"export --draft": "x.pdf", "print-blank": "x.pdf", "archive export": "x.zip",
    "identity export": "x.p12", "export --email-to": "x.pdf", "demo --out": "demo"}  # fmt: skip


@pytest.mark.parametrize("writer", WRITERS)
def test_a_missing_folder_is_refused_and_never_created(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path, writer: str
) -> None:
    missing = tmp_path / "missing" / "dir"
    code, out, err = WRITERS[writer](cli, missing / NAMES[writer], monkeypatch, isolated_home)
    assert code == 1
    assert "written" not in out
    assert err.splitlines()[-1] == (
        f"selfassess: the folder {missing} does not exist; create it first or choose another folder"
    )
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("writer", [w for w in WRITERS if w != "demo --out"])
@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_folder_or_a_pipe_given_as_the_file_is_refused(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_home: Path,
    writer: str,
    kind: str,
) -> None:
    target = tmp_path / "out" / NAMES[writer]
    target.parent.mkdir()
    if kind == "folder":
        target.mkdir()
        expected = f"selfassess: {target} is a folder; give the name of a file to write in it"
    else:
        os.mkfifo(target)
        expected = (
            f"selfassess: {target} is not an ordinary file (a device or a pipe); choose a file name"
        )
    code, _, err = WRITERS[writer](cli, target, monkeypatch, isolated_home)
    assert code == 1
    assert err.splitlines()[-1] == expected
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_an_email_draft_that_cannot_be_written_is_refused_before_signing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    pack = tmp_path / "pack.pdf"
    pack.with_suffix(".eml").mkdir()
    code, _, err = _pack(cli, pack, monkeypatch, isolated_home)
    assert code == 1
    assert f"{pack.with_suffix('.eml')} is a folder" in err
    assert not pack.exists()
    draft = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi")[1].strip()
    code, _, err = cli("export", draft, "-o", str(pack), "--email-to", "not an address")
    assert code == 1
    assert "'not an address' is not an e-mail address such as buyer@example.com" in err


@pytest.mark.parametrize("writer", [w for w in WRITERS if w != "demo --out"])
def test_a_full_disk_says_so_and_leaves_nothing_half_written(
    cli: Cli,
    full_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_home: Path,
    writer: str,
) -> None:
    target = full_disk / NAMES[writer]
    code, _, err = WRITERS[writer](cli, target, monkeypatch, isolated_home)
    assert code == 1
    assert err.splitlines()[-1] == (
        f"selfassess: could not write {target}: the disk is full; free some space and try again"
    )
    assert [p.name for p in full_disk.iterdir()] == ["filler"]


def test_a_demo_on_a_full_disk_takes_its_half_made_folder_away(cli: Cli, full_disk: Path) -> None:
    code, _, err = cli("demo", "--out", str(full_disk / "demo"))
    assert code == 1
    assert err.startswith("selfassess: ")
    assert [p.name for p in full_disk.iterdir()] == ["filler"]


@pytest.mark.parametrize("writer", ["export --draft", "archive export", "identity export"])
def test_a_read_only_disk_says_so(
    cli: Cli,
    read_only_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_home: Path,
    writer: str,
) -> None:
    target = read_only_folder / NAMES[writer]
    code, _, err = WRITERS[writer](cli, target, monkeypatch, isolated_home)
    assert code == 1
    assert err.splitlines()[-1] == (
        f"selfassess: could not write {target}: the disk or folder is read-only"
    )


def test_the_full_disk_message_is_in_the_interface_language(full_disk: Path) -> None:
    target = full_disk / "pack.pdf"
    with pytest.raises(StoreError) as refused:
        write_output(target, b"%PDF-1.7" * 100_000)
    assert refused.value.localized("fr") == (
        f"impossible d'écrire {target} : le disque est plein ; libérez de la place et réessayez"
    )
    assert refused.value.localized("sw") == (
        f"imeshindwa kuandika {target}: diski imejaa; ongeza nafasi na ujaribu tena"
    )


def test_attaching_evidence_on_a_full_disk_says_so_in_the_interface_language(
    tmp_path: Path, full_disk: Path
) -> None:
    photo = tmp_path / "registre.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + os.urandom(300_000))
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    with Store.open(tmp_path / "home") as store:
        service = AssessmentService(store)
        draft = service.create(form, Profile("Kalimbi", "asm"))
        store.evidence.root = full_disk / "evidence"  # the locker on the full disk
        with pytest.raises(StoreError) as refused:
            service.attach(draft.id, "A1.2", [photo])
        assert service.attachments(draft.id) == []
    assert "the disk is full" in str(refused.value)
    assert "le disque est plein" in refused.value.localized("fr")
    assert "diski imejaa" in refused.value.localized("sw")
    assert sorted(p.name for p in full_disk.rglob("*") if p.is_file()) == ["filler"]
