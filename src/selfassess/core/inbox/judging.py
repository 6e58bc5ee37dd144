"""The last step of verifying a pack in the inbox: its signer's standing with this buyer, judged
as `verify` judges it (`pack.verify.judge_signer`), and the pack's row in the index: accepted
only when nothing is wrong with it, else in quarantine with every reason.

A changed signer's pack leaves the quarantine only when the buyer accepts the new certificate,
saying how the supplier confirmed it (`accept_changed_signer`), as `verify
--accept-new-certificate` does.

A pack must also be dated as a pack can be: its declaration a day (YYYY-MM-DD), not a day still
to come (a supplier's clock set wrong), nor after the day it was signed. Such a pack would sit in
the inbox unseen until that day, then count as recent for a year: it goes to the quarantine.

Signers are judged by one import at a time on a machine (`signers_held`): the known signers are
read and written whole, and two imports judging at once would lose each other's certificates,
so that a changed signer would be taken for a new one.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509

from selfassess.core.errors import NotFound, Refused, StoreError
from selfassess.core.findings import Finding
from selfassess.core.inbox.examine import Examined, PackSummary, examine_stored
from selfassess.core.inbox.folder import InboxFolder
from selfassess.core.inbox.index import InboxIndex, PackRow
from selfassess.core.pack.signature_check import SignatureCheck
from selfassess.core.pack.verify import Verdict, judge_signer
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.trust.known_signers import Acceptance
from selfassess.core.trust.signer import Signer, signer_of

SIGNERS_WAIT_S = 600.0  # how long an import waits for another judging signers


def judged_row(
    home: Path, examined: Examined, acceptance: Acceptance | None = None
) -> tuple[PackRow, dict[str, Any]]:
    """The index row of an examined pack, its signer judged (and remembered when new)."""
    verdict = Verdict(reasons=list(examined.reasons), notes=list(examined.notes))
    if examined.summary is not None and not verdict.reasons:
        verdict.reasons.extend(_dating_problems(examined.summary, examined.signed_at))
    signer = None
    if examined.certificate is not None:
        certificate = x509.load_der_x509_certificate(examined.certificate)
        signer = signer_of(certificate)
        if not verdict.reasons and examined.signed_at is not None:
            check = SignatureCheck(
                signer=signer,
                certificate=certificate,
                carried=[x509.load_der_x509_certificate(der) for der in examined.carried],
                signed_at=examined.signed_at,
            )
            judge_signer(check, home, acceptance, verdict)
    summary = examined.summary
    if summary is None and not verdict.reasons:  # never: a sound pack has its data
        verdict.reasons.append(Finding.of("the pack carries no {name}", name="response.json"))
    accepted = not verdict.reasons
    row = PackRow(
        examined.sha256,
        accepted,
        signer_status=verdict.signer_status.value if verdict.signer_status else None,
        certified_by=verdict.certified_by,
        reasons=tuple(verdict.reasons),
        notes=tuple(verdict.notes),
        signed_at=examined.signed_at.isoformat() if examined.signed_at else None,
        signer=_signer_label(signer),
        fingerprint=signer.fingerprint_sha256 if signer else None,
        supplier_key=summary.supplier_key if summary and accepted else None,
        organisation=summary.organisation if summary else _organisation(signer),
        country=summary.country if summary else None,
        assessment=summary.assessment if summary else None,
        revision=summary.revision if summary else None,
        finalized_at=summary.finalized_at if summary else None,
        assessed_on=summary.assessed_on if summary else None,
        facts=summary.facts if summary else {},
    )
    return row, summary.details if summary else {}


def accept_changed_signer(folder: InboxFolder, prefix: str, acceptance: Acceptance) -> PackRow:
    """Accept the new certificate of a quarantined pack whose only fault is a changed signer;
    the pack is then indexed as accepted. The acceptance is recorded with the buyer's known
    signers, as `verify --accept-new-certificate` records it."""
    accepted = acceptance.checked()
    with InboxIndex(folder) as index:
        row = quarantined_pack(index, prefix)
        if row.signer_status != "changed":
            raise Refused.of(
                "this pack is not in quarantine for a changed signer: {reason}",
                reason="; ".join(str(reason) for reason in row.reasons),
            )
        limits = Limits.from_preferences(folder.home)
        examined = examine_stored(row.sha256, folder.pack_path(row.sha256), folder.home, limits)
        with signers_held(folder.home):
            judged, details = judged_row(folder.home, examined, accepted)
        data = {examined.sha256: examined.data} if examined.data is not None else {}
        index.put([(judged, details)], data)
    return judged


@contextlib.contextmanager
def signers_held(home: Path) -> Iterator[None]:
    """This machine's signers judged by this process alone while held (module docstring): a
    lock that SQLite takes alike on every system, in the data home."""
    path = home / "inbox-index" / "signers.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        held = sqlite3.connect(path, timeout=SIGNERS_WAIT_S, isolation_level=None)
        held.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise _unwritable(path, exc) from None
        raise StoreError.of(
            "another import is judging signers on this computer and did not finish in time "
            "({reason}); import again",
            reason=str(exc),
        ) from None
    except (OSError, sqlite3.Error) as exc:  # a data home that cannot be written, say
        raise _unwritable(path, exc) from None
    try:
        yield
    finally:
        held.close()


def _unwritable(path: Path, exc: Exception) -> StoreError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return StoreError.of(
        "the import cannot hold its lock {path}: {reason}; nothing was imported",
        path=path,
        reason=reason,
    )


def _dating_problems(summary: PackSummary, signed_at: datetime | None) -> list[Finding]:
    """Why the pack's declaration day cannot be relied on (module docstring), if it cannot."""
    text = summary.assessed_on
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return [Finding.of("the pack's declaration day '{day}' is not a date", day=text[:40])]
    try:
        declared = date.fromisoformat(text)
    except ValueError:
        return [Finding.of("the pack's declaration day '{day}' is not a date", day=text)]
    margin = timedelta(days=1)  # the declaration's day is the supplier's, the clocks are UTC
    if declared > date.today() + margin:
        return [
            Finding.of(
                "the pack is declared on {day}, a day still to come: the supplier's computer "
                "clock is probably wrong; ask for the pack again once it is set right",
                day=text,
            )
        ]
    if signed_at is not None and declared > signed_at.date() + margin:
        return [
            Finding.of(
                "the pack is declared on {day}, after the day it was signed ({signed}): a pack "
                "is declared before it is signed; ask the supplier for the pack again",
                day=text,
                signed=signed_at.date().isoformat(),
            )
        ]
    return []


def quarantined_pack(index: InboxIndex, prefix: str) -> PackRow:
    """The quarantined pack whose SHA-256 starts with `prefix` (at least 6 hex digits)."""
    wanted = prefix.strip().lower()
    found = [row for row in index.rows(accepted=False) if row.sha256.startswith(wanted)]
    if len(wanted) < 6 or len(found) != 1:
        raise NotFound.of(
            "no single pack in quarantine starts with {prefix}: give at least 6 characters of "
            "its SHA-256 (selfassess inbox quarantine)",
            prefix=prefix,
        )
    return found[0]


def _signer_label(signer: Signer | None) -> str | None:
    if signer is None:
        return None
    details = signer.details
    return f"{details.name}, {details.organisation} ({details.country})"


def _organisation(signer: Signer | None) -> str | None:
    return signer.details.organisation if signer else None
