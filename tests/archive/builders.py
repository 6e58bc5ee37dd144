"""Archives for the tests: a genuine one (finalized, reopened, with evidence), copies with
members replaced or JSON rewritten (the manifest kept in step, so that only the check under
test can refuse them), and what a store holds beyond its rows."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Set
from datetime import date
from pathlib import Path
from typing import Any

from tests.store.conftest import started_early

from selfassess.core.archive.archive import export_archive
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store


def genuine_archive(service: AssessmentService, draft: Assessment, folder: Path) -> Path:
    """A draft at revision 2 (finalized once, then reopened) with answers, evidence, a plan
    and its history, exported to `folder`/kalimbi.zip."""
    service.set_answer(draft.id, "A1.1", 2, comment="signée")
    service.set_answer(draft.id, "A1.2", "2024-03-01")
    service.set_answer(draft.id, "A2.1", "exploitation")
    service.set_answer(draft.id, "B1.1", False)
    evidence = folder / "policy.pdf"
    evidence.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    service.attach(draft.id, "A1.3", [evidence])
    started_early(service, draft.id)  # declared on a fixed day after it was started
    PlanService(service).finalize(draft.id, Declaration("Amani", "Président", date(2026, 11, 22)))
    service.reopen(draft.id, "a new photo")
    service.set_answer(draft.id, "A1.1", 3)
    return export_archive(service.store, draft.id, folder / "out" / ".." / "kalimbi.zip")


def members_of(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def write_members(target: Path, members: dict[str, bytes], stored: Set[str] = frozenset()) -> Path:
    """A zip of `members`, evidence (and `stored`) stored and JSON deflated as export writes
    them."""
    with zipfile.ZipFile(target, "w") as zipped:
        for name, data in members.items():
            keep = name.startswith("evidence/") or name in stored
            kind = zipfile.ZIP_STORED if keep else zipfile.ZIP_DEFLATED
            zipped.writestr(name, data, compress_type=kind)
    return target


def with_members(
    archive: Path, target: Path, change: dict[str, bytes], stored: Set[str] = frozenset()
) -> Path:
    """A copy of the archive with members replaced or added, listed in the manifest with their
    true hashes."""
    members = members_of(archive)
    manifest = json.loads(members["manifest.json"])
    for name, data in change.items():
        members[name] = data
        manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    members["manifest.json"] = json.dumps(manifest).encode()
    return write_members(target, members, stored)


def with_json(archive: Path, target: Path, name: str, mutate: Callable[[Any], object]) -> Path:
    """A copy of the archive whose JSON member `name` went through `mutate` (in place)."""
    data = json.loads(members_of(archive)[name])
    mutate(data)
    return with_members(archive, target, {name: json.dumps(data).encode()})


def answer(data: dict[str, Any], question_id: str) -> dict[str, Any]:
    """The answer row of `question_id` in an assessment.json."""
    found: dict[str, Any] = next(a for a in data["answers"] if a["question_id"] == question_id)
    return found


def count(store: Store, table: str) -> int:
    return int(store.read().execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def locker_files(store: Store) -> list[Path]:
    root = store.evidence.root
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def leftovers(store: Store) -> list[str]:
    """What the locker holds beyond the files its rows record: staging files, import folders,
    unrecorded evidence."""
    recorded = {row[0] for row in store.read().execute("SELECT sha256 FROM evidence_files")}
    root = store.evidence.root
    found = [p.name for p in root.iterdir() if p.name.startswith(".")] if root.exists() else []
    found += [
        p.name for p in locker_files(store) if p.parent.parent == root and p.name not in recorded
    ]
    return sorted(found)
