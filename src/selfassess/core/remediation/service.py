"""The register's use cases, shared by the command line and the app: list the cases, add one,
change its partner, support or note, record a follow-up. Each change is one durable transaction
with its audit entry (action `remediation`, the old and new values). A finalized assessment's
register is read-only, like its answers: reopen it to change the register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from selfassess.core.errors import NotFound, Refused
from selfassess.core.remediation import checks
from selfassess.core.remediation.register import (
    Counts,
    FollowUpDue,
    case_label,
    case_number,
    declaration_day,
    snapshot_counts,
)
from selfassess.core.remediation.register import counts as count_cases
from selfassess.core.remediation.register import follow_ups_due as due_of
from selfassess.core.remediation.vocabulary import AGE_BANDS, SEXES, SITUATIONS, SUPPORT, WORK
from selfassess.core.storable import shown
from selfassess.core.store import assessments as rows
from selfassess.core.store import remediation as register_rows
from selfassess.core.store.database import now
from selfassess.core.store.remediation import CaseRecord, FollowUpRecord
from selfassess.core.store.store import Store

AUDIT_ACTION = "remediation"
MAX_CASES = 999_999


@dataclass(frozen=True)
class Register:
    """An assessment's register: its cases and the follow-ups due on `today`, and its counts
    as of `counted_on`: today for a draft; for a finalized assessment, the counts it was signed
    with, as of its declaration's date (`signed`), as its pack and its gap report give them."""

    cases: list[CaseRecord]
    counts: Counts
    due: list[tuple[CaseRecord, FollowUpDue]]  # overdue or due within 14 days
    today: date
    counted_on: date
    signed: bool = False


