"""The buyer's requests to one supplier: the actions accepted or challenged, with the buyer's
notes and due days, as a spreadsheet in the chosen language, and an e-mail draft to the
supplier's signer carrying it; both written or neither."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.inbox.packs import Packs

from selfassess.cli.main import main
from selfassess.core.errors import InvalidInput, NotFound, Refused, StoreError
from selfassess.core.i18n import translate
from selfassess.core.inbox import requests
from selfassess.core.inbox.requests import export_requests
from selfassess.core.inbox.service import Inbox

CHALLENGE = "=cmd|' /C calc'!A0 show the signed policy"


@pytest.fixture
def followed(inbox: Inbox, packs: Packs) -> tuple[Inbox, list[int]]:
    """Kalimbi's latest plan: one action challenged, one accepted, one verified done."""
    inbox.import_paths([packs.first, packs.second])
    actions = [view.action["id"] for view in inbox.page("kalimbi").actions[:4]]
    inbox.follow_up("kalimbi", actions[0], "challenged", CHALLENGE, "2020-06-30")
    inbox.follow_up("kalimbi", actions[1], "accepted")
    inbox.follow_up("kalimbi", actions[2], "verified_done")
    return inbox, actions


def _rows(path: Path) -> list[dict[str, Any]]:
    heading, *body = openpyxl.load_workbook(path).active.iter_rows(values_only=True)
    return [dict(zip(heading, row, strict=True)) for row in body]


def _draft(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def test_the_requests_and_a_draft_to_the_supplier(
    followed: tuple[Inbox, list[int]], tmp_path: Path
) -> None:
    inbox, actions = followed
    written = export_requests(inbox, "kalimbi", tmp_path / "kalimbi.xlsx", "fr")
    assert written.spreadsheet == tmp_path / "kalimbi.xlsx"
    assert written.email_draft == tmp_path / "kalimbi.eml"
    assert (written.recipient, written.requests) == ("contact@example.cd", 2)
    rows = _rows(written.spreadsheet)
    number = translate("fr", "Action number")
    assert sorted(row[number] for row in rows) == sorted(actions[:2])
    challenged = next(row for row in rows if row[number] == actions[0])
    assert challenged[translate("fr", "Buyer's note")] == CHALLENGE
    assert challenged[translate("fr", "Overdue")] == "Oui"
    assert challenged[translate("fr", "Follow-up due")].year == 2020
    sheet = openpyxl.load_workbook(written.spreadsheet).active
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {
        "s",
        "n",
        "d",
    }  # the note is text, never a formula

    draft = _draft(written.email_draft)
    assert draft["To"] == "contact@example.cd"
    assert draft["Subject"] == translate(
        "fr",
        "Follow-up of your improvement plan: {organisation}",
        organisation="Coopérative minière de Kalimbi",
    )
    body = draft.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert translate("fr", "{count} action accepted.", count=1) in text
    assert "1 action challenged: its note says what we ask instead." in text  # English below
    [attached] = list(draft.iter_attachments())
    assert attached.get_filename() == "kalimbi.xlsx"
    assert attached.get_content() == written.spreadsheet.read_bytes()


def test_nothing_to_request_writes_nothing(inbox: Inbox, packs: Packs, tmp_path: Path) -> None:
    inbox.import_paths([packs.other])
    with pytest.raises(Refused, match="no request to send to Comptoir de Rubaya"):
        export_requests(inbox, "rubaya", tmp_path / "rubaya.xlsx", "en")
    with pytest.raises(NotFound):
        export_requests(inbox, "nobody", tmp_path / "rubaya.xlsx", "en")
    listing = tmp_path / "list.csv"
    listing.write_text("organisation,country\nMine de Kolwezi,CD\n", encoding="utf-8")
    inbox.register_list(listing)
    listing.unlink()
    with pytest.raises(NotFound, match="Mine de Kolwezi has sent no pack yet"):
        export_requests(inbox, "kolwezi", tmp_path / "kolwezi.xlsx", "en")
    with pytest.raises(InvalidInput, match="does not exist"):
        export_requests(inbox, "rubaya", tmp_path / "missing" / "rubaya.xlsx", "en")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home"]


def test_a_draft_that_cannot_be_written_takes_the_spreadsheet_away(
    followed: tuple[Inbox, list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, _actions = followed

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise StoreError.of("the disk is full")

    monkeypatch.setattr(requests, "write_draft", disk_full)
    with pytest.raises(StoreError):
        export_requests(inbox, "kalimbi", tmp_path / "kalimbi.xlsx", "en")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home"]


def test_the_command_line_requests(
    followed: tuple[Inbox, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "kalimbi.xlsx"
    argv = ["inbox", "supplier", "kalimbi", "requests", "-o", str(target), "--lang", "sw"]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "2 actions for Coopérative minière de Kalimbi:",
        str(target),
        str(tmp_path / "kalimbi.eml"),
    ]
    assert "contact@example.cd" in out[3]
    assert main(["inbox", "supplier", "kalimbi", "requests", "-o", str(target), "--lang", "de"])
    assert "not one of" in capsys.readouterr().err
