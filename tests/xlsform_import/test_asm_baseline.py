"""An ASM baseline survey that a programme runs on KoboToolbox becomes a selfassess form that
passes `forms check`, with its groups as sections and criteria, its selects, relevance,
constraints, calculate and translations carried, and every row left out reported by number."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.xlsform_import.workbooks import (
    ROW_BUYER_LABEL,
    ROW_BUYER_NAME,
    ROW_LOCATION,
    ROW_REPEAT_BEGIN,
    ROW_REPEAT_END,
    ROW_TERRITORY,
    asm_baseline,
)

from selfassess.core.forms.loader import load_form_text
from selfassess.core.forms.model import (
    DateQuestion,
    EvidenceQuestion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    SingleChoiceQuestion,
    TextQuestion,
)
from selfassess.core.xlsform.importing import XlsformImport, import_xlsform


@pytest.fixture
def imported(tmp_path: Path) -> XlsformImport:
    return import_xlsform(asm_baseline(tmp_path / "asm_baseline.xlsx"))


def questions(form: Form) -> dict[str, Question]:
    return {question.id: question for question in form.questions()}


def test_the_workbook_is_an_xlsform_odk_itself_converts(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    result = convert(xlsform=str(asm_baseline(tmp_path / "asm_baseline.xlsx")))
    assert "<h:title>ASM site baseline 2024</h:title>" in result.xform


def test_the_imported_form_passes_forms_check(imported: XlsformImport) -> None:
    result = load_form_text(imported.yaml_text, "asm_baseline.yaml")
    assert result.errors == []
    assert result.form == imported.form
    form = imported.form
    assert (form.id, form.version, form.title["en"]) == (
        "asm_baseline_2024",
        "2024061201",
        "ASM site baseline 2024",
    )
    assert form.languages == ["en", "fr", "sw"]
    assert imported.yaml_text.startswith("# Imported from the XLSForm asm_baseline.xlsx")


def test_groups_become_sections_and_criteria_in_the_xlsform_order(imported: XlsformImport) -> None:
    layout = [
        (section.id, [(c.id, [q.id for q in c.questions]) for c in section.criteria])
        for section in imported.form.sections
    ]
    assert layout == [
        ("general", [("general-questions", ["intro", "consent"])]),
        (
            "site",
            [
                (
                    "site-questions",
                    [
                        "site_name",
                        "province",
                        "territory",
                        "minerals",
                        "minerals_other",
                        "visit_date",
                        "site_photo",
                    ],
                ),
                (
                    "workforce",
                    [
                        "workers_total",
                        "workers_women",
                        "workers_under18",
                        "women_note",
                        "children_seen",
                    ],
                ),
                ("safety", ["helmets", "pit_depth", "accidents", "first_aid"]),
            ],
        ),
        ("general_2", [("general_2-questions", ["pits_intro"])]),
        ("trade", [("trade-questions", ["buyer", "price"])]),
    ]
    site = imported.form.sections[1]
    assert site.title == {"en": "Site identification", "fr": "Identification du site"} | {
        "sw": "Utambulisho wa eneo"
    }
    assert site.criteria[1].title["fr"] == "Main-d'œuvre"


def test_question_types_requirement_and_translations(imported: XlsformImport) -> None:
    found = questions(imported.form)
    consent = found["consent"]
    assert isinstance(consent, SingleChoiceQuestion)
    assert consent.required is True
    assert consent.label["sw"] == "Je, msimamizi wa eneo anakubali kujibu?"
    assert isinstance(found["intro"], InfoQuestion)
    total = found["workers_total"]
    assert isinstance(total, NumberQuestion)
    assert total.integer
    depth = found["pit_depth"]
    assert isinstance(depth, NumberQuestion)
    assert not depth.integer
    assert depth.required is False  # XLSForm questions are optional unless said
    accidents = found["accidents"]
    assert isinstance(accidents, TextQuestion)
    assert accidents.multiline
    photo = found["site_photo"]
    assert isinstance(photo, EvidenceQuestion)
    assert photo.accepted_types == ["image/*"]
    assert isinstance(found["first_aid"], EvidenceQuestion)
    minerals = found["minerals"]
    assert isinstance(minerals, MultiChoiceQuestion)
    assert minerals.help == {"en": "Tick all that apply", "fr": "Cochez tout ce qui s'applique"}


def test_or_other_adds_the_option_and_the_question_that_says_it(imported: XlsformImport) -> None:
    form = imported.form
    minerals = questions(form)["minerals"]
    assert isinstance(minerals, MultiChoiceQuestion)
    names = [choice.name for choice in form.choices_of(minerals)]
    assert names == ["gold", "tin", "coltan", "none", "other"]
    other = questions(form)["minerals_other"]
    assert isinstance(other, TextQuestion)
    assert other.relevant == "${consent} = 'yes' and selected(${minerals}, 'other')"
    assert other.label["fr"] == "Précisez quelle est l'autre réponse"


def test_relevance_joins_the_groups_and_the_question(imported: XlsformImport) -> None:
    found = questions(imported.form)
    assert found["consent"].relevant is None
    assert found["site_name"].relevant == "${consent} = 'yes'"
    assert found["children_seen"].relevant == "${consent} = 'yes' and ${workers_under18} > 0"
    assert found["accidents"].relevant == "${consent} = 'yes' and ${helmets} != 'yes'"
    assert found["price"].relevant == "answered(${buyer}) and ${buyer} != 'none'"


def test_the_calculate_is_written_where_it_is_used(imported: XlsformImport) -> None:
    note = questions(imported.form)["women_note"]
    assert note.relevant == ("${consent} = 'yes' and ${workers_women} / ${workers_total} > 0.5")
    assert any(
        entry.place.row == 19 and "share_women" in entry.text() for entry in imported.report.notes
    )


def test_constraints_and_their_messages(imported: XlsformImport) -> None:
    found = questions(imported.form)
    minerals = found["minerals"]
    assert isinstance(minerals, MultiChoiceQuestion)
    [rule] = minerals.constraints
    assert rule.expression == "not (selected(., 'none') and count_selected(.) > 1)"
    assert rule.message == {"en": "'None' goes alone", "fr": "« Aucun » va seul"}
    women = found["workers_women"]
    assert isinstance(women, NumberQuestion)
    assert women.constraints[0].expression == ". <= ${workers_total}"
    assert women.constraints[0].message["fr"] == "Cette réponse n'est pas acceptée."
    visit = found["visit_date"]
    assert isinstance(visit, DateQuestion)
    assert [c.expression for c in visit.constraints] == [". <= today()"]


def test_every_row_left_out_is_reported_with_its_number(imported: XlsformImport) -> None:
    skipped = {
        (e.place.sheet, e.place.row, e.place.column): e.text() for e in imported.report.skipped
    }
    for row in (2, 3, 4, 5):
        assert "ODK's metadata" in skipped["survey", row, None]
    repeat = skipped["survey", ROW_REPEAT_BEGIN, None]
    assert f"rows {ROW_REPEAT_BEGIN} to {ROW_REPEAT_END}" in repeat
    assert "repeat 'pits'" in repeat
    assert "jr:choice-name()" in skipped["survey", ROW_BUYER_LABEL, "P"]
    assert "file or a search" in skipped["survey", ROW_BUYER_NAME, None]
    assert "type 'geopoint'" in skipped["survey", ROW_LOCATION, None]
    assert "column E (style)" in skipped["settings", 2, "E"]
    lines = imported.report.lines()
    assert (
        f"survey, row {ROW_TERRITORY}, column J (choice_filter): skipped: selfassess offers "
        "every option of the list: a choice_filter is not carried"
    ) in lines
    assert any(
        line.startswith("choices, column E (province), rows 10-11: skipped") for line in lines
    )


def test_kobo_columns_and_version_stamp_pass_in_silence(imported: XlsformImport) -> None:
    lines = "\n".join(imported.report.lines())
    assert "$kuid" not in lines
    assert "$autoname" not in lines
    assert "__version__" not in lines
    assert "row 42" not in lines


def test_an_author_adds_judgement_as_docs_forms_md_shows(imported: XlsformImport) -> None:
    """The example of docs/forms.md, "From an existing XLSForm": a red line, a criterion's
    intent and status rules, and a red flag on the question that detects it."""
    import yaml

    data = yaml.safe_load(imported.yaml_text)
    data["publisher"], data["licence"] = "ASM programme, South Kivu", "CC-BY-4.0"
    data["red_lines"] = [
        {
            "id": "child-labour",
            "title": {
                "en": "Worst forms of child labour",
                "fr": "Pires formes de travail des enfants",
                "sw": "Aina mbaya zaidi za ajira ya watoto",
            },
        }
    ]
    workforce = data["sections"][1]["criteria"][1]
    assert workforce["id"] == "workforce"
    workforce["intent"] = {
        "en": "No one under 18 works in the pits, and the site knows who works there.",
        "fr": "Personne de moins de 18 ans ne travaille dans les puits, et le site sait qui y "
        "travaille.",
    }
    workforce["red_line"] = True
    workforce["status_rules"] = [
        {
            "when": "${children_seen} = 'yes'",
            "status": "does_not_meet",
            "reason": {"en": "Children were seen working in the pits."},
        },
        {"when": "answered(${workers_total})", "status": "meets"},
    ]
    children = workforce["questions"][4]
    assert children["id"] == "children_seen"
    children["red_flag"] = ". = 'yes'"
    children["red_line"] = "child-labour"
    result = load_form_text(yaml.safe_dump(data, allow_unicode=True), "baseline.yaml")
    assert result.errors == []
    assert result.form is not None
    assert result.form.red_lines[0].id == "child-labour"
