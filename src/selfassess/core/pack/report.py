"""The printed side of the pack (reportlab): A4 pages in the assessment's language with an
embedded DejaVu font (Latin with French and Swahili letters), "page X of Y", PDF metadata, a
bookmark per part and per pillar, DRAFT across every page of a preview, and for a rendering of a
received pack in another language, a word across every page and a red band at the top of each.

The sections themselves are in `report_sections`; this module holds the page machinery.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from selfassess.core.forms.model import Form
from selfassess.core.gaps.results import GapReport
from selfassess.core.i18n import translate
from selfassess.core.pack.response import Response
from selfassess.core.paths import resources_dir
from selfassess.core.signing.identity import IdentityDetails

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@dataclass(frozen=True)
class ReportInput:
    """Everything the printed pack shows."""

    response: Response
    form: Form
    report: GapReport
    signer: IdentityDetails | None = None
    fingerprint: str | None = None
    draft: bool = False
    printed_in: str | None = None  # the pack's language, when not the assessment's

    @property
    def language(self) -> str:
        return self.printed_in or self.response.language

    def t(self, message: str, **params: object) -> str:
        return translate(self.language, message, **params)


def render_report(data: ReportInput) -> bytes:
    """The report as PDF bytes."""
    from selfassess.core.pack import report_sections

    register_fonts()  # before any paragraph is made: they look the font family up
    profile = data.response.profile
    title = data.form.title.in_language(data.language, data.form.default_language)
    organisation = str(profile.get("organisation", ""))
    return render_pages(
        report_sections.story(data),
        Pages(
            language=data.language,
            title=f"{title}: {organisation}",
            author=data.signer.name if data.signer else organisation,
            subject=data.t("Responsible minerals self-assessment response pack"),
            footer=organisation,
            draft=data.draft,
        ),
    )


@dataclass(frozen=True)
class Pages:
    """What every page and the document's metadata say."""

    language: str
    title: str
    author: str
    subject: str
    footer: str
    draft: bool = False
    watermark: str | None = None  # across every page, as DRAFT is across a preview's
    banner: tuple[str, ...] = ()  # lines in a red band at the top of every page


def render_pages(story: list[Any], pages: Pages) -> bytes:
    """A4 pages of `story` with the footer, "page X of Y" and metadata of `pages`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=pages.title,
        author=pages.author,
        subject=pages.subject,
        creator="selfassess",
    )
    document.build(story, canvasmaker=_numbered_canvas(pages))
    return buffer.getvalue()


def register_fonts() -> None:
    """DejaVu Sans, regular and bold, as one family (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, BOLD)


def _numbered_canvas(pages: Pages) -> Any:
    """A canvas that writes "page X of Y" (and DRAFT) once the page count is known."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    def t(message: str, **params: object) -> str:
        return translate(pages.language, message, **params)

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(len(self._pages))
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, _height = A4
            self.setFont(FONT, 8)
            self.setFillGray(0.35)
            marker = f"{t('DRAFT')} · " if pages.draft else ""
            self.drawString(51, 30, f"{marker}{pages.footer}")
            footer = t("page {page} of {pages}", page=self.getPageNumber(), pages=total)
            self.drawRightString(width - 51, 30, footer)
            if pages.draft or pages.watermark:
                _watermark(self, t("DRAFT") if pages.draft else str(pages.watermark))
            if pages.banner:
                _banner(self, pages.banner)

    return NumberedCanvas


def _banner(page: Any, lines: tuple[str, ...]) -> None:
    """`lines` in a red band across the top margin: the first in bold, the others small."""
    from reportlab.lib.pagesizes import A4

    width, height = A4
    leading, top = 8.5, height - 9
    page.saveState()
    page.setFillColorRGB(0.99, 0.91, 0.91)
    page.setStrokeColorRGB(0.78, 0.16, 0.16)
    page.rect(40, top - leading * len(lines) - 4, width - 80, leading * len(lines) + 4, fill=1)
    page.setFillColorRGB(0.6, 0.08, 0.08)
    for index, line in enumerate(lines):
        font, size = (BOLD, 7.5) if index == 0 else (FONT, 6.5)
        page.setFont(font, size)
        page.drawString(45, top - leading * (index + 1) + 1, _fitted(line, font, size, width - 90))
    page.restoreState()


def _fitted(line: str, font: str, size: float, room: float) -> str:
    """`line`, cut with "…" where it would run past `room` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while len(line) > 1 and stringWidth(line, font, size) > room:
        line = line[: max(1, int(len(line) * room / stringWidth(line, font, size)) - 1)] + "…"
    return line


def _watermark(page: Any, word: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width, height = A4
    size = min(96.0, 0.75 * (width**2 + height**2) ** 0.5 / max(stringWidth(word, BOLD, 1), 1))
    page.saveState()
    page.setFont(BOLD, size)
    page.setFillColorRGB(0.85, 0.2, 0.2, alpha=0.18)
    page.translate(width / 2, height / 2)
    page.rotate(45)
    page.drawCentredString(0, -30, word)
    page.restoreState()
