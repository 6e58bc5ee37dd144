"""Property tests over archive import: any set of members, any JSON in assessment.json and
manifest.json (arbitrary documents, and genuine ones with any part replaced), and genuine
archives with bytes changed or cut off, are imported or refused with one of our own errors;
nothing is ever written outside the store, and a refusal leaves nothing in it."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.archive.builders import count, genuine_archive, leftovers, members_of, write_members
from tests.store.conftest import ASM_GOLD

from selfassess.core.archive.archive import archive_assessment_id, import_archive
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import UserError
from selfassess.core.forms.model import Form
from selfassess.core.store.store import Store

BOUNDED = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEX = "0123456789abcdef"


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory, sample_form: Form) -> Path:
    folder = tmp_path_factory.mktemp("genuine")
    with Store.open(folder / "home") as store:
        service = AssessmentService(store)
        draft = service.create(sample_form, ASM_GOLD, language="fr")
        return genuine_archive(service, draft, folder)


class Sandbox:
    """A store, and the folder around it whose files only the store may change."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.store = Store.open(self.home)
        self.layout = {p.name for p in self.home.iterdir()} | {"evidence", "backups"}
        self.outside = self._files_outside()
        self.count = 0

    def _files_outside(self) -> dict[Path, int]:
        return {
            p: p.stat().st_size
            for p in self.root.rglob("*")
            if p.is_file() and self.home not in p.parents and p.parent != self.root / "in"
        }

    def archive(self, members: dict[str, bytes], stored: frozenset[str] = frozenset()) -> Path:
        self.count += 1
        (self.root / "in").mkdir(exist_ok=True)
        return write_members(self.root / "in" / f"{self.count}.zip", members, stored)

    def attempt(self, source: Path) -> None:
        """Import `source`: a success, or one of our errors leaving the store as it was."""
        before = count(self.store, "assessments")
        assert archive_assessment_id(source) in (None, *self._ids(source))
        try:
            import_archive(self.store, source, "keep-both")
        except UserError:
            assert count(self.store, "assessments") == before
        assert leftovers(self.store) == []
        assert {p.name for p in self.home.iterdir()} <= self.layout
        assert self._files_outside() == self.outside

    @staticmethod
    def _ids(source: Path) -> list[str]:
        """What the manifest names, when it can be read at all."""
        try:
            with zipfile.ZipFile(source) as zipped:
                return [str(json.loads(zipped.read("manifest.json")).get("assessment"))]
        except Exception:
            return []


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path / "sandbox")
    yield box
    box.store.close()


NAMES = st.one_of(
    st.sampled_from(
        [
            "manifest.json",
            "assessment.json",
            "form.json",
            "../outside.txt",
            "/etc/selfassess-owned",
            "evidence/../../outside.txt",
            "evidence\\..\\x",
            "C:evil",
            "evidence/",
            "settings.json",
        ]
    ),
    st.text(HEX, min_size=64, max_size=64).map(lambda h: f"evidence/{h}"),
    # any name Python's zipfile can write (it cannot write a NUL in a name)
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=30,
    ),
)


@BOUNDED
@given(data=st.data())
def test_any_set_of_members_is_imported_or_refused_with_our_own_error(
    sandbox: Sandbox, genuine: Path, data: st.DataObject
) -> None:
    real = members_of(genuine)
    content = st.one_of(st.binary(max_size=600), st.sampled_from(sorted(real.values())))
    members = data.draw(st.dictionaries(NAMES, content, max_size=6))
    if data.draw(st.booleans()):  # a manifest that lists the others truly
        files = {
            n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in members.items()
        }
        manifest = {**json.loads(real["manifest.json"]), "files": files}
        members["manifest.json"] = json.dumps(manifest).encode()
    stored = frozenset(data.draw(st.sets(st.sampled_from(sorted(members) or ["-"]))))
    sandbox.attempt(sandbox.archive(members, stored))


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def replace_part(document: Any, data: st.DataObject) -> Any:
    """The document with one part, found by walking down at random, replaced by any JSON."""
    if not isinstance(document, dict | list) or not document or data.draw(st.integers(0, 4)) == 0:
        return data.draw(JSON)
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = data.draw(st.sampled_from(keys))
    copy: Any = dict(document) if isinstance(document, dict) else list(document)
    copy[key] = replace_part(document[key], data)
    return copy


@BOUNDED
@given(data=st.data())
def test_any_json_in_assessment_and_manifest_is_imported_or_refused_with_our_own_error(
    sandbox: Sandbox, genuine: Path, data: st.DataObject
) -> None:
    members = members_of(genuine)
    name = data.draw(st.sampled_from(["assessment.json", "manifest.json"]))
    original = json.loads(members[name])
    changed = replace_part(original, data) if data.draw(st.booleans()) else data.draw(JSON)
    body = json.dumps(changed).encode()
    members[name] = body
    if name == "assessment.json":
        manifest = json.loads(members["manifest.json"])
        manifest["files"][name] = {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
        members["manifest.json"] = json.dumps(manifest).encode()
    sandbox.attempt(sandbox.archive(members))


@BOUNDED
@given(data=st.data())
def test_a_genuine_archive_with_bytes_changed_or_cut_is_imported_or_refused(
    sandbox: Sandbox, genuine: Path, data: st.DataObject
) -> None:
    body = bytearray(genuine.read_bytes())
    for _ in range(data.draw(st.integers(0, 6))):
        body[data.draw(st.integers(0, len(body) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del body[data.draw(st.integers(0, len(body))) :]
    (sandbox.root / "in").mkdir(exist_ok=True)
    sandbox.count += 1
    target = sandbox.root / "in" / f"{sandbox.count}.zip"
    target.write_bytes(bytes(body))
    sandbox.attempt(target)


def test_the_genuine_archive_imports(sandbox: Sandbox, genuine: Path) -> None:
    """The properties above start from an archive that is itself accepted."""
    sandbox.attempt(genuine)
    assert count(sandbox.store, "assessments") == 1
    with zipfile.ZipFile(genuine) as zipped:
        assert any(n.startswith("evidence/") for n in zipped.namelist())
