"""The independent check: poppler's pdfsig, with the programme's root in an NSS database,
calls a pack signed by a programme-issued identity valid and its certificate trusted; without
the root, it does not trust it. (NSS trusts a root for signed documents with the e-mail trust
flag: `certutil -t ",C,"`.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.programme.making import DATA, certified, programme, small_pdf, supplier

from selfassess.core.pack.seal import seal

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None or shutil.which("certutil") is None,
    reason="pdfsig (poppler-utils) and certutil (libnss3-tools) are needed: `make pdf-tools`",
)


def _nss(folder: Path, root: Path | None) -> str:
    folder.mkdir()
    database = f"sql:{folder}"
    subprocess.run(["certutil", "-N", "-d", database, "--empty-password"], check=True)
    if root is not None:
        add = ["certutil", "-A", "-d", database, "-n", "programme", "-t", ",C,", "-i", str(root)]
        subprocess.run(add, check=True)
    return database


def _pdfsig(database: str, pack: Path) -> str:
    done = subprocess.run(
        ["pdfsig", "-nssdir", database, str(pack)], capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr


def test_pdfsig_trusts_a_programme_certified_pack(isolated_home: Path, tmp_path: Path) -> None:
    store = programme(tmp_path / "programme-home")
    identity = supplier(isolated_home)
    certified(store, identity, tmp_path / "mail")
    pack = tmp_path / "pack.pdf"
    pack.write_bytes(seal(small_pdf(), [DATA], identity.unlock()))
    root = tmp_path / "root.pem"
    root.write_bytes(store.certificate_file.read_bytes())

    trusting = _pdfsig(_nss(tmp_path / "with-root", root), pack)
    assert "Signature is Valid" in trusting
    assert "Certificate is Trusted" in trusting
    assert "Total document signed" in trusting

    stranger = _pdfsig(_nss(tmp_path / "without-root", None), pack)
    assert "Signature is Valid" in stranger
    assert "Certificate is Trusted" not in stranger
