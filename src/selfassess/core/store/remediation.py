"""SQL for the child-labour remediation register: each case by its number (never a name), and
its follow-ups at 3, 6 and 12 months. The rules (what a case may hold, what is due, the counts)
are in `core.remediation`; these functions take an open connection, and the caller decides the
transaction, so that a change and its audit entry are committed together."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FollowUpRecord:
    """A follow-up of a case, `month` months after it was identified (3, 6 or 12)."""

    month: int
    done_on: str  # YYYY-MM-DD
    situation: str
    note: str | None
    recorded_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "done_on": self.done_on,
            "situation": self.situation,
            "note": self.note,
            "recorded_at": self.recorded_at,
        }


@dataclass(frozen=True)
class CaseRecord:
    """One child or young person identified, as the register keeps them: no name, no photo.

    `worst_form_stated` is what the person said when no work at a mine site was named (selling
    food, other work); None when the work itself makes it a worst form."""

    number: int
    age_band: str
    sex: str
    work: tuple[str, ...]
    worst_form_stated: bool | None
    identified_on: str  # YYYY-MM-DD
    partner: str | None
    support: tuple[str, ...]
    note: str | None
    created_at: str
    updated_at: str
    follow_ups: tuple[FollowUpRecord, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The case as a snapshot and an archive carry it."""
        return {
            "number": self.number,
            "age_band": self.age_band,
            "sex": self.sex,
            "work": list(self.work),
            "worst_form_stated": self.worst_form_stated,
            "identified_on": self.identified_on,
            "partner": self.partner,
            "support": list(self.support),
            "note": self.note,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "follow_ups": [item.as_json() for item in self.follow_ups],
        }


def case_from_json(data: Mapping[str, Any]) -> CaseRecord:
    """A case as `as_json` wrote it (from a snapshot or a checked archive)."""
    return CaseRecord(
        number=int(data["number"]),
        age_band=str(data["age_band"]),
        sex=str(data["sex"]),
        work=tuple(data["work"]),
        worst_form_stated=data.get("worst_form_stated"),
        identified_on=str(data["identified_on"]),
        partner=data.get("partner"),
        support=tuple(data.get("support") or ()),
        note=data.get("note"),
        created_at=str(data.get("created_at", "")),
        updated_at=str(data.get("updated_at", "")),
        follow_ups=tuple(
            FollowUpRecord(
                month=int(item["month"]),
                done_on=str(item["done_on"]),
                situation=str(item["situation"]),
                note=item.get("note"),
                recorded_at=str(item.get("recorded_at", "")),
            )
            for item in data.get("follow_ups") or ()
        ),
    )


_CASE_COLUMNS = (
    "number, age_band, sex, work, worst_form_stated, identified_on, partner, support, note, "
    "created_at, updated_at"
)


def list_cases(conn: sqlite3.Connection, assessment_id: str) -> list[CaseRecord]:
    """The register of an assessment, by case number, each case with its follow-ups."""
    follow_ups: dict[int, list[FollowUpRecord]] = {}
    for number, month, done_on, situation, note, recorded_at in conn.execute(
        "SELECT case_number, month, done_on, situation, note, recorded_at "
        "FROM remediation_follow_ups WHERE assessment_id = ? ORDER BY case_number, month",
        (assessment_id,),
    ).fetchall():
        follow_ups.setdefault(number, []).append(
            FollowUpRecord(month, done_on, situation, note, recorded_at)
        )
    rows = conn.execute(
        f"SELECT {_CASE_COLUMNS} FROM remediation_cases WHERE assessment_id = ? ORDER BY number",
        (assessment_id,),
    ).fetchall()
    return [
        CaseRecord(
            number=number,
            age_band=age_band,
            sex=sex,
            work=tuple(json.loads(work)),
            worst_form_stated=None if stated is None else bool(stated),
            identified_on=identified_on,
            partner=partner,
            support=tuple(json.loads(support)),
            note=note,
            created_at=created_at,
            updated_at=updated_at,
            follow_ups=tuple(follow_ups.get(number, ())),
        )
        for (
            number,
            age_band,
            sex,
            work,
            stated,
            identified_on,
            partner,
            support,
            note,
            created_at,
            updated_at,
        ) in rows
    ]


def next_number(conn: sqlite3.Connection, assessment_id: str) -> int:
    """The number of the next case: one more than the highest so far (never reused)."""
    row = conn.execute(
        "SELECT max(number) FROM remediation_cases WHERE assessment_id = ?", (assessment_id,)
    ).fetchone()
    return int(row[0] or 0) + 1


def insert_case(conn: sqlite3.Connection, assessment_id: str, case: CaseRecord) -> None:
    """Insert the case and its follow-ups."""
    conn.execute(
        f"INSERT INTO remediation_cases (assessment_id, {_CASE_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            assessment_id,
            case.number,
            case.age_band,
            case.sex,
            _list(case.work),
            None if case.worst_form_stated is None else int(case.worst_form_stated),
            case.identified_on,
            case.partner,
            _list(case.support),
            case.note,
            case.created_at,
            case.updated_at,
        ),
    )
    for follow_up in case.follow_ups:
        put_follow_up(conn, assessment_id, case.number, follow_up)


def update_case(
    conn: sqlite3.Connection, assessment_id: str, number: int, changes: Mapping[str, object]
) -> None:
    """Change a case's partner, support, note or stated worst form."""
    allowed = {"partner", "support", "note", "worst_form_stated", "updated_at"}
    assert set(changes) <= allowed, changes
    values = {
        key: _list(value) if key == "support" else _stored(value) for key, value in changes.items()
    }
    assignments = ", ".join(f"{column} = ?" for column in values)
    conn.execute(
        f"UPDATE remediation_cases SET {assignments} WHERE assessment_id = ? AND number = ?",
        (*values.values(), assessment_id, number),
    )


def put_follow_up(
    conn: sqlite3.Connection, assessment_id: str, number: int, follow_up: FollowUpRecord
) -> None:
    """Record (or correct) the follow-up of one month."""
    conn.execute(
        "INSERT INTO remediation_follow_ups (assessment_id, case_number, month, done_on, "
        "situation, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (assessment_id, case_number, month) DO UPDATE SET "
        "done_on = excluded.done_on, situation = excluded.situation, note = excluded.note, "
        "recorded_at = excluded.recorded_at",
        (
            assessment_id,
            number,
            follow_up.month,
            follow_up.done_on,
            follow_up.situation,
            follow_up.note,
            follow_up.recorded_at,
        ),
    )


def _list(values: object) -> str:
    assert isinstance(values, list | tuple), values
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


def _stored(value: object) -> object:
    return int(value) if isinstance(value, bool) else value
