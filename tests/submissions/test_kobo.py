"""KoboToolbox's export in as assessments: the .xlsx (or the .csv with semicolons) and the
attachments zip; the same submission exported by Kobo or by Central is the same submission."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.submissions.builders import (
    central_zip,
    kobo_attachments,
    kobo_csv,
    kobo_xlsx,
    submission,
)
from tests.submissions.conftest import NOTHING, written

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput
from selfassess.core.forms.model import Form
from selfassess.core.submissions.importing import import_submissions
from selfassess.core.submissions.report import Status


@pytest.mark.parametrize("table", ["xlsx", "csv"])
def test_a_kobo_export_becomes_drafts_with_answers_and_photos(
    service: AssessmentService, form: Form, tmp_path: Path, table: str
) -> None:
    submissions = [submission(form, number) for number in range(2)]
    make = kobo_xlsx if table == "xlsx" else kobo_csv
    sheet = make(tmp_path / f"Auto-evaluation.{table}", form, submissions)
    photos = kobo_attachments(tmp_path / "attachments.zip", submissions)

    report = import_submissions(service, form, [sheet, photos])

    assert report.counts[Status.CREATED] == 2
    assert report.problems == []
    assessment = next(a for a in service.all() if a.profile.organisation.endswith("n°0"))
    assert assessment.profile.workforce_size == 340  # a number cell of the workbook
    answers = service.answers(assessment.id)
    assert answers["A1.1"].value == 0
    multi = next(q for q in form.questions() if q.type == "multi_choice")
    assert answers[multi.id].value == submissions[0].values[multi.id].split()
    attached = {a.original_name: a for a in service.attachments(assessment.id)}
    assert set(attached) == set(submissions[0].photos)
    for name, photo in attached.items():
        assert (
            service.store.evidence.path_of(photo.sha256).read_bytes()
            == (submissions[0].photos[name])
        )


def test_the_same_submission_from_kobo_after_central_is_not_imported_twice(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    submissions = [submission(form, 0)]
    import_submissions(service, form, [central_zip(tmp_path / "c.zip", form, submissions)])
    sheet = kobo_xlsx(tmp_path / "k.xlsx", form, submissions)
    photos = kobo_attachments(tmp_path / "a.zip", submissions)

    report = import_submissions(service, form, [sheet, photos])

    assert report.counts[Status.UNCHANGED] == 1
    assert len(service.all()) == 1


def test_an_export_with_the_questions_labels_says_how_to_export_it(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sheet = tmp_path / "labels.csv"
    sheet.write_text(
        "start;end;Nom de l'organisation;La politique est-elle écrite ?;_uuid\n"
        "2026-05-14;2026-05-14;Coop;yes;0b1f\n",
        encoding="utf-8",
    )

    with pytest.raises(InvalidInput) as refused:
        import_submissions(service, form, [sheet])

    message = str(refused.value)
    assert "no column is named after a question of self-assessment 2.0.0" in message
    assert "'XML values and headers'" in message
    assert "Nom de l'organisation" in message
    assert written(service) == NOTHING


def test_media_given_without_their_table_are_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    photos = kobo_attachments(tmp_path / "attachments.zip", [submission(form, 0)])

    with pytest.raises(InvalidInput, match="no table of submissions among the files given"):
        import_submissions(service, form, [photos])


def test_multiple_choices_given_only_as_a_column_per_option_are_read_the_profiles_too(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    # Kobo's "separate columns" for select_multiple: profile/profile_minerals/tin = 1, ...
    submitted = submission(form, 0, photos=False)
    sheet = kobo_xlsx(tmp_path / "split.xlsx", form, [submitted], summary=False)

    report = import_submissions(service, form, [sheet])

    assert report.counts[Status.CREATED] == 1
    assert report.problems == []
    (assessment,) = service.all()
    assert assessment.profile.minerals == ("tin", "tantalum")
    assert assessment.profile.transit_countries == ("RW", "TZ")
    assert assessment.profile.certifications == ("itsci",)
    multi = next(q for q in form.questions() if q.type == "multi_choice")
    chosen = service.answers(assessment.id)[multi.id].value
    assert sorted(chosen) == sorted(submitted.values[multi.id].split())


def test_a_column_per_option_of_the_profile_that_is_no_option_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text(
        "profile/profile_organisation;profile/profile_entity_type;"
        "profile/profile_minerals/unobtainium;_uuid\nCoop;asm;1;0b1f\n",
        encoding="utf-8",
    )

    with pytest.raises(InvalidInput, match="profile_minerals/unobtainium"):
        import_submissions(service, form, [sheet])
    assert written(service) == NOTHING
