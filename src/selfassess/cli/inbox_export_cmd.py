"""`selfassess inbox export` and `selfassess inbox supplier SUPPLIER requests`: the inbox to a
spreadsheet, with a progress line on standard error, and the buyer's requests to one supplier as
a spreadsheet and an e-mail draft."""

from __future__ import annotations

import argparse
from pathlib import Path

from selfassess.cli.common import home_of
from selfassess.cli.inbox_cmd import ProgressLine, day_of, open_inbox, say_unindexed
from selfassess.cli.received_cmd import reading_language, report_exported
from selfassess.core.storable import visible

EXIT_DONE = 0


def run_export(args: argparse.Namespace) -> int:
    from selfassess.core.inbox.sheets import export_inbox

    inbox = open_inbox(args)
    say_unindexed(inbox)
    language = reading_language(args, home_of(args))
    progress = ProgressLine()
    try:
        exported = export_inbox(
            inbox,
            Path(args.output),
            language,
            as_of=day_of(args),
            months=args.months,
            progress=progress,
            workers=args.workers,
        )
    finally:
        progress.close()
    return report_exported(exported)


def run_requests(args: argparse.Namespace) -> int:
    from selfassess.core.inbox.requests import export_requests

    inbox = open_inbox(args)
    language = reading_language(args, home_of(args))
    written = export_requests(inbox, args.supplier, Path(args.output), language)
    actions = "action" if written.requests == 1 else "actions"
    print(f"{written.requests} {actions} for {written.organisation}:")
    print(visible(str(written.spreadsheet), limit=1024))
    print(visible(str(written.email_draft), limit=1024))
    if written.recipient:
        print(f"the draft is addressed to {written.recipient}, the address in its certificate")
    else:
        print("its certificate gives no e-mail address: add the supplier's in your mail program")
    return EXIT_DONE
