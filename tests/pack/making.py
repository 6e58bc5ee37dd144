"""Packs for the tests: a small report, an identity, and the ways a forger changes a pack."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfgen import canvas

from selfassess.core.pack.response import FormRef, Response
from selfassess.core.pack.seal import Attachment
from selfassess.core.signing.identity import IdentityDetails, IdentityStore, Unlocked

SAMPLE_RESPONSE = Response(
    app="selfassess test",
    generated_at="2026-11-22T10:00:00+00:00",
    assessment="0123456789ab",
    revision=1,
    finalized_at="2026-11-22T09:00:00+00:00",
    language="fr",
    trainer=None,
    form=FormRef(id="quick-scan", version="0.2.0", hash="0" * 64),
    profile={"organisation": "Kalimbi"},
    answers={"B1.1": {"value": False, "comment": None, "na_reason": None}},
    evidence=[],
    declaration={"name": "Amani"},
    plan=[],
    criteria=[],
    scores={},
    readiness=None,
)
RESPONSE = Attachment(
    "response.json", SAMPLE_RESPONSE.model_dump_json().encode(), "application/json"
)
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
    store.create(IdentityDetails("Amani Bisimwa", "Kalimbi", "amani@kalimbi.cd", "CD"))
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
