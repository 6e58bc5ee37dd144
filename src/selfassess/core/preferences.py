"""The user's preferences in `<home>/settings.json` (the interface language, the evidence, archive
and verified-pack size limits, the last folder chosen for each purpose): the one reader of that
file, which checks every value, and the writer, which replaces the file whole so that a crash
never leaves half of it.

Reading never stops the app: a file that cannot be read or is not JSON, or a value that does not
fit, leaves the default in place and becomes a notice (`Preferences.problems`) naming the file
and the key. Writing refuses to replace a file it cannot read, so that nothing the user wrote
there is lost without their say.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput, StoreError, UserError
from selfassess.core.files import read_input, write_atomically
from selfassess.core.i18n import LANGUAGES
from selfassess.core.storable import shown

SETTINGS_NAME = "settings.json"
SETTINGS_LIMIT = 1024 * 1024  # a settings file is a few lines
DEFAULT_EVIDENCE_LIMIT_MB = 25
MAX_EVIDENCE_LIMIT_MB = 4096
DEFAULT_ARCHIVE_LIMIT_MB = 2048  # the most an imported archive may expand to
MAX_ARCHIVE_LIMIT_MB = 1024 * 1024
MAX_REMEMBERED_ASSESSMENTS = 1000  # the assessments a setting keeps in mind, latest last
DEFAULT_VERIFY_LIMIT_MB = 100  # the largest file `verify` reads (core/pdfguard)
MAX_VERIFY_LIMIT_MB = 64 * 1024


@dataclass(frozen=True)
class Preferences:
    """The settings in force: each from settings.json when it fits, else its default."""

    language: str | None = None  # None: the system's
    evidence_limit_mb: float = DEFAULT_EVIDENCE_LIMIT_MB
    archive_limit_mb: float = DEFAULT_ARCHIVE_LIMIT_MB
    verify_limit_mb: float = DEFAULT_VERIFY_LIMIT_MB
    trainer_mode: bool = False  # the notes for trainers shown, and a badge saying so
    folders: dict[str, str] = field(default_factory=dict)  # the last folder, by purpose
    # the assessments whose language the app offered to switch the interface to, and the
    # user answered (Switch or Keep): never offered again
    language_offers_answered: tuple[str, ...] = ()
    problems: tuple[UserError, ...] = field(default=(), compare=False)

    @property
    def evidence_limit_bytes(self) -> int:
        return int(self.evidence_limit_mb * 1024 * 1024)

    @property
    def archive_limit_bytes(self) -> int:
        return int(self.archive_limit_mb * 1024 * 1024)

    @property
    def verify_limit_bytes(self) -> int:
        return int(self.verify_limit_mb * 1024 * 1024)


def read_preferences(home: Path) -> Preferences:
    """The preferences of `home`; never raises: what does not fit is in `problems`."""
    found, problems = _checked(home / SETTINGS_NAME)
    return Preferences(**found, problems=tuple(problems))


def load_preferences(home: Path) -> dict[str, Any]:
    """The preferences that settings.json sets and that fit, by key."""
    return _checked(home / SETTINGS_NAME)[0]


def save_preference(home: Path, key: str, value: Any) -> None:
    """Set one preference, keeping everything else the file holds."""
    path = home / SETTINGS_NAME
    check = CHECKS.get(key)
    if check is None:
        raise InvalidInput.of("there is no setting '{key}'", key=shown(key))
    check(path, value)
    try:
        data = _read(path)
    except UserError as problem:
        raise StoreError.of(
            "{problem} The setting {key} was not saved: correct or remove the file first.",
            problem=str(problem),
            key=key,
        ) from None
    data[key] = value
    text = json.dumps(data, indent=2, ensure_ascii=False)  # another key's NaN stays as written
    write_atomically(path, text.encode("utf-8"))


def _read(path: Path) -> dict[str, Any]:
    """What settings.json holds ({} when there is none), or a UserError saying what is wrong."""
    if not os.path.exists(path):
        return {}
    body = read_input(path, SETTINGS_LIMIT)
    if not body.strip():
        return {}  # an emptied file: no settings
    try:
        data = json.loads(body.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise StoreError.of(
            "{path} is not valid JSON (line {line}, column {column}: {reason}); selfassess "
            "uses its default settings",
            path=path,
            line=exc.lineno,
            column=exc.colno,
            reason=exc.msg,
        ) from None
    except (ValueError, RecursionError):  # not UTF-8, a number too long, nested too deep
        raise StoreError.of(
            "{path} is not valid settings JSON; selfassess uses its default settings", path=path
        ) from None
    if not isinstance(data, dict):
        raise StoreError.of(
            '{path} must hold a JSON object such as {{"language": "fr"}}; selfassess uses its '
            "default settings",
            path=path,
        )
    return data


def _checked(path: Path) -> tuple[dict[str, Any], list[UserError]]:
    """The values of settings.json that fit, by key, and a problem for each that does not."""
    try:
        data = _read(path)
    except UserError as problem:
        return {}, [problem]
    found: dict[str, Any] = {}
    problems: list[UserError] = []
    for key, check in CHECKS.items():
        if key in data:
            try:
                found[key] = check(path, data[key])
            except UserError as problem:
                problems.append(problem)
    return found, problems


def _language(path: Path, value: Any) -> str:
    if value not in LANGUAGES:
        raise InvalidInput.of(
            "{path}: language must be one of {choices}, not {value}; the system's language is used",
            path=path,
            choices=", ".join(LANGUAGES),
            value=shown(value),
        )
    return str(value)


def _evidence_limit_mb(path: Path, value: Any) -> float:
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
    if not 0 < number <= MAX_EVIDENCE_LIMIT_MB:  # NaN compares false; so do huge integers
        raise InvalidInput.of(
            "{path}: evidence_limit_mb must be a number of megabytes above 0 and at most "
            "{most}, not {value}; the default of {default} MB is used",
            path=path,
            most=MAX_EVIDENCE_LIMIT_MB,
            value=shown(value),
            default=DEFAULT_EVIDENCE_LIMIT_MB,
        )
    return float(number)


def _archive_limit_mb(path: Path, value: Any) -> float:
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
    if not 0 < number <= MAX_ARCHIVE_LIMIT_MB:
        raise InvalidInput.of(
            "{path}: archive_limit_mb must be a number of megabytes above 0 and at most "
            "{most}, not {value}; the default of {default} MB is used",
            path=path,
            most=MAX_ARCHIVE_LIMIT_MB,
            value=shown(value),
            default=DEFAULT_ARCHIVE_LIMIT_MB,
        )
    return float(number)


def _verify_limit_mb(path: Path, value: Any) -> float:
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
    if not 0 < number <= MAX_VERIFY_LIMIT_MB:
        raise InvalidInput.of(
            "{path}: verify_limit_mb must be a number of megabytes above 0 and at most "
            "{most}, not {value}; the default of {default} MB is used",
            path=path,
            most=MAX_VERIFY_LIMIT_MB,
            value=shown(value),
            default=DEFAULT_VERIFY_LIMIT_MB,
        )
    return float(number)


def _folders(path: Path, value: Any) -> dict[str, str]:
    """The last folder the user chose, by purpose ("archives", "evidence"...): short names,
    absolute paths."""
    fits = isinstance(value, dict) and all(
        isinstance(k, str) and 0 < len(k) <= 40 and isinstance(v, str) and 0 < len(v) <= 4096
        for k, v in value.items()
    )
    if not fits or len(value) > 100:
        raise InvalidInput.of(
            "{path}: folders must map a purpose to a folder, such as "
            '{{"archives": "/home/amani/Documents"}}; the documents folder is used',
            path=path,
        )
    return {str(k): str(v) for k, v in value.items()}


def remembered_folder(home: Path, purpose: str) -> Path | None:
    """The folder last chosen for `purpose`, when it still exists."""
    folder = load_preferences(home).get("folders", {}).get(purpose)
    return Path(folder) if folder and os.path.isdir(folder) else None


def remember_folder(home: Path, purpose: str, folder: Path) -> None:
    """Remember `folder` as the last one chosen for `purpose`; a settings file that cannot be
    written or read leaves things as they were (remembering a folder is worth no error)."""
    folders = dict(load_preferences(home).get("folders", {}))
    folders[purpose] = str(folder)
    try:
        save_preference(home, "folders", folders)
    except (UserError, OSError):
        return


def _trainer_mode(path: Path, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput.of(
            "{path}: trainer_mode must be true or false, not {value}; trainer mode is off",
            path=path,
            value=shown(value),
        )
    return value


def _assessment_ids(path: Path, value: Any) -> tuple[str, ...]:
    fits = isinstance(value, list) and all(
        isinstance(item, str) and 0 < len(item) <= 64 for item in value
    )
    if not fits or len(value) > MAX_REMEMBERED_ASSESSMENTS:
        raise InvalidInput.of(
            "{path}: language_offers_answered must be a list of assessment ids; the offer to "
            "switch the interface to an assessment's language is made again",
            path=path,
        )
    return tuple(str(item) for item in value)


CHECKS: dict[str, Callable[[Path, Any], Any]] = {
    "language": _language,
    "evidence_limit_mb": _evidence_limit_mb,
    "archive_limit_mb": _archive_limit_mb,
    "verify_limit_mb": _verify_limit_mb,
    "trainer_mode": _trainer_mode,
    "folders": _folders,
    "language_offers_answered": _assessment_ids,
}
