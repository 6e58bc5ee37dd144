"""Files the user names to be read: a folder, a pipe or a device (`/dev/zero`) is refused without
reading it (never a hang, never memory filling up), a missing file is named, and a file larger
than its kind can be is refused after reading no more than that."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.conftest import Cli

from selfassess.core.errors import InvalidInput
from selfassess.core.files import read_input

NOT_ORDINARY = "is not an ordinary file (a device or a pipe)"


def run(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own: if it hung, the timeout would fail the test."""
    return subprocess.run(
        [sys.executable, "-m", "selfassess", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "SELFASSESS_HOME": str(home)},
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


@pytest.fixture
def pipe(tmp_path: Path) -> Path:
    path = tmp_path / "input.fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("source", ["/dev/zero", "pipe", "folder"])
def test_verify_refuses_what_is_not_an_ordinary_file(
    isolated_home: Path, pipe: Path, tmp_path: Path, source: str
) -> None:
    path = {"/dev/zero": "/dev/zero", "pipe": str(pipe), "folder": str(tmp_path)}[source]
    result = run(isolated_home, "verify", path)
    assert result.returncode == 2  # unreadable
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"selfassess: {path}: ")


@pytest.mark.parametrize("source", ["/dev/zero", "pipe"])
def test_identity_import_and_archive_import_refuse_devices_and_pipes(
    isolated_home: Path, pipe: Path, source: str
) -> None:
    path = "/dev/zero" if source == "/dev/zero" else str(pipe)
    imported = run(isolated_home, "identity", "import", path, "--stdin")
    assert imported.returncode == 1
    assert "Traceback" not in imported.stderr
    archive = run(isolated_home, "archive", "import", path)
    assert archive.returncode == 1
    assert archive.stderr == f"selfassess: {path} {NOT_ORDINARY}\n"


def test_attach_checks_every_file_before_copying_any(cli: Cli, tmp_path: Path, pipe: Path) -> None:
    photo = tmp_path / "registre.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    assessment = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi")[1].strip()
    for other, message in (
        ("/dev/zero", f"/dev/zero {NOT_ORDINARY}"),
        (str(pipe), f"{pipe} {NOT_ORDINARY}"),
        (str(tmp_path), f"{tmp_path} is a folder, not a file"),
        (str(tmp_path / "gone.pdf"), f"{tmp_path / 'gone.pdf'}: no such file"),
    ):
        code, out, err = cli("attach", assessment, "A1.2", str(photo), other)
        assert (code, out) == (1, "")
        assert err == f"selfassess: {message}\n"
    code, out, _ = cli("show", assessment, "--json")
    assert '"evidence": []' in out


def test_a_file_larger_than_its_kind_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "settings.json"
    big.write_bytes(b" " * 5000)
    with pytest.raises(InvalidInput, match="is larger than 4 KB: not a file selfassess reads"):
        read_input(big, 4096)
    assert read_input(big, 5000) == b" " * 5000
