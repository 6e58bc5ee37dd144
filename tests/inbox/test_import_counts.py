"""The summary of an import counts the packs it made superseded: a later revision brought
supersedes the one already here, an earlier one brought late is superseded on arrival, and a
pack superseded before the import is not counted again."""

from __future__ import annotations

from selfassess.core.inbox.index import PackRow
from selfassess.core.inbox.summary import superseded_by


def pack(sha: str, revision: int, assessment: str = "a1", supplier: str = "CD/kalimbi") -> PackRow:
    return PackRow(sha, True, supplier_key=supplier, assessment=assessment, revision=revision)


def test_a_later_revision_supersedes_the_one_already_here() -> None:
    assert superseded_by([pack("r1", 1), pack("r2", 2)], {"r2"}) == 1


def test_an_earlier_revision_brought_late_is_superseded_on_arrival() -> None:
    assert superseded_by([pack("r1", 1), pack("r2", 2)], {"r1"}) == 1


def test_a_pack_superseded_before_the_import_is_not_counted_again() -> None:
    rows = [pack("r1", 1), pack("r2", 2), pack("r3", 3)]
    assert superseded_by(rows, {"r3"}) == 1  # r2; r1 was superseded already


def test_other_assessments_and_suppliers_are_left_alone() -> None:
    rows = [pack("r1", 1), pack("r2", 2), pack("x1", 1, "a2"), pack("y2", 2, supplier="CD/y")]
    assert superseded_by(rows, {"x1", "y2"}) == 0
