"""`selfassess odk import-submissions` and `odk pull` as a programme officer runs them: a line
per submission, the problems, the whole; exit 1 when a submission could not be imported."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import IO

import pytest
from tests.cli.conftest import Cli, cli
from tests.submissions.builders import central_zip, self_assessment, submission

from selfassess.core.submissions import server as server_module
from selfassess.core.xlsform import names

__all__ = ["cli"]
FORM = self_assessment()


def test_import_says_each_submission_and_the_whole(cli: Cli, tmp_path: Path) -> None:
    sent = [submission(FORM, 0), submission(FORM, 1)]
    sent[1].values["A1.1"] = "high"
    export = central_zip(tmp_path / "export.zip", FORM, sent)

    code, out, err = cli("odk", "import-submissions", "--form", "self-assessment", str(export))

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"{sent[0].instance_id}  ")
    assert lines[0].endswith("  new assessment")
    assert lines[2].startswith("problem: ")
    assert "column A-A1-A1.1" in lines[2]
    assert "2 submissions: 2 new assessments" in out
    assert "Assessments with problems are drafts" in out

    code, out, _ = cli("odk", "import-submissions", "--form", "self-assessment", str(export))
    assert code == 0
    assert out.splitlines()[-1] == "2 submissions: 2 unchanged submissions, skipped"


def test_a_submission_that_cannot_be_imported_exits_1_and_json_says_why(
    cli: Cli, tmp_path: Path
) -> None:
    nameless = submission(FORM, 0)
    del nameless.values[names.PROFILE_QUESTIONS["entity_type"]]
    export = central_zip(tmp_path / "export.zip", FORM, [nameless])

    code, out, _ = cli(
        "odk", "import-submissions", "--form", "self-assessment", "--json", str(export)
    )

    assert code == 1
    result = json.loads(out)
    assert result["counts"]["not imported"] == 1
    (told,) = result["submissions"]
    assert told["instance_id"] == nameless.instance_id
    assert told["problems"][0]["column"] == "profile_entity_type"
    assert "entity type" in told["problems"][0]["problem"]


def test_a_hostile_export_is_refused_in_one_line(cli: Cli, tmp_path: Path) -> None:
    export = central_zip(
        tmp_path / "export.zip", FORM, [submission(FORM, 0)], extra_members={"../x.jpg": b"x"}
    )
    code, out, err = cli("odk", "import-submissions", "--form", "self-assessment", str(export))
    assert (code, out) == (1, "")
    assert err.startswith("selfassess: ")
    assert "member '../x.jpg' points outside the archive; refused" in err
    assert len(err.splitlines()) == 1


def test_pull_imports_what_the_server_sends_and_keeps_the_password(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = central_zip(tmp_path / "served.zip", FORM, [submission(FORM, 0)])
    passwords: list[str] = []

    def stand_in(server: server_module.Server, password: str) -> server_module.Download:
        passwords.append(password)

        def download(out: IO[bytes], limit: int) -> None:
            out.write(export.read_bytes())

        return download

    monkeypatch.setattr(server_module, "pyodk_download", stand_in)
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    pull = (
        "odk", "pull", "--url", "https://central.example.org", "--project", "2",
        "--form", "self-assessment", "--user", "amani@example.org",
    )  # fmt: skip

    code, out, _ = cli(*pull, "--stdin")
    assert code == 0
    assert out.splitlines()[-1] == "1 submission: 1 new assessment"
    code, out, _ = cli(*pull)  # the password now comes from the keyring
    assert code == 0
    assert out.splitlines()[-1] == "1 submission: 1 unchanged submission, skipped"
    assert passwords == ["s3cret", "s3cret"]


@pytest.mark.usefixtures("no_keyring")
def test_pull_without_a_keyring_is_refused(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    code, out, err = cli(
        "odk", "pull", "--url", "https://central.example.org", "--project", "2",
        "--form", "self-assessment", "--user", "amani@example.org", "--stdin",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert "there is no keyring on this computer to keep the password" in err
