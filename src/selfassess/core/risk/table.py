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
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from selfassess.core.errors import InvalidInput, StoreError

BUILT_IN = Path(__file__).resolve().parent.parent.parent / "data" / "risk" / "risk-areas.json"
INSTALLED = Path("risk-data") / "risk-areas.json"
MAX_TABLE_BYTES = 4 * 1024 * 1024
AreaCode = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]


class Level(StrEnum):
    """How an area is listed."""

    ORIGIN = "origin_risk"  # minerals from here come from a conflict-affected or high-risk area
    TRANSIT = "transit_risk"  # minerals passing through here may come from one


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Words = dict[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")], Annotated[str, Field(min_length=1)]]


class Source(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
    short: Annotated[str, Field(min_length=1, max_length=80)]
    title: Annotated[str, Field(min_length=1, max_length=500)]
    url: str | None = None


class Area(_Model):
    """A listed country (CD) or first-level subdivision (CD-SK)."""

    code: AreaCode
    names: Words
    aliases: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(default_factory=list)
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
    version: Annotated[str, Field(pattern=r"^[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,3}$")]
    as_of: date
    title: Words
    notice: Words | None = None
    sources: list[Source]
    areas: list[Area]

    def area(self, code: str) -> Area | None:
        return next((area for area in self.areas if area.code == code), None)

    def source(self, source_id: str) -> Source | None:
        return next((source for source in self.sources if source.id == source_id), None)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def parse_table(data: bytes, where: str) -> RiskTable:
    """The table in `data` (JSON), checked: every area's sources declared, codes unique."""
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
    declared = {source.id for source in table.sources}
    codes: set[str] = set()
    for area in table.areas:
        unknown = [s for s in area.sources if s not in declared]
        if unknown or area.code in codes:
            raise InvalidInput.of(
                "{where} is not a risk table: area {code} names an unknown source or comes twice",
                where=where,
                code=area.code,
            )
        codes.add(area.code)
    return table


@functools.cache
def built_in_table() -> RiskTable:
    """The table shipped in the package (read once: it never changes while the app runs)."""
    return _read(BUILT_IN)


def installed_table(home: Path) -> RiskTable | None:
    path = home / INSTALLED
    return _read(path) if path.is_file() else None


def current_table(home: Path | None) -> RiskTable:
    """The newest of the built-in table and the one installed in `home`."""
    built_in = built_in_table()
    installed = installed_table(home) if home is not None else None
    if installed is not None and version_key(installed.version) > version_key(built_in.version):
        return installed
    return built_in


def table_of_version(home: Path | None, version: str) -> RiskTable | None:
    """The table of that version, when this computer has it (built in or installed)."""
    for table in (built_in_table(), installed_table(home) if home is not None else None):
        if table is not None and table.version == version:
            return table
    return None


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
