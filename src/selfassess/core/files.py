"""Writing a small file whole or not at all: a temporary file in the same folder, flushed to
disk, then renamed over the target, so that a crash or a full disk never leaves half a file."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from selfassess.core.errors import write_failure


def write_atomically(target: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Replace `target` with `data`; a StoreError that names the file if it cannot be done."""
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise write_failure(target, exc) from None
