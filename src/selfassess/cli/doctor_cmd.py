"""`selfassess doctor`: the store's check and repair, told in plain words or as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from selfassess.cli.common import home_of, print_json
from selfassess.cli.main import EXIT_OK, EXIT_REFUSED
from selfassess.core.risk.table import damaged_notice
from selfassess.core.store.database import DATABASE_NAME
from selfassess.core.store.doctor import DoctorReport, doctor
from selfassess.core.store.merge import AssessmentRecovery


def run_doctor(args: argparse.Namespace) -> int:
    home = home_of(args)
    report = doctor(home)
    whole = report.database_ok or (report.repaired and report.salvaged_everything)
    healthy = whole and not report.evidence_problems
    damaged = damaged_notice(home)
    if args.json:
        risk = {"risk_data_problem": str(damaged) if damaged else None}
        print_json({**report_json(report), **risk})
    else:
        for line in report_lines(report, str(home / DATABASE_NAME)):
            print(line)
        print(f"risk data: {damaged}" if damaged else "risk data: ok")
    return EXIT_OK if healthy and damaged is None else EXIT_REFUSED


def report_lines(report: DoctorReport, database: str) -> list[str]:
    """The report as a person reads it."""
    lines: list[str] = []
    if report.finished_interrupted_repair:
        lines.append("an interrupted repair was finished first")
    if report.database_ok:
        lines.append(f"database: ok ({database})")
    elif not report.repaired:
        lines.append(f"database: NOT repaired: {report.problem}")
        if report.read_only:
            lines.append(
                "  this folder is read-only: nothing was changed; copy the whole folder to a "
                "disk that can be written and run `selfassess doctor --home COPY` there"
            )
        else:
            lines.append("  nothing was moved or changed")
    else:
        lines.extend(_repair_lines(report))
    if report.empty_but_backed_up is not None:
        backup, count = report.empty_but_backed_up
        lines.append(
            f"note: this store holds no assessment, but the backup {backup} holds {count}; "
            "if that is unexpected, keep that file safe and ask for help"
        )
    for sha256, problem in sorted(report.evidence_problems.items()):
        lines.append(f"evidence {sha256[:12]}: {problem}")
    if not report.evidence_problems and (report.database_ok or report.repaired):
        lines.append("evidence: ok")
    return lines


def _repair_lines(report: DoctorReport) -> list[str]:
    lines = [f"database: was damaged ({report.problem}); repaired"]
    lines += [f"  the damaged file is kept as {path}" for path in report.moved_aside]
    if report.salvaged_everything:
        lines.append("  everything in the damaged file could still be read")
    for table, stretches in sorted(report.unreadable.items()):
        parts = "1 part" if stretches == 1 else f"{stretches} parts"
        lines.append(f"  could not be read from the damaged file: {parts} of {table}")
    if report.restored_from:
        lines.append(f"  what could not be read was taken from the backup {report.restored_from}")
    elif "(the whole file)" in report.unreadable:
        lines.append(
            "  nothing could be read from it and no good backup was found: selfassess starts "
            "with an empty store; keep the damaged file safe and ask for help"
        )
    elif report.unreadable:
        lines.append("  no good backup was found to fill in what could not be read")
    recovery = report.recovery
    if recovery is None:
        return lines
    for item in sorted(recovery.assessments.values(), key=lambda a: a.organisation):
        lines.extend(_assessment_lines(item))
    for assessment_id, rows in sorted(recovery.unrecoverable.items()):
        counted = ", ".join(f"{count} {table}" for table, count in sorted(rows.items()))
        lines.append(
            f"  assessment {assessment_id}: its record could not be recovered; left out: {counted}"
        )
    return lines


def _assessment_lines(item: AssessmentRecovery) -> list[str]:
    where = "the backup" if item.record_from == "backup" else "the damaged file"
    lines = [
        f"  {item.assessment_id} {item.organisation}: record from {where}; "
        f"{_count(item.answers_from_damaged, 'answer')} from the damaged file"
    ]
    if item.answers_from_history:
        lines.append(
            "    rebuilt from the history: " + ", ".join(sorted(item.answers_from_history))
        )
    if item.answers_from_backup:
        lines.append(
            "    as in the backup (any later change to them could not be read): "
            + ", ".join(sorted(item.answers_from_backup))
        )
    for table, count in sorted(item.rows_from_backup.items()):
        lines.append(f"    {_count(count, table + ' row')} from the backup")
    return lines


def report_json(report: DoctorReport) -> dict[str, Any]:
    recovery = report.recovery
    return {
        "database_ok": report.database_ok,
        "repaired": report.repaired,
        "condition": str(report.condition) if report.condition else None,
        "problem": str(report.problem) if report.problem else None,
        "read_only": report.read_only,
        "finished_interrupted_repair": report.finished_interrupted_repair,
        "moved_aside": [str(p) for p in report.moved_aside],
        "restored_from": str(report.restored_from) if report.restored_from else None,
        "unreadable": report.unreadable,
        "assessments": [
            {
                "id": item.assessment_id,
                "organisation": item.organisation,
                "record_from": item.record_from,
                "answers_from_damaged_file": item.answers_from_damaged,
                "answers_from_history": sorted(item.answers_from_history),
                "answers_from_backup": sorted(item.answers_from_backup),
                "rows_from_backup": dict(item.rows_from_backup),
            }
            for item in (recovery.assessments.values() if recovery else [])
        ],
        "unrecoverable": {
            k: dict(v) for k, v in (recovery.unrecoverable if recovery else {}).items()
        },
        "evidence_problems": report.evidence_problems,
    }


def _count(count: int, thing: str) -> str:
    """ "1 answer", "3 answers": real plural forms."""
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"
