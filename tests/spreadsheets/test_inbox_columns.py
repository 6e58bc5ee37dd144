"""What the buyer's inbox asks of the received-pack sheets: the actions a buyer picks (its
requests to a supplier), the KPI sheet's columns, and a workbook that stays small and readable
when it is large (written compressed, read back whole)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from tests.spreadsheets.received import read_pack

from selfassess.core.spreadsheets.cells import Column
from selfassess.core.spreadsheets.pack_sheets_plan import action_rows, kpi_columns
from selfassess.core.spreadsheets.writer import Sheet, write_sheets


def test_the_actions_a_buyer_picks_keep_the_plans_order(tmp_path: Path) -> None:
    pack = read_pack("en", tmp_path / "buyer")
    every = list(action_rows(pack, "en"))
    picked = list(action_rows(pack, "en", only=lambda planned: planned.action.id % 2 == 0))
    assert picked == [row for row in every if row in picked]
    assert 0 < len(picked) < len(every)


def test_the_kpi_sheet_says_what_each_value_is_a_share_of() -> None:
    assert [column.title for column in kpi_columns("en")] == [
        "Indicator",
        "What it counts",
        "Value",
        "Unit",
        "Numerator",
        "Denominator",
        "As of",
        "Suppliers behind it",
    ]


def test_a_large_workbook_is_compressed_and_reads_back_whole(tmp_path: Path) -> None:
    rows = ([f"=text {n}", n, f"supplier {n % 7}"] for n in range(20_000))
    columns = [Column("Text"), Column("Number"), Column("Supplier")]
    [target] = write_sheets(tmp_path / "large.xlsx", [Sheet("large", "Large", columns, rows)])
    with zipfile.ZipFile(target) as archive:
        sheet = next(info for info in archive.infolist() if info.filename.startswith("xl/work"))
        assert sheet.compress_type == zipfile.ZIP_DEFLATED
        assert sheet.compress_size * 5 < sheet.file_size
    book = openpyxl.load_workbook(target, read_only=True)
    read = list(book.active.iter_rows(min_row=2, values_only=True))
    assert len(read) == 20_000
    assert read[-1] == ("=text 19999", 19999, f"supplier {19999 % 7}")
