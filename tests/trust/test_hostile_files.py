"""Any bytes handed over as a request, a certificate, a root or a revocation list, and genuine
files with bytes changed or cut, end in our plain errors or are accepted: never anything else
(a traceback), and a changed file is never taken for the genuine one."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.programme.making import Authority, issued, programme, supplier, write_pem

from selfassess.core.errors import UserError
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.issuing import issue
from selfassess.core.programme.revocation import write_crl
from selfassess.core.signing.identity import IdentityStore
from selfassess.core.signing.requests import install_certificate
from selfassess.core.trust.crls import add_crl
from selfassess.core.trust.roots import add_root

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A request, an issued chain, a root and a CRL, as DER and PEM."""
    folder = tmp_path_factory.mktemp("genuine")
    store = programme(folder / "programme-home")
    done = issued(store, supplier(folder / "supplier-home"), folder / "mail")
    write_crl(store, folder / "list.crl")
    request = x509.load_pem_x509_csr((folder / "mail" / "request.csr").read_bytes())
    crl = x509.load_pem_x509_crl((folder / "list.crl").read_bytes())
    der = serialization.Encoding.DER
    return {
        "request": request.public_bytes(der),
        "chain": done.output.read_bytes(),
        "root": store.root().public_bytes(der),
        "crl": crl.public_bytes(der),
    }


def _changed(data: bytes, position: int, flip: int, cut: bool) -> bytes:
    position %= len(data)
    if cut:
        return data[:position]
    changed = bytearray(data)
    changed[position] ^= flip
    return bytes(changed)


def _attempt(action: object) -> bool:
    """True when accepted, False when refused with our error; anything else fails the test."""
    try:
        action()  # type: ignore[operator]
    except UserError:
        return False
    return True


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_a_request_root_or_list(tmp_path: Path, data: bytes) -> None:
    home = tmp_path / "any"
    store = ProgrammeStore(home / "programme-home")
    if not store.exists():
        store.create("Tin Programme")
    source = tmp_path / "given"
    source.write_bytes(data)
    _attempt(lambda: issue(store, source, tmp_path / "out.pem"))
    _attempt(lambda: add_root(home / "buyer", source))
    _attempt(lambda: add_crl(home / "buyer", source))


@SETTINGS
@given(
    position=st.integers(min_value=0, max_value=10_000),
    flip=st.integers(min_value=1, max_value=255),
    cut=st.booleans(),
)
def test_genuine_files_with_a_byte_changed_or_cut(
    tmp_path: Path, genuine: dict[str, bytes], position: int, flip: int, cut: bool
) -> None:
    home = tmp_path / "changed"
    store = ProgrammeStore(home / "programme-home")
    if not store.exists():
        store.create("Tin Programme")
    identity = IdentityStore(home / "supplier-home")
    if not identity.exists():
        supplier(home / "supplier-home")
    trusted = home / "buyer"
    if not (trusted / "trust").exists():
        add_root(trusted, write_pem(tmp_path / "other-root.pem", Authority("Other").certificate))
    files = {}
    for kind, data in genuine.items():
        files[kind] = tmp_path / kind
        files[kind].write_bytes(_changed(data, position, flip, cut))
    _attempt(lambda: issue(store, files["request"], tmp_path / "out.pem"))
    assert not _attempt(lambda: install_certificate(identity, files["chain"]))  # another key
    _attempt(lambda: add_root(home / "fresh-buyer", files["root"]))
    assert not _attempt(lambda: add_crl(trusted, files["crl"]))  # its root is not trusted
