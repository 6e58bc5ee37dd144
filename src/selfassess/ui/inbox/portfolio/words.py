"""How the portfolio pages say things: a KPI's value and what it counts, a status as a symbol, a
colour and a word (never colour alone), a supplier's name, a day in the reader's order.

Only wording lives here; what is counted, and how, is core's (`core.inbox`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QLocale

from selfassess.core.dates.typed import example, format_typed
from selfassess.core.i18n import N_
from selfassess.core.inbox.kpis import Kpi
from selfassess.core.inbox.suppliers import Supplier
from selfassess.core.inbox.values import RISKS, ROLES
from selfassess.ui.i18n import language, tr, tr_plural
from selfassess.ui.widgets.date_field import DateField

EMPTY = "—"


@dataclass(frozen=True)
class StatusLook:
    symbol: str
    word: str  # a message id
    ink: str  # the symbol's colour
    paper: str  # the cell's background ("" for none)


# A criterion's status, and a red line's.
STATUS_LOOKS = {
    "meets": StatusLook("✔", N_("Met"), "#1b5e20", "#dcefdc"),
    "partially_meets": StatusLook("◐", N_("Partly met"), "#7a4f00", "#fbeec8"),
    "does_not_meet": StatusLook("✖", N_("Not met"), "#b3261e", "#f7d9d6"),
    "incomplete": StatusLook("?", N_("Incomplete"), "#444444", "#e6e6e6"),
    "not_applicable": StatusLook("\u2013", N_("Does not apply"), "#777777", ""),
    "breached": StatusLook("✖", N_("Breached"), "#b3261e", "#f7d9d6"),
    "not_verified": StatusLook("?", N_("Not verified"), "#7a4f00", "#fbeec8"),
    "not_breached": StatusLook("✔", N_("Not breached"), "#1b5e20", "#dcefdc"),
}
# Where a supplier's risk level comes from (`Supplier.risk_and_why`).
RISK_SOURCES = {
    "buyer": N_("set by you"),  # shown as who set it, and when
    "enhanced_due_diligence": N_("enhanced due diligence applies to its latest pack"),
    "red_line_breached": N_("its latest pack has a red line breached"),
    "red_line_not_verified": N_("its latest pack leaves a red line not verified"),
    "pack": N_("from its latest pack"),
    "risk_data": N_("the risk data lists its country or province"),
    "unknown": N_("no pack yet, and the risk data does not list its area"),
}
# What each KPI counts, in a sentence (docs/inbox.md has the precise definitions).
KPI_MEANINGS = {
    "suppliers_registered": N_("Every supplier with a pack or on your list."),
    "high_risk_suppliers": N_(
        "Suppliers at high risk: enhanced due diligence applies, a red line is breached, the "
        "risk data lists their area, or you set it."
    ),
    "high_risk_assessed_in_edd_pct": N_(
        "Among the high-risk suppliers, those whose recent pack completes the enhanced due "
        "diligence."
    ),
    "enrolled_in_capacity_building": N_(
        "Suppliers enrolled in your capacity-building programme on that day."
    ),
    "copper_mark_or_equivalent_pct": N_(
        "Among all suppliers, those with the Copper Mark, RMAP or IRMA."
    ),
    "red_line_breaches": N_("Suppliers whose latest pack has a red line breached."),
    "overdue_actions": N_("Actions of the latest plans past their due day and not done."),
    "children_supported": N_(
        "Children taken out of the worst forms of child labour and supported, as the latest "
        "packs count them."
    ),
}
# A red line's column in the matrix, for the red lines of the built-in forms (their ids are
# English words); another form's red line is headed by its id.
RED_LINE_HEADINGS = {
    "child-labour": N_("Child labour"),
    "forced-labour": N_("Forced labour"),
    "armed-groups": N_("Armed groups"),
    "serious-abuses": N_("Serious abuses"),
    "security-forces": N_("Security forces"),
}
# Why a percentage has no value: nobody is in its denominator.
NOBODY_TO_COUNT = {
    "high_risk_assessed_in_edd_pct": N_("No supplier is at high risk: there is no one to count."),
    "copper_mark_or_equivalent_pct": N_("No supplier yet: there is no one to count."),
}


def kpi_meaning(kpi_id: str, months: int) -> str:
    if kpi_id == "suppliers_assessed":
        return tr_plural(
            "Suppliers whose latest pack was declared in the last month.",
            "Suppliers whose latest pack was declared in the last {count} months.",
            months,
        )
    return tr(KPI_MEANINGS[kpi_id])


def number(value: float, decimals: int = 1) -> str:
    """A number as the interface language writes it (66,7 in French)."""
    if float(value).is_integer():
        decimals = 0
    return QLocale(language()).toString(float(value), "f", decimals)


def kpi_value(kpi: Kpi) -> str:
    """The figure itself: 12, 66.7 %, or a dash when a percentage has nobody to count."""
    if kpi.value is None:
        return EMPTY
    if kpi.unit == "percent":
        return tr("{percent}%", percent=number(kpi.value))
    return number(kpi.value, 0)


def kpi_detail(kpi: Kpi) -> str:
    """Under a percentage, "2 of 3"; under an empty one, why it is empty; else nothing."""
    if kpi.unit != "percent":
        return ""
    if kpi.value is None or not kpi.denominator:
        return tr(NOBODY_TO_COUNT.get(kpi.id, N_("There is no one to count yet.")))
    return tr("{count} of {total}", count=kpi.numerator or 0, total=kpi.denominator)


def supplier_name(supplier: Supplier) -> str:
    country = f" ({supplier.country})" if supplier.country else ""
    return f"{supplier.organisation or supplier.key}{country}"


def shown_day(day: str | date | None) -> str:
    """A day (ISO) as the reader writes dates; the text as it is when it is not a day."""
    if not day:
        return ""
    try:
        found = day if isinstance(day, date) else date.fromisoformat(day[:10])
    except ValueError:
        return str(day)
    return format_typed(found, language())


def risk_word(risk: str | None) -> str:
    return tr(RISKS[risk]) if risk in RISKS else tr("Risk not known")


def role_word(role: str | None) -> str:
    return tr(ROLES[role]) if role in ROLES else EMPTY


def status_word(status: str) -> str:
    look = STATUS_LOOKS.get(status)
    return tr(look.word) if look else status


def red_line_heading(red_line: str) -> str:
    """A red line's column heading on two lines ("Child\nlabour"), in the interface language."""
    known = RED_LINE_HEADINGS.get(red_line)
    words = (tr(known) if known else red_line.replace("_", " ").replace("-", " ")).split()
    if len(words) < 2:
        return " ".join(words)

    def widest(cut: int) -> int:
        return max(len(" ".join(words[:cut])), len(" ".join(words[cut:])))

    cut = min(range(1, len(words)), key=lambda place: (widest(place), place))
    return f"{' '.join(words[:cut])}\n{' '.join(words[cut:])}"


def say_date_again(field: DateField) -> None:
    """A date field after a language switch: its day written in the new language's order (or
    the old text would be read in the new order when the field is left), its example too."""
    field.set_value(field.value())
    field.line.setPlaceholderText(tr("for example {date}", date=example(language())))
    field.line.calendar_action.setToolTip(tr("Choose from a calendar (Alt+Down)"))
