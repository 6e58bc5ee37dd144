"""`selfassess verify` as a buyer uses it: a verdict in plain words or JSON, the exit code, and
trust on first use of each supplier organisation's certificate, where a changed certificate is
never valid until the buyer accepts it, with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.pack.making import PHOTO, appended, genuine_data, identity, report_pdf

from selfassess.cli.main import main
from selfassess.core.pack.seal import seal

RESPONSE, FORM = genuine_data()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_new_then_known_then_changed_signer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supplier = identity(tmp_path / "supplier")
    buyer = ("--home", str(tmp_path / "buyer"))
    first = write(tmp_path / "first.pdf", seal(report_pdf(), [RESPONSE, FORM, PHOTO], supplier))
    code, out, _ = run(capsys, "verify", first, "--json", *buyer)
    verdict = json.loads(out)
    form = json.loads(RESPONSE.data)["form"]
    assert code == 0
    assert verdict["valid"] is True
    assert verdict["reasons"] == []
    assert verdict["coverage"] == "entire_file"
    assert verdict["form"] == {"id": form["id"], "version": form["version"]}
    assert (verdict["known_signer"], verdict["signer_status"]) == (False, "new")
    assert len(verdict["signer"]["fingerprint_sha256"]) == 64
    code, out, _ = run(capsys, "verify", first, *buyer)
    assert code == 0
    assert "known signer" in out
    impostor = identity(tmp_path / "impostor")  # same name and organisation, another key
    second = write(tmp_path / "second.pdf", seal(report_pdf(), [RESPONSE, FORM], impostor))
    code, out, _ = run(capsys, "verify", second, *buyer)
    assert code == 3
    assert out.splitlines()[0].endswith("second.pdf: NOT VALID: CHANGED SIGNER")
    code, out, _ = run(capsys, "verify", second, "--json", *buyer)
    assert code == 3
    assert (json.loads(out)["valid"], json.loads(out)["signer_status"]) == (False, "changed")
    code, _, err = run(capsys, "verify", second, "--accept-new-certificate", *buyer)
    assert code == 2
    assert "--reason" in err  # accepting is an explicit act, with a reason
    code, _, err = run(capsys, "verify", second, "--reason", "phoned", *buyer)
    assert code == 2
    assert "--reason goes with --accept-new-certificate" in err
    code, out, _ = run(
        capsys,
        "verify",
        second,
        "--accept-new-certificate",
        "--reason",
        "the manager read the new fingerprint by phone",
        "--accepted-by",
        "Claire (buyer)",
        *buyer,
    )
    assert code == 0
    code, out, _ = run(capsys, "verify", second, "--json", *buyer)
    assert (code, json.loads(out)["known_signer"]) == (0, True)
    known = json.loads((tmp_path / "buyer" / "known-signers.json").read_text(encoding="utf-8"))
    (entries,) = known["organisations"].values()
    accepted = entries[-1]["accepted"]
    assert accepted["by"] == "Claire (buyer)"
    assert accepted["reason"] == "the manager read the new fingerprint by phone"
    assert accepted["replacing"] == [entries[0]["fingerprint_sha256"]]


def test_tampered_and_unreadable_packs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = seal(report_pdf(), [RESPONSE, FORM], identity(tmp_path / "supplier"))
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
