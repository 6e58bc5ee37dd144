"""Finds the questionnaires available to the app: the built-in ones shipped in the package and the
ones a user puts in `<data dir>/forms/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from selfassess.core.forms.loader import LoadResult, load_form
from selfassess.core.paths import builtin_forms_dir, user_forms_dir

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


def form_files(folder: Path) -> list[Path]:
    """The form files directly inside `folder`, sorted by name; none if it does not exist."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir() if path.suffix in FORM_SUFFIXES and path.is_file()
    )


def discover(home: Path) -> list[CatalogEntry]:
    """Every form file, built-in first, each loaded and checked."""
    entries: list[CatalogEntry] = []
    for origin, folder in (
        (Origin.BUILT_IN, builtin_forms_dir()),
        (Origin.USER, user_forms_dir(home)),
    ):
        for path in form_files(folder):
            entries.append(CatalogEntry(path, origin, load_form(path)))
    return entries


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key under which 1.10 comes after 1.9 and 2025.1 after 2024.12."""
    parts = re.split(r"[.+\-]", version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)
