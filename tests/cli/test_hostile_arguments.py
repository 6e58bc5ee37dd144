"""Hostile command-line arguments: what the store cannot keep (a lone surrogate, which is what
Python makes of a byte that is not UTF-8; a control character; an integer beyond 64 bits; an
absurd length) is refused in plain words naming the field, and nothing is changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.conftest import Cli

from selfassess.cli.main import EXIT_BUG, main

SURROGATE = "\udcff"  # `selfassess new --supplier $'\xff'` reaches Python as this
NEW = ("new", "--form", "quick-scan", "--supplier", "Kalimbi")


@pytest.fixture
def assessment(cli: Cli) -> str:
    code, out, err = cli(*NEW)
    assert code == 0, err
    return out.strip()


def listed(cli: Cli) -> list[dict[str, object]]:
    code, out, _ = cli("list", "--json")
    assert code == 0
    data: list[dict[str, object]] = json.loads(out)
    return data


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--workforce", "1" * 31), "the workforce size must be a whole number from 0 to"),
        (("--workforce", "-4"), "the workforce size must be a whole number from 0 to"),
        (("--site", f"Nyabibwe{SURROGATE}"), "site holds a character that cannot be stored"),
        (("--contact", "Amani\x07"), "contact holds a control character (U+0007)"),
        (("--province", "Sud\nKivu"), "province must be one line"),
        (("--trainer", SURROGATE), "trainer holds a character that cannot be stored"),
        (("--supplier", "K" * 5000), "organisation is too long: 5000 characters, at most 200"),
        (("--country", SURROGATE), "is not an ISO 3166 code"),
        (("--source-country", f"CD,{SURROGATE}"), "source country '?' is not an ISO 3166 code"),
        (("--transit-country", "U" * 100_000), "transit country 'UUUU"),
        (("--certification", SURROGATE), "unknown certification '?'"),
        (("--certification", "itsci\x1b[8m"), "unknown certification 'itsci [8m'"),
        (("--baseline", SURROGATE), "no assessment '?'"),
        (("--from", "a" * 100_000), "no assessment 'aaaa"),
        (("--form", "f" * 100_000), "no valid form 'ffff"),
    ],
)
def test_new_refuses_what_the_store_cannot_keep(
    cli: Cli, extra: tuple[str, ...], message: str
) -> None:
    code, out, err = cli(*NEW, *extra)
    assert (code, out) == (1, "")
    assert err.startswith("selfassess: ")
    assert message in err
    assert len(err) < 400  # an absurd argument is not printed back whole
    assert listed(cli) == []


def test_new_keeps_a_plausible_workforce(cli: Cli) -> None:
    assert cli(*NEW, "--workforce", "1800")[0] == 0
    (summary,) = listed(cli)
    out = cli("show", str(summary["id"]), "--json")[1]
    assert json.loads(out)["profile"]["workforce_size"] == 1800


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("A1.1", "2", "--comment", f"sign{SURROGATE}"), "the comment holds a character"),
        (("A9.1", "--na-reason", "\x00"), "the reason for 'not applicable' holds a control"),
        (("A1.1", SURROGATE), "A1.1 takes a level from 0"),
        ((SURROGATE, "1"), "has no question '?'"),
        (("A1.1", "1" * 400), "A1.1 takes a level from 0"),
    ],
)
def test_answer_refuses_what_the_store_cannot_keep(
    cli: Cli, assessment: str, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = cli("answer", assessment, *argv)
    assert (code, out) == (1, "")
    assert message in err
    assert json.loads(cli("show", assessment, "--json")[1])["answers"] == []


@pytest.mark.parametrize("value", ["1e999", "nan", "inf", "9" * 400, "12,5,3"])
def test_a_number_question_refuses_what_is_not_a_finite_number(
    cli: Cli, value: str, tmp_path: Path
) -> None:
    assessment = cli("new", "--form", "self-assessment", "--supplier", "Kalimbi")[1].strip()
    code, out, err = cli("answer", assessment, "A6.3", value)  # a number question
    assert (code, out) == (1, "")
    assert "A6.3 takes a number, not" in err


@pytest.mark.parametrize("text", [SURROGATE, "x" * 400])
def test_show_and_compare_with_a_hostile_id_say_no_such_assessment(
    cli: Cli, assessment: str, text: str
) -> None:
    for argv in (("show", text), ("compare", assessment, text), ("gaps", text)):
        code, out, err = cli(*argv)
        assert (code, out) == (1, "")
        assert "no assessment '" in err


def test_gaps_refuses_a_language_it_does_not_print(cli: Cli, assessment: str) -> None:
    code, out, err = cli("gaps", assessment, "--lang", SURROGATE)
    assert (code, out) == (1, "")
    assert err == "selfassess: --lang takes one of en, fr, sw, not '?'\n"
    code, _, err = cli("gaps", assessment, "--by", "S" * 100_000)
    assert code == 1
    assert len(err) < 400


def test_plan_refuses_hostile_texts_and_absurd_action_numbers(cli: Cli, assessment: str) -> None:
    code, _, err = cli("plan", assessment, "add", "--criterion", "C" * 100_000, "--text", "t")
    assert code == 1
    assert "has no criterion 'CCC" in err
    assert len(err) < 400
    code, _, err = cli("plan", assessment, "update", "9" * 31, "--status", "done")
    assert code == 1
    assert f"has no action {'9' * 31}" in err
    code, _, err = cli("plan", assessment, "add", "--criterion", "A1", "--text", SURROGATE)
    assert code == 1
    assert "text holds a character that cannot be stored" in err
    code, _, err = cli("plan", assessment, "add", "--criterion", "A1", "--text", "t", "--owner",
        "a\nb")  # fmt: skip
    assert code == 1
    assert "owner must be one line" in err
    code, _, err = cli("plan", assessment, "add", "--criterion", "A1", "--text", "t", "--due",
        "99999-01-01")  # fmt: skip
    assert code == 1
    assert "a due date is written YYYY-MM-DD" in err
    assert json.loads(cli("plan", assessment, "--json")[1]) == []


def test_finalize_and_reopen_refuse_unstorable_words(cli: Cli, assessment: str) -> None:
    code, _, err = cli("finalize", assessment, "--name", SURROGATE, "--title", "Président")
    assert code == 1
    assert "name holds a character that cannot be stored" in err
    code, _, err = cli("reopen", assessment, "--reason", SURROGATE)
    assert code == 1
    assert "is not finalized" in err


def test_identity_details_that_a_certificate_cannot_carry_are_refused(cli: Cli) -> None:
    base = ["identity", "create", "--org", "Kalimbi", "--country", "CD"]
    code, _, err = cli(*base, "--name", f"Amani{SURROGATE}", "--email", "a@kalimbi.cd")
    assert code == 1
    assert "name holds a character that cannot be stored" in err
    code, _, err = cli(*base, "--name", "Amani", "--email", f"a{SURROGATE}@kalimbi.cd")
    assert code == 1
    assert "email holds a character that cannot be stored" in err
    assert cli("identity", "show")[0] == 1  # no identity was made


def test_secrets_on_stdin_that_are_not_text_are_refused(
    isolated_home: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.p12"
    backup.write_bytes(b"not really a p12")
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", "identity", "import", str(backup), "--stdin"],
        input=b"\xff\xfe\n",
        capture_output=True,
        env={**os.environ, "SELFASSESS_HOME": str(isolated_home)},
        check=False,
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert result.stderr == b"selfassess: --stdin: the password of backup.p12 is not UTF-8 text\n"


def test_a_file_name_that_is_not_utf8_is_attached_and_printed(isolated_home: Path) -> None:
    env = {**os.environ, "SELFASSESS_HOME": str(isolated_home)}
    made = subprocess.run(
        [sys.executable, "-m", "selfassess", *NEW], capture_output=True, env=env, check=True
    )
    assessment = made.stdout.decode().strip()
    photo = os.path.join(os.fsencode(isolated_home.parent), b"politique-\xff.pdf")
    with open(photo, "wb") as stream:
        stream.write(b"%PDF-1.4 policy")
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", "attach", assessment, "A1.2", photo],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"attached " in result.stdout
    shown = subprocess.run(
        [sys.executable, "-m", "selfassess", "show", assessment, "--json"],
        capture_output=True,
        env=env,
        check=True,
    )
    (evidence,) = json.loads(shown.stdout)["evidence"]
    assert evidence["name"] == "politique-\N{REPLACEMENT CHARACTER}.pdf"


def test_a_bug_is_one_line_and_a_crash_report(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr("selfassess.cli.assess_cmd.run_list", broken)
    assert main(["list"]) == EXIT_BUG
    err = capsys.readouterr().err
    assert err.startswith("selfassess: internal error (RuntimeError), a bug in selfassess")
    assert "Traceback" not in err
    (report,) = (isolated_home / "crash-reports").iterdir()
    assert str(report) in err
    assert "RuntimeError: a bug" in report.read_text(encoding="utf-8")
