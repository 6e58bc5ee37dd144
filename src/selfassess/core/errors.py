"""Errors that core services raise for the user to read: each says what is wrong and where.

The command line prints them and exits 1; the app shows them in a dialog. Anything else that
escapes a service is a bug.
"""

from __future__ import annotations

import errno
from typing import Self


class UserError(Exception):
    """A refusal or a problem the user can act on; its message is shown as it is.

    Made with `of(message_id, **params)`, it can also be shown in another language
    (`localized`); the command line shows the English.
    """

    message_id: str | None = None
    params: dict[str, object] | None = None

    @classmethod
    def of(cls, message_id: str, **params: object) -> Self:
        error = cls(message_id.format(**params))
        error.message_id, error.params = message_id, params
        return error

    def localized(self, language: str) -> str:
        if self.message_id is None:
            return str(self)
        from selfassess.core.i18n import translate

        return translate(language, self.message_id, **(self.params or {}))


class NotFound(UserError):
    """No assessment, question or file by that name."""


class Refused(UserError):
    """The request is understood but not allowed now (finalized, blocking problems, ...)."""


class InvalidInput(UserError):
    """A value that does not fit: a wrong type, an unknown choice, a hostile archive."""


class StoreError(UserError):
    """The store cannot be read or written (in use, full disk, read-only, damaged)."""


class Cancelled(UserError):
    """The person stopped a long operation; nothing was changed."""


def write_failure(target: object, exc: OSError) -> StoreError:
    """A file that could not be written, saying plainly when the disk is full, the folder
    read-only or not the user's; the message names the file that was not saved."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return StoreError.of(
            "could not write {target}: the disk is full; free some space and try again",
            target=target,
        )
    if exc.errno == errno.EROFS:
        return StoreError.of(
            "could not write {target}: the disk or folder is read-only", target=target
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreError.of(
            "could not write {target}: permission denied (choose a folder of yours)",
            target=target,
        )
    return StoreError.of(
        "could not write {target}: {reason}", target=target, reason=exc.strerror or str(exc)
    )


class StoreBusy(StoreError):
    """Another selfassess holds the store and did not let go in time."""
