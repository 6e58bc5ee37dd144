"""Why a window cannot change the data, in one line for its banner: another window has it, the
folder is read-only or the disk full, or the data is damaged. The store says whether it can
write; this only puts the reason into words."""

from __future__ import annotations

from selfassess.core.store.conditions import Condition, folder_condition
from selfassess.core.store.store import Store
from selfassess.ui.i18n import language, tr


def read_only_notice(store: Store, *, asked: bool) -> str | None:
    """None when `store` can write; `asked` when the window was opened read-only on purpose
    (the data is open in another window)."""
    if store.writable:
        return None
    if store.damage is not None:
        return tr(
            "Read-only: the data is damaged. Close this window and run `selfassess doctor` "
            "to repair it; nothing will be changed until then."
        )
    if asked:
        return tr("Read-only: this data is open in another window. Make your changes there.")
    condition = folder_condition(store.database_path)
    if condition in (Condition.READ_ONLY, Condition.PERMISSION):
        return tr("Read-only: this folder cannot be written to, so nothing can be changed.")
    if condition is Condition.FULL:
        return tr("Read-only: the disk is full, so nothing can be changed.")
    if store.refusal is not None:
        return tr("Read-only: {reason}", reason=store.refusal.localized(language()))
    return tr("Read-only: nothing can be changed.")
