"""What an import is given, turned into the packs to read: files, folders (walked recursively,
each folder once however many links lead to it), e-mails (`.eml`) and mailboxes (`.mbox`) whose
attachments are taken out with Python's own `email` and `mailbox` packages.

Nothing a file or an attachment is named is ever used as a path: packs are kept under their
SHA-256, and names are only shown (made visible). A file in a folder that is neither a PDF nor
mail is passed over and counted; an attachment that is not a PDF is passed over and named.

What cannot be taken is refused with its reason, never silently: a link that leads nowhere (to
itself, or to a file no longer there), a link to a folder already read (a loop), a device or a
pipe named like a pack, a mail file with nothing attached, an empty attachment, one whose base64
encoding is damaged (its bytes would not be the pack that was sent).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from email import errors, policy
from email.message import Message
from email.parser import BytesParser
from pathlib import Path

from selfassess.core.errors import UserError
from selfassess.core.files import read_failure, read_input
from selfassess.core.findings import Finding
from selfassess.core.storable import visible

MAIL_SUFFIXES = (".eml", ".mbox")
_DAMAGED_BASE64 = (
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64LengthDefect,
)
MBOX_LIMIT = 4 * 1024 * 1024 * 1024  # a mailbox read message by message; beyond it, refused
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class Candidate:
    """A file that may be a pack: on disk (`path`) or an attachment read into memory."""

    label: str  # where it came from, made visible
    path: Path | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class Refused:
    """Something given that is not kept, and why."""

    label: str
    reason: Finding


@dataclass(frozen=True)
class PassedOver:
    """A file in a folder, or an attachment, that is not a pack."""

    label: str


Found = Candidate | Refused | PassedOver


def found_in(paths: list[Path], limit: int) -> Iterator[Found]:
    """Every candidate pack, refusal and file passed over in `paths`; `limit` is the largest
    pack read (a mail message may be a third larger: base64)."""
    for path in paths:
        yield from _given(path, limit)


def looks_like_pdf(head: bytes) -> bool:
    """A PDF starts with `%PDF-` within its first kilobyte (readers allow junk before it)."""
    return PDF_MAGIC in head[:1024]


def _given(path: Path, limit: int) -> Iterator[Found]:
    label = visible(str(path), limit=1024)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield Refused(label, _reason(read_failure(path, exc)))
        return
    if stat.S_ISDIR(mode):
        yield from _walk(path, limit, set())
    elif not stat.S_ISREG(mode):
        yield Refused(label, Finding.of("not an ordinary file (a device or a pipe)"))
    elif path.suffix.lower() in MAIL_SUFFIXES:
        yield from _mail(path, label, limit)
    else:
        yield Candidate(label, path=path)


def _walk(folder: Path, limit: int, seen: set[tuple[int, int]]) -> Iterator[Found]:
    """The folder's files, depth first in name order; a folder reached again through a link
    (a loop) is not read twice."""
    try:
        state = folder.stat()
        if (state.st_dev, state.st_ino) in seen:
            reason = Finding.of("a link to a folder already read (a loop): not read again")
            yield Refused(visible(str(folder), limit=1024), reason)
            return
        seen.add((state.st_dev, state.st_ino))
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Refused(visible(str(folder), limit=1024), _reason(read_failure(folder, exc)))
        return
    for entry in entries:
        path = Path(entry.path)
        label = visible(str(path), limit=1024)
        try:
            is_folder, is_file = entry.is_dir(), entry.is_file()
        except OSError:
            is_folder = is_file = False
        suffix = path.suffix.lower()
        if is_folder:
            yield from _walk(path, limit, seen)
        elif is_file and suffix == ".pdf":
            yield Candidate(label, path=path)
        elif is_file and suffix in MAIL_SUFFIXES:
            yield from _mail(path, label, limit)
        else:
            yield _not_taken(entry, label, suffix)


def _not_taken(entry: os.DirEntry[str], label: str, suffix: str) -> Found:
    """A folder's entry that is neither a folder nor an ordinary file, or not a pack's kind."""
    if entry.is_symlink() and not os.path.exists(entry.path):
        return Refused(
            label, Finding.of("a link that leads nowhere (to itself, or to a file no longer there)")
        )
    if suffix in (".pdf", *MAIL_SUFFIXES) and not _ordinary(entry):
        return Refused(label, Finding.of("not an ordinary file (a device or a pipe)"))
    return PassedOver(label)


def _ordinary(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _mail(path: Path, label: str, limit: int) -> Iterator[Found]:
    """The attachments of a mail file; a file with none is refused (nothing to import)."""
    attached = False
    for found in _mail_parts(path, label, limit):
        attached = True
        yield found
    if not attached:
        yield Refused(label, Finding.of("no file attached: nothing to import"))


def _mail_parts(path: Path, label: str, limit: int) -> Iterator[Found]:
    message_limit = limit * 4 // 3 + 8 * 1024 * 1024
    if path.suffix.lower() == ".eml":
        try:
            data = read_input(path, message_limit)
        except UserError as exc:
            yield Refused(label, _reason(exc))
            return
        yield from _attachments(data, label, limit)
    else:
        yield from _mailbox(path, label, limit, message_limit)


def _mailbox(path: Path, label: str, limit: int, message_limit: int) -> Iterator[Found]:
    import mailbox

    try:
        if path.stat().st_size > MBOX_LIMIT:
            yield Refused(label, Finding.of("a mailbox larger than 4 GB: split it first"))
            return
        box = mailbox.mbox(path, create=False)
        keys = box.keys()
    except (OSError, mailbox.Error) as exc:
        yield Refused(label, Finding.of("cannot be read as a mailbox: {reason}", reason=str(exc)))
        return
    try:
        for number, key in enumerate(keys, start=1):
            where = f"{label}, message {number}"
            with contextlib.closing(box.get_file(key)) as stream:
                data = stream.read(message_limit + 1)
            if len(data) > message_limit:
                reason = Finding.of(
                    "a message larger than {size} MB", size=message_limit // (1024 * 1024)
                )
                yield Refused(where, reason)
                continue
            yield from _attachments(data, where, limit)
    finally:
        box.close()


def _attachments(data: bytes, label: str, limit: int) -> Iterator[Found]:
    """The PDF attachments of one e-mail message, at any depth (a forwarded message too)."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        parts = [part for part in message.walk() if not part.is_multipart()]
    except Exception:  # the email package on a crafted message: not readable, never a crash
        yield Refused(label, Finding.of("cannot be read as an e-mail message"))
        return
    for part in parts:
        found = _attachment(part, label, limit)
        if found is not None:
            yield found


