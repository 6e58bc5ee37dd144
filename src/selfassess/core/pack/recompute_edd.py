"""Enhanced due diligence in a pack, recomputed: the area decision from the pack's profile with
the risk table of the version it names (when this computer has it; otherwise taken as the pack
states it, and said so in a note), the red flags from its answers, and the claims compared."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from selfassess.core.expr.types import Value
from selfassess.core.findings import Finding
from selfassess.core.forms.model import Form
from selfassess.core.gaps.results import GapReport
from selfassess.core.pack.response import Response
from selfassess.core.risk.edd import AreaDecision, area_decision, stated_decision
from selfassess.core.risk.table import built_in_table, table_of_version


def risk_for(
    response: Response, form: Form, profile: dict[str, Value], home: Path | None = None
) -> AreaDecision | None:
    """The area decision the pack's answers are judged with (None for a format-1 form): by the
    table of the version the pack names, built in or installed in `home`."""
    if form.format < 2:
        return None
    claimed = response.enhanced_due_diligence
    if claimed is None or claimed.data_version is None:
        return area_decision(built_in_table(), profile)
    table = table_of_version(home, claimed.data_version)
    if table is not None:
        return area_decision(table, profile)
    try:
        as_of = date.fromisoformat(claimed.data_as_of or "")
    except ValueError:
        as_of = date.min
    return stated_decision(claimed.by_area, claimed.data_version, as_of)


def edd_problem(response: Response, report: GapReport) -> Finding | None:
    """The first claim about enhanced due diligence that the answers do not give."""
    actual = report.edd
    claimed = response.enhanced_due_diligence
    if actual is None:
        return None
    if claimed is None:
        return Finding.of("response.json leaves out whether enhanced due diligence applies")
    pairs = (
        ("required", claimed.required, actual.required),
        ("by_area", claimed.by_area, actual.by_area),
        ("red_flags", claimed.red_flags, list(actual.red_flags)),
        ("completed", claimed.completed, actual.completed),
    )
    for name, said, given in pairs:
        if said != given:
            return Finding.of(
                "response.json claims enhanced_due_diligence.{field} is {claimed}, but its "
                "answers give {actual}",
                field=name,
                claimed=json.dumps(said),
                actual=json.dumps(given),
            )
    return None
