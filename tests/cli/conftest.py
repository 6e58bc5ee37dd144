"""The command line as tests run it: `cli("gaps", ID, "--json")` gives (exit code, out, err);
and disks that are full or read-only, where a small tmpfs can be mounted."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfassess.cli.main import main

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _mount_tmpfs(folder: Path, options: str) -> None:
    """Mount a small tmpfs on `folder`, or skip the test saying why it cannot be done here."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def _fill(path: Path) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
    finally:
        os.close(descriptor)


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a disk with no space left (a 256 KB tmpfs, filled)."""
    folder = tmp_path / "full"
    _mount_tmpfs(folder, "size=256k")
    _fill(folder / "filler")
    yield folder
    _unmount(folder)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder on a read-only disk (a tmpfs mounted read-only)."""
    folder = tmp_path / "read-only"
    _mount_tmpfs(folder, "size=64k,ro")
    yield folder
    _unmount(folder)
