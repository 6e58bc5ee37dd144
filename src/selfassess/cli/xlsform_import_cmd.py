"""`selfassess forms import-xlsform`: an existing XLSForm made into a form file that passes
`selfassess forms check`; every row, column or sheet left out or changed is listed on standard
error with its sheet, row and column. The file is written whole or not at all, and an existing
one is replaced only with `--force`, so an author's finished form is never overwritten by
mistake."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfassess.cli.main import EXIT_OK
from selfassess.core.errors import Refused
from selfassess.core.files import write_output
from selfassess.core.xlsform.import_report import Entry


def run_import(args: argparse.Namespace) -> int:
    from selfassess.core.xlsform.importing import import_xlsform

    output = Path(args.output)
    if output.exists() and not args.force:
        raise Refused.of(
            "{target} exists already: choose another name, or add --force to replace it",
            target=output,
        )
    result = import_xlsform(
        Path(args.workbook),
        language=args.language,
        publisher=args.publisher,
        licence=args.licence,
    )
    write_output(output, result.yaml_text.encode("utf-8"))
    skipped, notes = result.report.skipped, result.report.notes
    form = result.form
    questions = sum(1 for _ in form.questions())
    print(
        f"Wrote {output}: {form.id} {form.version}, {questions} questions in "
        f"{len(form.sections)} sections, in {', '.join(form.languages)}."
    )
    if skipped:
        print(f"Left out ({len(skipped)}):", file=sys.stderr)
        for entry in skipped:
            print(f"  {_where(entry)}: {entry.finding}", file=sys.stderr)
    if notes:
        print(f"Carried in another shape ({len(notes)}):", file=sys.stderr)
        for entry in notes:
            print(f"  {_where(entry)}: {entry.finding}", file=sys.stderr)
    print(
        "Next: write each criterion's intent, add status rules, red lines and red flags "
        "(docs/forms.md), then run: selfassess forms check " + str(output),
        file=sys.stderr,
    )
    return EXIT_OK


def _where(entry: Entry) -> str:
    return entry.place.text(language="en")
