"""What a buyer sees when packs arrive: genuine packs accepted, tampered and changed-signer packs
in quarantine with their verdict and never counted, duplicates recognised without verifying them
again, a later revision superseding the earlier, and files that are not packs named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.inbox.packs import Packs
from tests.pack.making import appended

from selfassess.core.errors import InvalidInput
from selfassess.core.inbox import importing
from selfassess.core.inbox.service import Inbox
from selfassess.core.trust.known_signers import Acceptance


def test_a_genuine_pack_is_kept_under_its_hash_and_makes_a_supplier(
    inbox: Inbox, packs: Packs
) -> None:
    report = inbox.import_paths([packs.first])
    assert [item.organisation for item in report.accepted] == ["Coopérative minière de Kalimbi"]
    assert report.accepted[0].signer_status == "new"
    stored = inbox.folder.pack_path(report.accepted[0].sha256)
    assert stored.read_bytes() == packs.first.read_bytes()
    assert [s.organisation for s in inbox.portfolio().ordered()] == [
        "Coopérative minière de Kalimbi"
    ]


def test_a_pack_already_indexed_is_not_verified_again(
    inbox: Inbox, packs: Packs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox.import_paths([packs.first])
    copy = tmp_path / "renamed by the mail program.pdf"
    shutil.copy(packs.first, copy)

    def never(*args: object) -> None:
        raise AssertionError("verified again")

    monkeypatch.setattr(importing, "examine_stored", never)
    report = inbox.import_paths([packs.first, copy])
    assert report.accepted == []
    assert report.duplicates == [str(packs.first), str(copy)]


def test_a_tampered_pack_goes_to_quarantine_and_is_never_counted(
    inbox: Inbox, packs: Packs, tmp_path: Path
) -> None:
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(appended(packs.other.read_bytes(), "page"))
    report = inbox.import_paths([forged])
    assert report.accepted == []
    [item] = report.quarantined
    assert item.label == str(forged)
    assert any("after" in str(reason) or "entire" in str(reason) for reason in item.reasons)
    assert inbox.portfolio().suppliers == {}
    [(row, names)] = inbox.quarantine()
    assert names == [str(forged)]
    assert row.reasons == item.reasons


def test_a_changed_signer_is_quarantined_until_the_buyer_accepts_it(
    inbox: Inbox, packs: Packs
) -> None:
    inbox.import_paths([packs.first])
    report = inbox.import_paths([packs.changed])
    [item] = report.quarantined
    assert item.signer_status == "changed"
    assert "another certificate" in str(item.reasons[0])
    assert len(inbox.portfolio().suppliers["CD/cooperative miniere de kalimbi"].packs) == 1
    with pytest.raises(InvalidInput, match="say why"):
        inbox.accept(item.sha256[:8], Acceptance(""))
    accepted = inbox.accept(item.sha256[:8], Acceptance("confirmed by phone with Amani"))
    assert accepted.accepted
    assert accepted.signer_status == "known"
    assert inbox.quarantine() == []
    assert len(inbox.portfolio().suppliers["CD/cooperative miniere de kalimbi"].packs) == 2


def test_a_later_revision_supersedes_the_earlier_whatever_the_order(
    inbox: Inbox, packs: Packs
) -> None:
    report = inbox.import_paths([packs.second, packs.first])
    assert sorted(item.revision or 0 for item in report.accepted) == [1, 2]
    page = inbox.page("CD/Coopérative minière de Kalimbi")
    assert [(e.row.revision, e.superseded) for e in page.packs] == [(1, True), (2, False)]
    assert page.supplier.latest is not None
    assert page.supplier.latest.revision == 2
    assert "B1" in [move.criterion for move in page.packs[1].improved]
    assert page.packs[1].regressed == ()


def test_what_is_not_a_pack_is_named_and_not_kept(inbox: Inbox, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "invoice.pdf").write_bytes(b"MZ\x90\x00 not a PDF at all")
    (folder / "notes.txt").write_text("hello")
    (folder / "deep" / "loop").symlink_to(folder)  # a folder that contains itself
    report = inbox.import_paths([folder, tmp_path / "missing.pdf"])
    refused = {item.label: str(item.reason) for item in report.refused}
    assert refused[str(folder / "deep" / "invoice.pdf")] == "not a PDF"
    assert "no such file" in refused[str(tmp_path / "missing.pdf")]
    assert report.passed_over == [str(folder / "notes.txt")]
    assert list(inbox.folder.stored()) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    inbox: Inbox, packs: Packs, isolated_home: Path
) -> None:
    (isolated_home / "settings.json").write_text(json.dumps({"verify_limit_mb": 0.01}))
    report = inbox.import_paths([packs.first])
    [refused] = report.refused
    assert "larger than" in str(refused.reason)
    assert list(inbox.folder.stored()) == []


def test_a_stored_file_changed_in_the_shared_folder_is_quarantined(
    inbox: Inbox, packs: Packs
) -> None:
    sha = inbox.import_paths([packs.first]).accepted[0].sha256
    stored = inbox.folder.pack_path(sha)
    stored.write_bytes(packs.other.read_bytes())
    report = inbox.rebuild()
    [item] = report.quarantined
    assert "changed after it was stored" in str(item.reasons[0])


def test_workers_give_the_same_verdicts(inbox: Inbox, packs: Packs, tmp_path: Path) -> None:
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(appended(packs.other.read_bytes(), "attachment"))
    report = inbox.import_paths([packs.first, packs.other, forged], workers=2)
    assert sorted(item.organisation or "" for item in report.accepted) == [
        "Comptoir de Rubaya",
        "Coopérative minière de Kalimbi",
    ]
    assert [item.label for item in report.quarantined] == [str(forged)]


def test_cancelling_keeps_what_was_done(inbox: Inbox, packs: Packs) -> None:
    answers = iter([False, False, True])
    report = inbox.import_paths([packs.first, packs.other], cancelled=lambda: next(answers, True))
    assert report.cancelled
    again = inbox.import_paths([packs.first, packs.other])
    assert len(report.accepted) + len(again.accepted) == 2
