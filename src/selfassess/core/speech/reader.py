"""Reading aloud as a child process that never makes the caller wait: `read` starts the engine
and returns at once (the text goes to its input from a thread of its own, so that an engine slow
to start cannot hold up the window), reading again stops the reading before it, and `stop` ends
it. `speaking` says whether a reading is still going, for a caller that polls."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from typing import IO

from selfassess.core.errors import Refused
from selfassess.core.i18n import LANGUAGE_NAMES
from selfassess.core.speech.engines import SpeechEngine

SPOKEN_LIMIT = 16_000  # characters: a question with its options and help is far shorter
# No console window flashing up on Windows for each reading.
NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0


class SpeechUnavailable(Refused):
    """The engine cannot read this now: no voice for the language, or it would not start."""


class Reader:
    """One reading at a time through `engine`."""

    def __init__(self, engine: SpeechEngine) -> None:
        self.engine = engine
        self.process: subprocess.Popen[bytes] | None = None

    def read(self, text: str, language: str) -> None:
        """Stop any reading, then start reading `text` in `language`; returns at once."""
        self.stop()
        command = self.engine.command(text[:SPOKEN_LIMIT], language)
        if command is None:
            raise SpeechUnavailable.of(
                "{engine} has no voice for {language_name}.",
                engine=self.engine.name,
                language_name=LANGUAGE_NAMES.get(language, language),
            )
        try:
            process = subprocess.Popen(
                command.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                creationflags=NO_WINDOW,
            )
        except OSError as error:
            raise SpeechUnavailable.of(
                "{engine} could not start: {reason}",
                engine=self.engine.name,
                reason=error.strerror or str(error),
            ) from None
        self.process = process
        assert process.stdin is not None
        feeder = threading.Thread(
            target=_feed, args=(process.stdin, command.text.encode("utf-8")), daemon=True
        )
        feeder.start()

    @property
    def speaking(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """End the reading at once, if there is one (the process is killed and reaped)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=2)  # a killed process is gone at once; never wait long


def _feed(stream: IO[bytes], data: bytes) -> None:
    """Give the engine its text and close its input; an engine stopped before it read
    everything is no error."""
    try:
        with stream:
            stream.write(data)
    except OSError:  # BrokenPipeError: stopped before it read everything
        pass
