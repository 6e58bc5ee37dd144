"""`selfassess demo`: a finalized sample of the full form, exported as a signed pack that
verifies, in a home of its own; the user's data and keyring are not touched."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MemoryKeyring

Cli = Callable[..., tuple[int, str, str]]


def test_demo_makes_a_verified_pack_with_one_red_line(
    cli: Cli, tmp_path: Path, isolated_home: Path, memory_keyring: MemoryKeyring
) -> None:
    code, out, err = cli("demo", "--out", str(tmp_path / "demo"))
    assert code == 0, err
    pack, demo_home = tmp_path / "demo" / "pack.pdf", str(tmp_path / "demo" / "home")
    assert f"signed pack: {pack}" in out
    assert "verified: VALID" in out
    assert memory_keyring.entries == {}  # the demo identity's passphrase was never stored
    assert not any(isolated_home.iterdir())  # nothing in the user's own data
    code, out, _ = cli("verify", str(pack), "--json")
    verdict = json.loads(out)
    assert verdict["valid"] is True
    assert verdict["form"]["id"] == "self-assessment"
    assert any(name.startswith("evidence/") for name in verdict["files"])
    (sample,) = json.loads(cli("list", "--json", "--home", demo_home)[1])
    code, out, _ = cli("gaps", sample["id"], "--json", "--home", demo_home)
    assert [c["id"] for c in json.loads(out)["criteria"] if c["red_flags"]] == ["B1"]


def test_demo_refuses_a_folder_already_used(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "demo" / "home").mkdir(parents=True)
    code, _, err = cli("demo", "--out", str(tmp_path / "demo"))
    assert code == 1
    assert "exists already" in err
