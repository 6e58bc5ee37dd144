"""A file that is not an XLSForm, or a hostile one, is refused plainly, naming the sheet, row and
column; nothing hangs, nothing raises anything but the refusal."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from tests.xlsform_import.workbooks import write_xlsform

from selfassess.core.errors import InvalidInput
from selfassess.core.xlsform.importing import import_xlsform

SURVEY = [{"type": "text", "name": "site", "label": "Site name"}]


def refusal(path: Path) -> str:
    with pytest.raises(InvalidInput) as refused:
        import_xlsform(path)
    return str(refused.value)


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "form.xlsx"
    fake.write_text("type,name,label\ntext,site,Site\n")
    assert "is not a readable .xlsx workbook" in refusal(fake)


def test_an_old_excel_file_is_asked_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    old = tmp_path / "form.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert "save it as .xlsx" in refusal(old)


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    assert "is a folder, not a file" in refusal(tmp_path)
    with pytest.raises(InvalidInput):
        import_xlsform(tmp_path / "absent.xlsx")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_refused_without_waiting_for_it(tmp_path: Path) -> None:
    pipe = tmp_path / "form.xlsx"
    os.mkfifo(pipe)
    assert "not an ordinary file" in refusal(pipe)


def test_a_workbook_without_a_survey_sheet_names_its_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    sheet.append(["type", "name"])
    book.save(tmp_path / "data.xlsx")
    message = refusal(tmp_path / "data.xlsx")
    assert "has no 'survey' sheet" in message
    assert "its sheets: Data" in message


def test_a_survey_without_type_or_name_columns(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [{"kind": "text", "name": "site"}])
    assert "'survey' sheet has no 'type' column" in refusal(path)
    path = write_xlsform(tmp_path / "g.xlsx", [{"type": "text", "label": "Site"}])
    assert "no 'name' column" in refusal(path)


def test_a_formula_cell_is_named_by_sheet_and_cell(tmp_path: Path) -> None:
    survey = [*SURVEY, {"type": "integer", "name": "n", "label": '=HYPERLINK("http://x")'}]
    path = write_xlsform(tmp_path / "f.xlsx", survey)
    assert "sheet 'survey', cell C3 holds a formula" in refusal(path)


def test_a_heading_written_twice(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "label"])
    sheet.append(["text", "site", "Site", "Site"])
    book.save(tmp_path / "f.xlsx")
    assert "columns C and D both have the heading 'label'" in refusal(tmp_path / "f.xlsx")


def test_a_huge_sheet_is_refused_at_its_limit(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("survey")
    sheet.append(["type", "name", "label"])
    for number in range(10_001):
        sheet.append(["text", f"q{number}", "Question"])
    book.save(tmp_path / "huge.xlsx")
    assert "sheet 'survey' has more than 10000 rows" in refusal(tmp_path / "huge.xlsx")


def test_too_many_columns(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("survey")
    sheet.append(["type", "name", "label"] + [f"x{n}" for n in range(300)])
    book.save(tmp_path / "wide.xlsx")
    assert "more than 256 columns" in refusal(tmp_path / "wide.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "bomb.xlsx", SURVEY)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (51 * 1024 * 1024))
    assert "unzips to more than 50 MB" in refusal(path)


def test_a_control_character_in_a_cell(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [{"type": "text", "name": "a", "label": "A\x7fB"}])
    assert "cell C2 holds a control character" in refusal(path)


def test_a_direction_mark_in_a_cell(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [{"type": "text", "name": "a", "label": "A\u202eB"}])
    assert "cell C2 holds an invisible direction mark" in refusal(path)


def test_a_cell_too_long(tmp_path: Path) -> None:
    path = write_xlsform(
        tmp_path / "f.xlsx", [{"type": "text", "name": "a", "label": "A" * 10_001}]
    )
    assert "cell C2 holds more than 10000 characters" in refusal(path)


def test_groups_that_do_not_close_name_their_row(tmp_path: Path) -> None:
    survey = [{"type": "begin group", "name": "g", "label": "G"}, *SURVEY]
    path = write_xlsform(tmp_path / "open.xlsx", survey)
    assert "sheet 'survey', row 2: this group is never closed with 'end group'" in refusal(path)
    survey = [*SURVEY, {"type": "end group"}]
    path = write_xlsform(tmp_path / "closed.xlsx", survey)
    assert "row 3: 'end group' closes no open group" in refusal(path)
    survey = [{"type": "begin repeat", "name": "r"}, *SURVEY, {"type": "end group"}]
    path = write_xlsform(tmp_path / "crossed.xlsx", survey)
    assert "row 4: 'end group' closes no open group" in refusal(path)


def test_a_form_with_nothing_to_carry(tmp_path: Path) -> None:
    survey = [
        {"type": "start", "name": "start"},
        {"type": "geopoint", "name": "gps", "label": "GPS"},
    ]
    path = write_xlsform(tmp_path / "f.xlsx", survey)
    assert "no question of the workbook could be carried" in refusal(path)


def test_a_language_option_that_is_not_a_code(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", SURVEY)
    with pytest.raises(InvalidInput, match="'French' is not a language code"):
        import_xlsform(path, language="French")
