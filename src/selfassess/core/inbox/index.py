"""This machine's index of an inbox folder (SQLite, in the data home): one row per stored pack,
accepted or in quarantine, with its verdict and what the inbox reads of its data.

The index is derived from the folder alone: deleting it loses nothing (`rebuild` makes it
again), an index of an older layout or a damaged file is simply made afresh, and it is never
kept in the shared folder (a live SQLite file copied between machines is corrupted).

Beside each accepted pack's row it keeps the data the spreadsheets read (`PackData`: its
response.json compressed, its signer's certificate, and its form.json once per distinct form),
so that an export of 500 packs reads no PDF again.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.core.errors import StoreError
from selfassess.core.findings import Finding
from selfassess.core.inbox.folder import InboxFolder

LAYOUT = "2"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS packs (
    sha256 TEXT PRIMARY KEY,
    accepted INTEGER NOT NULL,
    signer_status TEXT,
    certified_by TEXT,
    reasons TEXT NOT NULL,
    notes TEXT NOT NULL,
    signed_at TEXT,
    signer TEXT,
    fingerprint TEXT,
    supplier_key TEXT,
    organisation TEXT,
    country TEXT,
    assessment TEXT,
    revision INTEGER,
    finalized_at TEXT,
    assessed_on TEXT,
    facts TEXT,
    details TEXT,
    indexed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS packs_by_supplier ON packs (supplier_key, assessed_on);
CREATE TABLE IF NOT EXISTS pack_data (
    sha256 TEXT PRIMARY KEY,
    response BLOB NOT NULL,
    form_sha256 TEXT NOT NULL,
    certificate BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS forms (sha256 TEXT PRIMARY KEY, form BLOB NOT NULL);
"""
_DROPPED = "DROP TABLE IF EXISTS packs; DROP TABLE IF EXISTS pack_data; DROP TABLE IF EXISTS forms;"
_COLUMNS = (
    "sha256, accepted, signer_status, certified_by, reasons, notes, signed_at, signer, "
    "fingerprint, supplier_key, organisation, country, assessment, revision, finalized_at, "
    "assessed_on, facts"
)


@dataclass(frozen=True)
class PackRow:
    """One stored pack as indexed (without its details, read apart)."""

    sha256: str
    accepted: bool
    signer_status: str | None = None
    certified_by: str | None = None
    reasons: tuple[Finding, ...] = ()
    notes: tuple[Finding, ...] = ()
    signed_at: str | None = None
    signer: str | None = None  # "name, organisation (country)", made visible
    fingerprint: str | None = None
    supplier_key: str | None = None
    organisation: str | None = None
    country: str | None = None
    assessment: str | None = None
    revision: int | None = None
    finalized_at: str | None = None
    assessed_on: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PackData:
    """What the spreadsheets read of an accepted pack: its response.json zlib-compressed, its
    form.json (kept once per SHA-256: most packs carry the same form), its certificate."""

    response: bytes
    form_sha256: str
    form: bytes
    certificate: bytes  # DER

    @classmethod
    def of(cls, response_json: bytes, form_json: bytes, certificate: bytes) -> PackData:
        import hashlib

        form_sha = hashlib.sha256(form_json).hexdigest()
        return cls(zlib.compress(response_json, 1), form_sha, form_json, certificate)


@dataclass(frozen=True)
class StoredData:
    """A pack's data as the index kept it: response.json and form.json as bytes, the
    certificate as DER."""

    response_json: bytes
    form_json: bytes
    certificate: bytes