class RemediationService:
    """The register of the assessments of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # reading ----------------------------------------------------------------------------
    def cases(self, assessment_id: str) -> list[CaseRecord]:
        rows.get_assessment(self.store.read(), assessment_id)  # raises NotFound
        return register_rows.list_cases(self.store.read(), assessment_id)

    def register(self, assessment_id: str, today: date | None = None) -> Register:
        on = today or date.today()
        cases = self.cases(assessment_id)
        due = due_of(cases, on)
        conn = self.store.read()
        revisions = rows.get_revisions(conn, assessment_id)
        if rows.get_assessment(conn, assessment_id).finalized and revisions:
            snapshot = revisions[-1].snapshot
            declared = declaration_day(snapshot) or on
            signed = snapshot_counts(snapshot, declared) or Counts()
            return Register(cases, signed, due, on, declared, signed=True)
        return Register(cases, count_cases(cases, on), due, on, on)

    def case(self, assessment_id: str, reference: str | int) -> CaseRecord:
        """The case "CL-001" (or "1", or 1) of the assessment."""
        number = reference if isinstance(reference, int) else case_number(reference)
        found = next((case for case in self.cases(assessment_id) if case.number == number), None)
        if found is None:
            raise NotFound.of(
                "assessment {id} has no case {case} (see `selfassess remediation {id} list`)",
                id=assessment_id,
                case=shown(reference),
            )
        return found

    # changing ---------------------------------------------------------------------------
    def add_case(
        self,
        assessment_id: str,
        *,
        age_band: str | None,
        sex: str | None,
        work: Sequence[str],
        identified: str | date | None,
        worst_form: bool | None = None,
        partner: str | None = None,
        support: Sequence[str] = (),
        note: str | None = None,
        today: date | None = None,
    ) -> CaseRecord:
        """A new case, numbered after the last one; returns it. Every field is checked before
        anything is written; a refusal names the first field wrong and carries the others."""
        self._editable(assessment_id)
        on = today or date.today()
        check = checks.Collect()
        chosen_age = check(lambda: checks.one_of("age_band", age_band, AGE_BANDS))
        chosen_sex = check(lambda: checks.one_of("sex", sex, SEXES))
        kinds = check(lambda: checks.some_of("work", work, WORK, at_least_one=True))
        stated = check(lambda: checks.worst_form_stated(kinds, worst_form)) if kinds else None
        found_on = check(lambda: checks.identified_day(identified, today=on))
        given_partner = check(lambda: checks.partner(partner))
        given = check(lambda: checks.some_of("support", support, SUPPORT, at_least_one=False))
        given_note = check(lambda: checks.note("note", note))
        check.done()
        when = now()
        with self.store.write() as conn:
            number = register_rows.next_number(conn, assessment_id)
            if number > MAX_CASES:
                raise Refused.of("the register holds as many cases as it can")
            case = CaseRecord(
                number=number,
                age_band=chosen_age,
                sex=chosen_sex,
                work=kinds,
                worst_form_stated=stated,
                identified_on=found_on.isoformat(),
                partner=given_partner,
                support=given,
                note=given_note,
                created_at=when,
                updated_at=when,
            )
            register_rows.insert_case(conn, assessment_id, case)
            new = case.as_json()
            for key in ("number", "created_at", "updated_at", "follow_ups"):
                del new[key]
            rows.audit(
                conn,
                assessment_id,
                AUDIT_ACTION,
                new={"case": case_label(number), **new},
                when=when,
            )
            rows.touch(conn, assessment_id, when)
        return self.case(assessment_id, number)

    def update_case(
        self,
        assessment_id: str,
        reference: str | int,
        *,
        partner: str | None = None,
        support: Sequence[str] | None = None,
        note: str | None = None,
        worst_form: bool | None = None,
    ) -> CaseRecord:
        """Change what is given (None leaves a field as it is; an empty partner or note clears
        it; `support` is the whole list of support given)."""
        self._editable(assessment_id)
        old = self.case(assessment_id, reference)
        wanted: dict[str, Any] = {}
        if partner is not None:
            wanted["partner"] = checks.partner(partner)
        if support is not None:
            wanted["support"] = checks.some_of("support", support, SUPPORT, at_least_one=False)
        if note is not None:
            wanted["note"] = checks.note("note", note)
        if worst_form is not None:
            wanted["worst_form_stated"] = checks.worst_form_stated(old.work, worst_form)
        changed = {key: value for key, value in wanted.items() if getattr(old, key) != value}
        if not changed:
            return old
        when = now()
        label = case_label(old.number)
        with self.store.write() as conn:
            register_rows.update_case(
                conn, assessment_id, old.number, {**changed, "updated_at": when}
            )
            rows.audit(
                conn,
                assessment_id,
                AUDIT_ACTION,
                old={"case": label, **_audited({key: getattr(old, key) for key in changed})},
                new={"case": label, **_audited(changed)},
                when=when,
            )
            rows.touch(conn, assessment_id, when)
        return self.case(assessment_id, old.number)

    def record_follow_up(
        self,
        assessment_id: str,
        reference: str | int,
        month: object,
        *,
        on: str | date | None,
        situation: str | None,
        note: str | None = None,
        today: date | None = None,
    ) -> CaseRecord:
        """Record (or correct) the follow-up at `month` months: its day, the child's situation,
        a short note."""
        self._editable(assessment_id)
        case = self.case(assessment_id, reference)
        check = checks.Collect()
        checked_month = check(lambda: checks.month(month))
        done_on = check(lambda: _follow_up_day(case, checked_month, on, today or date.today()))
        chosen = check(lambda: checks.one_of("situation", situation, SITUATIONS))
        given_note = check(lambda: checks.note("follow_up_note", note))
        check.done()
        when = now()
        follow_up = FollowUpRecord(
            month=checked_month,
            done_on=done_on.isoformat(),
            situation=chosen,
            note=given_note,
            recorded_at=when,
        )
        before = next((f for f in case.follow_ups if f.month == checked_month), None)
        label = case_label(case.number)
        with self.store.write() as conn:
            register_rows.put_follow_up(conn, assessment_id, case.number, follow_up)
            register_rows.update_case(conn, assessment_id, case.number, {"updated_at": when})
            rows.audit(
                conn,
                assessment_id,
                AUDIT_ACTION,
                old={"case": label, **_follow_up_audited(before)} if before else None,
                new={"case": label, **_follow_up_audited(follow_up)},
                when=when,
            )
            rows.touch(conn, assessment_id, when)
        return self.case(assessment_id, case.number)

    def _editable(self, assessment_id: str) -> None:
        assessment = rows.get_assessment(self.store.read(), assessment_id)
        if assessment.finalized:
            raise Refused.of(
                "assessment {id} is finalized and read-only; reopen it with a reason to change "
                "its register",
                id=assessment_id,
            )


def _follow_up_day(case: CaseRecord, month: int | None, on: object, today: date) -> date:
    """The follow-up's day by the register's checks: by its schedule and among the case's other
    follow-ups when its month is right, as a day after the child was found otherwise."""
    found = date.fromisoformat(case.identified_on)
    if month is None:  # refused at its own field
        return checks.day("date", on, today=today, not_before=found)
    others = {item.month: date.fromisoformat(item.done_on) for item in case.follow_ups}
    return checks.follow_up_day(month, on, identified=found, others=others, today=today)


def _audited(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, tuple) else value for key, value in fields.items()
    }


def _follow_up_audited(follow_up: FollowUpRecord) -> dict[str, Any]:
    return {
        "follow_up": follow_up.month,
        "date": follow_up.done_on,
        "situation": follow_up.situation,
        "note": follow_up.note,
    }
