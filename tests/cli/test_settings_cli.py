"""A hostile settings.json never stops a command: each value that does not fit is a warning
naming the file and the key, and its default is used; the command then does its work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.cli.conftest import Cli

from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.preferences import load_preferences, read_preferences, save_preference

LIMIT_WARNING = (
    "selfassess: warning: {path}: evidence_limit_mb must be a number of megabytes above 0 and "
    "at most 4096, not {value}; the default of 25 MB is used"
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('{"evidence_limit_mb": 1e400}', "inf"),
        ('{"evidence_limit_mb": NaN}', "nan"),
        ('{"evidence_limit_mb": -Infinity}', "-inf"),
        ('{"evidence_limit_mb": [25]}', "[25]"),
        ('{"evidence_limit_mb": "25"}', "25"),
        ('{"evidence_limit_mb": -3}', "-3"),
        ('{"evidence_limit_mb": 0}', "0"),
        ('{"evidence_limit_mb": true}', "True"),
        ('{"evidence_limit_mb": 1' + "0" * 40 + "}", "1" + "0" * 40),
    ],
)
def test_a_bad_evidence_limit_is_named_and_the_default_used(
    cli: Cli, isolated_home: Path, tmp_path: Path, text: str, shown: str
) -> None:
    settings = isolated_home / "settings.json"
    settings.write_text(text)
    photo = tmp_path / "site.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 2_000_000)  # within the default 25 MB
    code, out, err = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi")
    assert code == 0
    assert err.splitlines() == [LIMIT_WARNING.format(path=settings, value=shown)]
    code, _, err = cli("attach", out.strip(), "A1.2", str(photo))
    assert code == 0, err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "is not valid JSON (line 1, column 1: Expecting value)"),
        ('{"language": "fr",', "is not valid JSON (line 1, column 19"),
        ("[" * 100_000, "is not valid settings JSON"),
        ('{"evidence_limit_mb": 1' + "0" * 5000 + "}", "is not valid settings JSON"),
        ("[1, 2]", 'must hold a JSON object such as {"language": "fr"}'),
        ('"fr"', 'must hold a JSON object such as {"language": "fr"}'),
        ("\udcff", "is not valid settings JSON"),
    ],
)
def test_a_settings_file_that_is_not_an_object_leaves_all_defaults(
    cli: Cli, isolated_home: Path, text: str, message: str
) -> None:
    settings = isolated_home / "settings.json"
    settings.write_bytes(text.encode("utf-8", "surrogateescape"))
    code, out, err = cli("list")
    assert code == 0
    assert out.startswith("No assessments yet.")
    (warning,) = err.splitlines()
    assert warning.startswith(f"selfassess: warning: {settings} ")
    assert message in warning
    assert read_preferences(isolated_home).evidence_limit_mb == 25


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "huge"])
def test_a_settings_file_that_is_no_file_is_not_read(
    cli: Cli, isolated_home: Path, kind: str
) -> None:
    settings = isolated_home / "settings.json"
    if kind == "folder":
        settings.mkdir()
    elif kind == "fifo":
        os.mkfifo(settings)
    elif kind == "device":
        settings.symlink_to("/dev/zero")
    else:
        settings.write_bytes(b" " * (2 * 1024 * 1024))
    code, _, err = cli("list")
    assert code == 0
    assert err.startswith(f"selfassess: warning: {settings} ")


def test_a_bad_language_is_named_and_the_good_limit_kept(cli: Cli, isolated_home: Path) -> None:
    settings = isolated_home / "settings.json"
    settings.write_text('{"language": "xx", "evidence_limit_mb": 0.001, "theme": "dark"}')
    code, _, err = cli("list")
    assert code == 0
    assert err.strip() == (
        f"selfassess: warning: {settings}: language must be one of en, fr, sw, not xx; the "
        "system's language is used"
    )
    preferences = read_preferences(isolated_home)
    assert (preferences.language, preferences.evidence_limit_bytes) == (None, 1048)
    assert load_preferences(isolated_home) == {"evidence_limit_mb": 0.001}


def test_saving_keeps_other_keys_and_never_replaces_an_unreadable_file(
    isolated_home: Path,
) -> None:
    settings = isolated_home / "settings.json"
    settings.write_text('{"theme": "dark", "evidence_limit_mb": NaN}')
    save_preference(isolated_home, "language", "sw")
    assert read_preferences(isolated_home).language == "sw"
    assert '"theme": "dark"' in settings.read_text()
    settings.write_text('{"language": "fr", oops')
    with pytest.raises(StoreError, match="The setting language was not saved: correct or remove"):
        save_preference(isolated_home, "language", "en")
    assert settings.read_text() == '{"language": "fr", oops'
    with pytest.raises(InvalidInput, match="language must be one of en, fr, sw"):
        save_preference(isolated_home, "language", "xx")
