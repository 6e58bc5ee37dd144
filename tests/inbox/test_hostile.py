"""Hostile or broken things given to an import: each is refused with the file it came from and
why, never a traceback or a hang, and the inbox is left as it was (no pack kept, nothing
indexed, no half-written file)."""

from __future__ import annotations

import mailbox
import os
from email.message import EmailMessage
from pathlib import Path

import pytest
from tests.inbox.packs import Packs

from selfassess.core.inbox.importing import Step
from selfassess.core.inbox.index import InboxIndex
from selfassess.core.inbox.service import Inbox


def _message(attachments: list[tuple[str, bytes]]) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "Dossier"
    message.set_content("Ci-joint.")
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message


def _state(inbox: Inbox) -> tuple[list[str], list[tuple[str, bool]]]:
    """Every file in the inbox folder, and every pack indexed."""
    root = inbox.folder.root
    files = sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
    with InboxIndex(inbox.folder) as index:
        rows = [(row.sha256, row.accepted) for row in index.rows(accepted=None)]
    return files, rows


def _refusals(inbox: Inbox, *paths: Path) -> list[tuple[str, str]]:
    before = _state(inbox)
    report = inbox.import_paths(list(paths))
    assert report.accepted == []
    assert report.quarantined == []
    assert _state(inbox) == before
    return [(item.label, str(item.reason)) for item in report.refused]


def test_an_empty_attachment_in_a_mailbox_is_named(inbox: Inbox, tmp_path: Path) -> None:
    path = tmp_path / "Inbox.mbox"
    box = mailbox.mbox(path)
    box.add(_message([("dossier.pdf", b"")]))
    box.flush()
    box.close()
    assert _refusals(inbox, path) == [
        (f"{path}, message 1: dossier.pdf", "an empty attachment"),
    ]


def test_an_attachment_whose_base64_is_damaged_is_not_taken_for_a_pack(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    sent = _message([("dossier.pdf", packs.first.read_bytes())]).as_bytes()
    start = sent.index(b"\n\n", sent.index(b"filename=")) + 2
    damaged = sent[:start] + b"JVBERi0x*#!not base64!#*" + sent[start + 24 :]
    eml = tmp_path / "dossier.eml"
    eml.write_bytes(damaged)
    assert _refusals(inbox, eml) == [
        (
            f"{eml}: dossier.pdf",
            "its base64 encoding is damaged: ask the sender for the file again",
        )
    ]


def test_a_pack_nested_in_forwarded_messages_is_found(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    message = _message([("deep.pdf", packs.first.read_bytes())])
    for _ in range(4):  # forwarded four times, each as a message/rfc822 attachment
        outer = EmailMessage()
        outer["Subject"] = "Fwd"
        outer.set_content("Transféré.")
        outer.add_attachment(message)
        message = outer
    eml = tmp_path / "forwarded.eml"
    eml.write_bytes(message.as_bytes())
    [accepted] = inbox.import_paths([eml]).accepted
    assert accepted.label == f"{eml}: deep.pdf"


def test_a_message_nested_past_any_reason_is_refused_not_a_crash(
    inbox: Inbox, tmp_path: Path
) -> None:
    eml = tmp_path / "deep.eml"
    nested = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (n, n) for n in range(3000)
    )
    eml.write_bytes(b"Subject: deep\n" + nested)
    assert _refusals(inbox, eml) == [(str(eml), "cannot be read as an e-mail message")]


def test_a_folder_names_what_it_could_not_take(inbox: Inbox, tmp_path: Path) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "fake.pdf").write_bytes(b"PK\x03\x04 a zip named .pdf")
    (folder / "loop").symlink_to(folder)  # a link back up: a loop
    (folder / "self.pdf").symlink_to("self.pdf")  # a link to itself
    (folder / "gone.pdf").symlink_to(folder / "deleted.pdf")
    with (folder / "huge.pdf").open("wb") as sparse:  # 50 MB, nearly all holes
        sparse.truncate(50 * 1024 * 1024)
    with (folder / "huge.mbox").open("wb") as sparse:
        sparse.truncate(50 * 1024 * 1024)
    os.mkfifo(folder / "pipe.pdf")  # never opened: reading it would wait for ever
    nowhere = "a link that leads nowhere (to itself, or to a file no longer there)"
    assert _refusals(inbox, folder) == [
        (f"{folder}/fake.pdf", "not a PDF"),
        (f"{folder}/gone.pdf", nowhere),
        (f"{folder}/huge.mbox", "no file attached: nothing to import"),
        (f"{folder}/huge.pdf", "not a PDF"),
        (f"{folder}/loop", "a link to a folder already read (a loop): not read again"),
        (f"{folder}/pipe.pdf", "not an ordinary file (a device or a pipe)"),
        (f"{folder}/self.pdf", nowhere),
    ]


def test_a_file_larger_than_the_limit_is_refused_by_its_size(
    inbox: Inbox, isolated_home: Path, tmp_path: Path
) -> None:
    (isolated_home / "settings.json").write_text('{"verify_limit_mb": 1}')
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as sparse:
        sparse.write(b"%PDF-1.7\n")
        sparse.truncate(50 * 1024 * 1024)
    [(label, reason)] = _refusals(inbox, huge)
    assert label == str(huge)
    assert reason.startswith("larger than 1 MB")


def test_a_pack_deleted_while_the_import_reads_is_named(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    doomed = tmp_path / "doomed.pdf"
    doomed.write_bytes(packs.other.read_bytes())

    def delete_it(step: Step) -> None:  # between finding the file and reading it
        if step.phase == "reading" and step.label == str(doomed):
            doomed.unlink()

    before = _state(inbox)
    report = inbox.import_paths([packs.first, doomed], progress=delete_it)
    [(label, reason)] = [(item.label, str(item.reason)) for item in report.refused]
    assert label == str(doomed)
    assert reason.endswith("no such file")
    [accepted] = report.accepted
    assert accepted.label == str(packs.first)
    files, rows = _state(inbox)
    assert len(rows) == len(before[1]) + 1
    assert not [name for name in files if name.endswith(".partial")]


@pytest.mark.parametrize("name", ["pack.pdf", "mail.eml", "box.mbox"])
def test_a_pipe_given_by_name_is_never_opened(inbox: Inbox, tmp_path: Path, name: str) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)
    assert _refusals(inbox, pipe) == [(str(pipe), "not an ordinary file (a device or a pipe)")]
