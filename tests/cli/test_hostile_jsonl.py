"""`answer --jsonl` fed hostile lines: each bad line is one located message on standard error,
the lines after it are still answered, and the exit code says that some were refused."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli.conftest import Cli

from selfassess.cli import jsonl
from selfassess.cli.common import find_form
from selfassess.cli.main import main
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

GOOD = b'{"question": "A1.1", "value": 2}'
LATER = b'{"question": "B1.1", "value": "no"}'


@pytest.fixture
def assessment(cli: Cli) -> str:
    code, out, err = cli("new", "--form", "self-assessment", "--supplier", "Kalimbi")
    assert code == 0, err
    return out.strip()


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def saved(home: Path, assessment: str) -> dict[str, object]:
    with Store.open(home, backup=False) as store:
        return {q: a.value for q, a in AssessmentService(store).answers(assessment).items()}


def answer_lines(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, assessment: str, *lines: bytes
) -> tuple[int, str, str]:
    feed(monkeypatch, b"\n".join(lines) + b"\n")
    return cli("answer", assessment, "--jsonl", "-")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"question": "A8.3", "value": "a\\ud800"}', "A8.3 holds a character that cannot be"),
        (b'{"question": "A1.1", "value": 1, "comment": "\\udfff"}', "the comment holds a char"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"question": "A8.3", "value": "a\\u0000b"}', "control character (U+0000)"),
        (b'\xff{"question": "A1.1", "value": 1}', "not UTF-8 text (byte 0xFF at position 1)"),
        (b'{"question": "A1.1", "value": 1}\x00', "not valid JSON"),
        (b'{"question": "A6.3", "value": NaN}', "NaN is not a number an answer can take"),
        (b'{"question": "A6.3", "value": 1e400}', "1e400 is too large a number"),
        (b'{"question": "A6.3", "value": ' + b"9" * 5000 + b"}", "a number of thousands"),
        (b'{"question": "A6.3", "value": ' + b"9" * 400 + b"}", "A6.3 takes a number"),
        (b"[1, 2]", "each line must be an object such as"),
        (b'"A1.1"', "each line must be an object such as"),
        (b'{"question": ["A1.1"], "value": 1}', '"question" must be a question id as text'),
        (b'{"question": "A1.1", "value": {"level": 2}}', "A1.1 takes a level from 0"),
        (b'{"question": "A1.1", "value": 2, "comment": ["x"]}', "the comment must be text"),
        (b'{"question": "B1.1", "value": [[[["yes"]]]]}', "B1.1 takes yes, no or unknown"),
        (b'{"question": "A3.3", "value": 20250101}', "A3.3 takes a date written YYYY-MM-DD"),
        (b'{"question": "A1.1\\u0000", "value": 1}', "has no question 'A1.1 '"),
    ],
)
def test_a_bad_line_is_named_and_the_next_lines_are_answered(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    assessment: str,
    isolated_home: Path,
    line: bytes,
    message: str,
) -> None:
    code, out, err = answer_lines(cli, monkeypatch, assessment, GOOD, line, LATER)
    assert code == 1
    assert out.splitlines() == ["ok A1.1", "ok B1.1"]
    first, summary = err.splitlines()
    assert first.startswith("line 2: ")
    assert message in first
    assert summary == "selfassess: 1 line refused, the others saved"
    assert saved(isolated_home, assessment) == {"A1.1": 2, "B1.1": False}


def test_a_line_too_long_is_skipped_whole_and_the_rest_goes_on(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, assessment: str, tmp_path: Path
) -> None:
    huge = b'{"question": "A8.3", "value": "' + b"x" * (jsonl.MAX_LINE_BYTES + 10) + b'"}'
    source = tmp_path / "answers.jsonl"
    source.write_bytes(GOOD + b"\n" + huge + b"\n" + LATER + b"\n")
    code, out, err = cli("answer", assessment, "--jsonl", str(source))
    assert (code, out.splitlines()) == (1, ["ok A1.1", "ok B1.1"])
    assert err.splitlines()[0] == "line 2: longer than 4 MB; it was not read"


def test_a_stream_without_line_ends_is_given_up_with_a_message(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, assessment: str
) -> None:
    monkeypatch.setattr(jsonl, "GIVE_UP_BYTES", 3 * jsonl.MAX_LINE_BYTES)
    feed(monkeypatch, GOOD + b"\n" + b"\x00" * (4 * jsonl.MAX_LINE_BYTES))
    code, out, err = cli("answer", assessment, "--jsonl", "-")
    assert (code, out) == (1, "ok A1.1\n")
    assert "line 2 has no end after 12 MB: this is not a file of JSON lines" in err


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("/dev/zero", "/dev/zero is not a file or a pipe"),
        ("/", "/ is a folder, not a file"),
        ("/no/such/answers.jsonl", "/no/such/answers.jsonl: no such file"),
    ],
)
def test_a_source_that_is_no_file_is_refused_before_reading(
    cli: Cli, assessment: str, source: str, message: str
) -> None:
    code, out, err = cli("answer", assessment, "--jsonl", source)
    assert (code, out) == (1, "")
    assert err.startswith(f"selfassess: {message}")
    assert len(err.splitlines()) == 1


def test_a_named_pipe_is_read_as_its_writer_writes(
    cli: Cli, assessment: str, tmp_path: Path
) -> None:
    pipe = tmp_path / "answers.fifo"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=(GOOD + b"\n",))
    writer.start()
    code, out, _ = cli("answer", assessment, "--jsonl", str(pipe))
    writer.join()
    assert (code, out) == (0, "ok A1.1\n")


def test_standard_input_with_a_lone_surrogate_and_bad_bytes_gives_no_traceback(
    assessment: str, isolated_home: Path
) -> None:
    lines = [GOOD, b'{"question": "A8.3", "value": "\\ud800"}', b"\xc3\x28", LATER]
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", "answer", assessment, "--jsonl", "-"],
        input=b"\n".join(lines),
        capture_output=True,
        env={**os.environ, "SELFASSESS_HOME": str(isolated_home)},
        check=False,
    )
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == ["ok A1.1", "ok B1.1"]
    assert [line.split(":")[0] for line in err.splitlines()[:2]] == ["line 2", "line 3"]


# The property: whatever the lines, only per-line messages, and every valid line saved. ---------

VALID_QUESTIONS = ("A1.1", "A2.2", "A5.1")  # rating questions of the full form
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
HOSTILE_RECORDS = st.fixed_dictionaries(
    {"question": JSON_VALUES.filter(lambda q: q not in VALID_QUESTIONS)},
    optional={"value": JSON_VALUES, "comment": JSON_VALUES, "na_reason": JSON_VALUES},
).map(lambda record: json.dumps(record).encode())
HOSTILE_LINES = st.one_of(
    st.binary(max_size=80),
    st.text(max_size=80).map(lambda text: text.encode("utf-8", "surrogatepass")),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    HOSTILE_RECORDS,
    st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * (depth % 3)),
).map(lambda line: line.replace(b"\n", b" "))
VALID_LINES = st.tuples(st.sampled_from(VALID_QUESTIONS), st.integers(0, 3))
LINES = st.lists(st.one_of(HOSTILE_LINES, VALID_LINES), min_size=1, max_size=12)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lines=LINES)
def test_any_lines_give_only_line_messages_and_every_valid_line_is_saved(
    lines: list[bytes | tuple[str, int]],
) -> None:
    home = Path(os.environ["SELFASSESS_HOME"])
    assessment = _shared_assessment(home)
    body = [
        json.dumps({"question": line[0], "value": line[1]}).encode()
        if isinstance(line, tuple)
        else line
        for line in lines
    ]
    stdin = io.TextIOWrapper(io.BytesIO(b"\n".join(body) + b"\n"))
    out, err = io.StringIO(), io.StringIO()
    with mock.patch("sys.stdin", stdin), redirect_stdout(out), redirect_stderr(err):
        code = main(["answer", assessment, "--jsonl", "-"])
    messages = err.getvalue().splitlines()
    numbers = [message.split(":")[0] for message in messages if message.startswith("line ")]
    assert all(m.startswith("line ") or m.startswith("selfassess: ") for m in messages), messages
    assert not any("internal error" in m for m in messages), messages
    assert len(numbers) == len(set(numbers))  # at most one message a line
    assert code == (1 if numbers else 0)
    oks = out.getvalue().splitlines()
    valid = [f"ok {line[0]}" for line in lines if isinstance(line, tuple)]
    assert [ok for ok in oks if ok in {f"ok {q}" for q in VALID_QUESTIONS}] == valid
    last = {line[0]: line[1] for line in lines if isinstance(line, tuple)}
    stored = saved(home, assessment)
    assert {q: stored[q] for q in last} == last


def _shared_assessment(home: Path) -> str:
    """One assessment for all the examples of a run (made by the first)."""
    marker = home / "property-assessment"
    if not marker.exists():
        with Store.open(home, backup=False) as store:
            service = AssessmentService(store)
            form = find_form(home, "self-assessment", None)
            marker.write_text(service.create(form, Profile("Kalimbi", "asm")).id)
    return marker.read_text()
