"""ODK Central's export in as assessments: one draft per submission with the profile of its
profile questions, every answer and photo; a bad value named with its submission and column
and the rest imported; importing again skips, a changed submission updates."""

from __future__ import annotations

from pathlib import Path

from tests.submissions.builders import central_zip, submission
from tests.submissions.conftest import written

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.model import Form
from selfassess.core.submissions.importing import import_submissions
from selfassess.core.submissions.report import Status
from selfassess.core.xlsform import names


def by_organisation(service: AssessmentService) -> dict[str, str]:
    return {a.profile.organisation: a.id for a in service.all()}


def test_each_submission_becomes_a_draft_with_its_profile_answers_and_photos(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    submissions = [submission(form, number) for number in range(3)]
    export = central_zip(tmp_path / "self-assessment.zip", form, submissions)

    report = import_submissions(service, form, [export])

    assert report.counts[Status.CREATED] == 3
    assert report.problems == []
    assert report.summary() == "3 submissions: 3 new assessments"
    assessment = service.get(by_organisation(service)["Coopérative Minière n°1"])
    assert assessment.status == "draft"
    assert (assessment.form_id, assessment.form_version) == (form.id, form.version)
    profile = assessment.profile
    assert (profile.entity_type, profile.country, profile.province) == ("asm", "CD", "CD-SK")
    assert profile.minerals == ("tin", "tantalum")
    assert profile.workforce_size == 340
    assert (profile.certifications, profile.mechanisation) == (("itsci",), "manual")
    assert (profile.source_countries, profile.transit_countries) == (("CD",), ("RW", "TZ"))
    answers = service.answers(assessment.id)
    questions = {q.id: q for q in form.questions()}
    sent = submissions[1].values
    assert answers["A1.1"].value == int(sent["A1.1"])  # a rating, 0 to 3
    yes_no = next(q for q in questions.values() if q.type == "yes_no")
    assert answers[yes_no.id].value is (sent[yes_no.id] == "yes")
    multi = next(q for q in questions.values() if q.type == "multi_choice")
    assert answers[multi.id].value == sent[multi.id].split()
    date = next(q for q in questions.values() if q.type == "date")
    assert answers[date.id].value == "2026-05-14"
    attached = service.attachments(assessment.id)
    evidence = [q.id for q in questions.values() if q.type == "evidence"]
    assert sorted(a.question_id for a in attached) == sorted(evidence)
    photo = next(a for a in attached if a.question_id == evidence[0])
    assert photo.original_name == sent[evidence[0]]
    assert (
        service.store.evidence.path_of(photo.sha256).read_bytes()
        == (submissions[1].photos[photo.original_name])
    )


def test_a_not_applicable_rating_keeps_its_reason(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sent = submission(form, 0)
    rating = next(q for q in form.questions() if q.type == "rating" and q.allow_na)
    sent.values[rating.id] = names.NA_CHOICE
    sent.values[names.na_reason_name(rating.id)] = "Pas de puits ouvert cette année"
    import_submissions(service, form, [central_zip(tmp_path / "e.zip", form, [sent])])

    (assessment,) = service.all()
    answer = service.answers(assessment.id)[rating.id]
    assert (answer.value, answer.na_reason) == (None, "Pas de puits ouvert cette année")


def test_a_bad_value_is_named_with_its_submission_and_column_and_the_rest_is_imported(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    good, bad = submission(form, 0), submission(form, 1)
    bad.values["A1.1"] = "5"  # a level that does not exist
    bad.values[names.PROFILE_QUESTIONS["workforce_size"]] = "beaucoup"
    export = central_zip(tmp_path / "e.zip", form, [good, bad])

    report = import_submissions(service, form, [export])

    assert report.counts[Status.CREATED] == 2
    texts = [str(problem) for problem in report.problems]
    assert len(texts) == 2
    assert texts[0].startswith(f"{export}: self-assessment.csv, row 3 ({bad.instance_id})")
    assert "column profile-profile_workforce_size" in texts[0]
    assert "'beaucoup' is not a number; left out of the profile" in texts[0]
    assert "column A-A1-A1.1: A1.1 takes a level from 0" in texts[1]
    assessment = service.get(by_organisation(service)["Coopérative Minière n°1"])
    assert assessment.status == "draft"
    assert assessment.profile.workforce_size is None
    answers = service.answers(assessment.id)
    assert "A1.1" not in answers
    assert answers["A1.3"] is not None  # the rest of the submission is there
    assert (
        len(answers)
        == len(service.answers(by_organisation(service)["Coopérative Minière n°0"])) - 1
    )


def test_a_submission_without_an_organisation_is_not_imported_and_the_others_are(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    nameless, named = submission(form, 0), submission(form, 1)
    del nameless.values[names.PROFILE_QUESTIONS["organisation"]]
    report = import_submissions(
        service, form, [central_zip(tmp_path / "e.zip", form, [nameless, named])]
    )

    assert (report.counts[Status.NOT_IMPORTED], report.counts[Status.CREATED]) == (1, 1)
    (problem,) = report.problems
    assert problem.instance_id == nameless.instance_id
    assert "organisation is not given" in str(problem)
    assert list(by_organisation(service)) == ["Coopérative Minière n°1"]


def test_a_photo_missing_from_the_export_is_said_and_the_submission_imported(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sent = submission(form, 0)
    lost = next(iter(sent.photos))
    del sent.photos[lost]
    report = import_submissions(service, form, [central_zip(tmp_path / "e.zip", form, [sent])])

    assert report.counts[Status.CREATED] == 1
    (problem,) = report.problems
    assert f"the file {lost} is not in" in str(problem)
    assert "was the export made with its media?" in str(problem)


def test_importing_again_skips_what_did_not_change(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    export = central_zip(tmp_path / "e.zip", form, [submission(form, n) for n in range(3)])
    import_submissions(service, form, [export])
    before = written(service)

    again = import_submissions(service, form, [export])

    assert again.counts[Status.UNCHANGED] == 3
    assert again.summary() == "3 submissions: 3 unchanged submissions, skipped"
    assert written(service) == before


def test_a_changed_submission_updates_its_assessment_and_keeps_what_was_done_here(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    first = submission(form, 0)
    import_submissions(service, form, [central_zip(tmp_path / "v1.zip", form, [first])])
    (assessment,) = service.all()
    service.set_answer(assessment.id, "A1.4", "yes")  # the supplier corrects one here
    first.values["A1.1"] = "3"  # the enumerator edits another on the server
    del first.values["A2.1"]  # and clears one
    changed = central_zip(tmp_path / "v2.zip", form, [first])

    report = import_submissions(service, form, [changed])

    assert report.counts[Status.UPDATED] == 1
    assert [a.id for a in service.all()] == [assessment.id]  # no duplicate
    answers = service.answers(assessment.id)
    assert answers["A1.1"].value == 3
    assert answers["A1.4"].value is True
    assert "A2.1" not in answers


def test_a_finalized_assessment_is_kept_when_its_submission_changed(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    first = submission(form, 0)
    import_submissions(service, form, [central_zip(tmp_path / "v1.zip", form, [first])])
    (assessment,) = service.all()
    with service.store.write() as conn:  # as if finalized after the supplier completed it
        conn.execute("UPDATE assessments SET status = 'finalized' WHERE id = ?", (assessment.id,))
    first.values["A1.1"] = "3"

    report = import_submissions(service, form, [central_zip(tmp_path / "v2.zip", form, [first])])

    assert report.counts[Status.KEPT] == 1
    assert "is finalized: reopen it to take the changes" in str(report.problems[0])
    assert service.answers(assessment.id)["A1.1"].value == 0


def test_a_submission_of_another_version_of_the_form_says_so(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sent = submission(form, 0)
    sent.form_version = "1.0.0"
    report = import_submissions(service, form, [central_zip(tmp_path / "e.zip", form, [sent])])

    assert report.counts[Status.CREATED] == 1
    (problem,) = report.problems
    assert "column FormVersion: collected with version 1.0.0 of the form" in str(problem)
    assert "--form-version 1.0.0" in str(problem)
