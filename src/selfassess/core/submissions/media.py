"""Finding a submission's file among the media of an export: ODK Central puts them in `media/`
(or `files/<instanceID>/`), KoboToolbox's attachments zip in
`<user>/attachments/<form>/<instance uuid>/`. A file is found by its name, in the folder of its
submission when there is one, and never in the folder of another submission (a supplier's photo
is not another's evidence); a name some other tool changed (spaces made `_`) is found too.
Names are only compared, never made into paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from selfassess.core.errors import InvalidInput
from selfassess.core.storable import shown

_LOOSE = re.compile(r"[^A-Za-z0-9._-]+")
# An instanceID as ODK and Kobo name a submission's folder: a UUID, with or without "uuid:".
_SUBMISSION_FOLDER = re.compile(
    r"^(uuid:?)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


@dataclass(frozen=True)
class MediaFile:
    """A media member of one of the export's zips (`zip_index`) and the folders above it."""

    zip_index: int
    member: str
    folders: tuple[str, ...]


class MediaIndex:
    """The media files of an export's zips, by name."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[MediaFile]] = {}

    def add(self, zip_index: int, members: Iterable[str]) -> None:
        for member in members:
            *folders, name = member.split("/")
            found = MediaFile(zip_index, member, tuple(folders))
            self._by_name.setdefault(name, []).append(found)
            loose = _loose(name)
            if loose != name:
                self._by_name.setdefault(loose, []).append(found)

    def __len__(self) -> int:
        return len(self._by_name)

    def find(self, instance: str, name: str, source: str) -> MediaFile:
        """The file `name` of the submission `instance`; InvalidInput when there is none, or
        several that no folder tells apart."""
        candidates = self._by_name.get(name) or self._by_name.get(_loose(name)) or []
        if not candidates:
            raise InvalidInput.of(
                "the file {name} is not in {source} (was the export made with its media?)",
                name=shown(name),
                source=source,
            )
        bare = instance.removeprefix("uuid:")
        folders = {instance, bare, f"uuid{bare}"}
        mine = [found for found in candidates if folders & set(found.folders)]
        if len(mine) == 1:
            return mine[0]
        shared = [found for found in candidates if not _of_a_submission(found)]
        if not mine and len(shared) == 1:
            return shared[0]
        if not mine and not shared:
            raise InvalidInput.of(
                "the file {name} is in {source} only in the folder of another submission "
                "({folder}), not in this one's; it was not attached",
                name=shown(name),
                source=source,
                folder=shown("/".join(candidates[0].folders)),
            )
        raise InvalidInput.of(
            "{source} holds {count} files named {name}, and none in a folder of this submission",
            source=source,
            count=len(candidates),
            name=shown(name),
        )


def _of_a_submission(found: MediaFile) -> bool:
    """Whether the file is in a folder named after a submission (KoboToolbox's
    `<user>/attachments/<form>/<uuid>/`, Central's `files/<instanceID>/`)."""
    return any(_SUBMISSION_FOLDER.match(folder) for folder in found.folders)


def _loose(name: str) -> str:
    return _LOOSE.sub("_", name)
