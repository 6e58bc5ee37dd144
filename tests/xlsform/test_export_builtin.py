"""Both built-in questionnaires as XLSForm, converted by pyxform (ODK's own converter) into the
XForm that ODK Collect and KoboCollect run: no error, no warning, the questions, the three
languages and the bindings a supplier meets on a phone."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.xlsform.export import ExportReport, export_xlsform

XF = "{http://www.w3.org/2002/xforms}"
LANGUAGES = ["English (en)", "French (fr)", "Swahili (sw)"]


def builtin(form_id: str) -> Form:
    form = load_form(builtin_forms_dir() / f"{form_id}.yaml").form
    assert form is not None
    return form


class Exported(NamedTuple):
    form: Form
    report: ExportReport
    path: Path
    warnings: list[str]
    xform: Element


@pytest.fixture(scope="module", params=["quick-scan", "self-assessment"])
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The form exported, and converted by pyxform (checked by ODK Validate where Java is)."""
    form = builtin(request.param)
    path = tmp_path_factory.mktemp("xlsform") / f"{form.id}.xlsx"
    report = export_xlsform(form, path)
    warnings: list[str] = []
    result = convert(str(path), warnings=warnings, validate=shutil.which("java") is not None)
    xform = ElementTree.fromstring(result.xform)
    return Exported(form, report, path, warnings + result.warnings, xform)


def test_pyxform_converts_it_without_errors_or_warnings(exported: Exported) -> None:
    _form, _report, _path, warnings, xform = exported
    assert warnings == []
    assert xform.tag == "{http://www.w3.org/1999/xhtml}html"


def test_settings_carry_the_form_id_and_version(exported: Exported) -> None:
    form, _report, _path, _warnings, xform = exported
    data = xform.find(f".//{XF}instance/{XF}data")
    assert data is not None
    assert (data.get("id"), data.get("version")) == (form.id, form.version)


def test_every_question_is_asked_in_its_group_after_the_profile(exported: Exported) -> None:
    form, report, _path, _warnings, xform = exported
    data = xform.find(f".//{XF}instance/{XF}data")
    assert data is not None
    assert data[0].tag == f"{XF}profile"
    assert [child.tag for child in data[0]][:2] == [
        f"{XF}profile_organisation",
        f"{XF}profile_site",
    ]
    for section in form.sections:
        for criterion in section.criteria:
            for question in criterion.questions:
                path = f"{XF}{section.id}/{XF}{criterion.id}/{XF}{question.id}"
                assert data.find(path) is not None, question.id
    assert report.questions == sum(1 for _ in form.questions())


def test_labels_hints_and_messages_are_in_the_three_languages(exported: Exported) -> None:
    form, _report, _path, _warnings, xform = exported
    translations = {t.get("lang"): t for t in xform.iter(f"{XF}translation")}
    assert list(translations) == LANGUAGES
    assert translations["English (en)"].get("default") == "true()"
    first = next(form.questions())
    path = _path_of(form, first.id)
    for lang, code in zip(LANGUAGES, ["en", "fr", "sw"], strict=True):
        assert _itext(translations[lang], f"{path}:label") == first.label[code]
    assert _itext(translations["French (fr)"], "/data/profile/profile_entity_type:label") == (
        "Type d'activité"
    )


def test_ratings_offer_the_levels_described_and_not_applicable(exported: Exported) -> None:
    form, _report, _path, _warnings, xform = exported
    rating = next(q for q in form.questions() if q.type == "rating")
    select = next(
        s for s in xform.iter(f"{XF}select1") if s.get("ref") == _path_of(form, rating.id)
    )
    names = [item.findtext(f"{XF}name") for item in _items(xform, select)]
    assert names == ["0", "1", "2", "3", "na"]
    translations = {t.get("lang"): t for t in xform.iter(f"{XF}translation")}
    level = form.settings.rating_scale[3]
    described = rating.levels[3] if rating.levels else level.description
    assert described is not None
    french = _itext(translations["French (fr)"], _item_text_id(xform, select, 3))
    assert french == f"3. {level.label['fr']} : {described['fr']}"


def test_relevance_and_requirement_follow_the_form(exported: Exported) -> None:
    form, _report, _path, _warnings, xform = exported
    binds = {b.get("nodeset"): b for b in xform.iter(f"{XF}bind")}
    assert binds[_path_of(form, "A1.1")].get("required") == "true()"
    if form.id == "self-assessment":
        assert binds["/data/A/A1/A1.2"].get("relevant") == " /data/A/A1/A1.1  >= 2"
        assert binds["/data/A/A2/A2.2"].get("relevant") == " /data/A/A2/A2.1  = 'yes'"
        g52 = binds["/data/G/G5/G5.2"]
        assert g52.get("constraint") == ". <= today()"
        assert "selected( /data/G/G5/G5.1 , 'none')" in g52.get("relevant", "")
        assert "required" not in binds["/data/G/G1/G1.1"].attrib  # edd_required(): a note
    else:
        gold = binds["/data/C/C4"]
        assert gold.get("relevant") == "selected( /data/profile/profile_minerals , 'gold')"
    reason = binds[_path_of(form, "A1.1") + "_na_reason"]
    assert reason.get("relevant") == f" {_path_of(form, 'A1.1')}  = 'na'"
    assert reason.get("required") == "true()"


def test_the_notes_sheet_lists_what_was_not_translated(exported: Exported) -> None:
    form, report, path, _warnings, _xform = exported
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["survey", "choices", "settings", "notes"]
    rows = list(book["notes"].iter_rows(values_only=True))
    assert rows[0] == ("row", "question", "what", "expression", "why")
    assert len(rows) - 1 == len(report.notes)
    survey = list(book["survey"].iter_rows(values_only=True))
    edd = [row for row in rows[1:] if row[3] == "edd_required()"]
    if form.id == "self-assessment":
        assert [row[1] for row in edd] == ["G1", "G2", "G3", "G4", "G5"]
        for row in edd:
            assert survey[int(row[0]) - 1][:2] == ("begin_group", row[1])
            assert "risk data" in row[4]
    else:
        assert edd == []
    assert rows[-1][2] == "status rules, red flags, red lines and suggested actions"


def _path_of(form: Form, question_id: str) -> str:
    for section in form.sections:
        for criterion in section.criteria:
            if any(q.id == question_id for q in criterion.questions):
                return f"/data/{section.id}/{criterion.id}/{question_id}"
    raise AssertionError(question_id)


def _itext(translation: Element, text_id: str) -> str | None:
    for text in translation.iter(f"{XF}text"):
        if text.get("id") == text_id:
            return text.findtext(f"{XF}value")
    return None


def _items(xform: Element, select: Element) -> list[Element]:
    itemset = select.find(f"{XF}itemset")
    assert itemset is not None
    list_name = (
        itemset.get("nodeset", "").split("'")[1] if "'" in itemset.get("nodeset", "") else ""
    )
    for instance in xform.iter(f"{XF}instance"):
        if instance.get("id") == list_name:
            return list(instance.iter(f"{XF}item"))
    raise AssertionError(list_name)


def _item_text_id(xform: Element, select: Element, index: int) -> str:
    return _items(xform, select)[index].findtext(f"{XF}itextId") or ""
