"""`selfassess odk import-submissions|pull`: submissions from ODK Central or KoboToolbox in as
assessments (core/submissions). Each submission is said as it is imported; then its problems,
then the whole. Exit 1 when a submission could not be imported or could not take its changes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selfassess.cli.common import find_form, home_of, open_service, print_json
from selfassess.cli.identity_cmd import Secrets
from selfassess.cli.main import EXIT_OK, EXIT_REFUSED
from selfassess.core.submissions.importing import Options, import_source, import_submissions
from selfassess.core.submissions.report import Outcome, Status, SubmissionsReport

_SAID = {
    Status.CREATED: "new assessment",
    Status.UPDATED: "updated",
    Status.UNCHANGED: "unchanged, skipped",
    Status.KEPT: "changed, assessment kept as it is",
    Status.NOT_IMPORTED: "not imported",
}


def run_import(args: argparse.Namespace) -> int:
    service = open_service(args)
    form = find_form(home_of(args), args.form, args.form_version)
    outcomes: list[Outcome] = []
    options = Options(language=args.lang, on_outcome=_teller(args, outcomes))
    report = import_submissions(service, form, [Path(name) for name in args.files], options)
    return _finish(args, report, outcomes)


def run_pull(args: argparse.Namespace) -> int:
    from selfassess.core.submissions.server import (
        ServerSource,
        checked_server,
        password_for,
        pyodk_download,
    )
    from selfassess.core.submissions.zipped import ExportLimits

    service = open_service(args)
    form = find_form(home_of(args), args.form, args.form_version)
    server = checked_server(args.url, args.project, args.server_form or args.form, args.user)
    secrets = Secrets(args.stdin)
    password = password_for(
        server,
        lambda: secrets.ask(f"password of {server.user} on {server.url}: "),
        new=args.new_password,
    )
    store = service.store
    limits = ExportLimits.of_home(store.home, store.evidence.limit_bytes)
    outcomes: list[Outcome] = []
    options = Options(language=args.lang, on_outcome=_teller(args, outcomes))
    with ServerSource(server, pyodk_download(server, password), limits) as source:
        report = import_source(service, form, source, options)
        report.notes.extend(source.notes)
    return _finish(args, report, outcomes)


def _teller(args: argparse.Namespace, outcomes: list[Outcome]) -> Any:
    def tell(outcome: Outcome) -> None:
        if args.json:
            outcomes.append(outcome)
            return
        assessment = outcome.assessment_id or "-"
        print(f"{outcome.instance_id}  {assessment}  {_SAID[outcome.status]}")

    return tell


def _finish(args: argparse.Namespace, report: SubmissionsReport, outcomes: list[Outcome]) -> int:
    failed = report.counts[Status.NOT_IMPORTED] + report.counts[Status.KEPT]
    if args.json:
        print_json(
            {
                "counts": {str(status): report.counts[status] for status in Status},
                "cancelled": report.cancelled,
                "submissions": [
                    {
                        "instance_id": o.instance_id,
                        "where": o.where,
                        "status": str(o.status),
                        "assessment": o.assessment_id,
                        "problems": [problem.as_json() for problem in o.problems],
                    }
                    for o in outcomes
                ],
                "notes": [str(note) for note in report.notes],
            }
        )
        return EXIT_REFUSED if failed else EXIT_OK
    for note in report.notes:
        print(f"note: {note}")
    for problem in report.problems:
        print(f"problem: {problem}")
    print(report.summary())
    if report.problems:
        print(
            "Assessments with problems are drafts: open them (selfassess show ID) to complete "
            "what was left unanswered."
        )
    return EXIT_REFUSED if failed else EXIT_OK
