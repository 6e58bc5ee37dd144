"""The speech engines selfassess can read aloud with, how each is called, and which is installed.

espeak-ng (or the older espeak) is preferred wherever it is found: it is free, offline, and has
English, French and Swahili voices. Without it, macOS's `say` and Windows's SAPI voices (through
PowerShell) read the languages they have a voice for; neither has Swahili. Every engine reads the
text on its standard input: no text is ever put on a command line or through a shell.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

# espeak-ng's voice names (`espeak-ng --voices`); espeak 1.48 knows the same ones.
ESPEAK_VOICES = {"en": "en", "fr": "fr", "sw": "sw"}
# macOS voices present on every installation since 10.8; none speaks Swahili.
SAY_VOICES = {"en": "Samantha", "fr": "Thomas"}
# Windows voices are chosen by culture; Windows ships none for Swahili.
SAPI_CULTURES = {"en": "en-US", "fr": "fr-FR"}
SAPI_SCRIPT = (
    "Add-Type -AssemblyName System.Speech; "
    "$voice = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$voice.SelectVoiceByHints('NotSet', 'NotSet', 0, "
    "[System.Globalization.CultureInfo]::GetCultureInfo('{culture}')); "
    "[Console]::InputEncoding = [System.Text.Encoding]::UTF8; "
    "$voice.Speak([Console]::In.ReadToEnd())"
)


class EngineKind(Enum):
    """How an engine is called."""

    ESPEAK = "espeak"
    SAY = "say"
    SAPI = "sapi"


@dataclass(frozen=True)
class SpeechCommand:
    """One reading: the program and its arguments, and the text for its standard input."""

    argv: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class SpeechEngine:
    """An installed engine: what it is called, where it is, and how to call it."""

    name: str
    program: str
    kind: EngineKind

    def voice_for(self, language: str) -> str | None:
        """The engine's voice for `language`, or None when it has none."""
        voices: Mapping[str, str] = {
            EngineKind.ESPEAK: ESPEAK_VOICES,
            EngineKind.SAY: SAY_VOICES,
            EngineKind.SAPI: SAPI_CULTURES,
        }[self.kind]
        return voices.get(language)

    def speaks(self, language: str) -> bool:
        return self.voice_for(language) is not None

    def command(self, text: str, language: str) -> SpeechCommand | None:
        """How to read `text` in `language`, or None when the engine has no voice for it."""
        voice = self.voice_for(language)
        if voice is None:
            return None
        argv: tuple[str, ...]
        if self.kind is EngineKind.ESPEAK:  # -b 1: the text is UTF-8
            argv = (self.program, "-v", voice, "-b", "1", "--stdin")
        elif self.kind is EngineKind.SAY:  # with no words given, say reads its input
            argv = (self.program, "-v", voice)
        else:  # the culture comes from our own table, never from the text
            script = SAPI_SCRIPT.replace("{culture}", voice)
            argv = (self.program, "-NoProfile", "-NonInteractive", "-Command", script)
        return SpeechCommand(argv, text)


Finder = Callable[[str], str | None]

CANDIDATES: tuple[tuple[str, EngineKind, str | None], ...] = (
    # (program, kind, the only platform it is looked for on)
    ("espeak-ng", EngineKind.ESPEAK, None),
    ("espeak", EngineKind.ESPEAK, None),
    ("say", EngineKind.SAY, "darwin"),
    ("powershell", EngineKind.SAPI, "win32"),
)


def find_engine(which: Finder = shutil.which, platform: str = sys.platform) -> SpeechEngine | None:
    """The first speech engine installed (CANDIDATES' order), or None when there is none."""
    for program, kind, only_on in CANDIDATES:
        if only_on is not None and platform != only_on:
            continue
        path = which(program)
        if path:
            return SpeechEngine(program, path, kind)
    return None
