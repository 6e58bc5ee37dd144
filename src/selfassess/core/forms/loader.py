"""Loads a questionnaire: YAML (a form file) or JSON (a form carried in an archive), then the
models, then the whole-form checks, reporting every problem with its file, line, column and place
in the form.

No input makes loading raise, hang or run out of memory: every limit (`yaml_source`, the
expression language) turns into a located diagnostic, and `load_form`, `load_form_text` and
`load_form_json` turn anything unforeseen into a diagnostic too, never a traceback.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from selfassess.core.forms.checks import check_structure
from selfassess.core.forms.diagnostics import Diagnostic, Level, describe
from selfassess.core.forms.expressions import check_expressions
from selfassess.core.forms.findings import Finding
from selfassess.core.forms.json_source import JsonProblem, load_json
from selfassess.core.forms.model import FIELD_NAMES, Form
from selfassess.core.forms.yaml_source import (
    MAX_FILE_BYTES,
    DataPath,
    Location,
    SourceMap,
    YamlProblem,
    load_yaml,
)

_SHOWN_CHARACTERS = 60
MAX_REPORTED = 200
"""The most diagnostics reported for one file; the rest are counted."""
_UNTOLD = re.compile(r"and ([0-9]+) more problems")


def _untold(count: int) -> str:
    """The message that counts the problems not reported."""
    return f"and {count} more problems"


@dataclass
class LoadResult:
    """A form file's outcome: the form when it has no errors, and every diagnostic."""

    file: str
    form: Form | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.WARNING]

    def ok(self, *, strict: bool = False) -> bool:
        """No errors (and, when strict, no warnings either)."""
        return self.form is not None and not self.errors and not (strict and self.warnings)


def load_form(path: Path, display_name: str | None = None) -> LoadResult:
    """Read, validate and check the form at `path`; never raises for a bad file."""
    name = display_name or str(path)
    try:
        if path.exists() and not path.is_file():  # a pipe or a device would block the read
            return _failed(name, "not a file (a folder, a pipe or a device)")
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return _failed(name, f"cannot read the file: {exc.strerror or exc}")
    if len(raw) > MAX_FILE_BYTES:
        return _failed(name, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _failed(name, "the file is not UTF-8 text", line)
    return load_form_text(text, name)


def load_form_text(text: str, name: str) -> LoadResult:
    """Validate and check a form given as YAML text; `name` is used in diagnostics."""
    try:
        return _load_yaml_form(text, name)
    except Exception as exc:  # the last line of defence: a diagnostic, never a crash
        return _failed(name, _unforeseen(exc))


def load_form_json(body: bytes | str, name: str) -> LoadResult:
    """Validate and check a form given as JSON (an archive's form.json): the same models and
    checks as a form file, so a form is held to the same rules whichever way it comes."""
    try:
        return _load_json_form(body, name)
    except Exception as exc:  # the last line of defence: a diagnostic, never a crash
        return _failed(name, _unforeseen(exc))


def _unforeseen(exc: Exception) -> str:
    detail = _shown(str(exc))
    return f"the form could not be checked ({type(exc).__name__}: {detail}); it is skipped"


def _load_yaml_form(text: str, name: str) -> LoadResult:
    try:
        data, source_map, problems = load_yaml(text)
    except YamlProblem as unreadable:
        return _failed_at(name, unreadable.location, unreadable.message)
    diagnostics = [Diagnostic(Level.ERROR, name, p.location, "", p.message) for p in problems]
    spoilt = {p.path for p in problems if p.path is not None}
    return _result(name, data, source_map, diagnostics, spoilt)


def _load_json_form(body: bytes | str, name: str) -> LoadResult:
    try:
        data, problems = load_json(body)
    except JsonProblem as unreadable:
        return _failed_at(name, unreadable.location, unreadable.message)
    diagnostics = [
        Diagnostic(Level.ERROR, name, None, describe(p.path, data), p.message) for p in problems
    ]
    spoilt = {p.path for p in problems}
    return _result(name, data, SourceMap(), diagnostics, spoilt)


def _result(
    name: str,
    data: Any,
    source_map: SourceMap,
    diagnostics: list[Diagnostic],
    spoilt: set[DataPath],
) -> LoadResult:
    """The outcome once the text is read; `spoilt` are values the reader already refused."""
    form = _validated(data, source_map, name, diagnostics, spoilt)
    diagnostics.sort(key=_position)
    result = LoadResult(name, None, _at_most(diagnostics, name))
    if form is not None and not result.errors:
        result.form = form
    return result


def _at_most(diagnostics: list[Diagnostic], name: str) -> list[Diagnostic]:
    """The first MAX_REPORTED diagnostics, and one that says how many more there are."""
    counts = [_UNTOLD.fullmatch(d.message) for d in diagnostics]
    told = [d for d, count in zip(diagnostics, counts, strict=True) if count is None]
    untold = [d for d, count in zip(diagnostics, counts, strict=True) if count is not None]
    more = len(told[MAX_REPORTED:]) + sum(int(count[1]) for count in counts if count)
    if not more:
        return told
    rest = told[MAX_REPORTED:] + untold
    level = Level.ERROR if any(d.level is Level.ERROR for d in rest) else Level.WARNING
    return [
        *told[:MAX_REPORTED],
        Diagnostic(level, name, None, "", _untold(more)),
    ]


def _validated(
    data: Any,
    source_map: SourceMap,
    name: str,
    diagnostics: list[Diagnostic],
    spoilt: set[DataPath],
) -> Form | None:
    """The form when the data fits the models; appends what is wrong to `diagnostics`."""
    if not isinstance(data, dict):
        message = "a form must be a mapping of keys"
        diagnostics.append(Diagnostic(Level.ERROR, name, source_map.locate(()), "", message))
        return None
    try:
        form = Form.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(_validation_diagnostics(exc, data, source_map, name, spoilt))
        return None
    findings = check_structure(form) + check_expressions(form)
    diagnostics.extend(_locate(finding, data, source_map, name) for finding in findings)
    return form


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    location = diagnostic.location
    return (location.line, location.column) if location else (0, 0)


def _failed(name: str, message: str, line: int | None = None) -> LoadResult:
    return _failed_at(name, Location(line, 1) if line else None, message)


def _failed_at(name: str, location: Location | None, message: str) -> LoadResult:
    return LoadResult(name, None, [Diagnostic(Level.ERROR, name, location, "", message)])


def _shown(value: object) -> str:
    """A value as a message quotes it: long ones cut short."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= _SHOWN_CHARACTERS else text[: _SHOWN_CHARACTERS - 1] + "…"


def _locate(finding: Finding, data: Any, source_map: SourceMap, name: str) -> Diagnostic:
    if finding.offset is not None:
        location = source_map.locate_in_text(finding.path, finding.offset)
    else:
        location = source_map.locate(finding.path, key=True)
    message = finding.message
    if finding.related is not None:
        first = source_map.locate(finding.related, key=True)
        message += f" (first used at line {first.line})" if first else ""
    return Diagnostic(finding.level, name, location, describe(finding.path, data), message)


def _validation_diagnostics(
    exc: ValidationError, data: Any, source_map: SourceMap, name: str, spoilt: set[DataPath]
) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    seen: set[tuple[DataPath, str]] = set()
    errors = exc.errors(include_url=False)
    bad_keys = {_data_path(e["loc"], data) for e in errors if e["loc"][-1:] == ("[key]",)}
    if len(errors) > MAX_REPORTED:  # a file of many thousand mistakes: the first ones suffice
        untold = _untold(len(errors) - MAX_REPORTED)
        diagnostics.append(Diagnostic(Level.ERROR, name, None, "", untold))
        errors = errors[:MAX_REPORTED]
    for error in errors:
        path = _data_path(error["loc"], data)
        if path in bad_keys and error["loc"][-1:] != ("[key]",):
            continue  # the value of a key already reported as wrong
        if path in spoilt:
            continue  # a value the reader refused (a number too large, an alias)
        message = _message(error, path)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        names_field = error["type"] in ("extra_forbidden", "missing")
        location = source_map.locate(path, key=names_field)
        where = describe(path[:-1] if names_field else path, data)
        diagnostics.append(Diagnostic(Level.ERROR, name, location, where, message))
    return diagnostics


def _data_path(loc: tuple[int | str, ...], data: Any) -> DataPath:
    """Pydantic's error location as a path in the data, without the type names pydantic adds."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if step == "[key]":
            continue  # pydantic marks an invalid key so; the path already names it
        if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str):
            if step in node:
                node = node[step]
            elif node.get("type") == step or _is_type_name(step):
                continue  # the union member pydantic tried, not a key of the data
            else:
                node = None  # a missing or unknown key: it names the problem
        else:
            continue
        path.append(step)
    return tuple(path)


