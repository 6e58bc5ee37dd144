"""The sheets of a received pack say what the pack says, in the buyer's language: the supplier,
where the pack came from, each answer as a person reads it with its comment and evidence, each
criterion's status and reasons, each action with room for the buyer's follow-up; and a hostile
comment stays text in every format."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from tests.spreadsheets.received import genuine_pack, read_pack

from selfassess.core.errors import Refused
from selfassess.core.i18n import translate
from selfassess.core.spreadsheets.cells import Column
from selfassess.core.spreadsheets.export import export_pack_files, export_packs
from selfassess.core.spreadsheets.pack_sheets import (
    answer_columns,
    answer_rows,
    criterion_rows,
    pack_columns,
    pack_row,
    supplier_columns,
    supplier_row,
)
from selfassess.core.spreadsheets.pack_sheets_plan import FollowUp, action_columns, action_rows


@pytest.fixture
def buyer(tmp_path: Path) -> Path:
    return tmp_path / "buyer"


def _answers(language: str, buyer: Path) -> dict[str, list[object]]:
    return {str(row[5]): row for row in answer_rows(read_pack(language, buyer), language)}


def test_answers_are_read_in_the_buyers_language_from_the_carried_form(buyer: Path) -> None:
    english, french = _answers("en", buyer), _answers("fr", buyer)
    assert english["A1.1"][3:] == [
        "Governance and due diligence",
        "A1",
        "A1.1",
        "Do you have a written policy on responsible buying and selling of minerals?",
        "Mostly in place (2/3)",
        2,
        "à confirmer avec le comité",  # the supplier's own words, as written
        None,
    ]
    assert french["A1.1"][6] == (
        "Avez-vous une politique écrite sur l'achat et la vente responsables de minerais ?"
    )
    assert _answers("sw", buyer)["A1.3"][7] == "Ndiyo"


def test_each_kind_of_answer_reads_as_a_person_reads_it(buyer: Path) -> None:
    rows = _answers("en", buyer)
    assert (rows["A1.3"][7], rows["A1.3"][8]) == ("Yes", None)
    assert (rows["A2.3"][7], rows["A2.3"][8]) == ("Never", None)
    assert (rows["A6.3"][7], rows["A6.3"][8]) == ("8 years", 8)
    assert (rows["A7.3"][7], rows["A7.3"][8]) == ("Our own visits to sites", None)
    assert (rows["G5.2"][7], rows["G5.2"][8]) == ("2025-03-14", date(2025, 3, 14))
    assert rows["A1.2"][7:] == [None, None, None, "registre-des-travailleurs.jpg"]


def test_criteria_carry_status_severity_and_reasons_in_the_language(buyer: Path) -> None:
    pack = read_pack("fr", buyer)
    rows = {row[4]: row for row in criterion_rows(pack, "fr")}
    signed = {criterion.id: criterion for criterion in pack.response.criteria}
    assert rows["A1"][5] == signed["A1"].title == "Politique d'approvisionnement"
    assert rows["A1"][6] == translate("fr", "Partially meets")
    assert rows["A1"][7] == translate("fr", "Minor")
    assert "A1.1 Avez-vous une politique écrite" in str(rows["A1"][10])
    assert rows["A1"][11] == "OECD-DDG Step 1; OECD-ANNEX-II; RRA 10"
    breached = [row for row in rows.values() if row[9]]
    assert breached
    assert all(row[8] == translate("fr", "Yes") for row in breached)
    english = {row[4]: row for row in criterion_rows(read_pack("en", buyer), "en")}
    assert english["A1"][5] == "Sourcing policy"
    assert "A1.1 Do you have a written policy" in str(english["A1"][10])


def test_a_pack_row_says_where_the_pack_came_from(buyer: Path) -> None:
    pack = read_pack("en", buyer)
    row = dict(zip([c.title for c in pack_columns("en")], pack_row(pack, "en"), strict=True))
    assert (row["Organisation"], row["Country"]) == ("Coopérative minière de Kalimbi", "CD")
    assert row["Answered in"] == "Français"
    assert row["Red lines breached"] == "Worst forms of child labour"  # as the demo answers
    assert row["Signer's standing"] == "New signer: confirm the fingerprint"  # a first pack
    assert row["Signed on"] == date.fromisoformat(str(pack.signed_at)[:10])
    assert pack.signer is not None
    assert row["Certificate fingerprint"] == pack.signer.fingerprint_sha256
    assert (row["File"], row["SHA-256 of the pack"]) == ("pack.pdf", pack.sha256)
    titles = [c.title for c in supplier_columns("en")]
    supplier = dict(zip(titles, supplier_row(pack, "en", 3), strict=True))
    assert supplier["Type"] == "Artisanal site or cooperative"
    assert (supplier["Minerals"], supplier["Workers"]) == ("Tin, Tantalum", 180)
    assert supplier["Packs received"] == 3


def test_actions_read_red_lines_first_with_the_buyers_columns(buyer: Path) -> None:
    pack = read_pack("en", buyer)
    columns = action_columns("en")
    assert [column.title for column in columns][-4:] == [
        "Buyer's follow-up", "Buyer's note", "Follow-up due", "Overdue"
    ]  # fmt: skip
    rows = list(action_rows(pack, "en"))
    assert len(rows) == len(pack.response.plan)
    assert rows[0][4] == "Yes"
    assert rows[0][3] == "B1"
    assert all(row[-4:] == [None] * 4 for row in rows)
    follow_up = FollowUp(
        [Column("Accepted"), Column("Checked on")],
        lambda _pack, planned: ["accepted", date(2027, 1, 5)] if planned.action.id == 1 else [],
    )
    filled = list(action_rows(pack, "en", follow_up))
    assert [row[-2:] for row in filled if row[-2] is not None] == [["accepted", date(2027, 1, 5)]]


def test_an_export_has_its_sheets_in_the_buyers_language(buyer: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.xlsx"
    exported = export_pack_files([genuine_pack()], target, "fr", home=buyer)
    assert (exported.packs, exported.suppliers, exported.set_aside) == (1, 1, [])
    workbook = openpyxl.load_workbook(target)
    titles = [translate("fr", t) for t in ("Suppliers", "Packs", "Answers", "Criteria", "Actions")]
    assert workbook.sheetnames == titles
    answers = workbook[titles[2]]
    assert [cell.value for cell in answers[1]] == [c.title for c in answer_columns("fr")]
    assert answers.max_row == 1 + sum(1 for _ in answer_rows(read_pack("fr", buyer), "fr"))


def test_hostile_comments_stay_text_in_both_formats(buyer: Path, tmp_path: Path) -> None:
    comments = {"A1.1": '=HYPERLINK("http://example.invalid","x")', "A1.3": "@SUM(1,1)"}
    pack = read_pack("en", buyer, comments)
    export_packs([pack], tmp_path / "export.xlsx", "en")
    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx")["Answers"]
    cells = {row[5].value: row[9] for row in sheet.iter_rows(min_row=2)}
    assert (cells["A1.1"].value, cells["A1.1"].data_type) == (comments["A1.1"], "s")
    assert (cells["A1.3"].value, cells["A1.3"].data_type) == ("@SUM(1,1)", "s")
    written = export_packs([pack], tmp_path / "export.csv", "en").files
    assert [path.name for path in written] == [
        "export-suppliers.csv", "export-packs.csv", "export-answers.csv",
        "export-criteria.csv", "export-actions.csv",
    ]  # fmt: skip
    with written[2].open(encoding="utf-8-sig", newline="") as stream:
        by_question = {row[5]: row[9] for row in csv.reader(stream)}
    assert by_question["A1.1"] == "'" + comments["A1.1"]
    assert by_question["A1.3"] == "'@SUM(1,1)"


def test_a_pack_that_does_not_verify_is_left_out_and_named(buyer: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(genuine_pack().read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    exported = export_pack_files(
        [genuine_pack(), tampered, genuine_pack()], tmp_path / "export.xlsx", "en", home=buyer
    )
    assert exported.packs == 1
    assert [(item.path, str(item.reason)) for item in exported.set_aside][1] == (
        genuine_pack(),
        f"the same file as {genuine_pack()}",
    )
    assert exported.set_aside[0].path == tampered


def test_nothing_is_written_when_no_pack_verifies(buyer: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nnothing signed here\n%%EOF\n")
    with pytest.raises(Refused, match=r"no pack verified, so nothing was written.*junk\.pdf"):
        export_pack_files([junk], tmp_path / "export.xlsx", "en", home=buyer)
    assert not (tmp_path / "export.xlsx").exists()