class InboxIndex:
    """The index of one inbox folder on this machine."""

    def __init__(self, folder: InboxFolder, *, timeout: float = 30.0) -> None:
        """`timeout`: how long to wait, in seconds, for another process holding the index."""
        self.folder = folder
        self.path = folder.index_path
        self.timeout = timeout
        self.remade = False  # the file was damaged or of another layout, and made afresh
        self._conn = self._connect()

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> InboxIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def take_remade(self) -> bool:
        """Whether the index was made afresh (damaged, or of another layout) since an import
        last said so."""
        with self.writing():
            remade = _meta(self._conn, "remade") is not None
            self._conn.execute("DELETE FROM meta WHERE key = 'remade'")
        return remade

    def indexed(self) -> dict[str, bool]:
        """Every indexed pack's SHA-256: True when accepted, False in quarantine."""
        rows = self._conn.execute("SELECT sha256, accepted FROM packs")
        return {sha: bool(accepted) for sha, accepted in rows}

    def put(
        self,
        rows: Iterable[tuple[PackRow, dict[str, Any]]],
        data: Mapping[str, PackData] | None = None,
    ) -> None:
        """Index packs (a row and its details each), replacing what was indexed under their
        SHA-256, with the data of the accepted ones (`data`, by SHA-256), in one transaction."""
        from datetime import UTC, datetime

        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = list(rows)
        data = data or {}
        kept = [
            (row.sha256, data[row.sha256]) for row, _ in rows if row.accepted and row.sha256 in data
        ]
        with self.writing():
            self._conn.executemany(
                f"INSERT OR REPLACE INTO packs ({_COLUMNS}, details, indexed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*_values(row), json.dumps(details), now) for row, details in rows],
            )
            self._conn.executemany(
                "DELETE FROM pack_data WHERE sha256 = ?", [(row.sha256,) for row, _ in rows]
            )
            self._conn.executemany(
                "INSERT INTO pack_data VALUES (?, ?, ?, ?)",
                [(sha, item.response, item.form_sha256, item.certificate) for sha, item in kept],
            )
            self._put_forms({item.form_sha256: item.form for _, item in kept})

    def _put_forms(self, forms: dict[str, bytes]) -> None:
        held = {sha for (sha,) in self._conn.execute("SELECT sha256 FROM forms")}
        self._conn.executemany(
            "INSERT INTO forms VALUES (?, ?)",
            [(sha, zlib.compress(form, 1)) for sha, form in forms.items() if sha not in held],
        )

    def remove(self, hashes: Iterable[str]) -> None:
        wanted = [(h,) for h in hashes]
        with self.writing():
            self._conn.executemany("DELETE FROM packs WHERE sha256 = ?", wanted)
            self._conn.executemany("DELETE FROM pack_data WHERE sha256 = ?", wanted)

    def clear(self) -> None:
        with self.writing():
            self._conn.execute("DELETE FROM packs")
            self._conn.execute("DELETE FROM pack_data")

    def data(self, sha256: str) -> StoredData | None:
        """The data kept of an accepted pack (None for a pack in quarantine)."""
        found = self._conn.execute(
            "SELECT d.response, f.form, d.certificate FROM pack_data d "
            "JOIN forms f ON f.sha256 = d.form_sha256 WHERE d.sha256 = ?",
            (sha256,),
        ).fetchone()
        if found is None:
            return None
        response, form, certificate = found
        return StoredData(zlib.decompress(response), _form_json(form), bytes(certificate))

    def rows(self, *, accepted: bool | None = True) -> list[PackRow]:
        """The indexed packs (accepted ones, those in quarantine, or all), oldest first."""
        where = "" if accepted is None else f"WHERE accepted = {int(accepted)}"
        query = f"SELECT {_COLUMNS} FROM packs {where} ORDER BY assessed_on, finalized_at, sha256"
        return [_row(values) for values in self._conn.execute(query)]

    def details(self, sha256: str) -> dict[str, Any]:
        found = self._conn.execute("SELECT details FROM packs WHERE sha256 = ?", (sha256,))
        value = found.fetchone()
        return json.loads(value[0]) if value and value[0] else {}

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._opened()
        except sqlite3.OperationalError as exc:  # locked, busy, a full disk: not damage
            raise StoreError.of(
                "the inbox's index {path} cannot be opened: {reason}", path=self.path, reason=exc
            ) from None
        except sqlite3.DatabaseError:  # not a database, or a damaged one: made again
            self.remade = True
            _remove(self.path)
            conn = self._opened()
        except OSError as exc:
            raise StoreError.of(
                "the inbox's index {path} cannot be opened: {reason}",
                path=self.path,
                reason=exc.strerror or exc,
            ) from None
        return conn

    def _opened(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")  # once, when the index is made
            layout = _meta(conn, "layout")
            folder = _meta(conn, "folder")
            if layout not in (None, LAYOUT) or folder not in (None, str(self.folder.root)):
                self.remade = True
                conn.executescript(f"{_DROPPED} DROP TABLE IF EXISTS meta;")
            conn.executescript(_SCHEMA)
            if self.remade:  # said by the next import (`take_remade`), whoever opened it
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('remade', '1')")
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('layout', ?)", (LAYOUT,))
            conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('folder', ?)", (str(self.folder.root),)
            )
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write at a time on this machine: a transaction on the index, which the buyer's
        log borrows as its lock."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            raise StoreError.of(
                "the inbox's index {path} cannot be written: {reason}", path=self.path, reason=exc
            ) from None


@functools.lru_cache(maxsize=4)
def _form_json(compressed: bytes) -> bytes:
    """A form decompressed once for the packs that carry it (the same bytes: the same form,
    which `pack.recompute` then loads once)."""
    return zlib.decompress(compressed)


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        found = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # no table yet
        return None
    return str(found[0]) if found else None


def _values(row: PackRow) -> tuple[object, ...]:
    return (
        row.sha256,
        int(row.accepted),
        row.signer_status,
        row.certified_by,
        _findings_json(row.reasons),
        _findings_json(row.notes),
        row.signed_at,
        row.signer,
        row.fingerprint,
        row.supplier_key,
        row.organisation,
        row.country,
        row.assessment,
        row.revision,
        row.finalized_at,
        row.assessed_on,
        json.dumps(row.facts),
    )


def _row(values: tuple[Any, ...]) -> PackRow:
    (sha, accepted, status, certified, reasons, notes, signed_at, signer, fingerprint) = values[:9]
    (key, organisation, country, assessment, revision, finalized, assessed, facts) = values[9:]
    return PackRow(
        sha,
        bool(accepted),
        status,
        certified,
        _findings(reasons),
        _findings(notes),
        signed_at,
        signer,
        fingerprint,
        key,
        organisation,
        country,
        assessment,
        revision,
        finalized,
        assessed,
        json.loads(facts) if facts else {},
    )


def _findings_json(findings: tuple[Finding, ...]) -> str:
    return json.dumps([[f.message_id, f.params] for f in findings], default=str)


def _findings(text: str) -> tuple[Finding, ...]:
    return tuple(Finding(message, dict(params)) for message, params in json.loads(text or "[]"))


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
