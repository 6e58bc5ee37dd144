"""The whole workflow by file, as three people run it on three computers: the programme
creates its root, the supplier requests, the programme issues, the supplier installs, the buyer
trusts the root; then a revocation travels as a list. Hostile files are plain refusals."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def homes(tmp_path: Path) -> dict[str, str]:
    return {who: str(tmp_path / who) for who in ("programme", "supplier", "buyer")}


def _certify(cli: Cli, homes: dict[str, str], mail: Path) -> None:
    programme, supplier = ("--home", homes["programme"]), ("--home", homes["supplier"])
    code, out, err = cli(
        "programme", "create", "--name", "Tin Programme", "--country", "RW", *programme
    )
    assert code == 0, err
    assert "passphrase    kept by the keyring" in out
    identity = ("identity", "create", "--name", "Amani", "--org", "Kalimbi", "--email", "a@k.cd")
    assert cli(*identity, "--country", "CD", *supplier)[0] == 0
    code, out, err = cli("identity", "request", "-o", str(mail / "amani.csr"), *supplier)
    assert code == 0, err
    assert "send it to the programme" in out
    (requested,) = [line for line in out.splitlines() if line.startswith("key ")]
    code, out, err = cli(
        "programme", "issue", str(mail / "amani.csr"), "-o", str(mail / "amani.pem"), *programme
    )
    assert code == 0, err
    assert "to            Amani, Kalimbi (CD), a@k.cd" in out
    assert requested in out.splitlines()  # the same key digits, to compare by phone
    assert len(requested.split()) == 17
    code, out, err = cli("identity", "install", str(mail / "amani.pem"), *supplier)
    assert code == 0, err
    assert "issued by     Tin Programme" in out
    assert "certificate   issued by a CA" in out
    assert cli("programme", "root", "-o", str(mail / "root.pem"), *programme)[0] == 0


def test_certify_trust_and_revoke_by_file(cli: Cli, homes: dict[str, str], tmp_path: Path) -> None:
    programme, buyer = ("--home", homes["programme"]), ("--home", homes["buyer"])
    _certify(cli, homes, tmp_path)
    code, out, err = cli("trust", "add", str(tmp_path / "root.pem"), *buyer)
    assert code == 0, err
    assert "trusted       Tin Programme (RW)" in out
    assert "check this fingerprint with the programme" in out
    listed = json.loads(cli("programme", "list", "--json", *programme)[1])
    assert [(r["subject"]["name"], r["revoked"]) for r in listed] == [("Amani", None)]
    code, out, err = cli(
        "programme", "revoke", listed[0]["serial"], "--reason", "laptop stolen", *programme
    )
    assert code == 0, err
    assert "revoked" in out
    assert cli("programme", "crl", "-o", str(tmp_path / "list.crl"), *programme)[0] == 0
    code, out, err = cli("trust", "crl", str(tmp_path / "list.crl"), *buyer)
    assert code == 0, err
    assert "revocation list number 1 of Tin Programme (RW) kept: 1 revoked" in out
    (root,) = json.loads(cli("trust", "list", "--json", *buyer)[1])
    assert root["programme"] == "Tin Programme"
    assert root["crl"]["revoked"] == 1
    _, text, _ = cli("programme", "list", *programme)
    assert "revoked" in text
    code, out, _ = cli("trust", "remove", root["fingerprint_sha256"][:8], *buyer)
    assert code == 0
    assert "no longer trusted: Tin Programme (RW)" in out
    assert json.loads(cli("trust", "list", "--json", *buyer)[1]) == []


def test_without_a_keyring_the_programmes_passphrase_comes_from_stdin(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, no_keyring: None, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("mlima mrefu\n"))
    code, out, err = cli("programme", "create", "--name", "Tin Programme", "--stdin")
    assert code == 0, err
    assert "no keyring on this computer to keep the programme's passphrase" in err
    assert "passphrase    kept by you (asked at each use)" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong one\n"))
    code, _, err = cli("programme", "crl", "-o", str(tmp_path / "list.crl"), "--stdin")
    assert code == 1
    assert "wrong passphrase for the programme's root key" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("mlima mrefu\n"))
    code, out, err = cli("programme", "crl", "-o", str(tmp_path / "list.crl"), "--stdin")
    assert code == 0, err
    assert "revocation list 1 written" in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00garbage\xff" * 50, "is not a certificate request"),
        (b"-" * 100_000, "is larger than 16 KB"),
    ],
)
def test_a_hostile_request_is_a_plain_error(
    cli: Cli, tmp_path: Path, data: bytes, message: str
) -> None:
    assert cli("programme", "create", "--name", "Tin Programme")[0] == 0
    request = tmp_path / "request.csr"
    request.write_bytes(data)
    code, _, err = cli("programme", "issue", str(request), "-o", str(tmp_path / "c.pem"))
    assert code == 1
    assert message in err
    assert "internal error" not in err
    assert json.loads(cli("programme", "list", "--json")[1]) == []


def test_a_request_whose_signature_fails_is_a_plain_error(
    cli: Cli, homes: dict[str, str], tmp_path: Path
) -> None:
    supplier = ("--home", homes["supplier"])
    identity = ("identity", "create", "--name", "Amani", "--org", "Kalimbi", "--email", "a@k.cd")
    cli(*identity, "--country", "CD", *supplier)
    cli("identity", "request", "-o", str(tmp_path / "r.csr"), *supplier)
    request = x509.load_pem_x509_csr((tmp_path / "r.csr").read_bytes())
    der = request.public_bytes(serialization.Encoding.DER)
    forged = der.replace(b"Kalimbi", b"Kalimbo")  # the subject changed after signing
    (tmp_path / "forged.csr").write_bytes(forged)
    cli("programme", "create", "--name", "Tin Programme")
    code, _, err = cli(
        "programme", "issue", str(tmp_path / "forged.csr"), "-o", str(tmp_path / "c.pem")
    )
    assert code == 1
    assert "the request's signature does not verify" in err


def test_revoking_what_is_unknown_and_showing_no_programme(cli: Cli) -> None:
    code, _, err = cli("programme", "show")
    assert code == 1
    assert "no programme on this computer yet" in err
    cli("programme", "create", "--name", "Tin Programme")
    code, _, err = cli("programme", "revoke", "abcdef", "--reason", "x")
    assert code == 1
    assert "no certificate with the serial abcdef was issued by this programme" in err
    shown = json.loads(cli("programme", "show", "--json")[1])
    assert (shown["name"], shown["curve"]) == ("Tin Programme", "P-256")
