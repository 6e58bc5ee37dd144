"""File dialogs that start where people keep their papers: the folder last chosen for the same
purpose (archives, evidence, packs, certificates...), else the user's Documents folder, else
their home. The folder chosen is remembered in settings.json (core/preferences) once the main
window has said where the data lives (`remember_in`).

    path = open_file(self, "archives", tr("Import archive"), tr("Selfassess archives (*.zip)"))
    path = save_file(self, "packs", tr("Save the signed pack"), "pack.pdf", "PDF (*.pdf)")
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from selfassess.core.preferences import remember_folder, remembered_folder

_home: list[Path] = []  # the data home whose settings remember the folders; none in some tests


def remember_in(home: Path | None) -> None:
    """Remember folders in the settings of the data home `home` (None: remember nothing)."""
    _home[:] = [home] if home is not None else []


def documents_folder() -> Path:
    """The user's Documents folder when there is one, else their home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder(purpose: str) -> Path:
    """Where a dialog for `purpose` opens."""
    remembered = remembered_folder(_home[0], purpose) if _home else None
    return remembered or documents_folder()


def _chosen(purpose: str, path: str) -> str:
    """`path` as chosen ("" when cancelled), its folder remembered for the next time."""
    if path and _home:
        remember_folder(_home[0], purpose, Path(path).parent)
    return path


def open_file(parent: QWidget | None, purpose: str, title: str, filters: str = "") -> str:
    """The file chosen to open, or "" when the person cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(purpose)), filters)
    return _chosen(purpose, path)


def open_files(parent: QWidget | None, purpose: str, title: str, filters: str = "") -> list[str]:
    """The files chosen to open; none when the person cancelled."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(purpose)), filters)
    if paths:
        _chosen(purpose, paths[0])
    return list(paths)


def open_folder(parent: QWidget | None, purpose: str, title: str) -> str:
    """The folder chosen, or "" when the person cancelled; the next dialog for `purpose` opens
    beside it."""
    path = QFileDialog.getExistingDirectory(parent, title, str(start_folder(purpose)))
    return _chosen(purpose, path)


def save_file(
    parent: QWidget | None, purpose: str, title: str, name: str, filters: str = ""
) -> str:
    """Where to save a file suggested as `name`, or "" when the person cancelled."""
    suggested = start_folder(purpose) / name
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return _chosen(purpose, path)
