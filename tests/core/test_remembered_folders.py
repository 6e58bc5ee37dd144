"""The folder last chosen for each purpose is remembered in settings.json; a folder that is gone
is forgotten, and a settings file that holds nonsense there is said, not obeyed."""

from __future__ import annotations

import json
from pathlib import Path

from selfassess.core.preferences import read_preferences, remember_folder, remembered_folder


def test_each_purpose_remembers_its_own_folder(isolated_home: Path, tmp_path: Path) -> None:
    archives, evidence = tmp_path / "archives", tmp_path / "photos"
    archives.mkdir()
    evidence.mkdir()
    remember_folder(isolated_home, "archives", archives)
    remember_folder(isolated_home, "evidence", evidence)
    assert remembered_folder(isolated_home, "archives") == archives
    assert remembered_folder(isolated_home, "evidence") == evidence
    assert remembered_folder(isolated_home, "packs") is None


def test_a_folder_that_is_gone_is_not_offered(isolated_home: Path, tmp_path: Path) -> None:
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    remember_folder(isolated_home, "archives", gone)
    gone.rmdir()
    assert remembered_folder(isolated_home, "archives") is None


def test_other_settings_are_kept(isolated_home: Path, tmp_path: Path) -> None:
    (isolated_home / "settings.json").write_text('{"language": "fr"}', encoding="utf-8")
    remember_folder(isolated_home, "archives", tmp_path)
    assert read_preferences(isolated_home).language == "fr"


def test_nonsense_is_a_notice_and_the_documents_folder_is_used(isolated_home: Path) -> None:
    settings = isolated_home / "settings.json"
    settings.write_text(json.dumps({"folders": ["not", "a", "map"]}), encoding="utf-8")
    (problem,) = read_preferences(isolated_home).problems
    assert "folders" in str(problem)
    assert remembered_folder(isolated_home, "archives") is None


def test_an_unreadable_settings_file_is_left_alone(isolated_home: Path, tmp_path: Path) -> None:
    settings = isolated_home / "settings.json"
    settings.write_text("{ not json", encoding="utf-8")
    remember_folder(isolated_home, "archives", tmp_path)  # no error: it is only a convenience
    assert settings.read_text(encoding="utf-8") == "{ not json"
