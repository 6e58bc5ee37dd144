"""`selfassess remediation ID list|add|update`: the child-labour remediation register, by case
number (never a name), with the counts a buying programme reports and the follow-ups due."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from selfassess.cli.common import open_service, print_json, table
from selfassess.cli.main import EXIT_OK
from selfassess.core.errors import InvalidInput
from selfassess.core.remediation.register import (
    FollowUpState,
    case_json,
    case_label,
    next_follow_up,
    worst_form,
)
from selfassess.core.remediation.service import Register, RemediationService
from selfassess.core.store.remediation import CaseRecord

STATE_WORDS = {
    FollowUpState.OVERDUE: "overdue",
    FollowUpState.DUE_SOON: "due soon",
    FollowUpState.UPCOMING: "",
}


def run_remediation(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    register = RemediationService(service.store)
    verb = args.verb or "list"
    if verb != "update" and args.case is not None:
        raise InvalidInput(f"remediation {verb} takes no case number; give it to update")
    if verb == "add":
        return _add(args, register, assessment_id)
    if verb == "update":
        return _update(args, register, assessment_id)
    _refuse_options(args, "list")
    return _list(args, register, assessment_id)


def _add(args: argparse.Namespace, register: RemediationService, assessment_id: str) -> int:
    for option, given in (
        ("--follow-up", args.follow_up),
        ("--remove-support", args.remove_support),
    ):
        if given:
            raise InvalidInput(f"remediation add takes no {option}: record it with update")
    if args.date or args.situation:
        raise InvalidInput("remediation add takes no --date or --situation: they go with update")
    case = register.add_case(
        assessment_id,
        age_band=args.age_band,
        sex=args.sex,
        work=args.work or [],
        identified=args.identified,
        worst_form=_yes_no(args.worst_form),
        partner=args.partner,
        support=args.support or [],
        note=args.note,
    )
    if args.json:
        print_json(case_json(case, date.today()))
    else:
        print(case_label(case.number))
    return EXIT_OK


def _update(args: argparse.Namespace, register: RemediationService, assessment_id: str) -> int:
    if args.case is None:
        raise InvalidInput(
            "remediation update needs the case number, e.g. "
            "`remediation ID update CL-001 --partner ORG`"
        )
    for option, given in (
        ("--age-band", args.age_band),
        ("--sex", args.sex),
        ("--work", args.work),
        ("--identified", args.identified),
    ):
        if given:
            raise InvalidInput(f"{option} is kept as it was given when the case was added")
    case = register.case(assessment_id, args.case)
    following = args.follow_up is not None
    if not following and (args.date or args.situation):
        raise InvalidInput("--date and --situation go with --follow-up 3, 6 or 12")
    support = None
    if args.support or args.remove_support:
        removed = set(args.remove_support or [])
        support = [s for s in (*case.support, *(args.support or [])) if s not in removed]
        support = list(dict.fromkeys(support))
    details = (args.partner, support, None if following else args.note, args.worst_form)
    if not following and all(value is None for value in details):
        raise InvalidInput(
            "nothing to change: give --partner, --support, --remove-support, --note, "
            "--worst-form or --follow-up"
        )
    if any(value is not None for value in details):
        case = register.update_case(
            assessment_id,
            case.number,
            partner=args.partner,
            support=support,
            note=details[2],
            worst_form=_yes_no(args.worst_form),
        )
    if following:
        case = register.record_follow_up(
            assessment_id,
            case.number,
            args.follow_up,
            on=args.date,
            situation=args.situation,
            note=args.note,
        )
    if args.json:
        print_json(case_json(case, date.today()))
    else:
        print(f"updated {case_label(case.number)}")
    return EXIT_OK


def _list(args: argparse.Namespace, register: RemediationService, assessment_id: str) -> int:
    shown = register.register(assessment_id)
    if args.json:
        print_json(_register_json(assessment_id, shown))
        return EXIT_OK
    counts = shown.counts
    print(
        f"Identified: {counts.identified}; referred: {counts.referred}; supported: "
        f"{counts.supported}; in school or training at the last follow-up: "
        f"{counts.in_school_at_last_follow_up}; lost to follow-up: {counts.lost_to_follow_up}"
    )
    if not shown.cases:
        print("The register is empty: add a case with `remediation ID add`.")
        return EXIT_OK
    rows: list[tuple[str, ...]] = [
        ("CASE", "AGE", "SEX", "WORK", "WORST", "IDENTIFIED", "PARTNER", "SUPPORT", "NEXT")
    ]
    rows += [_row(case, shown.today) for case in shown.cases]
    table(rows)
    if shown.due:
        print("Follow-ups due:")
        for case, item in shown.due:
            late = f", {item.days_late} days late" if item.days_late else ""
            print(
                f"  {case_label(case.number)}  {item.month} months, due {item.due.isoformat()} "
                f"({STATE_WORDS[item.state]}{late})"
            )
    return EXIT_OK


def _row(case: CaseRecord, today: date) -> tuple[str, ...]:
    coming = next_follow_up(case, today)
    upcoming = ""
    if coming is not None:
        state = STATE_WORDS.get(coming.state, "")
        upcoming = f"{coming.month} months {coming.due.isoformat()}" + (
            f" ({state})" if state else ""
        )
    return (
        case_label(case.number),
        case.age_band,
        case.sex,
        ",".join(case.work),
        "yes" if worst_form(case) else "no",
        case.identified_on,
        case.partner or "-",
        ",".join(case.support) or "-",
        upcoming or "done",
    )


def _register_json(assessment_id: str, shown: Register) -> dict[str, Any]:
    return {
        "assessment": assessment_id,
        "as_of": shown.today.isoformat(),
        "counts": shown.counts.as_json(),
        "cases": [case_json(case, shown.today) for case in shown.cases],
        "follow_ups_due": [
            {"case": case_label(case.number), **item.as_json()} for case, item in shown.due
        ],
    }


def _refuse_options(args: argparse.Namespace, verb: str) -> None:
    given = [
        option
        for option, value in (
            ("--age-band", args.age_band),
            ("--sex", args.sex),
            ("--work", args.work),
            ("--worst-form", args.worst_form),
            ("--identified", args.identified),
            ("--partner", args.partner),
            ("--support", args.support),
            ("--remove-support", args.remove_support),
            ("--follow-up", args.follow_up),
            ("--date", args.date),
            ("--situation", args.situation),
            ("--note", args.note),
        )
        if value is not None
    ]
    if given:
        raise InvalidInput(f"remediation {verb} takes no {given[0]}: use add or update")


def _yes_no(value: str | None) -> bool | None:
    return None if value is None else value == "yes"
