"""The red lines on the gaps page: each with its status in plain words and colour (breached red,
not verified amber, not breached green), the answers behind it, and once breached, what the
standard expects."""

from __future__ import annotations

from html import escape

from selfassess.core.gaps.describe import joined_reasons
from selfassess.core.gaps.results import GapReport
from selfassess.core.i18n import N_
from selfassess.ui.i18n import tr

WORDS = {
    "breached": N_("Breached"),
    "not_verified": N_("Not verified"),
    "not_breached": N_("Not breached"),
    "not_applicable": N_("Does not apply"),
}
COLOURS = {
    "breached": "#b3261e",
    "not_verified": "#b26a00",
    "not_breached": "#2e7d32",
    "not_applicable": "#666666",
}


def red_lines_text(report: GapReport) -> str:
    """Rich text: one line per red line, its status, and why."""
    lines = [f"<b>{escape(tr('Red lines'))}</b>"]
    for line in report.red_lines:
        status = line.status.value
        why = joined_reasons(line.reasons)
        text = (
            f"<span style='color:{COLOURS[status]}'>● <b>{escape(tr(WORDS[status]))}</b></span>"
            f" {escape(line.title)}"
        )
        if why:
            text += f"<br><small>{escape(why)}</small>"
        if status == "breached" and line.response:
            text += f"<br><small><i>{escape(line.response)}</i></small>"
        lines.append(text)
    return "<br>".join(lines)
