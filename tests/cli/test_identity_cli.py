"""`selfassess identity`: create, show, back up and import the signing identity; secrets come
from standard input or the terminal, never from arguments."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., tuple[int, str, str]]

CREATE = ("identity", "create", "--name", "Amani", "--org", "Kalimbi", "--email", "a@k.cd")


def test_create_and_show(cli: Cli) -> None:
    code, out, _ = cli(*CREATE, "--country", "CD")
    assert code == 0
    assert "passphrase    kept by the keyring" in out
    code, out, _ = cli("identity", "show", "--json")
    shown = json.loads(out)
    assert (shown["name"], shown["organisation"], shown["country"]) == ("Amani", "Kalimbi", "CD")
    assert len(shown["fingerprint_sha256"]) == 64
    code, out, _ = cli("identity", "show")
    spoken = shown["fingerprint_sha256"].upper()
    assert f"fingerprint   {spoken[:4]} {spoken[4:8]} " in out
    code, _, err = cli(*CREATE, "--country", "CD")
    assert code == 1
    assert "a signing identity exists already" in err


def test_without_a_keyring_the_passphrase_comes_from_stdin(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, no_keyring: None
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("sauti ya mvua\n"))
    code, out, err = cli(*CREATE, "--country", "CD", "--stdin")
    assert code == 0, err
    assert "no keyring on this computer" in err
    assert "passphrase    kept by you (asked at each signing)" in out


def test_export_then_import_elsewhere(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cli(*CREATE, "--country", "CD")
    backup = tmp_path / "amani.p12"
    monkeypatch.setattr("sys.stdin", io.StringIO("mlima mrefu\n"))
    code, out, err = cli("identity", "export", "-o", str(backup), "--stdin")
    assert code == 0, err
    assert out.startswith(f"backup written to {backup}")
    _, shown, _ = cli("identity", "show", "--json")
    monkeypatch.setattr("sys.stdin", io.StringIO("mlima mrefu\n"))
    other = tmp_path / "laptop-2"
    code, _, err = cli("identity", "import", str(backup), "--home", str(other), "--stdin")
    assert code == 0, err
    _, imported, _ = cli("identity", "show", "--json", "--home", str(other))
    assert json.loads(imported)["fingerprint_sha256"] == json.loads(shown)["fingerprint_sha256"]


def test_no_terminal_and_no_stdin_flag_says_what_to_do(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cli(*CREATE, "--country", "CD")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = cli("identity", "export", "-o", str(tmp_path / "x.p12"))
    assert code == 1
    assert "password for the backup needed: run in a terminal or use --stdin" in err


def test_create_takes_any_name_as_typed(cli: Cli) -> None:
    """Emoji, guillemets, right-to-left scripts and letters newer than Unicode 3.2: the identity
    is made and shows them back as typed (signing them: tests/signing/test_any_name.py)."""
    name, organisation = "أماني «كيفو» 👩🏾\u200d🌾", "Coopérative « Tuungane » 🌍 ߒߞߏ"
    code, _, err = cli(
        "identity", "create", "--name", name, "--org", organisation, "--email", "a@k.cd",
        "--country", "CD",
    )  # fmt: skip
    assert code == 0, err
    _, out, _ = cli("identity", "show", "--json")
    assert (json.loads(out)["name"], json.loads(out)["organisation"]) == (name, organisation)


def test_the_command_line_makes_an_identity_without_email(cli: Cli) -> None:
    code, out, err = cli(
        "identity", "create", "--name", "Amani", "--org", "Kalimbi", "--country", "CD"
    )
    assert code == 0, err
    assert "email         (none)" in out
    code, out, _ = cli("identity", "show", "--json")
    assert code == 0
    assert '"email": ""' in out
