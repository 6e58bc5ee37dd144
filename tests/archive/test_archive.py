"""Archives: a faithful round trip between homes, explicit conflicts, and hostile files refused
with their own message before anything is written."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tests.archive.builders import genuine_archive, members_of, with_json
from tests.store.conftest import ASM_GOLD

from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import Cancelled, InvalidInput, Refused, StoreError
from selfassess.core.forms.model import Form
from selfassess.core.store.assessments import dumps
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store


def other_home(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "laptop-2")


def table(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.read().execute(sql).fetchall()


def test_round_trip_keeps_everything(
    service: AssessmentService, draft: Assessment, archive: Path, tmp_path: Path
) -> None:
    with other_home(tmp_path) as store:
        result = import_archive(store, archive)
        copy = AssessmentService(store)
        assert result.assessment_id == draft.id
        assert copy.get(draft.id) == service.get(draft.id)
        assert copy.answers(draft.id) == service.answers(draft.id)
        assert copy.attachments(draft.id) == service.attachments(draft.id)
        assert copy.revisions(draft.id) == service.revisions(draft.id)
        assert copy.form_of(copy.get(draft.id)) == service.form_of(draft)
        history = [row[0] for row in table(store, "SELECT action FROM audit_log ORDER BY id")]
        assert history[-1] == "import"
        assert "reopen" in history
        assert "finalize" in history
        digest = copy.attachments(draft.id)[0].sha256
        assert store.evidence.verify(digest) is None


TRADER = dataclasses.replace(
    ASM_GOLD,
    entity_type="trader",
    certifications=("rmap", "itsci"),
    mechanisation="semi_mechanised",
    source_countries=("CD", "RW"),
    transit_countries=("UG",),
)
SUPPLY_CHAIN = ("certifications", "mechanisation", "source_countries", "transit_countries")


def test_round_trip_keeps_practices_and_supply_chain(
    service: AssessmentService, sample_form: Form, tmp_path: Path
) -> None:
    trader = service.create(sample_form, TRADER, language="fr")
    archive = genuine_archive(service, trader, tmp_path)
    with other_home(tmp_path) as store:
        import_archive(store, archive)
        copy = AssessmentService(store)
        assert copy.get(trader.id).profile == TRADER
        (finalized,) = copy.revisions(trader.id)
        assert {name: finalized.snapshot["profile"][name] for name in SUPPLY_CHAIN} == {
            "certifications": ["rmap", "itsci"],
            "mechanisation": "semi_mechanised",
            "source_countries": ["CD", "RW"],
            "transit_countries": ["UG"],
        }


def _from_before_the_supply_chain(data: dict[str, Any]) -> None:
    """assessment.json as selfassess wrote it before schema 3: no such fields, in the
    assessment or in the snapshot it finalized (whose hash was made without them)."""
    for name in SUPPLY_CHAIN:
        del data["assessment"][name]
    for revision in data["revisions"]:
        for name in SUPPLY_CHAIN:
            del revision["snapshot"]["profile"][name]
        body = dumps(revision["snapshot"]) or ""
        revision["snapshot_sha256"] = hashlib.sha256(body.encode()).hexdigest()


def test_an_archive_from_before_the_supply_chain_imports_with_it_empty(
    service: AssessmentService, sample_form: Form, tmp_path: Path
) -> None:
    trader = service.create(sample_form, TRADER, language="fr")
    archive = genuine_archive(service, trader, tmp_path)
    older = tmp_path / "older.zip"
    with_json(archive, older, "assessment.json", _from_before_the_supply_chain)
    with other_home(tmp_path) as store:
        import_archive(store, older)
        copy = AssessmentService(store)
        assert copy.get(trader.id).profile == dataclasses.replace(
            TRADER, certifications=(), mechanisation=None, source_countries=(), transit_countries=()
        )
        assert copy.answers(trader.id) == service.answers(trader.id)
        again = export_archive(store, trader.id, tmp_path / "again.zip")  # now with the fields
        exported = json.loads(members_of(again)["assessment.json"])["assessment"]
        assert {name: exported[name] for name in SUPPLY_CHAIN} == {
            "certifications": [],
            "mechanisation": None,
            "source_countries": [],
            "transit_countries": [],
        }


def test_existing_assessment_needs_an_explicit_choice(archive: Path, tmp_path: Path) -> None:
    with other_home(tmp_path) as store:
        first = import_archive(store, archive)
        with pytest.raises(Refused, match="is already here; import it again with --keep-both"):
            import_archive(store, archive)
        copy = import_archive(store, archive, "keep-both")
        assert copy.copied
        assert copy.assessment_id != first.assessment_id
        AssessmentService(store).set_answer(first.assessment_id, "A2.2", "CD-99")
        replaced = import_archive(store, archive, "replace")
        assert replaced.replaced
        assert "A2.2" not in AssessmentService(store).answers(first.assessment_id)
        assert list((store.home / "backups").glob("before-import-*.db"))
        assert len(AssessmentService(store).all()) == 2


def rewrite(source: Path, target: Path, change: dict[str, bytes | None], **extra: bytes) -> Path:
    """A copy of the archive with members replaced (None removes them) or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change.get(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
        for name, data in extra.items():
            new.writestr(name.replace("__", "/"), data)
    return target


def evidence_name(archive: Path) -> str:
    with zipfile.ZipFile(archive) as zipped:
        return next(n for n in zipped.namelist() if n.startswith("evidence/"))


def hostile(archive: Path, tmp_path: Path, case: str) -> Path:
    target = tmp_path / f"{case}.zip"
    if case == "not_a_zip":
        target.write_bytes(b"this is not a zip file")
        return target
    if case in ("escape", "absolute"):
        name = "../../outside.txt" if case == "escape" else "/etc/selfassess-owned"
        with zipfile.ZipFile(target, "w") as zipped:
            zipped.writestr(name, b"x")
        return target
    if case == "link":
        with zipfile.ZipFile(target, "w") as zipped:
            info = zipfile.ZipInfo("evidence/" + "0" * 64)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zipped.writestr(info, "/etc/passwd")
        return target
    if case == "bomb":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zipped:
            zipped.writestr("assessment.json", b"\0" * (20 * 1024 * 1024))
        return target
    if case == "oversized":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zipped:
            zipped.writestr("evidence/" + "a" * 64, b"z" * (26 * 1024 * 1024))
        return target
    if case == "tampered":
        return rewrite(archive, target, {evidence_name(archive): b"%PDF-1.4 forged"})
    if case == "no_manifest":
        return rewrite(archive, target, {"manifest.json": None})
    if case == "stranger":
        return rewrite(archive, target, {}, notes__txt=b"hello")
    raise AssertionError(case)


CASES = {
    "not_a_zip": "is not a selfassess archive (File is not a zip file)",
    "escape": "member '../../outside.txt' points outside the archive; refused",
    "absolute": "member '/etc/selfassess-owned' points outside the archive; refused",
    "link": f"member 'evidence/{'0' * 64}' is a link; refused",
    "bomb": "member 'assessment.json' expands",
    "oversized": f"member 'evidence/{'a' * 64}' is 26.0 MB, above the limit of 25.0 MB; refused",
    "tampered": "does not match its hash in the manifest; refused",
    "no_manifest": "is not a selfassess archive (no manifest.json)",
    "stranger": "unexpected member 'notes/txt'; refused",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_archives_are_refused_before_anything_is_written(
    archive: Path, tmp_path: Path, case: str
) -> None:
    bad = hostile(archive, tmp_path, case)
    with other_home(tmp_path) as store:
        before = table(store, "SELECT count(*) FROM assessments")
        with pytest.raises(InvalidInput) as refused:
            import_archive(store, bad)
        assert CASES[case] in str(refused.value)
        assert table(store, "SELECT count(*) FROM assessments") == before
        assert not store.evidence.root.exists() or not list(store.evidence.root.rglob("*"))
    assert not (tmp_path / "outside.txt").exists()


def test_manifest_that_does_not_list_a_member(archive: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    del manifest["files"]["form.json"]
    bad = rewrite(archive, tmp_path / "bad.zip", {"manifest.json": json.dumps(manifest).encode()})
    with other_home(tmp_path) as store, pytest.raises(InvalidInput) as refused:
        import_archive(store, bad)
    assert "the manifest does not match the archive (member form.json)" in str(refused.value)


def test_a_form_that_is_not_the_pinned_one(archive: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(archive) as zipped:
        form = json.loads(zipped.read("form.json"))
        manifest = json.loads(zipped.read("manifest.json"))
    form["version"] = "9.9"
    body = json.dumps(form).encode()
    manifest["files"]["form.json"] = {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
    bad = rewrite(
        archive,
        tmp_path / "bad.zip",
        {"form.json": body, "manifest.json": json.dumps(manifest).encode()},
    )
    with other_home(tmp_path) as store, pytest.raises(InvalidInput) as refused:
        import_archive(store, bad)
    assert "form.json is not the form the assessment was filled against" in str(refused.value)


def test_a_cancelled_export_leaves_no_file(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "cancelled.zip"
    with pytest.raises(Cancelled, match="the export was cancelled"):
        export_archive(
            service.store,
            draft.id,
            target,
            progress=lambda d, t: seen.append((d, t)),
            stop=lambda: len(seen) >= 1,
        )
    assert not target.exists()
    assert not list(tmp_path.glob(".export-*"))


def test_a_cancelled_import_adds_nothing(archive: Path, tmp_path: Path) -> None:
    with other_home(tmp_path) as store:
        with pytest.raises(Cancelled, match="the import was cancelled"):
            import_archive(store, archive, stop=lambda: True)
        assert table(store, "SELECT count(*) FROM assessments") == [(0,)]


@pytest.mark.parametrize("damage", ["changed", "missing"])
def test_export_names_evidence_the_locker_no_longer_holds_intact_and_writes_nothing(
    service: AssessmentService, draft: Assessment, tmp_path: Path, damage: str
) -> None:
    photo, policy = tmp_path / "photo.jpg", tmp_path / "policy.pdf"
    photo.write_bytes(b"\xff\xd8 a photo of the register")
    policy.write_bytes(b"%PDF-1.4 the signed policy")
    service.attach(draft.id, "A1.3", [photo, policy])
    stored = {a.original_name: a.sha256 for a in service.attachments(draft.id)}
    locker_copy = service.store.evidence.path_of(stored["policy.pdf"])
    if damage == "changed":
        locker_copy.write_bytes(b"%PDF-1.4 something else")
    else:
        locker_copy.unlink()
    target = tmp_path / "out.zip"
    with pytest.raises(StoreError) as refused:
        export_archive(service.store, draft.id, target)
    message = str(refused.value)
    assert f"policy.pdf (A1.3, {stored['policy.pdf'][:12]})" in message
    assert "photo.jpg" not in message
    assert "an evidence file in the locker is missing or no longer matches" in message
    assert not target.exists()
    assert not list(tmp_path.glob(".export-*"))
