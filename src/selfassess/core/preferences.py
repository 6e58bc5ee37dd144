"""The user's preferences kept in `<home>/settings.json` (language, evidence size limit, whether
the welcome was shown), written atomically so that a crash never leaves half a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfassess.core.errors import StoreError
from selfassess.core.files import write_atomically

SETTINGS_NAME = "settings.json"


def load_preferences(home: Path) -> dict[str, Any]:
    path = home / SETTINGS_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path} is not valid settings JSON: {exc}") from None
    return data if isinstance(data, dict) else {}


def save_preference(home: Path, key: str, value: Any) -> None:
    """Set one preference, keeping the others."""
    data = load_preferences(home)
    data[key] = value
    text = json.dumps(data, indent=2, ensure_ascii=False)
    write_atomically(home / SETTINGS_NAME, text.encode("utf-8"))
