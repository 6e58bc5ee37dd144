"""Packs that arrive by e-mail: the attachments of a saved message (.eml) and of a mailbox
(.mbox) are taken out; other attachments are passed over and named; an attachment's name is
only shown, never used as a path."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

from tests.inbox.packs import Packs

from selfassess.core.inbox.service import Inbox


def _message(subject: str, attachments: list[tuple[str, bytes, str]]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "amani@example.cd"
    message["To"] = "buyer@example.com"
    message["Subject"] = subject
    message.set_content("Veuillez trouver ci-joint notre dossier.")
    for name, data, kind in attachments:
        main, sub = kind.split("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return message


def test_an_eml_gives_its_pack_and_names_what_it_passes_over(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    eml = tmp_path / "from Kalimbi.eml"
    message = _message(
        "Dossier",
        [
            ("../../../../etc/evil.pdf", packs.first.read_bytes(), "application/pdf"),
            ("photo.jpg", b"\xff\xd8\xff not really", "image/jpeg"),
        ],
    )
    eml.write_bytes(message.as_bytes())
    report = inbox.import_paths([eml])
    [accepted] = report.accepted
    assert accepted.label == f"{eml}: ../../../../etc/evil.pdf"
    assert report.passed_over == [f"{eml}: photo.jpg"]
    assert inbox.folder.pack_path(accepted.sha256).read_bytes() == packs.first.read_bytes()
    assert not (tmp_path / "etc").exists()
    assert sorted(p.name for p in inbox.folder.root.iterdir()) == ["buyer", "packs"]


def test_a_mailbox_gives_every_pack_of_every_message(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    path = tmp_path / "Inbox.mbox"
    box = mailbox.mbox(path)
    box.add(_message("first", [("r1.pdf", packs.first.read_bytes(), "application/pdf")]))
    box.add(_message("nothing attached", []))
    box.add(_message("a fake", [("pack.pdf", b"PK\x03\x04 a zip", "application/pdf")]))
    for number in range(200):  # a busy mailbox
        box.add(_message(f"news {number}", []))
    box.add(_message("other", [("rubaya.pdf", packs.other.read_bytes(), "application/pdf")]))
    box.flush()
    box.close()
    report = inbox.import_paths([path])
    assert sorted(item.organisation or "" for item in report.accepted) == [
        "Comptoir de Rubaya",
        "Coopérative minière de Kalimbi",
    ]
    assert [(item.label, str(item.reason)) for item in report.refused] == [
        (f"{path}, message 3: pack.pdf", "not a PDF")
    ]


def test_a_message_that_is_not_mail_is_named(inbox: Inbox, tmp_path: Path) -> None:
    eml = tmp_path / "broken.eml"
    eml.write_bytes(b"\x00\x01\x02" * 1000)
    report = inbox.import_paths([eml, tmp_path / "none.mbox"])
    assert report.accepted == []
    junk, missing = report.refused  # the junk message has nothing attached
    assert (junk.label, str(junk.reason)) == (str(eml), "no file attached: nothing to import")
    assert "none.mbox" in missing.label
