"""`selfassess archive export|import` and `selfassess doctor`."""

from __future__ import annotations

import argparse
from pathlib import Path

from selfassess.cli.common import home_of, open_service, print_json
from selfassess.cli.main import EXIT_OK, EXIT_REFUSED
from selfassess.core.archive.archive import Conflict, export_archive, import_archive
from selfassess.core.errors import write_failure
from selfassess.core.files import check_input_file, check_output_file
from selfassess.core.store.backup import doctor
from selfassess.core.store.database import DATABASE_NAME
from selfassess.core.store.evidence import all_files
from selfassess.core.store.store import Store


def run_export(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    target = check_output_file(Path(args.output))
    try:
        target = export_archive(service.store, assessment_id, target)
    except OSError as exc:  # export_archive makes its temporary file before its own guard
        raise write_failure(target, exc) from None
    print(f"exported {assessment_id} to {target}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    service = open_service(args)
    conflict: Conflict = "keep-both" if args.keep_both else "replace" if args.replace else "refuse"
    result = import_archive(service.store, check_input_file(Path(args.file)), conflict)
    if result.copied:
        print(f"imported as a copy: {result.assessment_id}")
    elif result.replaced:
        print(f"replaced {result.assessment_id} (the previous database is in backups/)")
    else:
        print(f"imported {result.assessment_id}")
    return EXIT_OK


def run_doctor(args: argparse.Namespace) -> int:
    home = home_of(args)
    report = doctor(home)
    if (home / DATABASE_NAME).exists():  # never create an empty one here
        with Store.open(home, backup=False) as store:
            for sha256, _size in all_files(store.read()):
                problem = store.evidence.verify(sha256)
                if problem:
                    report.evidence_problems[sha256] = problem
    healthy = report.database_ok and not report.evidence_problems
    if args.json:
        print_json(
            {
                "database_ok": report.database_ok,
                "problem": report.problem,
                "moved_aside": [str(p) for p in report.moved_aside],
                "restored_from": str(report.restored_from) if report.restored_from else None,
                "evidence_problems": report.evidence_problems,
            }
        )
        return EXIT_OK if healthy else EXIT_REFUSED
    if report.database_ok:
        print(f"database: ok ({home / DATABASE_NAME})")
    else:
        print(f"database: damaged ({report.problem})")
        for path in report.moved_aside:
            print(f"  moved aside: {path}")
        if report.restored_from:
            print(f"  restored from the backup {report.restored_from}")
        else:
            print(
                "  no good backup was found: the damaged database is kept aside; selfassess "
                "will start with an empty one"
            )
    for sha256, problem in sorted(report.evidence_problems.items()):
        print(f"evidence {sha256[:12]}: {problem}")
    if not report.evidence_problems:
        print("evidence: ok")
    return EXIT_OK if healthy else EXIT_REFUSED
