"""Finds the questionnaires available to the app: the built-in ones shipped in the package and the
ones a user puts in `<data dir>/forms/`.

A broken or hostile file is an entry with its diagnostics and no form: it is reported and
skipped, and never stops the other forms from loading. The loader is imported only when there
is a form to load (the home screen asks for the user's broken forms at start-up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.forms.diagnostics import Diagnostic, Level
from selfassess.core.paths import builtin_forms_dir, user_forms_dir

if TYPE_CHECKING:
    from selfassess.core.forms.loader import LoadResult

FORM_SUFFIXES = (".yaml", ".yml")


class Origin(StrEnum):
    """Where a form was found."""

    BUILT_IN = "built-in"
    USER = "user"


@dataclass(frozen=True)
class CatalogEntry:
    """A form file found in one of the form folders, with its load result."""

    path: Path
    origin: Origin
    result: LoadResult

    @property
    def broken(self) -> bool:
        return self.result.form is None


def form_files(folder: Path) -> list[Path]:
    """The form files directly inside `folder`, sorted by name; none if it does not exist.

    Raises OSError when the folder exists but cannot be read."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir() if path.suffix in FORM_SUFFIXES and path.is_file()
    )


def discover(home: Path) -> list[CatalogEntry]:
    """Every form file, built-in first, each loaded and checked; never raises for a bad file."""
    return _entries(Origin.BUILT_IN, builtin_forms_dir()) + user_forms(home)


def user_forms(home: Path) -> list[CatalogEntry]:
    """The forms of `<home>/forms/`, each loaded and checked; never raises for a bad file."""
    return _entries(Origin.USER, user_forms_dir(home))


def broken_user_forms(home: Path) -> list[CatalogEntry]:
    """The user's form files that cannot be used, each with what is wrong."""
    return [entry for entry in user_forms(home) if entry.broken]


def _entries(origin: Origin, folder: Path) -> list[CatalogEntry]:
    try:
        paths = form_files(folder)
    except OSError as exc:
        reason = f"cannot read the folder: {exc.strerror or exc}"
        return [CatalogEntry(folder, origin, _unusable(str(folder), reason))]
    return [CatalogEntry(path, origin, _load(path)) for path in paths]


def _load(path: Path) -> LoadResult:
    from selfassess.core.forms.loader import load_form

    try:
        return load_form(path)
    except Exception as exc:  # load_form answers every bad file; this guards the app regardless
        return _unusable(str(path), f"the form could not be checked ({type(exc).__name__})")


def _unusable(name: str, reason: str) -> LoadResult:
    from selfassess.core.forms.loader import LoadResult

    return LoadResult(name, None, [Diagnostic(Level.ERROR, name, None, "", reason)])


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key under which 1.10 comes after 1.9 and 2025.1 after 2024.12."""
    parts = re.split(r"[.+\-]", version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)
