"""Reads YAML into plain data plus a source map giving the line and column of every key and value.

Scalars follow YAML 1.2's core schema: only `true`/`false` are booleans (so a choice named `no`
stays text), and dates stay text for the models to parse. Anchors, aliases, merge keys, custom tags
and duplicate keys are refused: a questionnaire should read the same to a person as to the app.

Nothing in the text can make reading it costly or crash it: files are at most `MAX_FILE_BYTES`
and `MAX_NODES` nodes, nesting at most `MAX_NESTING` levels, whole numbers at most
`MAX_INTEGER_DIGITS` digits and other numbers finite; an alias is refused where it is used, never
expanded (no "billion laughs").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

DataPath = tuple[str | int, ...]
MAX_FILE_BYTES = 8 * 1024 * 1024
"""The largest form file; the full self-assessment, in three languages, is 150 KB."""
MAX_NESTING = 64
"""The deepest nesting of mappings and lists; a questionnaire needs about a dozen levels."""
MAX_NODES = 500_000
"""The most keys, values and items a file may hold; the full self-assessment has about 5,000."""
MAX_INTEGER_DIGITS = 30

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAG = "tag:selfassess,2026:plain"  # a plain scalar, resolved by _resolve_plain
_STANDARD_TAGS = {_STR_TAG, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_BASE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """The fast loader, with PyYAML's YAML 1.1 implicit typing replaced by a plain marker.

    Untagged scalars are typed by `_resolve_plain` (YAML 1.2 core schema); quoted ones are text.
    """

    nodes = 0

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        self.nodes += 1  # libyaml's composer asks for every node: the cheapest place to count
        if self.nodes > MAX_NODES:
            raise _TooManyNodes
        if kind is yaml.ScalarNode:
            return _PLAIN_TAG if implicit[0] else _STR_TAG
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


class _TooManyNodes(Exception):
    """Raised from inside the composer, which then stops at once."""


_LOADER = _Loader
_ALIAS_MESSAGE = "anchors and aliases are not supported"


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass
class SourceMap:
    """Locations of keys and values, addressed by their path in the loaded data.

    It keeps the parser's nodes and turns them into Locations only when asked, which is rare:
    building a Location for each of a large form's nodes would cost more than parsing it.
    """

    values: dict[DataPath, yaml.Node] = field(default_factory=dict)
    keys: dict[DataPath, yaml.Node] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Location | None:
        """The location of `path`, or of its nearest ancestor that has one."""
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            found = (self.keys.get(prefix) if key else None) or self.values.get(prefix)
            if found is not None:
                return _mark(found)
        return None

    def locate_in_text(self, path: DataPath, offset: int) -> Location | None:
        """The location of character `offset` of the scalar at `path`, where it can be known."""
        node = self.values.get(path)
        if not isinstance(node, yaml.ScalarNode):
            return self.locate(path)
        start = _mark(node)
        style = node.style or None  # libyaml says '' for plain scalars, PyYAML None
        if node.start_mark.line == node.end_mark.line and style in (None, "'", '"'):
            shift = 0 if style is None else 1
            return Location(start.line, start.column + shift + offset)
        return start


@dataclass
class YamlProblem(Exception):
    """A problem that stops the file from being read, or a refused construct, with its place."""

    message: str
    location: Location | None
    path: DataPath | None = None  # the value it makes unusable, when it is one


def load_yaml(text: str) -> tuple[Any, SourceMap, list[YamlProblem]]:
    """Parse one YAML document; returns the data, its source map and the refused constructs.

    Raises YamlProblem when the text is not YAML at all.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise YamlProblem(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", None)
    nodes = _compose(text)
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


def _compose(text: str) -> list[yaml.Node]:
    """The documents' node trees; raises YamlProblem, located where the parser can say."""
    try:
        return list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(mark.line + 1, mark.column + 1) if mark else None
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlProblem(f"not valid YAML: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}", None) from None
    except UnicodeEncodeError as exc:  # a lone surrogate, from text that never was a file
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - text.rfind("\n", 0, exc.start)
        unicode = YamlProblem("not valid YAML: a character is not Unicode", Location(line, column))
        raise unicode from None
    except _TooManyNodes:
        message = f"the file holds more than {MAX_NODES} keys, values and items"
        raise YamlProblem(message, None) from None
    except RecursionError:  # the pure-Python parser, where libyaml (which stops at 1000) is absent
        raise YamlProblem(f"nested more than {MAX_NESTING} levels deep", None) from None


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
            self.problems.append(YamlProblem(_ALIAS_MESSAGE, _mark(node), path))
            return None
        self.seen.add(id(node))
        self.source_map.values[path] = node
        if node.tag not in _STANDARD_TAGS and node.tag != _PLAIN_TAG:
            self.problems.append(YamlProblem(f"unsupported tag {node.tag}", _mark(node), path))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if len(path) >= MAX_NESTING:
            message = f"nested more than {MAX_NESTING} levels deep"
            self.problems.append(YamlProblem(message, _mark(node), path))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]

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
                first = _mark(self.source_map.keys[child])
                self.problems.append(
                    YamlProblem(
                        f"duplicate key '{key}' (first given at line {first.line})",
                        _mark(key_node),
                    )
                )
                continue
            self.source_map.keys[child] = key_node
            out[key] = self.build(value_node, child)
        return out

    def scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        value: str = node.value
        if node.tag != _PLAIN_TAG:
            return value
        try:
            return _resolve_plain(value)
        except ValueError as exc:
            self.problems.append(YamlProblem(str(exc), _mark(node), path))
            return None


def _resolve_plain(value: str) -> Any:
    """The value of an unquoted scalar; raises ValueError for a number beyond the limits."""
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_INTEGER_DIGITS:
            raise ValueError(f"the number {value[:12]}… has more than {MAX_INTEGER_DIGITS} digits")
        return int(value)
    if _FLOAT.fullmatch(value):
        number = float(value)
        if not math.isfinite(number):
            shown = value if len(value) <= 16 else value[:12] + "…"
            raise ValueError(f"the number {shown} is too large")
        return number
    return value
