"""`selfassess trust`: hostile roots and lists are plain refusals (exit 1), never tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from tests.programme.making import NOW, Authority, supplier, write_pem

Cli = Callable[..., tuple[int, str, str]]


def test_a_root_that_is_not_a_ca_is_refused_plainly(cli: Cli, tmp_path: Path) -> None:
    own = supplier(tmp_path / "supplier-home").unlock().certificate
    code, _, err = cli("trust", "add", str(write_pem(tmp_path / "own.pem", own)))
    assert code == 1
    assert "cannot be a trusted root: it is not a certification authority's certificate" in err
    assert "internal error" not in err
    assert json.loads(cli("trust", "list", "--json")[1]) == []


def test_a_list_not_signed_by_a_trusted_root_is_refused_plainly(cli: Cli, tmp_path: Path) -> None:
    trusted, stranger = Authority("Tin Programme"), Authority("Stranger")
    assert cli("trust", "add", str(write_pem(tmp_path / "root.pem", trusted.certificate)))[0] == 0
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(stranger.name)
        .last_update(NOW)
        .next_update(NOW + timedelta(days=1))
        .sign(stranger.key, hashes.SHA256())
    )
    (tmp_path / "list.crl").write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    code, _, err = cli("trust", "crl", str(tmp_path / "list.crl"))
    assert code == 1
    assert "is not signed by a trusted root (its issuer: Stranger)" in err
    code, _, err = cli("trust", "crl", str(tmp_path))
    assert code == 1
    assert "is a folder, not a file" in err


def test_an_empty_list_says_how_to_add_a_root(cli: Cli) -> None:
    code, out, _ = cli("trust", "list")
    assert code == 0
    assert "no trusted root yet" in out
    code, _, err = cli("trust", "remove", "zz")
    assert code == 1
    assert "is not a fingerprint" in err
