"""A problem found in a validated form, addressed by its path in the data (located later)."""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.forms.diagnostics import Level
from selfassess.core.forms.yaml_source import DataPath


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at `path`; `offset` is a character offset inside the scalar there, if known."""

    level: Level
    path: DataPath
    message: str
    offset: int | None = None
    related: DataPath | None = None  # an earlier place the message refers to ("first used at")

    @classmethod
    def error(cls, path: DataPath, message: str, offset: int | None = None) -> Finding:
        return cls(Level.ERROR, path, message, offset)

    @classmethod
    def warning(cls, path: DataPath, message: str) -> Finding:
        return cls(Level.WARNING, path, message)
