"""The look of the printed pack shared by its sections: paragraph styles, status colours, the
grid of its tables, bookmarks and headings."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from selfassess.core.pack.report import BOLD, FONT, ReportInput

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
H1 = ParagraphStyle("h1", parent=BODY, fontName=BOLD, fontSize=17, leading=21, spaceAfter=8)
H2 = ParagraphStyle("h2", parent=BODY, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=8)
H3 = ParagraphStyle("h3", parent=BODY, fontName=BOLD, fontSize=10, leading=13, spaceBefore=6)
STATUS_COLOURS = {
    "meets": colors.HexColor("#2e7d32"),
    "partially_meets": colors.HexColor("#f9a825"),
    "does_not_meet": colors.HexColor("#c62828"),
    "incomplete": colors.HexColor("#9e9e9e"),
}
GRID = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("FONT", (0, 0), (-1, 0), BOLD, 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


class Bookmark(Flowable):
    """An outline entry (bookmark) at this point of the document."""

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.level = title, level
        self.width = self.height = 0

    def draw(self) -> None:
        key = f"b{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.title, key, level=self.level)


def p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def heading(data: ReportInput, title: str) -> list[Flowable]:
    return [Bookmark(data.t(title)), p(data.t(title), H1)]


def table_of(rows: list[list[Any]], widths_mm: list[int]) -> Table:
    """A grid whose header cells wrap too (Swahili headings are long)."""
    header = [
        Paragraph(f"<b>{escape(cell)}</b>", SMALL) if isinstance(cell, str) else cell
        for cell in rows[0]
    ]
    table = Table([header, *rows[1:]], colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(GRID)
    return table
