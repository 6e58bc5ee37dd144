"""The inbox folder: packs kept as they arrived, content-addressed, and where this machine keeps
its index of them.

    <inbox>/packs/ab/abcdef….pdf    one pack, named by the SHA-256 of its bytes
    <inbox>/buyer/<machine>.json    the buyer's records written on one machine (`buyer_log`)

A pack is written under a unique temporary name in its final folder, flushed to disk, then
renamed into place: two machines adding packs to a shared folder at once never see half a file,
and two adding the same pack write the same bytes under the same name. Nothing in the folder is
ever rewritten or deleted by the inbox.

The index is machine-local (`<data home>/inbox-index/<key>.sqlite3`, keyed by the folder's
resolved path): a live SQLite file must never be shared or synchronised.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from selfassess.core.errors import InvalidInput, write_failure
from selfassess.core.files import output_being_written, read_failure

PACKS, BUYER = "packs", "buyer"
CHUNK = 1024 * 1024
_STORED_NAME = re.compile(r"^[0-9a-f]{64}\.pdf$")
MACHINE_FILE = "inbox-machine-id"


@dataclass(frozen=True)
class InboxFolder:
    """One inbox folder, as seen from this machine's data home."""

    root: Path
    home: Path

    @classmethod
    def open(cls, home: Path, folder: Path | None = None) -> InboxFolder:
        """The inbox at `folder` (default: `<home>/inbox`), made when missing."""
        root = (folder if folder is not None else home / "inbox").expanduser()
        try:
            root.mkdir(parents=True, exist_ok=True)
            (root / PACKS).mkdir(exist_ok=True)
            (root / BUYER).mkdir(exist_ok=True)
            root = root.resolve()
        except NotADirectoryError:
            raise InvalidInput.of("{folder} is not a folder", folder=root) from None
        except OSError as exc:
            raise write_failure(root, exc) from None
        return cls(root, home)

    @property
    def index_path(self) -> Path:
        """This machine's index of the folder, in the data home (never in the folder)."""
        key = hashlib.sha256(os.fsencode(self.root)).hexdigest()[:16]
        return self.home / "inbox-index" / f"{key}.sqlite3"

    @property
    def buyer_folder(self) -> Path:
        return self.root / BUYER

    def pack_path(self, sha256: str) -> Path:
        return self.root / PACKS / sha256[:2] / f"{sha256}.pdf"

    def stored(self) -> Iterator[str]:
        """The SHA-256 of every pack in the folder (by its name; the index checks the bytes)."""
        with contextlib.suppress(FileNotFoundError):
            for prefix in sorted(os.scandir(self.root / PACKS), key=lambda e: e.name):
                if len(prefix.name) != 2 or not prefix.is_dir(follow_symlinks=False):
                    continue
                for entry in sorted(os.scandir(prefix.path), key=lambda e: e.name):
                    if _STORED_NAME.match(entry.name) and entry.name.startswith(prefix.name):
                        yield entry.name[:64]

    def store_bytes(self, data: bytes) -> str:
        """Keep `data` as a pack; its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.pack_path(digest)
        if not target.exists():
            self._put(target, lambda stream: stream.write(data))
        return digest

    def store_file(self, source: Path, expected: str) -> None:
        """Copy the file `source`, whose SHA-256 was read as `expected`, into the folder; refused
        when its bytes changed since (a file still being written)."""
        target = self.pack_path(expected)
        if target.exists():
            return

        def copy(stream: BinaryIO) -> None:
            digest = hashlib.sha256()
            try:
                with source.open("rb") as reading:
                    while chunk := reading.read(CHUNK):
                        digest.update(chunk)
                        stream.write(chunk)
            except OSError as exc:
                raise read_failure(source, exc) from None
            if digest.hexdigest() != expected:
                raise InvalidInput.of(
                    "{source} changed while it was being read; import it again once it is complete",
                    source=source,
                )

        self._put(target, copy)

    def _put(self, target: Path, write: Callable[[BinaryIO], object]) -> None:
        """A kept file, whole or not at all (`files.output_being_written`)."""
        try:
            target.parent.mkdir(exist_ok=True)
        except OSError as exc:
            raise write_failure(target, exc) from None
        with output_being_written(target) as output:
            write(output.stream)


def sha256_of(
    path: Path,
    limit: int,
    fits: Callable[[bytes], bool] = lambda _head: True,
    unfit: InvalidInput | None = None,
) -> tuple[str, int]:
    """The SHA-256 and size of the file at `path`, read in chunks; refused above `limit` bytes
    by its size before a byte is read, and with `unfit` when its first chunk does not `fits`
    (a file that is not a PDF is not read further)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InvalidInput.of(
                "larger than {size} MB, the most the inbox reads (verify_limit_mb in "
                "settings.json)",
                size=limit // (1024 * 1024),
            )
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            first = stream.read(CHUNK)
            if unfit is not None and not fits(first):
                raise unfit
            digest.update(first)
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise read_failure(path, exc) from None
    return digest.hexdigest(), size


def machine_id(home: Path) -> str:
    """This machine's id (16 hex digits), made once and kept in the data home: it names the
    buyer's log this machine writes in a shared inbox."""
    path = home / MACHINE_FILE
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = path.read_text(encoding="ascii").strip()
        if re.fullmatch(r"[0-9a-f]{16}", text):
            return text
    from selfassess.core.files import write_atomically

    made = secrets.token_hex(8)
    write_atomically(path, made.encode("ascii"))
    return made
