"""`selfassess remediation ID list|add|update`: the child-labour remediation register, by case
number (never a name), with the counts a buying programme reports and the follow-ups due. `list`
speaks the assessment's language (or `--lang`); its JSON keeps the codes."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from selfassess.cli.common import open_service, print_json, table
from selfassess.cli.main import EXIT_OK
from selfassess.core.errors import InvalidInput
from selfassess.core.i18n import LANGUAGES, N_, translate
from selfassess.core.remediation.register import (
    case_json,
    case_label,
    next_follow_up,
    worst_form,
)
from selfassess.core.remediation.service import Register, RemediationService
from selfassess.core.remediation.vocabulary import AGE_BANDS, SEXES, SUPPORT, WORK
from selfassess.core.remediation.wording import (
    counts_line,
    counts_only,
    follow_up_text,
    labels,
    signed_as_of,
)
from selfassess.core.storable import shown
from selfassess.core.store.remediation import CaseRecord


def run_remediation(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    register = RemediationService(service.store)
    verb = args.verb or "list"
    if verb != "update" and args.case is not None:
        raise InvalidInput(f"remediation {verb} takes no case number; give it to update")
    if verb != "list" and args.lang is not None:
        raise InvalidInput(f"remediation {verb} takes no --lang: it is for list")
    if verb == "add":
        return _add(args, register, assessment_id)
    if verb == "update":
        return _update(args, register, assessment_id)
    _refuse_options(args, "list")
    language = args.lang or service.get(assessment_id).language
    if language not in LANGUAGES:
        raise InvalidInput(f"--lang takes one of {', '.join(LANGUAGES)}, not '{shown(language)}'")
    return _list(args, register, assessment_id, language)


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
    _check_update_options(args)
    before = register.case(assessment_id, args.case)
    following = args.follow_up is not None
    support = _support(args, before)
    details = (args.partner, support, None if following else args.note, args.worst_form)
    case = before
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
    elif case == before:
        print(f"{case_label(case.number)} unchanged: it already holds what was given")
    else:
        print(f"updated {case_label(case.number)}")
    return EXIT_OK


def _check_update_options(args: argparse.Namespace) -> None:
    """What `update` takes, and what goes together, before anything is changed."""
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
    following = args.follow_up is not None
    if not following and (args.date or args.situation):
        raise InvalidInput("--date and --situation go with --follow-up 3, 6 or 12")
    if following and not args.date:
        raise InvalidInput(
            f"the follow-up at {args.follow_up} months has no date: give the day the child was "
            "seen with --date YYYY-MM-DD"
        )
    given = (args.partner, args.support, args.remove_support, args.note, args.worst_form)
    if not following and all(value is None for value in given):
        raise InvalidInput(
            "nothing to change: give --partner, --support, --remove-support, --note, "
            "--worst-form or --follow-up"
        )


def _support(args: argparse.Namespace, case: CaseRecord) -> list[str] | None:
    """The whole support list after `--support` and `--remove-support`; None when neither is
    given. Support that was never recorded cannot be removed: nothing is changed then."""
    if not args.support and not args.remove_support:
        return None
    removed = list(dict.fromkeys(args.remove_support or []))
    unrecorded = [kind for kind in removed if kind not in case.support]
    if unrecorded:
        recorded = ", ".join(case.support) or "none"
        raise InvalidInput(
            f"{case_label(case.number)} has no {', '.join(unrecorded)} recorded as support "
            f"given (recorded: {recorded}); nothing was changed"
        )
    support = [s for s in (*case.support, *(args.support or [])) if s not in removed]
    return list(dict.fromkeys(support))


def _list(
    args: argparse.Namespace, register: RemediationService, assessment_id: str, language: str
) -> int:
    shown_register = register.register(assessment_id)
    if args.json:
        print_json(_register_json(assessment_id, shown_register))
        return EXIT_OK
    if shown_register.signed:
        print(signed_as_of(shown_register.counted_on.isoformat(), language))
    print(counts_line(shown_register.counts, language))
    if not shown_register.cases:
        if shown_register.signed and shown_register.counts.identified:
            print(counts_only(language))
        else:
            print(
                translate(language, "The register is empty: add a case with `remediation ID add`.")
            )
        return EXIT_OK
    rows: list[tuple[str, ...]] = [tuple(translate(language, word) for word in _HEADINGS)]
    rows += [_row(case, shown_register.today, language) for case in shown_register.cases]
    table(rows)
    if shown_register.due:
        print(translate(language, "Follow-ups due:"))
        for case, item in shown_register.due:
            print(f"  {case_label(case.number)}  {follow_up_text(item, language)}")
    return EXIT_OK


_HEADINGS = (
    N_("Case"),
    N_("Age band"),
    N_("Sex"),
    N_("Work"),
    N_("Worst form"),
    N_("Identified on"),
    N_("Referred to"),
    N_("Support given"),
    N_("Next follow-up"),
)


def _row(case: CaseRecord, today: date, language: str) -> tuple[str, ...]:
    return (
        case_label(case.number),
        labels(AGE_BANDS, [case.age_band], language),
        labels(SEXES, [case.sex], language),
        labels(WORK, case.work, language),
        translate(language, "Yes") if worst_form(case) else translate(language, "No"),
        case.identified_on,
        case.partner or "-",
        labels(SUPPORT, case.support, language) or "-",
        follow_up_text(next_follow_up(case, today), language),
    )


def _register_json(assessment_id: str, shown_register: Register) -> dict[str, Any]:
    """The counts as of `as_of` (the declaration's day once finalized: `signed`), the cases'
    schedules and the follow-ups due as of `today`; codes, not words."""
    return {
        "assessment": assessment_id,
        "as_of": shown_register.counted_on.isoformat(),
        "signed": shown_register.signed,
        "today": shown_register.today.isoformat(),
        "counts": shown_register.counts.as_json(),
        "cases": [case_json(case, shown_register.today) for case in shown_register.cases],
        "follow_ups_due": [
            {"case": case_label(case.number), **item.as_json()} for case, item in shown_register.due
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
