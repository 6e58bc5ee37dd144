"""`selfassess verify` as a buyer uses it: a verdict in plain words or JSON, the exit code, and
trust on first use of each supplier organisation's certificate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.pack.making import PHOTO, RESPONSE, appended, identity, report_pdf

from selfassess.cli.main import main
from selfassess.core.pack.seal import seal

FORM = RESPONSE  # its form is quick-scan 0.2.0


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_first_then_known_then_changed_signer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supplier = identity(tmp_path / "supplier")
    buyer = ("--home", str(tmp_path / "buyer"))
    first = write(tmp_path / "first.pdf", seal(report_pdf(), [FORM, PHOTO], supplier))
    code, out, _ = run(capsys, "verify", first, "--json", *buyer)
    verdict = json.loads(out)
    assert code == 0
    assert verdict["valid"] is True
    assert verdict["reasons"] == []
    assert verdict["coverage"] == "entire_file"
    assert verdict["form"] == {"id": "quick-scan", "version": "0.2.0"}
    assert (verdict["known_signer"], verdict["signer_status"]) == (False, "first_time")
    assert len(verdict["signer"]["fingerprint_sha256"]) == 64
    code, out, _ = run(capsys, "verify", first, *buyer)
    assert code == 0
    assert "known signer" in out
    impostor = identity(tmp_path / "impostor")  # same name and organisation, another key
    second = write(tmp_path / "second.pdf", seal(report_pdf(), [FORM], impostor))
    code, out, _ = run(capsys, "verify", second, *buyer)
    assert code == 0  # the file itself is intact ...
    assert "WARNING: this organisation signed before with ANOTHER certificate" in out  # ... but
    code, out, _ = run(capsys, "verify", second, "--json", *buyer)
    assert json.loads(out)["signer_status"] == "changed"  # still, until the buyer confirms it
    run(capsys, "verify", second, "--trust-new-fingerprint", *buyer)
    code, out, _ = run(capsys, "verify", second, "--json", *buyer)
    assert json.loads(out)["known_signer"] is True


def test_tampered_and_unreadable_packs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = seal(report_pdf(), [RESPONSE], identity(tmp_path / "supplier"))
    tampered = write(tmp_path / "tampered.pdf", appended(pack, "attachment"))
    code, out, _ = run(capsys, "verify", tampered)
    assert code == 1
    assert out.splitlines()[0].endswith("tampered.pdf: NOT VALID")
    assert "something was added to the file after it was signed" in out
    code, _, err = run(capsys, "verify", write(tmp_path / "x.pdf", b"hello"))
    assert code == 2
    assert "not a readable PDF" in err
    code, _, err = run(capsys, "verify", str(tmp_path / "missing.pdf"))
    assert code == 2
    assert "missing.pdf" in err
