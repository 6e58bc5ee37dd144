"""The country and area risk table: ISO 3166 countries and first-level subdivisions, each with a
level (origin risk, transit risk), its reasons in three languages, its sources and the table's
"as of" date (docs/risk.md).

The table shipped in the package (`selfassess/data/risk/risk-areas.json`) is used unless a newer
one was installed in the data home (`selfassess riskdata install`, checked against a programme
root the user trusts): nothing is ever fetched. The version in use is recorded with every
assessment that used it.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from selfassess.core.errors import InvalidInput, StoreError, UserError
from selfassess.core.findings import Finding

BUILT_IN = Path(__file__).resolve().parent.parent.parent / "data" / "risk" / "risk-areas.json"
INSTALLED = Path("risk-data") / "risk-areas.json"
MAX_TABLE_BYTES = 4 * 1024 * 1024
AreaCode = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
MAX_NESTING = 32
"""A table nests five levels; JSON nested deeper is refused before it is parsed."""


def _plain(text: str) -> str:
    """Text shown to people as it is: no control, format or line-separator characters (a signed
    table must not be able to forge lines of output or reverse text)."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        raise ValueError("text may not hold control, format or line-separator characters")
    return text


Text = Annotated[str, AfterValidator(_plain)]


class Level(StrEnum):
    """How an area is listed."""

    ORIGIN = "origin_risk"  # minerals from here come from a conflict-affected or high-risk area
    TRANSIT = "transit_risk"  # minerals passing through here may come from one


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _with_english(words: dict[str, str]) -> dict[str, str]:
    if "en" not in words:
        raise ValueError("give the English text (en), and French and Swahili where known")
    return words


Words = Annotated[
    dict[
        Annotated[str, Field(pattern=r"^[a-z]{2,3}$")],
        Annotated[Text, Field(min_length=1, max_length=2000)],
    ],
    AfterValidator(_with_english),
]


class Source(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
    short: Annotated[Text, Field(min_length=1, max_length=80)]
    title: Annotated[Text, Field(min_length=1, max_length=500)]
    url: Annotated[Text, Field(max_length=500)] | None = None


class Area(_Model):
    """A listed country (CD) or first-level subdivision (CD-SK)."""

    code: AreaCode
    names: Words
    aliases: list[Annotated[Text, Field(min_length=1, max_length=80)]] = Field(default_factory=list)
    level: Level
    reasons: list[Words] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)

    @property
    def country(self) -> str:
        return self.code[:2]

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.code


class RiskTable(_Model):
    """The whole table, dated."""

    format: int = Field(ge=1, le=1)
    # year.month.release, without leading zeros, so that one version is written one way
    version: Annotated[str, Field(pattern=r"^20[2-9][0-9]\.(1[0-2]|[1-9])\.(0|[1-9][0-9]{0,2})$")]
    as_of: date
    title: Words
    notice: Words | None = None
    sources: list[Source] = Field(min_length=1)
    areas: list[Area] = Field(min_length=1)

    def area(self, code: str) -> Area | None:
        return next((area for area in self.areas if area.code == code), None)

    def source(self, source_id: str) -> Source | None:
        return next((source for source in self.sources if source.id == source_id), None)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def parse_table(data: bytes, where: str) -> RiskTable:
    """The table in `data` (JSON), checked: every area's sources declared, codes and source ids
    unique."""
    if json_nesting(data) > MAX_NESTING:
        raise InvalidInput.of(
            "{where} is not a risk table: {place}: {problem}",
            where=where,
            place="the table",
            problem=f"nested deeper than {MAX_NESTING} levels",
        )
    try:
        table = RiskTable.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(part) for part in first["loc"]) or "the table"
        raise InvalidInput.of(
            "{where} is not a risk table: {place}: {problem}",
            where=where,
            place=place,
            problem=first["msg"],
        ) from None
    _check_references(table, where)
    return table


def json_nesting(data: bytes) -> int:
    """How deep brackets nest in JSON text, outside strings (no recursion, one pass)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _check_references(table: RiskTable, where: str) -> None:
    declared: set[str] = set()
    for source in table.sources:
        if source.id in declared:
            raise InvalidInput.of(
                "{where} is not a risk table: source {source} comes twice",
                where=where,
                source=source.id,
            )
        declared.add(source.id)
    codes: set[str] = set()
    for area in table.areas:
        unknown = [s for s in area.sources if s not in declared]
        if unknown:
            raise InvalidInput.of(
                "{where} is not a risk table: area {code} names the unknown source {source}",
                where=where,
                code=area.code,
                source=unknown[0],
            )
        if area.code in codes:
            raise InvalidInput.of(
                "{where} is not a risk table: area {code} comes twice", where=where, code=area.code
            )
        codes.add(area.code)


@functools.cache
def built_in_table() -> RiskTable:
    """The table shipped in the package (read once: it never changes while the app runs)."""
    return _read(BUILT_IN)


def installed_table(home: Path) -> RiskTable | None:
    """The table installed in `home`, if any; raises when it cannot be read or is not a table.
    Read again only when the file changed (every judgement asks for it)."""
    path = home / INSTALLED
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError.of(
            "{path} cannot be read ({reason})", path=path, reason=exc.strerror or exc
        ) from None
    return _read_cached(path, status.st_mtime_ns, status.st_size)


def installed_problem(home: Path) -> UserError | None:
    """Why the installed table cannot be used (the built-in one is used meanwhile), or None."""
    try:
        installed_table(home)
    except UserError as problem:
        return problem
    return None


def current_table(home: Path | None) -> RiskTable:
    """The newest of the built-in table and the one installed in `home`; the built-in one when
    the installed file is damaged (`selfassess doctor` and `riskdata show` say so, and
    `riskdata remove` or a new install mends it)."""
    built_in = built_in_table()
    installed = _usable_installed(home)
    if installed is not None and version_key(installed.version) > version_key(built_in.version):
        return installed
    return built_in


def table_of_version(home: Path | None, version: str) -> RiskTable | None:
    """The table of that version, when this computer has it (built in or installed)."""
    for table in (built_in_table(), _usable_installed(home)):
        if table is not None and table.version == version:
            return table
    return None


def damaged_notice(home: Path) -> Finding | None:
    """What to tell the user when the installed table is damaged."""
    problem = installed_problem(home)
    if problem is None:
        return None
    return Finding.of(
        "the installed risk data cannot be used ({problem}): the built-in risk data {version} "
        "is used; install the programme's file again, or remove it with `selfassess riskdata "
        "remove`",
        problem=str(problem),
        version=built_in_table().version,
    )


def _usable_installed(home: Path | None) -> RiskTable | None:
    if home is None:
        return None
    try:
        return installed_table(home)
    except UserError:
        return None


@functools.lru_cache(maxsize=8)
def _read_cached(path: Path, _mtime_ns: int, _size: int) -> RiskTable:
    return _read(path)


def _read(path: Path) -> RiskTable:
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise InvalidInput.of("{path} is larger than a risk table can be", path=path)
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError.of(
            "{path} cannot be read ({reason})", path=path, reason=exc.strerror or exc
        ) from None
    return parse_table(data, str(path))


def table_json(table: RiskTable) -> bytes:
    """The table as the canonical JSON a programme signs."""
    data = table.model_dump(mode="json")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
