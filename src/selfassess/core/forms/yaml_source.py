"""Reads YAML into plain data plus a source map giving the line and column of every key and value.

Scalars follow YAML 1.2's core schema: only `true`/`false` are booleans (so a choice named `no`
stays text), and dates stay text for the models to parse. Anchors, aliases, merge keys, custom tags
and duplicate keys are refused: a questionnaire should read the same to a person as to the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

DataPath = tuple[str | int, ...]
MAX_FILE_BYTES = 10 * 1024 * 1024

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALIAS_MESSAGE = "anchors and aliases are not supported"


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ScalarSpan:
    """Where a scalar's text starts, and how it is written (plain, quoted or block)."""

    location: Location
    style: str | None
    single_line: bool


@dataclass
class SourceMap:
    """Locations of keys and values, addressed by their path in the loaded data."""

    values: dict[DataPath, Location] = field(default_factory=dict)
    keys: dict[DataPath, Location] = field(default_factory=dict)
    scalars: dict[DataPath, ScalarSpan] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Location | None:
        """The location of `path`, or of its nearest ancestor that has one."""
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            found = (self.keys.get(prefix) if key else None) or self.values.get(prefix)
            if found:
                return found
        return None

    def locate_in_text(self, path: DataPath, offset: int) -> Location | None:
        """The location of character `offset` of the scalar at `path`, where it can be known."""
        span = self.scalars.get(path)
        if span is None:
            return self.locate(path)
        if span.single_line and span.style in (None, "'", '"'):
            shift = 0 if span.style is None else 1
            return Location(span.location.line, span.location.column + shift + offset)
        return span.location


@dataclass
class YamlProblem(Exception):
    """A problem that stops the file from being read, or a refused construct, with its place."""

    message: str
    location: Location | None


def load_yaml(text: str) -> tuple[Any, SourceMap, list[YamlProblem]]:
    """Parse one YAML document; returns the data, its source map and the refused constructs.

    Raises YamlProblem when the text is not YAML at all.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise YamlProblem(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", None)
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(mark.line + 1, mark.column + 1) if mark else None
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlProblem(f"not valid YAML: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}", None) from None
    if not nodes:
        raise YamlProblem("the file is empty", Location(1, 1))
    if len(nodes) > 1:
        raise YamlProblem("the file holds more than one YAML document", _mark(nodes[1]))
    builder = _Builder()
    data = builder.build(nodes[0], ())
    if builder.aliased:
        builder.problems = [p for p in builder.problems if p.message != _ALIAS_MESSAGE]
        builder.problems += [YamlProblem(_ALIAS_MESSAGE, where) for where in _alias_marks(text)]
    return data, builder.source_map, builder.problems


def _alias_marks(text: str) -> list[Location]:
    """Where aliases (*name) are used; read again from the event stream, on this rare path only."""
    marks = [
        event.start_mark
        for event in yaml.parse(text, Loader=_LOADER)
        if isinstance(event, yaml.AliasEvent)
    ]
    return [Location(mark.line + 1, mark.column + 1) for mark in marks if mark is not None]


def _mark(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self) -> None:
        self.source_map = SourceMap()
        self.problems: list[YamlProblem] = []
        self.seen: set[int] = set()
        self.aliased = False

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        if id(node) in self.seen:
            self.aliased = True
            self.problems.append(YamlProblem(_ALIAS_MESSAGE, _mark(node)))
            return None
        self.seen.add(id(node))
        self.source_map.values[path] = _mark(node)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _STANDARD_TAGS:
            self.problems.append(YamlProblem(f"unsupported tag {node.tag}", _mark(node)))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key == "<<":
                what = "merge keys are" if key == "<<" else "keys must be plain text; this one is"
                self.problems.append(YamlProblem(f"{what} not supported", _mark(key_node)))
                continue
            child = (*path, key)
            if key in out:
                first = self.source_map.keys[child]
                self.problems.append(
                    YamlProblem(
                        f"duplicate key '{key}' (first given at line {first.line})",
                        _mark(key_node),
                    )
                )
                continue
            self.source_map.keys[child] = _mark(key_node)
            out[key] = self.build(value_node, child)
        return out

    def scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        single_line = node.start_mark.line == node.end_mark.line
        style = node.style or None  # libyaml says '' for plain scalars, PyYAML None
        self.source_map.scalars[path] = ScalarSpan(_mark(node), style, single_line)
        if node.tag not in _STANDARD_TAGS:
            self.problems.append(YamlProblem(f"unsupported tag {node.tag}", _mark(node)))
        value: str = node.value
        explicit_text = node.tag == "tag:yaml.org,2002:str" and _resolves_to_non_text(value)
        if style is not None or explicit_text:
            return value
        return _resolve_plain(value)


def _resolves_to_non_text(value: str) -> bool:
    return bool(_NULL.fullmatch(value) or value in _BOOL or _INT.fullmatch(value)) or bool(
        _FLOAT.fullmatch(value)
    )


def _resolve_plain(value: str) -> Any:
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value
