"""Located problems found in a form file, and the words that say where in the form they are.

A diagnostic prints as `forms/x.yaml:214:9: question B1.3: relevant: unknown question 'B1.9'`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfassess.core.forms.yaml_source import DataPath, Location

# list field -> what one of its items is called, and whether the item has an id
_ITEM_NAMES: dict[str, tuple[str, bool]] = {
    "sections": ("section", True),
    "criteria": ("criterion", True),
    "questions": ("question", True),
    "choice_lists": ("choice list", True),
    "standards": ("standard", True),
    "glossary": ("glossary term", True),
    "choices": ("choice", False),
    "constraints": ("constraint", False),
    "status_rules": ("status rule", False),
    "actions": ("action", False),
    "references": ("reference", False),
    "levels": ("level", False),
    "rating_scale": ("rating level", False),
    "evidence_examples": ("evidence example", False),
}


_LONGEST_NAME = 64


class Level(StrEnum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: its level, the file, the place in the file and in the form, and the message."""

    level: Level
    file: str
    location: Location | None
    where: str
    message: str

    def format(self) -> str:
        place = self.file
        if self.location:
            place += f":{self.location.line}:{self.location.column}"
        prefix = "warning: " if self.level is Level.WARNING else ""
        where = f"{self.where}: " if self.where else ""
        return f"{place}: {prefix}{where}{self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "file": self.file,
            "line": self.location.line if self.location else None,
            "column": self.location.column if self.location else None,
            "where": self.where,
            "message": self.message,
        }


def describe(path: DataPath, data: Any) -> str:
    """Name `path` as a form author thinks of it: `question B1.3: constraints[2].message`.

    The innermost element with an id names the place; the rest of the path follows it.
    """
    anchor = ""
    rest: list[str] = []
    node = data
    index = 0
    while index < len(path):
        step = path[index]
        child = _child(node, step)
        item_name = _ITEM_NAMES.get(step) if isinstance(step, str) else None
        if item_name and index + 1 < len(path) and isinstance(path[index + 1], int):
            position = int(path[index + 1])
            item = _child(child, position)
            item_id = item.get("id") if isinstance(item, dict) and item_name[1] else None
            if isinstance(item_id, str) and item_id:
                anchor, rest = f"{item_name[0]} {_short(item_id)}", []
            else:
                rest.append(f"{step}[{position + 1}]")
            node = item
            index += 2
            continue
        rest.append(f"[{step + 1}]" if isinstance(step, int) else _short(step))
        node = child
        index += 1
    tail = ".".join(rest).replace(".[", "[")
    return ": ".join(part for part in (anchor, tail) if part)


def _short(name: str) -> str:
    """An id or key as a place names it: a hostile file's megabyte-long key cut short."""
    return name if len(name) <= _LONGEST_NAME else name[: _LONGEST_NAME - 1] + "…"


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
        return node[step]
    if isinstance(step, str) and isinstance(node, dict):
        return node.get(step)
    return None