def _attachment(part: Message, label: str, limit: int) -> Found | None:
    try:
        name = part.get_filename() or ""
        kind = part.get_content_type()
        if not name and kind != "application/pdf":
            return None  # the message's own text
        where = f"{label}: {visible(name, limit=200) or kind}"
        if kind != "application/pdf" and not name.lower().endswith(".pdf"):
            return PassedOver(where)
        payload = part.get_payload(decode=True)
    except Exception:  # a header or an encoding the email package cannot read
        return Refused(label, Finding.of("an attachment that cannot be read"))
    if isinstance(payload, bytes) and not payload:
        return Refused(where, Finding.of("an empty attachment"))
    if any(isinstance(defect, _DAMAGED_BASE64) for defect in part.defects):
        reason = Finding.of("its base64 encoding is damaged: ask the sender for the file again")
        return Refused(where, reason)
    if not isinstance(payload, bytes) or not looks_like_pdf(payload[:1024]):
        return Refused(where, Finding.of("not a PDF"))
    if len(payload) > limit:
        return Refused(where, _too_large(limit))
    return Candidate(where, data=payload)


def _too_large(limit: int) -> Finding:
    return Finding.of(
        "larger than {size} MB, the most the inbox reads (verify_limit_mb in settings.json)",
        size=limit // (1024 * 1024),
    )


def _reason(error: UserError) -> Finding:
    from selfassess.core.inbox.examine import finding_of

    return finding_of(error)
