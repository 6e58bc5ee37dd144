"""A form on an ODK Central server as a `SubmissionSource`, read through pyodk, ODK's official
Python client (the optional extra `odk`: `pip install 'selfassess[odk]'`).

The server is asked for the same export a person downloads from its Submissions page: the
`.zip` of CSV files with the media (`GET /v1/projects/N/forms/ID/submissions.csv.zip?attachments=
true`), streamed to a temporary file within the export limits, then read by `CentralExport`:
the same checks and the same import as an export file, which the tests exercise without a
network. The download is behind `Download`, a function that writes the bytes it fetched; the
tests give their own.

The password is kept in the operating system's keyring (as the signing identity's passphrase
is: core/signing/secrets_store.py), under the server's address and the user's name; where
there is no keyring, pulling is refused with a message that says so.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlsplit

from selfassess.core.errors import InvalidInput, Refused
from selfassess.core.signing import secrets_store
from selfassess.core.storable import shown
from selfassess.core.store.evidence import CHUNK, describe_size
from selfassess.core.submissions.exports import CentralExport, main_table
from selfassess.core.submissions.sources import Submission
from selfassess.core.submissions.zipped import ExportLimits, ExportZip

Download = Callable[[IO[bytes], int], None]
"""Writes the export's bytes to the stream, refusing past the given number of bytes."""
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Server:
    """Where the submissions are: the server's address, the project's number, the form's id
    on the server, and the user (an e-mail address) pulling them."""

    url: str
    project: int
    form_id: str
    user: str

    @property
    def label(self) -> str:
        return f"{self.url} (project {self.project}, form {self.form_id})"

    @property
    def keyring_entry(self) -> str:
        return f"odk-central {self.url} {self.user}"


def checked_server(url: str, project: int, form_id: str, user: str) -> Server:
    """The server named on the command line, refused plainly when it cannot be one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidInput.of(
            "'{url}' is not the address of an ODK Central server, such as "
            "https://central.example.org",
            url=shown(url),
        )
    if project < 1 or not form_id.strip() or "/" in form_id or not user.strip():
        raise InvalidInput.of(
            "give the project's number, the form's id and the user's e-mail address"
        )
    return Server(url.strip().rstrip("/"), project, form_id.strip(), user.strip())


class ServerSource:
    """The server's export, downloaded to a temporary folder and read as an export file."""

    def __init__(self, server: Server, download: Download, limits: ExportLimits) -> None:
        self.server = server
        self.label = server.label
        self.origin = "central"
        self._folder = tempfile.TemporaryDirectory(prefix="selfassess-odk-pull-")
        try:
            path = Path(self._folder.name) / "submissions.csv.zip"
            with path.open("wb") as out:
                download(out, limits.total_bytes)
            export = ExportZip(path, limits)
            member = main_table(export)
            if member is None:
                export.close()
                raise InvalidInput.of(
                    "{server} sent no table of submissions; refused", server=server.label
                )
            self._export = CentralExport(export, member, ())
            self._export.label = f"{server.label}: {member}"  # not the temporary file
            self._export.media_label = server.label
        except BaseException:
            self._folder.cleanup()
            raise
        self.notes = self._export.notes

    def columns(self) -> Sequence[str]:
        return self._export.columns()

    def submissions(self) -> Iterator[Submission]:
        return self._export.submissions()

    def attachment(self, instance: str, name: str) -> Iterator[bytes]:
        return self._export.attachment(instance, name)

    def close(self) -> None:
        self._export.close()
        self._folder.cleanup()

    def __enter__(self) -> ServerSource:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType
    ) -> None:
        self.close()


# the password ---------------------------------------------------------------------------------
def password_for(server: Server, ask: Callable[[], str], *, new: bool = False) -> str:
    """The user's password for the server, from the keyring; asked (and kept there) when the
    keyring has none or `new` is set. Refused when there is no keyring to keep it in."""
    if not new:
        kept = secrets_store.get(server.keyring_entry)
        if kept:
            return kept
    password = ask()
    if not password:
        raise InvalidInput.of("no password was given for {url}", url=server.url)
    if secrets_store.put(server.keyring_entry, password) is None:
        raise Refused.of(
            "there is no keyring on this computer to keep the password for {url} (the "
            "operating system's password store: GNOME Keyring or KWallet on Linux, the "
            "Credential Manager on Windows); nothing was pulled: download the export from "
            "the server's Submissions page and import it with `selfassess odk "
            "import-submissions`",
            url=server.url,
        )
    return password


# the download, with pyodk ----------------------------------------------------------------------
def pyodk_download(server: Server, password: str) -> Download:
    """The download of the server's export through a pyodk session (logged in with the
    password, its token kept in memory only)."""
    try:
        from pyodk._utils.session import Session
        from pyodk.errors import PyODKError
        from requests import RequestException
    except ImportError:
        raise Refused.of(
            "pulling from an ODK Central server needs pyodk, ODK's Python client: install "
            "selfassess with its extra 'odk' (pip install 'selfassess[odk]'), or download the "
            "export from the server's Submissions page and import it with `selfassess odk "
            "import-submissions`"
        ) from None

    def download(out: IO[bytes], limit: int) -> None:
        try:
            with Session(server.url, "v1", server.user, password, cache_path=None) as session:
                session.auth.login()
                path = session.urlformat(
                    "projects/{project}/forms/{form}/submissions.csv.zip",
                    project=server.project,
                    form=server.form_id,
                )
                response = session.response_or_error(
                    "GET", path, _LOG, params={"attachments": "true"}, stream=True
                )
                _copy(response.iter_content(CHUNK), out, limit, server)
        except (PyODKError, RequestException) as failure:
            raise _unreachable(server, failure) from None

    return download


def _copy(chunks: Iterator[bytes], out: IO[bytes], limit: int, server: Server) -> None:
    written = 0
    for chunk in chunks:
        written += len(chunk)
        if written > limit:
            raise InvalidInput.of(
                "{server} sent more than {limit} (archive_limit_mb in settings.json); refused",
                server=server.label,
                limit=describe_size(limit),
            )
        out.write(chunk)


def _unreachable(server: Server, failure: Any) -> Refused:
    response = failure.args[1] if len(getattr(failure, "args", ())) > 1 else None
    status = getattr(response, "status_code", None)
    if status == 401:
        return Refused.of(
            "{url} refused the e-mail address or the password of {user}; pull again with "
            "--new-password to type the password again",
            url=server.url,
            user=server.user,
        )
    if status in (403, 404):
        return Refused.of(
            "{server}: no such form, or {user} may not read its submissions",
            server=server.label,
            user=server.user,
        )
    reason = f"HTTP {status}" if status else shown(str(failure).split(". Status")[0])
    return Refused.of(
        "could not pull the submissions from {server}: {reason}",
        server=server.label,
        reason=reason,
    )
