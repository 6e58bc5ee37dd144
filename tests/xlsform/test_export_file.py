"""The XLSForm file as a programme gets it: text that stays text, a file written whole or not
at all, every question type, what does not convert listed in the notes and on standard error,
and the command `selfassess forms export-xlsform`."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from selfassess.cli.main import main
from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.forms.loader import load_form_text
from selfassess.core.forms.model import Form
from selfassess.core.xlsform.export import build_xlsform, export_xlsform

XF = "{http://www.w3.org/2002/xforms}"
FORM = """\
format: 2
id: field-test
version: "0.1"
title: {en: Field test, fr: Essai de terrain, sw: Jaribio la uwanjani}
languages: [en, fr, sw]
default_language: en
publisher: tests
licence: CC-BY-4.0
choice_lists:
  - id: kinds
    choices:
      - {name: register, label: {en: "+plus", fr: "#N/A", sw: Daftari}}
      - {name: none, label: {en: Nothing, fr: Rien, sw: Hakuna}}
sections:
  - id: A
    title: {en: "=HYPERLINK(\\"http://x\\")", fr: "@SUM(1)", sw: "-1 step"}
    criteria:
      - id: A1
        title: {en: Policy, fr: Politique, sw: Sera}
        intent: {en: Intent, fr: Intention, sw: Nia}
        questions:
          - {id: A1.1, type: text, label: {en: "=1+1", fr: "=1+1", sw: "=1+1"}, multiline: true,
             max_length: 50, allow_na: true}
          - id: A1.2
            type: date
            label: {en: Signed on, fr: Signée le, sw: Ilisainiwa}
            relevant: "add_months(today(), -12) < today()"
            constraints:
              - expression: ". <= today()"
                message: {en: Not in the future, fr: Pas dans le futur, sw: Si siku zijazo}
              - expression: ". >= add_months(today(), -120)"
                message: {en: Ten years at most, fr: Dix ans au plus, sw: Miaka kumi zaidi}
          - {id: A1.3, type: evidence, label: {en: Photos, fr: Photos, sw: Picha},
             accepted_types: ["image/*"], min_count: 2}
          - {id: A1.4, type: multi_choice, choices: kinds,
             label: {en: Kept, fr: Tenu, sw: Iliyowekwa}}
          - {id: A1.5, type: number, label: {en: Workers, fr: Travailleurs, sw: Wafanyakazi},
             integer: true, min: 0, max: 500, unit: {en: people, fr: personnes, sw: watu},
             required: "selected(${A1.4}, 'register')"}
"""


def field_form(text: str = FORM) -> Form:
    result = load_form_text(text, "field-test.yaml")
    assert result.form is not None, [d.format() for d in result.diagnostics]
    return result.form


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "field.xlsx"
    export_xlsform(field_form(), path)
    book = load_workbook(path)
    rows = [*book["survey"].iter_rows(), *book["choices"].iter_rows()]
    cells = [cell for row in rows for cell in row if cell.value]
    for text in ('=HYPERLINK("http://x")', "@SUM(1)", "-1 step", "+plus", "#N/A", "=1+1"):
        found = [cell for cell in cells if cell.value == text]
        assert found, text
        assert all(cell.data_type == "s" for cell in found), text
    xform = convert(str(path), warnings=[]).xform
    assert '=HYPERLINK("http://x")' in ElementTree.fromstring(xform).itertext()


def test_every_question_type_reads_as_odk_expects(tmp_path: Path) -> None:
    xlsform = build_xlsform(field_form())
    rows = {row.plain.get("name"): row for row in xlsform.survey}
    assert rows["A1.1"].plain["type"] == "text"
    assert rows["A1.1"].plain["appearance"] == "multiline"
    assert rows["A1.1"].plain["constraint"] == "string-length(.) <= 50"
    assert rows["A1.3"].plain["type"] == "image"
    assert rows["A1.3"].plain["parameters"] == "max-pixels=2048"
    assert rows["A1.4"].plain["type"] == "select_multiple kinds"
    assert rows["A1.4"].plain["constraint"] == (
        "not(selected(., 'none') and count-selected(.) > 1)"
    )
    assert rows["A1.4"].translated["constraint_message"]["en"] == (
        "“Nothing” cannot be ticked with another option."
    )
    number = rows["A1.5"]
    assert number.plain["type"] == "integer"
    assert number.plain["constraint"] == "(. >= 0) and (. <= 500)"
    assert number.plain["required"] == "selected(${A1.4}, 'register')"
    assert number.translated["label"]["fr"] == "Travailleurs (personnes)"
    assert number.translated["constraint_message"]["en"] == (
        "The smallest allowed value is 0. The largest allowed value is 500."
    )


def test_what_cannot_be_said_is_noted_never_dropped(tmp_path: Path) -> None:
    path = tmp_path / "field.xlsx"
    report = export_xlsform(field_form(), path)
    notes = {(note.question, note.what): note for note in report.notes}
    relevant = notes[("A1.2", "relevant")]
    assert "cannot add months" in relevant.why
    assert "not required" in relevant.why
    assert notes[("A1.2", "constraint")].expression == ". >= add_months(today(), -120)"
    assert "one file" in notes[("A1.3", "min_count")].why
    assert "not applicable" in notes[("A1.1", "allow_na")].why
    rows = {row.plain.get("name"): row for row in build_xlsform(field_form()).survey}
    assert "relevant" not in rows["A1.2"].plain
    assert "required" not in rows["A1.2"].plain
    assert rows["A1.2"].plain["constraint"] == ". <= today()"  # the other one kept
    survey = list(load_workbook(path)["survey"].iter_rows(values_only=True))
    assert relevant.row is not None
    assert survey[relevant.row - 1][1] == "A1.2"
    warnings: list[str] = []
    convert(str(path), warnings=warnings)
    assert warnings == []


def test_the_file_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl.workbook.workbook import Workbook

    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "field.xlsx"
    path.write_bytes(b"the previous export")

    def full_disk(self: Workbook, stream: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(StoreError, match="disk is full"):
        export_xlsform(field_form(), path)
    assert path.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["field.xlsx"]


def test_a_wrong_name_or_place_is_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"\.xlsx file, not 'field\.xls'"):
        export_xlsform(field_form(), tmp_path / "field.xls")
    with pytest.raises(InvalidInput, match="does not exist"):
        export_xlsform(field_form(), tmp_path / "missing" / "field.xlsx")


def test_an_id_that_clashes_with_a_name_of_the_export_is_refused() -> None:
    clashing = FORM.replace("id: A1.5,", "id: profile_site,")
    with pytest.raises(InvalidInput, match="two rows named 'profile_site'"):
        build_xlsform(field_form(clashing))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_writes_the_file_and_lists_what_is_not_in_it(
    tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_home / "forms").mkdir()
    (isolated_home / "forms" / "field-test.yaml").write_text(FORM, encoding="utf-8")
    out_path = tmp_path / "field.xlsx"
    code, out, err = run(
        capsys, "forms", "export-xlsform", "--form", "field-test", "-o", str(out_path)
    )
    assert code == 0
    assert out.startswith(f"Wrote {out_path}: field-test 0.1, 5 questions, in en, fr, sw.")
    assert "Not in the XLSForm (4; also in its 'notes' sheet):" in err
    assert "A1.2: relevant add_months(today(), -12) < today(): ODK's XPath cannot" in err
    assert out_path.is_file()


def test_the_command_exports_a_built_in_form_by_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "qs.xlsx"
    code, out, err = run(
        capsys,
        "forms",
        "export-xlsform",
        "--form",
        "quick-scan",
        "--form-version",
        "0.3.0",
        "-o",
        str(out_path),
    )
    assert code == 0, err
    assert "quick-scan 0.3.0" in out
    code, _out, err = run(
        capsys,
        "forms",
        "export-xlsform",
        "--form",
        "quick-scan",
        "--form-version",
        "9",
        "-o",
        str(out_path),
    )
    assert code == 1
    assert "no valid form 'quick-scan 9'" in err


def test_a_form_in_french_only_is_exported_in_french(tmp_path: Path) -> None:
    french = FORM.replace(
        "languages: [en, fr, sw]\ndefault_language: en", "languages: [fr]\ndefault_language: fr"
    )
    path = tmp_path / "fr.xlsx"
    export_xlsform(field_form(french), path)
    header = next(load_workbook(path)["survey"].iter_rows(values_only=True))
    assert [cell for cell in header if str(cell).startswith("label")] == ["label::French (fr)"]
    warnings: list[str] = []
    xform = convert(str(path), warnings=warnings).xform
    assert warnings == []
    assert "Type d'activité" in xform