def _is_type_name(step: str) -> bool:
    return step in {"str", "bool", "int", "float"} or "[" in step


def _message(error: ErrorDetails, path: DataPath) -> str:
    kind = error["type"]
    field_name = path[-1] if path else ""
    if kind == "missing":
        return f"missing required field '{field_name}'"
    if kind == "extra_forbidden":
        return _unknown_field(str(field_name))
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        tag = error.get("ctx", {}).get("tag", "")
        return f"unknown question type '{tag}'; expected one of {expected}"
    if kind == "union_tag_not_found":
        return "missing required field 'type'"
    if kind == "string_pattern_mismatch" and error["loc"][-1] == "[key]":
        message = f"'{_shown(field_name)}' is not a language code; use a code such as en, fr or sw"
        if " " in str(field_name):
            message += " (a comma in unquoted text ends the value: put the text in quotes)"
        return message
    if kind == "string_pattern_mismatch":
        shown = _shown(error["input"])
        return f"'{shown}' is not a valid {field_name or 'value'}: {_pattern_hint(path)}"
    if kind == "literal_error" and field_name == "format":
        return f"unsupported format version {_shown(repr(error['input']))}; this app reads format 1"
    return error["msg"][:1].lower() + error["msg"][1:]


def _unknown_field(name: str) -> str:
    close = difflib.get_close_matches(name, FIELD_NAMES, n=1, cutoff=0.75) if len(name) < 40 else []
    return f"unknown field '{_shown(name)}'" + (f"; did you mean '{close[0]}'?" if close else "")


def _pattern_hint(path: DataPath) -> str:
    if "languages" in path or "default_language" in path:
        return "use a 2- or 3-letter language code such as en, fr or sw"
    if path == ("id",):
        return "use lower-case letters, digits, '.', '_' or '-', such as quick-scan"
    if path == ("version",):
        return "use digits, letters, '.', '+' or '-', such as 1.2.0"
    if path[-1:] == ("name",) or "default" in path:
        return "use letters, digits, '.', '_' or '-'"
    return "use letters, digits, '.', '_' or '-', starting with a letter"
