"""The buyer's trusted roots: only a certification authority's own root is added; listed,
found by the first digits of its fingerprint, and removed with its revocation list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from tests.programme.making import NOW, PROGRAMME, Authority, programme, supplier, write_pem

from selfassess.core.errors import InvalidInput, NotFound
from selfassess.core.signing.identity import fingerprint_of
from selfassess.core.trust.roots import (
    TrustedRoot,
    add_root,
    crls_folder,
    find_root,
    remove_root,
    trusted_roots,
)


def test_a_programmes_root_is_added_once_and_listed(isolated_home: Path, tmp_path: Path) -> None:
    root = programme(tmp_path / "programme-home").root()
    source = write_pem(tmp_path / "root.pem", root)
    added, new = add_root(isolated_home, source)
    assert new
    assert (added.programme, added.country) == (PROGRAMME, "RW")
    assert added.fingerprint_sha256 == fingerprint_of(root)
    assert added.path == isolated_home / "trust" / "roots" / f"{fingerprint_of(root)}.pem"
    again, new = add_root(isolated_home, source)
    assert not new
    assert [r.fingerprint_sha256 for r in trusted_roots(isolated_home)] == [
        again.fingerprint_sha256
    ]


def test_a_der_root_is_read_too(isolated_home: Path, tmp_path: Path) -> None:
    root = Authority("Der Programme").certificate
    source = tmp_path / "root.cer"
    source.write_bytes(root.public_bytes(serialization.Encoding.DER))
    assert add_root(isolated_home, source)[0].programme == "Der Programme"


def test_what_is_not_a_root_is_refused_with_the_reason(isolated_home: Path, tmp_path: Path) -> None:
    signer = supplier(tmp_path / "supplier-home").unlock().certificate
    root = Authority("Root")
    cases = {
        "self-signed signer": (
            [signer],
            "is not a certification authority's certificate \\(CA:TRUE\\)",
        ),
        "intermediate": ([Authority("Intermediate", root).certificate], "Root issued it"),
        "expired": (
            [
                Authority(
                    "Old", start=NOW - timedelta(days=800), end=NOW - timedelta(days=1)
                ).certificate
            ],
            "it expired on",
        ),
        "cannot sign certificates": (
            [Authority("Odd", cert_sign=False).certificate],
            "its key usage does not allow signing certificates",
        ),
        "a chain": (
            [signer, root.certificate],
            "holds 2 certificates; add the programme's root alone",
        ),
    }
    for name, (certificates, message) in cases.items():
        source = write_pem(tmp_path / f"{name}.pem", *certificates)
        with pytest.raises(InvalidInput, match=message):
            add_root(isolated_home, source)
    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(b"\x00\x01 not a certificate")
    with pytest.raises(InvalidInput, match="is not a certificate"):
        add_root(isolated_home, garbage)
    huge = tmp_path / "huge.pem"
    huge.write_bytes(b"-----BEGIN CERTIFICATE-----\n" + b"A" * 70_000)
    with pytest.raises(InvalidInput, match="is larger than 64 KB"):
        add_root(isolated_home, huge)
    assert trusted_roots(isolated_home) == []


def test_removed_by_a_prefix_of_its_fingerprint_with_its_list(
    isolated_home: Path, tmp_path: Path
) -> None:
    root = Authority("Gold Programme").certificate
    added, _ = add_root(isolated_home, write_pem(tmp_path / "root.pem", root))
    crls_folder(isolated_home).mkdir(parents=True)
    kept_list = crls_folder(isolated_home) / f"{added.fingerprint_sha256}.pem"
    kept_list.write_text("a list")
    spoken_prefix = added.spoken_fingerprint[:9]  # "3F2A 9C01": as read out over the phone
    assert remove_root(isolated_home, spoken_prefix) == added
    assert trusted_roots(isolated_home) == []
    assert not kept_list.exists()
    with pytest.raises(NotFound, match="no trusted root has a fingerprint starting"):
        remove_root(isolated_home, spoken_prefix)


def test_a_prefix_must_be_unique_and_look_like_a_fingerprint(tmp_path: Path) -> None:
    certificate = Authority("Any").certificate

    def root(fingerprint: str) -> TrustedRoot:
        return TrustedRoot(certificate, fingerprint, "Any", "", NOW, tmp_path / "x.pem")

    roots = [root("abcd0" + "0" * 59), root("abcd1" + "0" * 59)]
    with pytest.raises(InvalidInput, match="2 trusted roots have a fingerprint starting abcd"):
        find_root(roots, "AB:CD")
    with pytest.raises(InvalidInput, match="give at least its first 4 hexadecimal digits"):
        find_root(roots, "abc")
    with pytest.raises(InvalidInput, match="is not a fingerprint"):
        find_root(roots, "root-1")
    assert find_root(roots, "ABCD 1").fingerprint_sha256.startswith("abcd1")
