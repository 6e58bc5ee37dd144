"""The assessment commands as a script or a person runs them: output, JSON, exit codes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from selfassess.cli.main import main

Cli = Callable[..., tuple[int, str, str]]
NEW_FIELDS = ("certifications", "mechanisation", "source_countries", "transit_countries")


@pytest.fixture
def assessment(cli: Cli) -> str:
    code, out, _ = cli("new", "--form", "quick-scan", "--supplier", "Kalimbi", "--site", "Nyabibwe",
        "--country", "cd", "--entity-type", "asm", "--mineral", "tin,tantalum", "--lang", "fr",
    )  # fmt: skip
    assert code == 0
    return out.strip()


def test_new_prints_the_id_and_list_shows_it(cli: Cli, assessment: str) -> None:
    assert len(assessment) == 12
    code, out, _ = cli("list")
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:4] == ["ID", "SUPPLIER", "SITE", "FORM"]
    assert row.split()[:6] == [assessment, "Kalimbi", "Nyabibwe", "quick-scan", "0.3.0", "draft"]
    assert "0/23" in row
    code, out, _ = cli("list", "--json")
    (entry,) = json.loads(out)
    assert (entry["id"], entry["language"], entry["progress"]) == (
        assessment,
        "fr",
        {"answered": 0, "required": 23},
    )


def test_new_refusals(cli: Cli) -> None:
    code, _, err = cli("new", "--form", "nope", "--supplier", "X")
    assert code == 1
    assert err.strip() == "selfassess: no valid form 'nope' (see `selfassess forms list`)"
    code, _, err = cli("new", "--form", "quick-scan", "--supplier", "X", "--country", "Congo")
    assert (code, err.strip()) == (
        1,
        "selfassess: country 'CONGO' is not an ISO 3166 code such as CD or RW",
    )
    code, _, err = cli("new", "--form", "quick-scan", "--supplier", "X", "--mineral", "zinc")
    assert code == 1
    assert "unknown mineral 'zinc'" in err
    code, _, err = cli("new", "--form", "quick-scan")
    assert (code, err.strip()) == (
        1,
        "selfassess: give --supplier NAME (or --from an earlier assessment)",
    )
    with pytest.raises(SystemExit) as usage:
        main(["new", "--supplier", "X"])
    assert usage.value.code == 2


def test_new_takes_practices_and_supply_chain_and_show_prints_them(cli: Cli) -> None:
    code, out, _ = cli("new", "--form", "quick-scan", "--supplier", "Comptoir de Bukavu",
        "--entity-type", "trader", "--mineral", "tin", "--certification", "rmap",
        "--certification", "itsci,rmap", "--mechanisation", "semi_mechanised",
        "--source-country", "cd, rw", "--source-country", "BI", "--transit-country", "ug",
    )  # fmt: skip
    assert code == 0
    trader = out.strip()
    profile = json.loads(cli("show", trader, "--json")[1])["profile"]
    assert {name: profile[name] for name in NEW_FIELDS} == {
        "certifications": ["rmap", "itsci"],
        "mechanisation": "semi_mechanised",
        "source_countries": ["CD", "RW", "BI"],
        "transit_countries": ["UG"],
    }
    code, out, _ = cli("show", trader)
    assert code == 0
    lines = out.splitlines()
    assert "  practice  mechanisation: semi_mechanised; certifications: rmap, itsci" in lines
    assert "  supply    source countries: CD, RW, BI; transit countries: UG" in lines
    # --from copies them; an option given replaces what it names only
    code, out, _ = cli("new", "--form", "self-assessment", "--from", trader,
        "--certification", "none", "--transit-country", "TZ")  # fmt: skip
    assert code == 0
    profile = json.loads(cli("show", out.strip(), "--json")[1])["profile"]
    assert {name: profile[name] for name in NEW_FIELDS} == {
        "certifications": ["none"],
        "mechanisation": "semi_mechanised",
        "source_countries": ["CD", "RW", "BI"],
        "transit_countries": ["TZ"],
    }


def test_show_says_what_was_not_given(cli: Cli, assessment: str) -> None:
    lines = cli("show", assessment)[1].splitlines()
    assert "  practice  mechanisation: -; certifications: -" in lines
    assert "  supply    source countries: -; transit countries: -" in lines


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ("--certification", "none", "--certification", "itsci"),
            "certifications: 'none' cannot be combined with another certification ('itsci')",
        ),
        (("--certification", "fairtrade"), "unknown certification 'fairtrade' (one of "),
        (
            ("--source-country", "CD,Rwanda"),
            "source country 'RWANDA' is not an ISO 3166 code such as CD or RW",
        ),
        (
            ("--transit-country", "U G"),
            "transit country 'U G' is not an ISO 3166 code such as CD or RW",
        ),
    ],
)
def test_new_refuses_practices_and_countries_it_cannot_keep(
    cli: Cli, options: tuple[str, ...], message: str
) -> None:
    code, out, err = cli("new", "--form", "quick-scan", "--supplier", "X", *options)
    assert (code, out) == (1, "")
    assert err.startswith(f"selfassess: {message}")
    assert cli("list")[1].startswith("No assessments yet.")


def test_an_unknown_mechanisation_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["new", "--form", "quick-scan", "--supplier", "X", "--mechanisation", "robots"])
    assert usage.value.code == 2
    assert "--mechanisation: invalid choice: 'robots'" in capsys.readouterr().err


def test_answer_prints_ok_after_saving_and_refuses_bad_values(cli: Cli, assessment: str) -> None:
    assert cli("answer", assessment, "A1.1", "2", "--comment", "signée")[:2] == (
        0,
        "ok A1.1\n",
    )
    code, out, err = cli("answer", assessment, "A1.1", "5")
    assert (code, out) == (1, "")
    assert err.startswith("selfassess: A1.1 takes a level from 0 (not in place) to 3")
    assert cli("answer", assessment[:6], "A9.1", "--na-reason", "pas de voisins")[0] == 0
    code, out, _ = cli("show", assessment, "--json")
    shown = json.loads(out)
    answers = {a["question"]: a for a in shown["answers"]}
    assert answers["A1.1"]["value"] == 2
    assert answers["A1.1"]["comment"] == "signée"
    assert answers["A9.1"]["na_reason"] == "pas de voisins"
    assert shown["problems"][0] == {
        "question_id": "A3.1",
        "kind": "required",
        "message": "Une réponse est requise.",
    }


def test_jsonl_acknowledges_each_saved_line_and_names_bad_lines(
    cli: Cli, assessment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "\n".join([
        '{"question": "A1.1", "value": 2}',
        "not json",
        '{"question": "B1.1", "value": "no", "comment": "checked"}',
        '{"value": 1}',
        '{"question": "A6.1", "value": 9}',
        "",
        '{"question": "A9.1", "na_reason": "no neighbours"}',
    ])  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    code, out, err = cli("answer", assessment, "--jsonl", "-")
    assert code == 1
    assert out.splitlines() == ["ok A1.1", "ok B1.1", "ok A9.1"]
    messages = err.splitlines()
    assert messages[0].startswith("line 2: not valid JSON")
    assert (
        messages[1]
        == 'line 4: each line must be an object such as {"question": "A1.1", "value": 2}'
    )
    assert messages[2].startswith("line 5: A6.1 takes a level from 0")


def test_attach_finalize_reopen(cli: Cli, assessment: str, tmp_path: Path) -> None:
    photo = tmp_path / "policy.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    assert cli("answer", assessment, "A1.1", "3")[0] == 0
    code, out, _ = cli("attach", assessment, "A1.2", str(photo))
    assert (code, out) == (0, f"attached {photo} to A1.2\n")
    code, _, err = cli("finalize", assessment, "--name", "Amani", "--title", "Président")
    assert code == 1
    assert "problems block finalizing; the first: A3.1: Une réponse est requise." in err
    answers = {
        "A3.1": "valid",
        "A4.1": "no",
        "A6.1": "2",
        "A9.1": "1",
        "B1.1": "no",
        "B1.2": "no",
        "B1.3": "2",
        "B2.1": "no",
        "B2.2": "no",
        "B3.1": "2",
        "C1.1": "1",
        "C2.1": "1",
        "D1.1": "1",
        "D2.1": "no",
        "D2.2": "no",
        "D3.1": "2",
        "D3.4": "no",
        "B6.1": "0",
        "E1.1": "1",
        "E2.1": "1",
        "E3.1": "0",
        "F1.1": "1",
    }
    for question, value in answers.items():
        assert cli("answer", assessment, question, value)[0] == 0
    declared = date.today().isoformat()  # not before the assessment was created, not after today
    code, out, _ = cli("finalize", assessment, "--name", "Amani", "--title", "Président",
                       "--date", declared)  # fmt: skip
    assert (code, out) == (0, f"finalized {assessment}: it is now read-only\n")
    code, _, err = cli("answer", assessment, "A1.1", "2")
    assert code == 1
    assert "finalized and read-only" in err
    code, out, _ = cli("reopen", assessment, "--reason", "new evidence")
    assert (code, out) == (0, f"reopened {assessment} as revision 2\n")
    code, out, _ = cli("show", assessment)
    assert f"Finalized revision 1: {declared} by Amani, Président" in out
    assert "status    draft, revision 2" in out


def test_archive_and_doctor_commands(cli: Cli, assessment: str, tmp_path: Path) -> None:
    target = tmp_path / "kalimbi.zip"
    code, out, _ = cli("archive", "export", assessment, "-o", str(target))
    assert (code, out) == (0, f"exported {assessment} to {target}\n")
    elsewhere = tmp_path / "laptop-2"
    code, out, _ = cli("archive", "import", str(target), "--home", str(elsewhere))
    assert (code, out) == (0, f"imported {assessment}\n")
    code, _, err = cli("archive", "import", str(target), "--home", str(elsewhere))
    assert code == 1
    assert "--keep-both" in err
    code, out, _ = cli("--home", str(elsewhere), "archive", "import", str(target), "--keep-both")
    assert code == 0
    assert out.startswith("imported as a copy: ")
    code, out, _ = cli("doctor", "--json")
    assert code == 0
    assert json.loads(out)["database_ok"] is True


def test_doctor_without_a_backup_keeps_the_damaged_file_aside(cli: Cli, tmp_path: Path) -> None:
    home = tmp_path / "broken-home"
    home.mkdir()
    (home / "selfassess.db").write_bytes(b"SQLite format 3\0" + b"\xee" * 8000)
    code, out, _ = cli("doctor", "--home", str(home))
    assert code == 1  # something was lost: not a clean bill of health
    assert "database: was damaged" in out
    assert "nothing could be read from it and no good backup was found" in out
    assert len(list(home.glob("selfassess.db.damaged-*"))) == 1
    assert {p.name for p in home.iterdir()} <= {
        "selfassess.db",
        "selfassess.lock",
        *(p.name for p in home.glob("selfassess.db*.damaged-*")),
    }


def test_doctor_names_an_altered_evidence_file(
    cli: Cli, assessment: str, tmp_path: Path, isolated_home: Path
) -> None:
    photo = tmp_path / "site.jpg"
    photo.write_bytes(b"\xff\xd8\xff original")
    assert cli("attach", assessment, "A1.2", str(photo))[0] == 0
    (stored,) = [p for p in (isolated_home / "evidence").rglob("*") if p.is_file()]
    stored.write_bytes(b"tampered")
    code, out, _ = cli("doctor")
    assert code == 1
    assert f"evidence {stored.name[:12]}: content does not match its hash" in out
