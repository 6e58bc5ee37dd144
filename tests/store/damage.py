"""Damaging a database the way a failing disk or a pulled plug does, precisely: one leaf page of
one table, or the whole file, so that tests can check what `doctor` still recovers."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path


def checkpoint(path: Path) -> None:
    """Fold the WAL into the database file, so that its pages hold everything."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def leaf_pages(path: Path, table: str) -> list[int]:
    """The page numbers of the leaves of `table`'s b-tree (its root when it has one page)."""
    connection = sqlite3.connect(path)
    try:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    data = path.read_bytes()
    return _leaves(data, int(root), int(page_size))


def _leaves(data: bytes, page: int, page_size: int) -> list[int]:
    start = (page - 1) * page_size
    header = start + (100 if page == 1 else 0)
    kind = data[header]
    if kind == 0x0D:  # a table leaf
        return [page]
    assert kind == 0x05, f"page {page} is not a table b-tree page ({kind:#x})"
    cells = struct.unpack(">H", data[header + 3 : header + 5])[0]
    rightmost = struct.unpack(">I", data[header + 8 : header + 12])[0]
    children = []
    for index in range(cells):
        pointer = struct.unpack(">H", data[header + 12 + 2 * index : header + 14 + 2 * index])[0]
        children.append(struct.unpack(">I", data[start + pointer : start + pointer + 4])[0])
    children.append(rightmost)
    found: list[int] = []
    for child in children:
        found.extend(_leaves(data, child, page_size))
    return found


def smash_page(path: Path, page: int) -> None:
    """Overwrite one page with what a failed write leaves: noise."""
    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    with path.open("r+b") as stream:
        stream.seek((page - 1) * page_size)
        stream.write(bytes((index * 37 + 11) % 256 for index in range(page_size)))


def smash_everything(path: Path) -> None:
    """Keep the SQLite header's first bytes and turn the rest into noise."""
    data = bytearray(path.read_bytes())
    data[100:] = bytes((index * 53 + 7) % 256 for index in range(len(data) - 100))
    path.write_bytes(bytes(data))
