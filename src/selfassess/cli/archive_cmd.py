"""`selfassess archive export|import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from selfassess.cli.common import open_service
from selfassess.cli.main import EXIT_OK
from selfassess.core.archive.archive import Conflict, export_archive, import_archive
from selfassess.core.errors import write_failure
from selfassess.core.files import check_input_file, check_output_file


def run_export(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    target = check_output_file(Path(args.output))
    try:
        target = export_archive(service.store, assessment_id, target, for_buyer=args.for_buyer)
    except OSError as exc:  # export_archive makes its temporary file before its own guard
        raise write_failure(target, exc) from None
    kind = " for a buyer (without the remediation register's cases)" if args.for_buyer else ""
    print(f"exported {assessment_id}{kind} to {target}")
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
