"""A received pack read in one's own language: its report printed again from the data it
carries, only once it verifies, and marked on every page so that it can never be taken for the
signed pack (no signature, no file inside, its own title, a band naming the original)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.pack.making import appended
from tests.spreadsheets.received import genuine_pack

from selfassess.cli.main import main
from selfassess.core.errors import Refused
from selfassess.core.i18n import LANGUAGE_NAMES, translate
from selfassess.core.pack.verify import verify_file
from selfassess.core.render.rendering import write_rendering
from selfassess.core.spreadsheets.received import sha256_of

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdfdetach")),
    reason="poppler-utils (pdftotext, pdfinfo, pdfdetach) are not installed: make pdf-tools",
)


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _info(pdf: Path) -> dict[str, str]:
    lines = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


@needs_poppler
@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "Do you have a written policy on responsible buying"),
        ("fr", "Avez-vous une politique écrite sur l'achat et la vente"),
        ("sw", "Je, mna sera iliyoandikwa kuhusu ununuzi na uuzaji"),
    ],
)
def test_every_page_says_it_is_a_rendering_of_the_signed_original(
    tmp_path: Path, language: str, question: str
) -> None:
    target = write_rendering(genuine_pack(), tmp_path / "read.pdf", language, home=tmp_path / "b")
    pages = _pages_text(target)
    signer = verify_file(genuine_pack()).signer
    assert signer is not None
    first_line = translate(
        language,
        "NOT SIGNED: a rendering of the signed original ({language_name}), not signed itself",
        language_name=LANGUAGE_NAMES[language],
    )
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert first_line in flat, f"page {number} does not say it is a rendering"
        assert sha256_of(genuine_pack()) in flat, f"page {number} lacks the original's SHA-256"
        assert signer.fingerprint_sha256 in flat, f"page {number} lacks the fingerprint"
    everything = " ".join(" ".join(pages).split())
    assert question in everything  # the answers, in the reader's language
    assert translate(language, "A rendering, not the signed pack") in " ".join(pages[0].split())


@needs_poppler
def test_a_rendering_is_never_taken_for_a_signed_pack(tmp_path: Path) -> None:
    target = write_rendering(genuine_pack(), tmp_path / "read.pdf", "en", home=tmp_path / "b")
    verdict = verify_file(target)
    assert not verdict.valid
    assert [str(reason) for reason in verdict.reasons] == ["the pack is not signed"]
    info = _info(target)
    assert info["Title"].startswith("Rendering, not signed: ")
    assert info["Subject"] == "A rendering of the signed original, not signed itself"
    assert info["Title"] != _info(genuine_pack())["Title"]
    attached = subprocess.run(
        ["pdfdetach", "-list", str(target)], capture_output=True, text=True, check=True
    ).stdout
    assert attached.startswith("0 embedded files")


def test_a_tampered_pack_is_refused_with_its_reason(tmp_path: Path) -> None:
    flipped = bytearray(genuine_pack().read_bytes())
    flipped[len(flipped) // 2] ^= 0x01
    for name, data in (
        ("flipped.pdf", bytes(flipped)),
        ("appended.pdf", appended(genuine_pack().read_bytes(), "attachment")),
    ):
        pack = tmp_path / name
        pack.write_bytes(data)
        with pytest.raises(Refused, match=r"was not rendered: it does not verify \(.+\)"):
            write_rendering(pack, tmp_path / "read.pdf", "en", home=tmp_path / "b")
    assert not (tmp_path / "read.pdf").exists()


def test_what_is_not_a_pack_is_refused_by_name(tmp_path: Path) -> None:
    junk = tmp_path / "invoice.pdf"
    junk.write_bytes(b"not a pdf")
    with pytest.raises(Refused, match="invoice.pdf was not rendered: not a readable PDF"):
        write_rendering(junk, tmp_path / "read.pdf", "en", home=tmp_path / "b")


def test_the_signed_original_is_never_overwritten(tmp_path: Path) -> None:
    pack = tmp_path / "pack.pdf"
    shutil.copyfile(genuine_pack(), pack)
    with pytest.raises(Refused, match="is the signed pack itself"):
        write_rendering(pack, pack, "fr", home=tmp_path / "b")
    assert pack.read_bytes() == genuine_pack().read_bytes()


def test_the_command_line_renders_and_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(genuine_pack()), "--lang", "sw"]) == 0
    assert (tmp_path / "pack.rendering-sw.pdf").is_file()
    assert "NOT SIGNED" in capsys.readouterr().out
    assert main(["render", str(genuine_pack()), "--lang", "de", "-o", "x.pdf"]) == 1
    assert "not 'de'" in capsys.readouterr().err


def test_the_command_line_exports_sheets_and_names_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"junk")
    target = tmp_path / "export.xlsx"
    assert main(["pack", "export-sheets", str(genuine_pack()), "-o", str(target)]) == 0
    assert "1 pack from 1 supplier exported" in capsys.readouterr().out
    code = main(["pack", "export-sheets", str(genuine_pack()), str(junk), "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"left out {junk}: not a readable PDF" in err
    assert "1 left out" in out
    assert main(["pack", "export-sheets", str(junk), "-o", str(tmp_path / "none.csv")]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert not list(tmp_path.glob("none*"))
