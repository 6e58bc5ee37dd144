"""A pack signed with the genuine key may still hold what selfassess never writes: a script that
runs on opening, a file hidden behind an annotation, an action that launches a program. Each is
refused by name, whoever signed it (docs/signing.md, "Cases and verdicts")."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pack.making import genuine_data, identity
from tests.pdfguard.crafting import CATALOG, PAGE, pdf, stream

from selfassess.cli.main import main
from selfassess.core.pack.seal import seal
from selfassess.core.pack.verify import verify

RESPONSE, FORM = genuine_data()
EXE = stream(b"MZ\x90\x00 not really a program", b"/Type /EmbeddedFile")


def page_with_annotations(*annotations: int) -> bytes:
    refs = b" ".join(b"%d 0 R" % number for number in annotations)
    return PAGE[:-2] + b" /Annots [" + refs + b"] >>"


HOSTILE: dict[str, tuple[dict[int, bytes], str]] = {
    "JavaScript run on opening": (
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
            5: b"<< /S /JavaScript /JS (app.launchURL('http://evil.example');) >>",
        },
        "the pack has an action that runs when it is opened (/OpenAction, object 1)",
    ),
    "a script in the document's JavaScript names": (
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 5 0 R >> >>",
            5: b"<< /Names [(run) 6 0 R] >>",
            6: b"<< /S /JavaScript /JS (this.print();) >>",
        },
        "the pack contains JavaScript",
    ),
    "invoice.exe behind a file-attachment annotation": (
        {
            1: CATALOG,
            3: page_with_annotations(6),
            6: b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS 7 0 R >>",
            7: b"<< /Type /Filespec /F (invoice.exe) /UF (invoice.exe) /EF << /F 8 0 R >> >>",
            8: EXE,
        },
        "the pack has a FileAttachment annotation (object 6)",
    ),
    "a link that launches a program": (
        {
            1: CATALOG,
            3: page_with_annotations(6),
            6: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] "
            b"/A << /S /Launch /F (cmd.exe) >> >>",
        },
        "the pack has a Launch action (object 6)",
    ),
    "actions that run when a page opens": (
        {1: CATALOG, 3: PAGE[:-2] + b" /AA << /O << /S /JavaScript /JS (1) >> >> >>"},
        "the pack has actions that run on events (/AA, object 3)",
    ),
    "an XFA form": (
        {1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 5 0 R >> >>", 5: b"[]"},
        "the pack has an entry /XFA",
    ),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_what_selfassess_never_writes_is_refused_even_under_the_genuine_signature(
    case: str, isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    objects, expected = HOSTILE[case]
    pack = seal(pdf(objects), [RESPONSE, FORM], identity(isolated_home))
    verdict = verify(pack)
    assert not verdict.valid
    assert any(expected in str(reason) for reason in verdict.reasons), verdict.reasons
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack)
    assert main(["verify", "--home", str(tmp_path / "buyer"), str(path)]) == 1
    assert expected in capsys.readouterr().out


def test_the_same_construction_without_the_hostile_part_is_valid(isolated_home: Path) -> None:
    """The crafted documents above are refused for what they add, not for how they are made."""
    plain = pdf({1: CATALOG})
    verdict = verify(seal(plain, [RESPONSE, FORM], identity(isolated_home)))
    assert verdict.reasons == []
    assert verdict.valid


def test_a_link_to_a_web_address_is_what_a_genuine_report_has(isolated_home: Path) -> None:
    objects = {
        1: CATALOG,
        3: page_with_annotations(6),
        6: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] "
        b"/A << /S /URI /URI (https://www.oecd.org/) >> >>",
    }
    verdict = verify(seal(pdf(objects), [RESPONSE, FORM], identity(isolated_home)))
    assert verdict.valid, verdict.reasons


def test_a_file_in_the_name_tree_that_the_manifest_does_not_list_is_refused(
    isolated_home: Path,
) -> None:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 5 0 R >> >>",
        5: b"<< /Names [(invoice.exe) 7 0 R] >>",
        7: b"<< /Type /Filespec /F (invoice.exe) /UF (invoice.exe) /EF << /F 8 0 R >> >>",
        8: EXE,
    }
    verdict = verify(seal(pdf(objects), [RESPONSE, FORM], identity(isolated_home)))
    assert not verdict.valid
    assert "invoice.exe is carried but not listed in the manifest" in map(str, verdict.reasons)
