"""One supplier's page: its packs over time, what improved and regressed between one pack and the
next (criteria matched by id, as `compare` matches them: `gaps.compare.movement`), and the actions
of its latest plan with the buyer's follow-up.

A later revision of an assessment supersedes the earlier, which stays in the history; a
supplier's latest pack is the one declared last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selfassess.core.gaps.compare import Change, movement
from selfassess.core.gaps.results import Status
from selfassess.core.inbox.followup import ActionView, FollowUps, views
from selfassess.core.inbox.index import InboxIndex, PackRow
from selfassess.core.inbox.suppliers import Supplier


@dataclass(frozen=True)
class CriterionMove:
    criterion: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class PackEntry:
    """One pack in a supplier's history."""

    row: PackRow
    superseded: bool  # a later revision of the same assessment is here
    improved: tuple[CriterionMove, ...] = ()  # since the pack before
    regressed: tuple[CriterionMove, ...] = ()


@dataclass
class SupplierPage:
    supplier: Supplier
    packs: list[PackEntry] = field(default_factory=list)  # oldest first
    actions: list[ActionView] = field(default_factory=list)  # of the latest plan
    criteria: list[list[Any]] = field(default_factory=list)  # of the latest pack


def supplier_page(supplier: Supplier, index: InboxIndex, recorded: FollowUps) -> SupplierPage:
    page = SupplierPage(supplier)
    newest = _newest_revisions(supplier.packs)
    before: dict[str, list[Any]] | None = None
    for row in supplier.packs:
        criteria = {c[0]: c for c in index.details(row.sha256).get("criteria", [])}
        improved, regressed = _moves(before, criteria) if before is not None else ((), ())
        superseded = newest.get(row.assessment or "", row.revision) != row.revision
        page.packs.append(PackEntry(row, superseded, improved, regressed))
        before = criteria
    latest = supplier.latest
    if latest is not None:
        details = index.details(latest.sha256)
        page.criteria = list(details.get("criteria", []))
        page.actions = views(
            supplier.key, latest.assessment or "", details.get("plan", []), recorded
        )
    return page


def _newest_revisions(packs: list[PackRow]) -> dict[str, int | None]:
    newest: dict[str, int | None] = {}
    for row in packs:
        key = row.assessment or ""
        if newest.get(key) is None or (row.revision or 0) > (newest[key] or 0):
            newest[key] = row.revision
    return newest


def _moves(
    before: dict[str, list[Any]], after: dict[str, list[Any]]
) -> tuple[tuple[CriterionMove, ...], tuple[CriterionMove, ...]]:
    improved, regressed = [], []
    for cid, now in after.items():
        then = before.get(cid)
        if then is None:
            continue
        try:
            change = movement(Status(then[3]), Status(now[3]))
        except ValueError:
            continue
        move = CriterionMove(cid, str(now[1]), str(then[3]), str(now[3]))
        if change is Change.IMPROVED:
            improved.append(move)
        elif change is Change.REGRESSED:
            regressed.append(move)
    return tuple(improved), tuple(regressed)
