"""A stand-in for espeak-ng: a script that writes what it was asked to read (its arguments and
its input) to a log, one JSON line a reading, then, when made to `hold`, keeps "speaking" until
it is stopped. The tests read the log to know what was spoken, and in which voice."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

SCRIPT = """#!{python}
import json, os, sys, time
text = sys.stdin.buffer.read().decode("utf-8")
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps({{"argv": sys.argv[1:], "text": text, "pid": os.getpid()}}) + "\\n")
if {hold!r}:
    time.sleep(600)
"""


def fake_espeak(folder: Path, *, hold: bool = False) -> tuple[Path, Path]:
    """The fake engine `folder/espeak-ng` and the log it writes."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "spoken.jsonl"
    script = folder / "espeak-ng"
    script.write_text(SCRIPT.format(python=sys.executable, log=str(log), hold=hold))
    script.chmod(0o755)
    return script, log


def readings(log: Path) -> list[dict[str, object]]:
    """What the fake engine was asked to read, in order."""
    if not log.exists():
        return []
    complete = log.read_text(encoding="utf-8").rpartition("\n")[0]  # not a line half-written
    return [json.loads(line) for line in complete.splitlines()]


def wait_for_readings(log: Path, count: int, timeout: float = 20) -> list[dict[str, object]]:
    """The log once it holds `count` readings (the engine runs on its own; this waits for the
    condition, not for a time)."""
    deadline = time.monotonic() + timeout
    while len(found := readings(log)) < count:
        assert time.monotonic() < deadline, f"the engine logged {len(found)} of {count} readings"
        time.sleep(0.02)
    return found
