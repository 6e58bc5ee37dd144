"""Crafted files fail fast and plainly: `verify` answers "unreadable" (exit 2) with a plain reason,
never a traceback, never a hang, whatever loops, nesting, bombs or junk a file holds; and a
genuine pack keeps its verdict when a mail tool adds line ends after it (docs/signing.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pack.genuine import demo_files
from tests.pack.making import identity, report_pdf
from tests.pdfguard.crafting import CATALOG, chain_of_fields, deflated_zeros, pdf, stream

from selfassess.cli.main import main
from selfassess.core.pack.seal import seal
from selfassess.core.pack.verify import verify_file
from selfassess.core.pdfguard.content import forbidden_content
from selfassess.core.pdfguard.embedded import embedded_files
from selfassess.core.pdfguard.guard import Unreadable, guarded
from selfassess.core.pdfguard.limits import MB, Limits
from selfassess.core.pdfguard.objects import name_tree
from selfassess.core.pdfguard.opening import open_pdf

DEEP = 200_000


def written(tmp_path: Path, data: bytes, name: str = "crafted.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def cli_verdict(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["verify", "--home", str(path.parent / "buyer"), str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "internal error" not in captured.err
    return code, captured.out + captured.err


def embedded_names_loop() -> bytes:
    return pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
            4: b"<< /Kids [5 0 R] >>",
            5: b"<< /Kids [4 0 R] >>",
        }
    )


def test_a_name_tree_that_loops_is_refused_as_a_loop(tmp_path: Path) -> None:
    """Refused as the loop it is (object 4 comes back), not when a time budget runs out."""
    with (
        open_pdf(written(tmp_path, embedded_names_loop()), Limits()) as opened,
        pytest.raises(Unreadable, match=r"loops back on itself \(object 4\)"),
    ):
        name_tree(opened.reader, Limits())


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        pytest.param(b"[" * DEEP + b"]" * DEEP, "nested too deeply", id="arrays 200,000 deep"),
        pytest.param(
            b"<< /A " * DEEP + b"1" + b" >>" * DEEP, "not a readable PDF", id="dicts deep"
        ),
        pytest.param(b"5 0 R", "refers to itself", id="an object that is itself"),
    ],
)
def test_nesting_and_self_reference_are_unreadable_not_a_traceback(
    tmp_path: Path, body: bytes, reason: str
) -> None:
    crafted = pdf({1: b"<< /Type /Catalog /Pages 2 0 R /Extra 5 0 R >>", 5: body})
    with (
        open_pdf(written(tmp_path, crafted), Limits()) as opened,
        pytest.raises(Unreadable, match=reason),
    ):
        forbidden_content(opened.reader, set(), Limits())


def test_a_root_that_refers_to_itself_is_unreadable_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = written(tmp_path, pdf({1: b"1 0 R"}))
    code, said = cli_verdict(path, capsys)
    assert code == 2
    assert "not a readable PDF: its objects are nested too deeply or refer to themselves" in said


def test_a_deeply_nested_trailer_is_unreadable_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = pdf({1: CATALOG}, root=b"1 0 R /Deep " + b"[" * DEEP + b"]" * DEEP)
    code, said = cli_verdict(written(tmp_path, crafted), capsys)
    assert code == 2
    assert "not a readable PDF" in said


def test_a_chain_of_100000_fields_is_unreadable_not_a_recursion_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    objects = dict(chain_of_fields(100_000))
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R] >> >>"
    code, said = cli_verdict(written(tmp_path, pdf(objects)), capsys)
    assert code == 2
    assert "not a readable PDF: its objects are nested too deeply or refer to themselves" in said


def test_a_deflate_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    bomb = stream(deflated_zeros(300 * MB), b"/Type /EmbeddedFile /Filter /FlateDecode")
    crafted = pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
            4: b"<< /Names [(bomb.bin) 5 0 R] >>",
            5: b"<< /Type /Filespec /F (bomb.bin) /EF << /F 6 0 R >> >>",
            6: bomb,
        }
    )
    limits = Limits()
    with open_pdf(written(tmp_path, crafted), limits) as opened:
        with guarded(limits):
            files = embedded_files(opened.reader, limits)
        with pytest.raises(Unreadable, match="bomb.bin expands to more than"):
            files["bomb.bin"].sha256()


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "large.pdf"
    with path.open("wb") as out:
        out.truncate(101 * MB)  # sparse: no time spent writing it
    code, said = cli_verdict(path, capsys)
    assert code == 2
    assert "more than the 100.0 MB that verify reads" in said


def test_the_time_budget_holds(tmp_path: Path, isolated_home: Path) -> None:
    pack = written(tmp_path, seal(report_pdf(), list(demo_files()), identity(isolated_home)))
    with pytest.raises(Unreadable, match="took longer than"):
        verify_file(pack, limits=Limits(time_budget_s=0.0))


@pytest.mark.parametrize("tail", [b"\r\n", b"\n", b"\r\n\r\n"])
def test_line_ends_a_mail_tool_added_are_accepted_with_a_note(
    tmp_path: Path, isolated_home: Path, tail: bytes
) -> None:
    signed = seal(report_pdf(), list(demo_files()), identity(isolated_home))
    verdict = verify_file(written(tmp_path, signed + tail))
    assert verdict.valid, verdict.reasons
    assert f"{len(tail)} line-end bytes (CR, LF) after the signed part were left out" in str(
        verdict.notes[0]
    )


@pytest.mark.parametrize("tail", [b" ", b"\n%%EOF\n", b"\r\nx", b"\x00" * 1000])
def test_any_other_byte_after_the_signature_is_tampering(
    tmp_path: Path, isolated_home: Path, tail: bytes
) -> None:
    signed = seal(report_pdf(), list(demo_files()), identity(isolated_home))
    verdict = verify_file(written(tmp_path, signed + tail))
    assert not verdict.valid
    assert any("after it was signed" in str(reason) for reason in verdict.reasons), verdict.reasons


def test_junk_appended_to_a_genuine_pack_is_answered_quickly(
    tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """20 MB of junk after the signature: tampering, found from the file's end, not by parsing
    the junk (the bench measures 200 MB)."""
    signed = seal(report_pdf(), list(demo_files()), identity(isolated_home))
    path = written(tmp_path, signed + bytes(range(256)) * (20 * 4096))
    code, said = cli_verdict(path, capsys)
    assert code == 1
    assert "something was added to the file after it was signed" in said
