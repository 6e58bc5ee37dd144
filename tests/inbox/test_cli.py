"""`selfassess inbox …` as a buyer types it: import with its verdicts and exit code, the
quarantine, suppliers, a supplier's page and follow-up, KPIs with their drill, the matrix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.inbox.packs import Packs
from tests.pack.making import appended

from selfassess.cli.main import main

KALIMBI = "CD/cooperative miniere de kalimbi"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_import_names_each_refusal_and_exits_1(
    packs: Packs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(appended(packs.first.read_bytes(), "attachment"))
    assert main(["inbox", "import", str(packs.first), str(forged)]) == 1
    captured = capsys.readouterr()
    assert "accepted     1" in captured.out
    assert f"{forged}: " in captured.out
    assert "QUARANTINE   1" in captured.out
    assert "verifying: 2 of 2 packs (100 %)" in captured.err  # the progress, on stderr
    assert main(["inbox", "import", str(packs.first)]) == 0
    assert "already here 1 (not verified again)" in capsys.readouterr().out
    [entry] = _json(capsys, "inbox", "quarantine")  # type: ignore[misc]
    assert entry["files"] == [str(forged)]
    assert entry["reasons"]


def test_a_changed_signer_is_accepted_by_its_hash(
    packs: Packs, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inbox", "import", str(packs.first)]) == 0
    capsys.readouterr()
    assert main(["inbox", "import", str(packs.changed), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [item] = report["quarantined"]
    assert item["signer_status"] == "changed"
    assert main(["inbox", "accept", item["sha256"][:10], "--reason", "called Amani"]) == 0
    assert "accepted" in capsys.readouterr().out


def test_suppliers_follow_up_and_kpis(
    packs: Packs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["inbox", "import", str(packs.first), str(packs.second), str(packs.other)])
    suppliers = _json(capsys, "inbox", "suppliers")
    assert isinstance(suppliers, list)
    assert {s["key"] for s in suppliers} == {KALIMBI, "CD/comptoir de rubaya"}
    assert main(["inbox", "supplier", "kalimbi", "set", "--risk", "low"]) == 1
    assert "say why" in capsys.readouterr().err
    assert (
        main(
            [
                "inbox",
                "supplier",
                "kalimbi",
                "set",
                "--enrolled-since",
                "2026-02-01",
                "--note",
                "visited",
            ]
        )
        == 0
    )
    page = _json(capsys, "inbox", "supplier", "kalimbi")
    assert isinstance(page, dict)
    assert [(h["revision"], h["superseded"]) for h in page["history"]] == [(1, True), (2, False)]
    action = page["actions"][0]["id"]
    assert main(["inbox", "supplier", "kalimbi", "follow-up", str(action), "challenged"]) == 1
    assert "say what is asked" in capsys.readouterr().err
    assert (
        main(
            [
                "inbox",
                "supplier",
                "kalimbi",
                "follow-up",
                str(action),
                "challenged",
                "--note",
                "show the signed policy",
            ]
        )
        == 0
    )
    page = _json(capsys, "inbox", "supplier", "kalimbi")
    assert page["actions"][0]["follow_up"]["note"] == "show the signed policy"  # type: ignore[index]
    kpis = _json(capsys, "inbox", "kpis", "--drill", "enrolled_in_capacity_building")
    assert isinstance(kpis, dict)
    [kpi] = kpis["kpis"]
    assert kpi["value"] == 1
    assert kpi["suppliers"][0]["key"] == KALIMBI
    series = _json(capsys, "inbox", "kpis", "--series", "2")
    assert len(series["series"]) == 2  # type: ignore[index]
    assert main(["inbox", "kpis", "--drill", "nonsense"]) == 1


def test_the_matrix_puts_red_lines_first_and_filters(
    packs: Packs, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["inbox", "import", str(packs.first), str(packs.other)])
    matrix = _json(capsys, "inbox", "matrix")
    assert isinstance(matrix, dict)
    kinds = [column["kind"] for column in matrix["columns"]]
    assert kinds[0] == "red_line"
    assert kinds.index("criterion") == kinds.count("red_line")
    kalimbi = next(row for row in matrix["rows"] if row["supplier"] == KALIMBI)
    assert kalimbi["statuses"]["child-labour"] == "breached"
    only = _json(capsys, "inbox", "matrix", "--certification", "rmap")
    assert [row["supplier"] for row in only["rows"]] == ["CD/comptoir de rubaya"]  # type: ignore[index]
    assert main(["inbox", "matrix", "--country", "ZZ"]) == 1


def test_a_shared_folder_is_named_with_inbox(
    packs: Packs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    assert main(["inbox", "import", "--inbox", str(shared), str(packs.first)]) == 0
    assert list((shared / "packs").rglob("*.pdf"))
    main(["inbox", "suppliers"])  # the default inbox is another one: empty
    assert "No supplier yet" in capsys.readouterr().out


def test_the_quarantine_gives_the_new_fingerprint_to_read_back_and_each_name_once(
    packs: Packs, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfassess.core.signing.identity import spoken

    main(["inbox", "import", str(packs.first)])
    for _again in range(3):
        assert main(["inbox", "import", str(packs.changed)]) == 1
    [entry] = _json(capsys, "inbox", "quarantine")  # type: ignore[misc]
    assert entry["files"] == [str(packs.changed)]
    assert main(["inbox", "quarantine"]) == 0
    shown = capsys.readouterr().out
    assert f"to read back: {spoken(entry['fingerprint_sha256'])}" in shown


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--series", "0"], "--series must be between 1 and 120, not 0"),
        (["--series", "100000"], "--series must be between 1 and 120"),
        (["--months", "0"], "--months must be between 1 and 120"),
    ],
)
def test_kpis_out_of_range_are_refused_in_words(
    packs: Packs, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    main(["inbox", "import", str(packs.first)])
    capsys.readouterr()
    assert main(["inbox", "kpis", *argv]) == 1
    assert expected in capsys.readouterr().err
