"""Reading a question aloud: which engine is found, what is read, in which voice, and that a
second reading stops the first. A fake espeak-ng stands in for the real one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.speech.fake_engine import fake_espeak, wait_for_readings

from selfassess.core.forms.model import Form, Question
from selfassess.core.i18n import translate
from selfassess.core.speech.engines import EngineKind, SpeechEngine, find_engine
from selfassess.core.speech.reader import Reader, SpeechUnavailable
from selfassess.core.speech.text import question_speech


def question(form: Form, question_id: str) -> Question:
    return next(q for q in form.questions() if q.id == question_id)


def level(number: str, label: str, meaning: str) -> str:
    """A rating level as read in French ("0. Pas en place : ..." once the catalog has it)."""
    return translate(
        "fr", "{level}. {label}: {meaning}", level=number, label=label, meaning=meaning
    )


def installed(*programs: str) -> dict[str, str]:
    return {program: f"/usr/bin/{program}" for program in programs}


@pytest.mark.parametrize(
    ("programs", "platform", "expected"),
    [
        (("espeak", "espeak-ng"), "linux", "espeak-ng"),
        (("espeak",), "linux", "espeak"),
        (("say",), "linux", None),  # `say` is macOS's, not any program of that name
        (("say",), "darwin", "say"),
        (("powershell", "espeak-ng"), "win32", "espeak-ng"),
        (("powershell",), "win32", "powershell"),
        ((), "linux", None),
    ],
)
def test_the_engine_found(programs: tuple[str, ...], platform: str, expected: str | None) -> None:
    engine = find_engine(installed(*programs).get, platform)
    assert (engine.name if engine else None) == expected


def test_espeak_has_a_voice_for_each_language_and_say_none_for_swahili() -> None:
    espeak = SpeechEngine("espeak-ng", "/usr/bin/espeak-ng", EngineKind.ESPEAK)
    assert [espeak.voice_for(lang) for lang in ("en", "fr", "sw")] == ["en", "fr", "sw"]
    say = SpeechEngine("say", "/usr/bin/say", EngineKind.SAY)
    assert say.speaks("fr")
    assert not say.speaks("sw")
    assert say.command("Habari", "sw") is None


@pytest.mark.parametrize("kind", list(EngineKind))
def test_the_text_is_never_on_the_command_line(kind: EngineKind) -> None:
    text = "Hello; rm -rf / $(reboot) `x` 'quoted'"
    command = SpeechEngine("engine", "/bin/engine", kind).command(text, "fr")
    assert command is not None
    assert command.text == text
    assert not any("rm -rf" in argument for argument in command.argv)


def test_a_rating_is_read_with_its_levels_and_help_in_the_language(sample_form: Form) -> None:
    spoken = question_speech(sample_form, question(sample_form, "A1.1"), "fr")
    assert spoken.splitlines() == [
        "Existe-t-il une politique signée ?",
        translate("fr", "Choose one:"),
        level("0", "Pas en place", "Pas de politique."),
        level("1", "Commencé", "Un brouillon."),
        level("2", "En grande partie en place", "Signée."),
        level("3", "Entièrement en place", "Signée et partagée."),
        "Cherchez une signature.",
    ]


def test_choices_are_read_in_their_order(sample_form: Form) -> None:
    single = question_speech(sample_form, question(sample_form, "A2.1"), "sw").splitlines()
    assert single == [
        "Una kibali gani?",
        translate("sw", "Choose one:"),
        "Kadi ya mchimbaji mdogo.",
        "Kibali cha uchimbaji.",
        "Hakuna.",
    ]
    multi = question_speech(sample_form, question(sample_form, "A1.4"), "en").splitlines()
    assert multi == [
        "How do you keep records?",
        "Choose all that apply:",
        "A register.",
        "Photos.",
        "Nothing.",
    ]


def test_a_yes_no_question_offers_yes_and_no(sample_form: Form) -> None:
    spoken = question_speech(sample_form, question(sample_form, "B1.1"), "en")
    assert spoken.splitlines() == [
        "Do children under 15 work on site?",
        "Choose one:",
        "Yes.",
        "No.",
    ]


def test_a_question_answered_by_typing_reads_its_label(sample_form: Form) -> None:
    assert question_speech(sample_form, question(sample_form, "A2.2"), "fr") == "Numéro du permis."


def test_the_reader_gives_the_text_to_the_engine_in_the_voice_of_the_language(
    tmp_path: Path,
) -> None:
    script, log = fake_espeak(tmp_path)
    reader = Reader(SpeechEngine("espeak-ng", str(script), EngineKind.ESPEAK))
    reader.read("Je, kuna sera iliyosainiwa?\nNdiyo.", "sw")
    assert reader.process is not None
    reader.process.wait(timeout=20)
    (reading,) = wait_for_readings(log, 1)
    assert reading["text"] == "Je, kuna sera iliyosainiwa?\nNdiyo."
    assert reading["argv"] == ["-v", "sw", "-b", "1", "--stdin"]
    assert not reader.speaking


def test_reading_again_stops_the_reading_before(tmp_path: Path) -> None:
    script, log = fake_espeak(tmp_path, hold=True)
    reader = Reader(SpeechEngine("espeak-ng", str(script), EngineKind.ESPEAK))
    reader.read("First question.", "en")
    first = reader.process
    assert first is not None
    assert reader.speaking
    reader.read("Second question.", "en")
    assert first.returncode is not None  # stopped, and reaped
    assert reader.speaking
    assert wait_for_readings(log, 1)[-1]["text"] in {"First question.", "Second question."}
    second = reader.process
    assert second is not None
    reader.stop()
    assert second.returncode is not None
    assert not reader.speaking


def test_no_voice_or_no_engine_is_said_plainly(tmp_path: Path) -> None:
    say = Reader(SpeechEngine("say", "/usr/bin/say", EngineKind.SAY))
    with pytest.raises(SpeechUnavailable, match="say has no voice for Kiswahili") as refused:
        say.read("Habari", "sw")
    assert refused.value.localized("fr")  # can be shown in the interface language
    gone = Reader(SpeechEngine("espeak-ng", str(tmp_path / "removed"), EngineKind.ESPEAK))
    with pytest.raises(SpeechUnavailable, match="espeak-ng could not start"):
        gone.read("Hello", "en")
    assert not gone.speaking


def test_the_real_espeak_ng_reads_when_installed(tmp_path: Path) -> None:
    engine = find_engine()
    if engine is None or engine.kind is not EngineKind.ESPEAK:
        pytest.skip("espeak-ng is not installed")
    command = engine.command("Habari", "sw")
    assert command is not None
    wav = tmp_path / "habari.wav"
    subprocess.run([*command.argv, "-w", str(wav)], input=b"Habari", check=True, timeout=60)
    assert wav.stat().st_size > 1000
