"""`odk pull`'s path without a network: the server's export goes through the same import as an
export file; pyodk is driven as it is on a real server (a stand-in session answers); the
password lives in the keyring, and without a keyring pulling is refused plainly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, ClassVar

import pytest
from tests.submissions.builders import central_zip, submission
from tests.submissions.conftest import NOTHING, written

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput, Refused
from selfassess.core.forms.model import Form
from selfassess.core.submissions import server as server_module
from selfassess.core.submissions.importing import import_source
from selfassess.core.submissions.report import Status
from selfassess.core.submissions.server import (
    ServerSource,
    checked_server,
    password_for,
    pyodk_download,
)
from selfassess.core.submissions.zipped import ExportLimits

SERVER = checked_server("https://central.example.org/", 3, "self-assessment", "amani@example.org")


def limits(service: AssessmentService) -> ExportLimits:
    return ExportLimits.of_home(service.store.home, service.store.evidence.limit_bytes)


def sending(export: Path) -> server_module.Download:
    def download(out: IO[bytes], limit: int) -> None:
        del limit
        out.write(export.read_bytes())

    return download


def test_the_servers_export_is_imported_like_a_file(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    sent = [submission(form, 0), submission(form, 1)]
    sent[1].values["A1.1"] = "9"
    export = central_zip(tmp_path / "served.zip", form, sent)

    with ServerSource(SERVER, sending(export), limits(service)) as source:
        report = import_source(service, form, source)
        again = import_source(service, form, source)

    assert report.counts[Status.CREATED] == 2
    (problem,) = report.problems
    assert str(problem).startswith(
        "https://central.example.org (project 3, form self-assessment): self-assessment.csv, "
        f"row 3 ({sent[1].instance_id}), column A-A1-A1.1"
    )
    assert again.counts[Status.UNCHANGED] == 2


def test_a_download_larger_than_the_limit_is_refused(
    service: AssessmentService, form: Form, tmp_path: Path
) -> None:
    def endless(out: IO[bytes], limit: int) -> None:
        server_module._copy(iter([b"x" * 1024] * 10), out, min(limit, 4096), SERVER)

    with pytest.raises(InvalidInput, match="sent more than 4.0 KB"):
        ServerSource(SERVER, endless, limits(service))
    assert written(service) == NOTHING


class StandInResponse:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def iter_content(self, size: int) -> Iterator[bytes]:
        for start in range(0, len(self.body), size):
            yield self.body[start : start + size]


class StandInSession:
    """What `pyodk_download` uses of pyodk's Session, recording what it was asked."""

    asked: ClassVar[list[tuple[str, str, dict[str, Any]]]] = []
    body = b""
    failure: Exception | None = None

    def __init__(self, url: str, version: str, user: str, password: str, **kw: Any) -> None:
        assert (url, version, user, password, kw) == (
            SERVER.url,
            "v1",
            SERVER.user,
            "s3cret",
            {"cache_path": None},  # the token stays in memory: no file in the user's home
        )
        self.auth = self

    def __enter__(self) -> StandInSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def login(self) -> str:
        if self.failure is not None:
            raise self.failure
        return "Bearer token"

    def urlformat(self, url: str, **values: object) -> str:
        return url.format(**values)

    def response_or_error(self, method: str, url: str, logger: object, **kw: Any) -> Any:
        self.asked.append((method, url, kw))
        return StandInResponse(self.body)


def test_pyodk_fetches_the_export_with_its_media(
    service: AssessmentService, form: Form, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyodk_session = pytest.importorskip("pyodk._utils.session")  # the extra 'odk'
    StandInSession.body = central_zip(tmp_path / "e.zip", form, [submission(form, 0)]).read_bytes()
    StandInSession.asked = []
    monkeypatch.setattr(pyodk_session, "Session", StandInSession)

    with ServerSource(SERVER, pyodk_download(SERVER, "s3cret"), limits(service)) as source:
        report = import_source(service, form, source)

    assert StandInSession.asked == [
        (
            "GET",
            "projects/3/forms/self-assessment/submissions.csv.zip",
            {"params": {"attachments": "true"}, "stream": True},
        )
    ]
    assert report.counts[Status.CREATED] == 1
    (assessment,) = service.all()
    assert len(service.attachments(assessment.id)) == 8


def test_a_refused_password_says_how_to_type_it_again(
    service: AssessmentService, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyodk_session = pytest.importorskip("pyodk._utils.session")  # the extra 'odk'
    errors = pytest.importorskip("pyodk.errors")

    class Unauthorised:
        status_code = 401

    StandInSession.failure = errors.PyODKError("The login request failed.", Unauthorised())
    monkeypatch.setattr(pyodk_session, "Session", StandInSession)
    try:
        with pytest.raises(Refused) as refused:
            ServerSource(SERVER, pyodk_download(SERVER, "s3cret"), limits(service))
    finally:
        StandInSession.failure = None
    assert "refused the e-mail address or the password of amani@example.org" in str(refused.value)
    assert "--new-password" in str(refused.value)


def test_the_password_is_kept_in_the_keyring_and_asked_once() -> None:
    asked: list[str] = []

    def ask() -> str:
        asked.append("asked")
        return "s3cret"

    assert password_for(SERVER, ask) == "s3cret"
    assert password_for(SERVER, ask) == "s3cret"
    assert asked == ["asked"]
    assert password_for(SERVER, lambda: "n3w", new=True) == "n3w"
    assert password_for(SERVER, ask) == "n3w"


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_pulling_is_refused_plainly() -> None:
    with pytest.raises(Refused) as refused:
        password_for(SERVER, lambda: "s3cret")
    message = str(refused.value)
    assert "there is no keyring on this computer to keep the password" in message
    assert "import it with `selfassess odk import-submissions`" in message


@pytest.mark.parametrize(
    ("url", "project", "form_id", "user"),
    [
        ("ftp://central.example.org", 1, "f", "a@b"),
        ("central.example.org", 1, "f", "a@b"),
        ("https://central.example.org", 0, "f", "a@b"),
        ("https://central.example.org", 1, "../f", "a@b"),
    ],
)
def test_a_server_that_cannot_be_one_is_refused(
    url: str, project: int, form_id: str, user: str
) -> None:
    with pytest.raises(InvalidInput):
        checked_server(url, project, form_id, user)
