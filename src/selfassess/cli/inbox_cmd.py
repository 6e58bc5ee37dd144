"""`selfassess inbox import | refresh | rebuild | quarantine | accept`: packs into the buyer's
inbox, with a progress line on standard error, and the quarantine with each verdict.

`import` exits 0 when every pack given was accepted (or was already there), 1 when one was
refused or put in quarantine (each is named, with why)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from selfassess.cli.common import home_of, print_json, warn
from selfassess.core.errors import InvalidInput
from selfassess.core.inbox.importing import ImportReport, Step
from selfassess.core.inbox.service import Inbox
from selfassess.core.signing.identity import spoken
from selfassess.core.storable import shown
from selfassess.core.trust.known_signers import Acceptance

EXIT_OK, EXIT_REFUSED = 0, 1


def open_inbox(args: argparse.Namespace) -> Inbox:
    folder = getattr(args, "inbox", None)
    return Inbox(home_of(args), Path(folder) if folder else None)


def day_of(args: argparse.Namespace) -> date | None:
    text = getattr(args, "as_of", None)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput.of(
            "{field} must be a date written YYYY-MM-DD, not '{value}'",
            field="--as-of",
            value=shown(text),
        ) from None


def say_unindexed(inbox: Inbox) -> None:
    """Say when packs in the folder are not indexed here yet (added by another machine)."""
    count = inbox.unindexed()
    if count:
        warn(
            f"selfassess: note: {count} pack{'s' if count != 1 else ''} in the inbox folder "
            "not indexed on this machine yet: run `selfassess inbox refresh`"
        )
    for problem in inbox.problems():
        warn(f"selfassess: warning: {problem}")


class ProgressLine:
    """The progress of an import on standard error: one line rewritten in place on a terminal,
    a line now and then otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.shown_at = 0.0
        self.last_phase = ""

    def __call__(self, step: Step) -> None:
        now = time.monotonic()
        phase_changed = step.phase != self.last_phase
        finished = step.total is not None and step.done == step.total
        if not (phase_changed or finished or now - self.shown_at >= (0.1 if self.live else 5)):
            return
        self.shown_at, self.last_phase = now, step.phase
        if step.total is None:
            text = f"reading: {step.done} file{'s' if step.done != 1 else ''}"
        else:
            share = 100 * step.done // step.total if step.total else 100
            text = f"{step.phase}: {step.done} of {step.total} packs ({share} %)"
        if self.live:
            self.stream.write("\r\x1b[K" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.live and self.last_phase:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run_import(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    return _run(args, inbox, lambda **kw: inbox.import_paths([Path(p) for p in args.paths], **kw))


def run_refresh(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    return _run(args, inbox, inbox.refresh)


def run_rebuild(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    return _run(args, inbox, inbox.rebuild)


def _run(args: argparse.Namespace, inbox: Inbox, work: Any) -> int:
    progress = ProgressLine()
    try:
        report: ImportReport = work(progress=progress, workers=args.workers)
    finally:
        progress.close()
    if args.json:
        print_json({"inbox": str(inbox.folder.root), **report_json(report)})
    else:
        _print_report(inbox, report)
    return EXIT_REFUSED if report.refused or report.quarantined else EXIT_OK


def report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "accepted": [
            {
                "file": item.label,
                "sha256": item.sha256,
                "organisation": item.organisation,
                "revision": item.revision,
                "signer_status": item.signer_status,
            }
            for item in report.accepted
        ],
        "quarantined": [
            {
                "file": item.label,
                "sha256": item.sha256,
                "signer_status": item.signer_status,
                "reasons": [str(reason) for reason in item.reasons],
            }
            for item in report.quarantined
        ],
        "refused": [{"file": item.label, "reason": str(item.reason)} for item in report.refused],
        "duplicates": report.duplicates,
        "passed_over": report.passed_over,
        "removed": report.removed,
        "cancelled": report.cancelled,
        "notices": [str(notice) for notice in report.notices],
    }


def _print_report(inbox: Inbox, report: ImportReport) -> None:
    print(f"inbox        {inbox.folder.root}")
    for notice in report.notices:
        print(f"note: {notice}")
    print(f"accepted     {len(report.accepted)}")
    for item in report.accepted:
        status = f"  [{item.signer_status} signer]" if item.signer_status == "new" else ""
        print(f"  {item.organisation}, revision {item.revision}: {item.label}{status}")
    if report.duplicates:
        print(f"already here {len(report.duplicates)} (not verified again)")
    if report.quarantined:
        print(f"QUARANTINE   {len(report.quarantined)} (never counted)")
        for item in report.quarantined:
            print(f"  {item.label}: {'; '.join(str(r) for r in item.reasons)}")
    if report.refused:
        print(f"REFUSED      {len(report.refused)} (not kept)")
        for refused in report.refused:
            print(f"  {refused.label}: {refused.reason}")
    if report.passed_over:
        print(f"passed over  {len(report.passed_over)} (not PDF files or mail)")
    if report.removed:
        print(f"forgotten    {report.removed} (no longer in the folder)")
    if report.cancelled:
        print("stopped before the end: import again to finish")
    if any(item.signer_status == "new" for item in report.accepted):
        print("A new signer's fingerprint should be confirmed with the supplier (by phone).")


def run_quarantine(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    entries = inbox.quarantine()
    if args.json:
        print_json([_quarantined_json(row, names) for row, names in entries])
        return EXIT_OK
    if not entries:
        print("The quarantine is empty.")
    for row, names in entries:
        print(f"{row.sha256[:16]}  {', '.join(names) or '(added on another machine)'}")
        if row.signer:
            print(f"  signer: {row.signer}")
        if row.fingerprint and row.signer_status == "changed":
            print(f"  its new certificate's fingerprint, to read back: {spoken(row.fingerprint)}")
        for reason in row.reasons:
            print(f"  - {reason}")
        if row.signer_status == "changed":
            print(
                f"  once the supplier confirms the new fingerprint: selfassess inbox accept "
                f"{row.sha256[:12]} --reason 'how it was confirmed'"
            )
    return EXIT_OK


def _quarantined_json(row: Any, names: list[str]) -> dict[str, Any]:
    return {
        "sha256": row.sha256,
        "files": names,
        "signer": row.signer,
        "fingerprint_sha256": row.fingerprint,
        "signer_status": row.signer_status,
        "organisation": row.organisation,
        "reasons": [str(reason) for reason in row.reasons],
        "notes": [str(note) for note in row.notes],
    }


def run_accept(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    row = inbox.accept(args.sha256, Acceptance(args.reason, args.accepted_by or ""))
    if not row.accepted:
        print(f"{row.sha256[:16]} stays in quarantine:")
        for reason in row.reasons:
            print(f"  - {reason}")
        return EXIT_REFUSED
    print(f"accepted {row.sha256[:16]}: {row.organisation}, revision {row.revision}")
    return EXIT_OK
