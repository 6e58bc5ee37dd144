"""Qt's own words in the file chooser, through our catalogs: Qt's French catalog misses some of
them ("&Look in:" and "Files of &type:" stayed in English) and Qt has no Swahili at all, so a
translator of ours answers for the words a file dialog shows, before Qt's own catalog. Words
that are not ours to answer (or not translated yet) fall through to Qt's catalog.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from selfassess.core.i18n import N_, catalog

# (Qt's context, Qt's source text): the words of the file chooser, its overwrite question, and
# the standard buttons it uses.
QT_WORDS = {
    ("QFileDialog", N_("&Look in:")),
    ("QFileDialog", N_("File &name:")),
    ("QFileDialog", N_("Files of &type:")),
    ("QFileDialog", N_("Directory:")),
    ("QFileDialog", N_("&Open")),
    ("QFileDialog", N_("&Save")),
    ("QFileDialog", N_("&Choose")),
    ("QFileDialog", N_("Open")),
    ("QFileDialog", N_("Save As")),
    ("QFileDialog", N_("Back")),
    ("QFileDialog", N_("Forward")),
    ("QFileDialog", N_("Parent Directory")),
    ("QFileDialog", N_("Create New Folder")),
    ("QFileDialog", N_("List View")),
    ("QFileDialog", N_("Detail View")),
    ("QFileDialog", N_("Go back")),
    ("QFileDialog", N_("Go forward")),
    ("QFileDialog", N_("Go to the parent directory")),
    ("QFileDialog", N_("Create a New Folder")),
    ("QFileDialog", N_("Change to list view mode")),
    ("QFileDialog", N_("Change to detail view mode")),
    ("QFileDialog", N_("Recent Places")),
    ("QFileDialog", N_("All Files (*)")),
    ("QFileDialog", N_("New Folder")),
    ("QFileDialog", N_("&New Folder")),
    ("QFileDialog", N_("&Delete")),
    ("QFileDialog", N_("&Rename")),
    ("QFileDialog", N_("Show &hidden files")),
    ("QFileDialog", N_("%1 already exists.\nDo you want to replace it?")),
    ("QFileDialog", N_("Are you sure you want to delete '%1'?")),
    ("QFileSystemModel", N_("Name")),
    ("QFileSystemModel", N_("Size")),
    ("QFileSystemModel", N_("Type")),
    ("QFileSystemModel", N_("Date Modified")),
    ("QFileSystemModel", N_("Computer")),
    ("QAbstractFileIconProvider", N_("Drive")),
    ("QAbstractFileIconProvider", N_("Folder")),
    ("QAbstractFileIconProvider", N_("File")),
    ("QAbstractFileIconProvider", N_("%1 File")),
    ("QPlatformTheme", N_("OK")),
    ("QPlatformTheme", N_("Cancel")),
    ("QPlatformTheme", N_("Open")),
    ("QPlatformTheme", N_("Save")),
    ("QPlatformTheme", N_("&Yes")),
    ("QPlatformTheme", N_("&No")),
}


class OurWordsForQt(QTranslator):
    """Answers Qt's requests for the words of QT_WORDS in `language` from our catalog; no
    answer (None, a null string to Qt) lets Qt's own catalog (or English) speak."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.words_language = language

    def isEmpty(self) -> bool:
        return False

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        del disambiguation, n
        if (context, source_text) not in QT_WORDS:
            return None  # type: ignore[return-value]  # a null string: not ours to answer
        return catalog(self.words_language).get(source_text)  # type: ignore[return-value]
