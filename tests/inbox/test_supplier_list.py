"""The buyer's list of suppliers (.csv or .xlsx): registered whole, or refused with every bad row
named by its number, formulas included, and nothing registered."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from selfassess.core.errors import InvalidInput, NotFound
from selfassess.core.inbox.service import Inbox
from selfassess.core.inbox.supplier_list import ListRefused


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "suppliers.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_french_excel_list_registers_every_supplier(inbox: Inbox, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Fournisseur;Pays;Rôle;Minerais;Risque;Motif\r\n"
        "Société minière de Kipushi;CD;mine;cuivre cobalt;;\r\n"
        "Comptoir Étoile;RW;trader;tin, tantalum;high;négociant non vérifié\r\n",
        encoding="cp1252",
    )
    with pytest.raises(ListRefused) as refused:  # "cuivre" is not a mineral we know
        inbox.register_list(path)
    assert [str(finding) for finding in refused.value.bad_rows] == [
        "row 2: minerals 'cuivre' is not one of: tin, tantalum, tungsten, gold, cobalt, "
        "copper, other"
    ]
    assert inbox.portfolio().suppliers == {}
    path.write_text(path.read_text(encoding="cp1252").replace("cuivre", "copper"), "utf-8")
    registered = inbox.register_list(path)
    assert (registered.new, registered.known) == (2, 0)
    etoile = inbox.supplier("etoile")
    assert (etoile.role, etoile.minerals, etoile.risk) == ("trader", ["tantalum", "tin"], "high")
    assert etoile.risk_reason == "négociant non vérifié"
    assert inbox.supplier("kipushi").risk == "high"  # the risk data lists the DRC


def test_every_bad_row_is_named_and_nothing_is_registered(inbox: Inbox, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "organisation,country,enrolled_since\n"
        "Good one,CD,2026-01-01\n"
        '"=HYPERLINK(""http://evil"",""x"")",CD,\n'
        "Bad country,DC,\n"
        "Good one,CD,\n"
        "Bad day,CD,01/02/2026\n"
        ",CD,\n",
    )
    with pytest.raises(ListRefused) as refused:
        inbox.register_list(path)
    rows = [str(finding).split(":")[0] for finding in refused.value.bad_rows]
    assert rows == ["row 3, column A (organisation)", "row 4", "row 5", "row 6", "row 7"]
    assert "formula" in str(refused.value.bad_rows[0])
    assert "the same supplier as row 2" in str(refused.value.bad_rows[2])
    assert inbox.portfolio().suppliers == {}


def test_an_xlsx_formula_is_refused_not_computed(inbox: Inbox, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["organisation", "country", "internal_id"])
    sheet.append(["Coopérative de Rubaya", "CD", 1042])
    sheet.append(["Mine X", "CD", "=1+1"])
    path = tmp_path / "suppliers.xlsx"
    book.save(path)
    with pytest.raises(ListRefused, match="row 3"):
        inbox.register_list(path)
    sheet["C3"] = "S-9"
    book.save(path)
    assert inbox.register_list(path).new == 2
    assert inbox.supplier("rubaya").internal_id == "1042"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "holds no table"),
        (b"name;region\nA;B\n", "no column country"),
        (b"PK\x03\x04 junk that is not a zip", "not a readable .xlsx"),
    ],
)
def test_a_file_that_is_not_a_list_says_why(
    inbox: Inbox, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / ("list.xlsx" if content.startswith(b"PK") else "list.csv")
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=expected):
        inbox.register_list(path)


def test_the_buyers_values_are_checked(inbox: Inbox, tmp_path: Path) -> None:
    inbox.register_list(_csv(tmp_path, "organisation,country\nMine de Kolwezi,CD\n"))
    with pytest.raises(InvalidInput, match="say why"):
        inbox.set_supplier("kolwezi", {"risk": "low"})
    with pytest.raises(InvalidInput, match="role 'smelter' is not one of"):
        inbox.set_supplier("kolwezi", {"role": "smelter"})
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        inbox.set_supplier("kolwezi", {"enrolled_since": "last May"})
    with pytest.raises(NotFound, match="no supplier"):
        inbox.set_supplier("lubumbashi", {"role": "mine"})
    changed = inbox.set_supplier("kolwezi", {"role": "mine", "enrolled_since": "2026-03-01"})
    assert (changed.role, changed.enrolled_since) == ("mine", "2026-03-01")


def test_a_risk_on_the_list_needs_its_reason(inbox: Inbox, tmp_path: Path) -> None:
    path = _csv(tmp_path, "organisation,country,risk\nMine de Kolwezi,CD,low\n")
    with pytest.raises(ListRefused) as refused:
        inbox.register_list(path)
    assert [str(f) for f in refused.value.bad_rows] == [
        "row 2: a risk needs its reason (column risk_reason)"
    ]
    assert inbox.portfolio().suppliers == {}
