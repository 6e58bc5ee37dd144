"""Submissions in as assessments: one draft assessment per submission, made and answered through
`AssessmentService` like any other (every value checked by `set_answer`, every file by
`attach`), once.

First the whole source is read without writing anything: every column must be one of the
form's, every submission must have an instanceID, and a hostile file (a formula cell, a path
that escapes, a member too large) refuses the import before anything is written. Then each
submission is written in one transaction (`Store.batch`): its assessment, its answers, its files
and the record of its instanceID (`ledger`) are all there, or none of them. A value that is
refused is listed with the submission and the column, and the rest of the submission is
imported: a draft, to be completed. Importing again skips an unchanged submission; a changed one
updates the answers that changed since it was imported (answers changed here since are kept
where the submission did not change them), and a finalized assessment is kept as it is.

Rows are read one at a time, so memory does not grow with the number of submissions.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.errors import InvalidInput, NotFound
from selfassess.core.storable import readable_name
from selfassess.core.submissions import ledger
from selfassess.core.submissions.exports import CentralExport, open_exports
from selfassess.core.submissions.fields import FormColumns
from selfassess.core.submissions.reading import (
    AnswerCell,
    FileCell,
    Reading,
    profile_of,
    read_submission,
)
from selfassess.core.submissions.report import Outcome, Problem, Status, SubmissionsReport
from selfassess.core.submissions.sources import Submission, SubmissionSource
from selfassess.core.submissions.zipped import ExportLimits

if TYPE_CHECKING:
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.forms.model import Form

Progress = Callable[[int, int], None]
"""Told (done, total) as submissions are imported."""
Stop = Callable[[], bool]
"""Asked between submissions: True stops the import there (what is imported stays)."""
OnOutcome = Callable[[Outcome], None]


def _never() -> bool:
    return False


def _ignore(*_: object) -> None:
    return None


@dataclass(frozen=True)
class Options:
    """How an import runs: the language of the new assessments (else the form's), and the
    callbacks told of its progress, asked whether to stop, and given each submission's fate."""

    language: str | None = None
    progress: Progress = _ignore
    stop: Stop = _never
    on_outcome: OnOutcome = _ignore


def import_submissions(
    service: AssessmentService, form: Form, files: Sequence[Path], options: Options | None = None
) -> SubmissionsReport:
    """Import the submissions of ODK Central or KoboToolbox export files (`exports`)."""
    options = options or Options()
    store = service.store
    sources = open_exports(files, ExportLimits.of_home(store.home, store.evidence.limit_bytes))
    try:
        for source in sources:
            _check_central_form(source, form, store.home)
        counts = [check_source(FormColumns(form), source) for source in sources]
        report = SubmissionsReport()
        steps = _Steps(options, sum(counts))
        for source in sources:
            report.notes.extend(source.notes)
            _import_checked(service, form, source, options, report=report, steps=steps)
            if report.cancelled:
                break
        return report
    finally:
        for source in sources:
            source.close()


def import_source(
    service: AssessmentService, form: Form, source: SubmissionSource, options: Options | None = None
) -> SubmissionsReport:
    """Import the submissions of one source (an export, or a server: `server`), checked
    through first."""
    options = options or Options()
    total = check_source(FormColumns(form), source)
    report = SubmissionsReport()
    _import_checked(service, form, source, options, report=report, steps=_Steps(options, total))
    return report


def _check_central_form(source: SubmissionSource, form: Form, home: Path) -> None:
    """Refuse an ODK Central export of another form this computer has: Central names the
    table after the form's id (`quick-scan.csv`), and a questionnaire whose questions are all
    in another (the quick scan's are in the self-assessment) would pass every other check."""
    if not isinstance(source, CentralExport):
        return
    named = source.table_member.rsplit("/", 1)[-1][: -len(".csv")]
    if named == form.id:
        return
    from selfassess.core.forms.catalog import discover

    if any(entry.result.form and entry.result.form.id == named for entry in discover(home)):
        raise InvalidInput.of(
            "{source} is the export of the form {other} (its table is {table}), not of "
            "{form}: import it with --form {other}; nothing was imported",
            source=source.export.path,
            other=named,
            table=source.table_member,
            form=form.id,
        )


def check_source(columns: FormColumns, source: SubmissionSource) -> int:
    """Read the whole source without writing: its columns, each submission's instanceID and
    cells; the number of submissions. A refusal names what is wrong, and an instanceID given
    twice with other values (two submissions that would be written into one assessment)."""
    columns.check(source.columns(), source.label)
    seen: dict[str, tuple[str, str]] = {}  # instanceID -> (where, fingerprint of its values)
    count = 0
    for submission in source.submissions():
        columns.check(submission.cells, submission.where)
        values = ledger.fingerprint(read_submission(columns, submission).submitted)
        first = seen.setdefault(submission.instance_id, (submission.where, values))
        if first[1] != values:
            raise InvalidInput.of(
                "{where}: the instanceID {instance} is also that of {first}, with other "
                "answers: an export holds each submission once; nothing was imported",
                where=submission.where,
                instance=submission.instance_id,
                first=first[0].removeprefix(f"{source.label}, "),
            )
        count += 1
    return count


def _import_checked(
    service: AssessmentService,
    form: Form,
    source: SubmissionSource,
    options: Options,
    *,
    report: SubmissionsReport,
    steps: _Steps,
) -> None:
    columns = FormColumns(form)
    writer = _Writer(service, form, source, options.language or form.default_language)
    for submission in source.submissions():
        if options.stop():
            report.cancelled = True
            return
        steps.next()
        outcome = writer.write(read_submission(columns, submission))
        report.add(outcome)
        options.on_outcome(outcome)
    steps.done()


class _Steps:
    """Progress over every source of an import."""

    def __init__(self, options: Options, total: int) -> None:
        self.progress, self.total, self.count = options.progress, total, 0

    def next(self) -> None:
        self.progress(self.count, self.total)
        self.count += 1

    def done(self) -> None:
        self.progress(self.count, self.total)


class _Writer:
    """Writes one submission at a time, each in one transaction."""

    def __init__(
        self, service: AssessmentService, form: Form, source: SubmissionSource, language: str
    ) -> None:
        self.service = service
        self.form = form
        self.source = source
        self.language = language
        self.questions = {question.id for question in form.questions()}

    def write(self, reading: Reading) -> Outcome:
        submission = reading.submission
        before = ledger.find(self.service.store.read(), self.form.id, submission.instance_id)
        if before is None:
            return self._create(reading)
        if before.fingerprint == ledger.fingerprint(reading.submitted):
            return _outcome(submission, Status.UNCHANGED, before.assessment_id)
        return self._update(reading, before)

    def _create(self, reading: Reading) -> Outcome:
        submission = reading.submission
        profile = profile_of(reading)
        if profile is None:
            return _outcome(submission, Status.NOT_IMPORTED, None, reading.problems)
        with self._files() as folder, self.service.store.batch():
            assessment = self.service.create(self.form, profile, language=self.language)
            written = self._answer(assessment.id, reading.answers, reading)
            written += self._attach(assessment.id, reading.files, reading, folder)
            self._record(assessment.id, reading)
        return _outcome(submission, Status.CREATED, assessment.id, reading.problems, written)

    def _update(self, reading: Reading, before: ledger.Imported) -> Outcome:
        try:
            assessment = self.service.get(before.assessment_id)
        except NotFound:
            reason = InvalidInput.of(
                "it changed, but the assessment {id} made of it is in the trash: restore it to "
                "take the changes",
                id=before.assessment_id,
            )
            return _kept(reading, before.assessment_id, reason)
        if assessment.finalized:
            reason = InvalidInput.of(
                "it changed, but the assessment {id} made of it is finalized: reopen it to take "
                "the changes, then import again",
                id=assessment.id,
            )
            return _kept(reading, assessment.id, reason)
        answers, files = self._changes(reading, before.submitted)
        with self._files() as folder, self.service.store.batch():
            written = self._answer(assessment.id, answers, reading)
            written += self._attach(assessment.id, files, reading, folder)
            self._record(assessment.id, reading)
        status = Status.UPDATED
        return _outcome(reading.submission, status, assessment.id, reading.problems, written)

    def _changes(
        self, reading: Reading, previous: dict[str, str]
    ) -> tuple[list[AnswerCell], list[FileCell]]:
        """What changed since the submission was imported: answers (cleared when it no longer
        holds them) and new files; the profile is kept, and a change of it said."""
        now = reading.submitted
        answers = [
            answer
            for answer in reading.answers
            if any(
                previous.get(key) != now.get(key)
                for key in (answer.question_id, f"{answer.question_id}#na_reason")
            )
        ]
        answers += [
            AnswerCell(key, key, None)
            for key in previous
            if key in self.questions and key not in now and f"{key}#na_reason" not in now
        ]
        files = [f for f in reading.files if previous.get(f"file#{f.question_id}") != f.name]
        if any(previous.get(k) != v for k, v in now.items() if k.startswith("profile#")):
            reading.problem(
                "",
                InvalidInput.of(
                    "the profile changed in the submission; the assessment keeps the profile "
                    "it was made with"
                ),
            )
        return answers, files

    def _answer(self, assessment_id: str, answers: Sequence[AnswerCell], reading: Reading) -> int:
        written = 0
        for answer in answers:
            try:
                self.service.set_answer(
                    assessment_id, answer.question_id, answer.value, na_reason=answer.na_reason
                )
            except InvalidInput as refused:
                reading.problem(answer.column, refused)
                continue
            written += 1
        return written

    def _attach(
        self, assessment_id: str, files: Sequence[FileCell], reading: Reading, folder: Path
    ) -> int:
        instance = reading.submission.instance_id
        written = 0
        for cell in files:
            try:
                path = _spooled(self.source.attachment(instance, cell.name), cell.name, folder)
                self.service.attach(assessment_id, cell.question_id, [path])
            except InvalidInput as refused:
                reading.problem(cell.column, refused)
                continue
            written += 1
        return written

    def _record(self, assessment_id: str, reading: Reading) -> None:
        with self.service.store.write() as conn:
            ledger.record(
                conn,
                self.form.id,
                reading.submission.instance_id,
                assessment_id=assessment_id,
                origin=self.source.origin,
                submitted=reading.submitted,
                problems=reading.problems,
            )

    @contextlib.contextmanager
    def _files(self) -> Iterator[Path]:
        """A temporary folder for the files being attached, each copied there from the export
        (`attach` takes them from files, by their names)."""
        with tempfile.TemporaryDirectory(prefix="selfassess-submission-") as folder:
            yield Path(folder)


def _spooled(chunks: Iterator[bytes], name: str, folder: Path) -> Path:
    """The attachment written to a file of its own name (its last part only) in `folder`."""
    safe = readable_name(name.replace("\\", "/").rsplit("/", 1)[-1]).strip() or "file"
    if safe in (".", ".."):
        safe = "file"
    path = folder / safe
    with path.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return path


def _outcome(
    submission: Submission,
    status: Status,
    assessment_id: str | None,
    problems: Sequence[Problem] = (),
    changed: int = 0,
) -> Outcome:
    return Outcome(
        submission.instance_id, submission.where, status, assessment_id, tuple(problems), changed
    )


def _kept(reading: Reading, assessment_id: str, reason: InvalidInput) -> Outcome:
    reading.problem("", reason)
    return _outcome(reading.submission, Status.KEPT, assessment_id, reading.problems)
