"""`selfassess forms export-xlsform`: a questionnaire as an XLSForm for ODK Central, ODK Collect
and KoboToolbox; what the XLSForm cannot say is listed on standard error (and in its `notes`
sheet)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfassess.cli.common import find_form, home_of
from selfassess.cli.main import EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from selfassess.core.xlsform.export import export_xlsform

    form = find_form(home_of(args), args.form, args.form_version)
    report = export_xlsform(form, Path(args.output))
    languages = ", ".join(report.languages)
    print(
        f"Wrote {report.path}: {report.form_id} {report.form_version}, "
        f"{report.questions} questions, in {languages}."
    )
    if report.notes:
        print(
            f"Not in the XLSForm ({len(report.notes)}; also in its 'notes' sheet):",
            file=sys.stderr,
        )
        for note in report.notes:
            print(f"  {note.line()}", file=sys.stderr)
    return EXIT_OK
