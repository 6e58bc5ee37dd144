"""Packs for the tests: a small report, an identity, and the ways a forger changes a pack."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfgen import canvas
from tests.pack.genuine import COUNTRY, ORGANISATION, demo_files

from selfassess.core.pack.seal import Attachment
from selfassess.core.signing.identity import IdentityDetails, IdentityStore, Unlocked


def genuine_data() -> tuple[Attachment, Attachment]:
    """response.json and form.json of a genuine pack: data whose claims are what its answers
    give, for the organisation `identity` signs for."""
    files = {a.name: a for a in demo_files()}
    return files["response.json"], files["form.json"]


PHOTO = Attachment("evidence/register.jpg", bytes(range(256)) * 400, "image/jpeg")


def report_pdf(pages: int = 2) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for number in range(pages):
        page.drawString(72, 720, f"Coopérative de Kalimbi: page {number + 1}")
        page.showPage()
    page.save()
    return buffer.getvalue()


def identity(home: Path) -> Unlocked:
    store = IdentityStore(home)
    store.create(IdentityDetails("Amani Bisimwa", ORGANISATION, "amani@kalimbi.cd", COUNTRY))
    return store.unlock()


def appended(pack: bytes, change: str) -> bytes:
    from pyhanko.pdf_utils.embed import EmbeddedFileObject, FileSpec, embed_file
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pack), strict=False)
    if change == "attachment":
        forged = EmbeddedFileObject.from_file_data(writer, b'{"answers": {}}')
        embed_file(writer, FileSpec(file_spec_string="response.json", embedded_data=forged))
    else:
        from pyhanko.pdf_utils import generic

        page = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Page"),
                generic.pdf_name("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 0, 595, 842)]
                ),
            }
        )
        writer.insert_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
