"""Each submission is written whole or not at all, an import can be followed and stopped, and
what was imported before a stop or a failure stays imported; importing again carries on."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.submissions.builders import central_zip, submission
from tests.submissions.conftest import written

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import StoreError
from selfassess.core.forms.model import Form
from selfassess.core.submissions import ledger
from selfassess.core.submissions.importing import Options, import_submissions
from selfassess.core.submissions.report import Outcome, Status


def test_a_failure_midway_through_a_submission_leaves_nothing_of_it(
    service: AssessmentService, form: Form, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = central_zip(tmp_path / "e.zip", form, [submission(form, n) for n in range(3)])
    attach = service.attach
    calls = {"count": 0}

    def failing_attach(assessment_id: str, question_id: str, paths: list[Path]) -> object:
        calls["count"] += 1
        if calls["count"] == 10:  # the second submission's second photo: its answers are in
            raise StoreError.of("could not write {target}: the disk is full", target="evidence")
        return attach(assessment_id, question_id, paths)

    monkeypatch.setattr(service, "attach", failing_attach)
    with pytest.raises(StoreError, match="the disk is full"):
        import_submissions(service, form, [export])

    (first,) = service.all()  # the first submission, whole; nothing of the second
    rows = written(service)
    assert (rows["assessments"], rows["submission_imports"]) == (1, 1)
    assert rows["answers"] == len(service.answers(first.id))
    assert rows["attachments"] == len(service.attachments(first.id)) == 8

    monkeypatch.setattr(service, "attach", attach)
    again = import_submissions(service, form, [export])  # carries on where it stopped
    assert (again.counts[Status.UNCHANGED], again.counts[Status.CREATED]) == (1, 2)


def test_progress_is_told_and_a_stop_keeps_what_was_imported(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    export = central_zip(tmp_path / "e.zip", form, [submission(form, n) for n in range(4)])
    told: list[tuple[int, int]] = []
    outcomes: list[Outcome] = []

    def stop() -> bool:
        return len(outcomes) == 2

    def progress(done: int, total: int) -> None:
        told.append((done, total))

    options = Options(progress=progress, stop=stop, on_outcome=outcomes.append)
    report = import_submissions(service, form, [export], options)

    assert report.cancelled
    assert report.counts[Status.CREATED] == 2
    assert told == [(0, 4), (1, 4)]
    assert len(service.all()) == 2
    rest = import_submissions(service, form, [export])
    assert (rest.counts[Status.UNCHANGED], rest.counts[Status.CREATED]) == (2, 2)


def test_the_instance_id_is_recorded_with_the_assessment(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sent = submission(form, 7)
    import_submissions(service, form, [central_zip(tmp_path / "e.zip", form, [sent])])

    (assessment,) = service.all()
    conn = service.store.read()
    assert ledger.instance_of_assessment(conn, assessment.id) == sent.instance_id
    found = ledger.find(conn, form.id, sent.instance_id)
    assert found is not None
    assert found.assessment_id == assessment.id
    assert found.submitted["profile#organisation"] == "Coopérative Minière n°7"
