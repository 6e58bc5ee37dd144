"""Reads a form given as JSON (the form.json an archive carries) into plain data, under the same
limits as a form file: at most `MAX_FILE_BYTES` and `MAX_NODES` values, `MAX_NESTING` levels,
whole numbers of at most `MAX_INTEGER_DIGITS` digits, finite numbers only (no NaN or Infinity),
no duplicate keys, and text that is Unicode (JSON's `\\ud800` escape can write a lone surrogate,
which YAML refuses).

JSON has no source map here: problems are addressed by their path in the data.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from selfassess.core.forms.yaml_source import (
    MAX_FILE_BYTES,
    MAX_INTEGER_DIGITS,
    MAX_NESTING,
    MAX_NODES,
    DataPath,
    Location,
)


@dataclass
class JsonProblem(Exception):
    """A problem that stops the JSON from being read, with its place when it is known."""

    message: str
    location: Location | None = None


@dataclass(frozen=True)
class ValueProblem:
    """A value refused inside readable JSON."""

    path: DataPath
    message: str


def load_json(body: bytes | str) -> tuple[Any, list[ValueProblem]]:
    """The data of one JSON document, and the values refused in it; raises JsonProblem."""
    size = len(body) if isinstance(body, bytes) else len(body.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise JsonProblem(f"the form is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    text = _text(body)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_mapping,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise JsonProblem(f"not valid JSON: {exc.msg}", Location(exc.lineno, exc.colno)) from None
    except RecursionError:
        raise JsonProblem(f"nested more than {MAX_NESTING} levels deep") from None
    except ValueError as exc:  # from the hooks below
        raise JsonProblem(str(exc)) from None
    return data, _problems(data)


def _text(body: bytes | str) -> str:
    if isinstance(body, str):
        return body
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise JsonProblem("the form is not UTF-8 text", Location(line, 1)) from None


def _mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if not _is_unicode(key):
            raise ValueError("a key holds a character that is not Unicode")
        if key in out:
            raise ValueError(f"duplicate key '{key[:60]}'")
        out[key] = value
    return out


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise ValueError(f"the number {text[:12]}… has more than {MAX_INTEGER_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"the number {text[:12]}… is too large")
    return number


def _constant(text: str) -> float:
    raise ValueError(f"{text} is not a number a form may hold")


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _problems(data: Any) -> list[ValueProblem]:
    """Values nested too deeply and text that is not Unicode, found without recursion; raises
    JsonProblem past MAX_NODES values."""
    problems: list[ValueProblem] = []
    stack: list[tuple[Any, DataPath]] = [(data, ())]
    seen = 0
    while stack:
        node, path = stack.pop()
        seen += 1 if not isinstance(node, dict) else 1 + len(node)  # a key counts, as in YAML
        if seen > MAX_NODES:
            raise JsonProblem(f"the form holds more than {MAX_NODES} keys, values and items")
        children: list[tuple[str | int, Any]]
        if isinstance(node, str) and not _is_unicode(node):
            problems.append(ValueProblem(path, "the text holds a character that is not Unicode"))
            continue
        if isinstance(node, dict):
            children = list(node.items())
        elif isinstance(node, list):
            children = list(enumerate(node))
        else:
            continue
        if len(path) >= MAX_NESTING and children:
            problems.append(ValueProblem(path, f"nested more than {MAX_NESTING} levels deep"))
            continue
        stack.extend((child, (*path, key)) for key, child in children)
    return problems
