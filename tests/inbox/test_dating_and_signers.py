"""A pack the inbox cannot date is never counted, and signers are judged by one import at a time.

A pack declared on a day still to come (a supplier's clock set wrong, or a pack made to stay
"recent" for longer) would sit unseen in the inbox until that day, then count as assessed for a
year: it goes to the quarantine with its reason, as does a pack declared after it was signed.
Two imports on one computer judging signers at once would lose each other's known certificates,
so that a changed signer passed for a new one: the second waits, and says so if it cannot.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.inbox.packs import PASSPHRASE, Packs, _form, _identities

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.demo import KALIMBI, create_demo
from selfassess.core.errors import StoreError
from selfassess.core.inbox import judging
from selfassess.core.inbox.judging import signers_held
from selfassess.core.inbox.service import Inbox
from selfassess.core.pack.export import export_pack
from selfassess.core.store.store import Store

DECLARED = date.today() + timedelta(days=400)


@functools.cache
def _declared_later() -> Path:
    """A genuine pack, signed today, whose revision 2 is declared 400 days from now."""
    home = Path(tempfile.mkdtemp(prefix="selfassess-inbox-dated-"))
    with Store.open(home) as store:
        service = AssessmentService(store)
        plans = PlanService(service)
        assessment = create_demo(service, _form(), profile=KALIMBI, breached=None, seed=11)
        service.reopen(assessment, "declared on a later day")
        plans.finalize(assessment, Declaration("Amani", "Président", DECLARED), today=DECLARED)
        identities = _identities(home, KALIMBI, "Amani Bisimwa")
        target = home / "pack.pdf"
        export_pack(plans, identities, assessment, target, passphrase=PASSPHRASE)
    kept = Path(tempfile.mkdtemp(prefix="selfassess-inbox-dated-pack-")) / "later.pdf"
    shutil.copy(target, kept)
    shutil.rmtree(home, ignore_errors=True)
    return kept


@pytest.fixture
def declared_later() -> Path:
    return _declared_later()


def test_a_pack_declared_on_a_day_to_come_is_quarantined_with_why(
    inbox: Inbox, declared_later: Path
) -> None:
    report = inbox.import_paths([declared_later])
    assert report.accepted == []
    [held] = report.quarantined
    [reason] = held.reasons
    assert str(reason).startswith(f"the pack is declared on {DECLARED}, a day still to come")
    assert inbox.portfolio(DECLARED + timedelta(days=1)).suppliers == {}  # never counted


def test_a_pack_declared_after_it_was_signed_is_quarantined(
    inbox: Inbox, declared_later: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Later(date):
        @classmethod
        def today(cls) -> Later:
            return cls.fromordinal((DECLARED + timedelta(days=10)).toordinal())

    monkeypatch.setattr(judging, "date", Later)  # the buyer imports it once that day has come
    [held] = inbox.import_paths([declared_later]).quarantined
    [reason] = held.reasons
    assert f"after the day it was signed ({date.today()})" in str(reason)


def test_an_import_waits_for_another_judging_signers_and_says_when_it_cannot(
    inbox: Inbox, packs: Packs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(judging, "SIGNERS_WAIT_S", 0.05)
    another_import = signers_held(inbox.folder.home)
    with another_import, pytest.raises(StoreError, match="another import is judging signers"):
        inbox.import_paths([packs.first, packs.changed])
    assert inbox.portfolio().suppliers == {}  # nothing judged, nothing counted
    report = inbox.import_paths([packs.first, packs.changed])  # the packs were kept: again
    assert [item.signer_status for item in report.accepted] == ["new"]
    assert [item.signer_status for item in report.quarantined] == ["changed"]


def test_a_lock_that_cannot_be_made_is_not_blamed_on_another_import(tmp_path: Path) -> None:
    home = tmp_path / "another-home"
    home.mkdir()
    (home / "inbox-index").write_text("a file where the lock's folder should be")
    with pytest.raises(StoreError) as raised, signers_held(home):
        pass
    message = str(raised.value)
    assert "cannot hold its lock" in message
    assert "signers.lock" in message
    assert "another import" not in message
