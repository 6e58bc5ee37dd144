"""What the command modules share: opening the store of `--home`, finding forms, and printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfassess.core.errors import NotFound
from selfassess.core.forms.catalog import discover, version_key
from selfassess.core.forms.model import Form
from selfassess.core.paths import data_home
from selfassess.core.preferences import read_preferences
from selfassess.core.storable import shown

if TYPE_CHECKING:  # the service and the store load only for commands that use them
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.store.store import Store


def home_of(args: argparse.Namespace) -> Path:
    return data_home(getattr(args, "home", None))


_OPENED: list[Store] = []


def open_service(args: argparse.Namespace) -> AssessmentService:
    """The assessment service over the store of `--home`, closed when the command ends; what
    in settings.json was not used is said first, as warnings."""
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.store.store import Store

    home = home_of(args)
    for problem in read_preferences(home).problems:
        warn(f"selfassess: warning: {problem}")
    store = Store.open(home)
    _OPENED.append(store)
    return AssessmentService(store)


def close_opened_stores() -> None:
    """Close the stores this command opened: their lock is released and, if the command wrote,
    the day's backup refreshed."""
    while _OPENED:
        _OPENED.pop().close()


def find_form(home: Path, form_id: str, version: str | None) -> Form:
    """The valid form with this id (and version; else the newest), built-in or the user's."""
    candidates = [
        entry.result.form
        for entry in discover(home)
        if entry.result.form is not None and entry.result.form.id == form_id
    ]
    if version is not None:
        candidates = [form for form in candidates if form.version == version]
    if not candidates:
        wanted = shown(f"{form_id} {version}" if version else form_id)
        raise NotFound(f"no valid form '{wanted}' (see `selfassess forms list`)")
    return max(candidates, key=lambda form: version_key(form.version))


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def table(rows: Sequence[tuple[str, ...]]) -> None:
    """Print rows as aligned columns; the last column is not padded."""
    if not rows:
        return
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())


def warn(message: str) -> None:
    print(message, file=sys.stderr)
