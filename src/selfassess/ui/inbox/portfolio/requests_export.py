"""The buyer's requests to one supplier (the actions accepted or challenged, with the due days
agreed and what is asked) written as a spreadsheet with an e-mail draft beside it, by core's
`inbox.requests.export_requests(inbox, supplier_key, output, language)` when this build has it
(the button is hidden otherwise). The buyer chooses where the spreadsheet goes; the draft is
written beside it and can be opened from the message that says what was written."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from selfassess.core.about import PRODUCT_NAME
from selfassess.core.errors import UserError
from selfassess.core.inbox.service import Inbox
from selfassess.core.pack.naming import safe_stem
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import save_file
from selfassess.ui.i18n import language, tr
from selfassess.ui.pack.open_fallback import open_with_desktop

Exporter = Callable[..., Any]


def requests_exporter() -> Exporter | None:
    """Core's export of a buyer's requests, or None when this build has none."""
    try:
        module = importlib.import_module("selfassess.core.inbox.requests")
    except ImportError:
        return None
    found = getattr(module, "export_requests", None)
    return found if callable(found) else None


def written_files(result: Any) -> list[Path]:
    """The spreadsheet and the e-mail draft an export says it wrote."""
    found = [getattr(result, name, None) for name in ("spreadsheet", "email_draft")]
    return [item for item in found if isinstance(item, Path)]


def export_requests(parent: QWidget, inbox: Inbox, supplier_key: str, organisation: str) -> None:
    """Ask where, write the requests to `supplier_key`, and say what was written."""
    exporter = requests_exporter()
    if exporter is None:
        return
    name = f"{safe_stem(organisation, 'supplier')}_requests_{date.today().isoformat()}.xlsx"
    chosen = save_file(
        parent,
        "requests",
        tr("Where to write the requests to {supplier}", supplier=organisation),
        name,
        tr("Spreadsheet (*.xlsx);;CSV (*.csv)"),
    )
    if not chosen:
        return
    try:
        result = exporter(inbox, supplier_key, Path(chosen), language())
    except UserError as error:
        show_error(parent, error, tr("The requests were not written."))
        return
    _say_written(parent, organisation, written_files(result) or [Path(chosen)])


def _say_written(parent: QWidget, organisation: str, files: list[Path]) -> None:
    """What was written, the paths selectable, with a button to open the e-mail draft."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(PRODUCT_NAME)
    box.setText(tr("The requests to {supplier} are written:", supplier=organisation))
    box.setInformativeText("\n".join(str(path) for path in files))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    drafts = [path for path in files if path.suffix == ".eml"]
    open_draft = box.addButton(tr("Open e-mail draft"), QMessageBox.ButtonRole.ActionRole)
    open_draft.setVisible(bool(drafts))
    box.addButton(tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if drafts and box.clickedButton() is open_draft and not open_with_desktop(drafts[0]):
        nothing = QMessageBox(parent)
        nothing.setWindowTitle(PRODUCT_NAME)
        nothing.setText(
            tr(
                "No program on this computer opens e-mail drafts. Open {path} from your mail "
                "program, or attach the spreadsheet to a message yourself.",
                path=str(drafts[0]),
            )
        )
        nothing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        nothing.addButton(tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        nothing.exec()
