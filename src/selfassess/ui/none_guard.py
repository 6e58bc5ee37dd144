"""Keeps Python's `None` from being freed under a Qt binding that loses count of it.

PySide6 6.12.0 (the release PySide6-Pdf 6.12.0 requires) hands `None` back from every Qt method
that returns nothing without counting the reference it gives away. From Python 3.12 `None` is
immortal (PEP 683) and nothing happens; on Python 3.11 each such call lowers `None`'s count by
one, and after some thousands of calls (`setText`, `setVisible`, `processEvents`…) the
interpreter aborts with "none_dealloc: deallocating None", taking the window with it. A supplier
answering a long form would meet it within the hour.

On Python 3.11 the count is raised once, at start, far beyond anything a session can spend,
which is what 3.12 does for every immortal object. `None` is a static object that is never freed,
so nothing else changes. Checked by tests/ui/test_none_guard.py.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # a million lost references a second would take twelve days to spend


def keep_none_alive() -> None:
    """Give `None` a reference count no session can spend (Python 3.11 only; a no-op after)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < HEADROOM:
        count.value += HEADROOM
