"""`selfassess gaps|plan|compare`: where an assessment stands, what to do next, what changed."""

from __future__ import annotations

import argparse
from typing import Any

from selfassess.cli.common import open_service, print_json, table
from selfassess.cli.main import EXIT_OK
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.plan_view import PlannedAction, planned_actions
from selfassess.core.errors import InvalidInput, NotFound
from selfassess.core.gaps.compare import Change
from selfassess.core.gaps.edd import edd_verdict
from selfassess.core.gaps.results import (
    CriterionResult,
    EddOutcome,
    GapReport,
    RedLineResult,
    StatusCounts,
    scores_json,
)
from selfassess.core.gaps.standards import PILLARS, by_standard, summary_line
from selfassess.core.i18n import LANGUAGES, translate
from selfassess.core.storable import shown


def _plan_service(args: argparse.Namespace) -> tuple[PlanService, str]:
    service = open_service(args)
    return PlanService(service), service.resolve(args.id)


def _report(plans: PlanService, assessment_id: str, language: str | None = None) -> GapReport:
    report = plans.report(assessment_id, language=language)
    plans.sync_plan(assessment_id, report)
    return report


def _action_json(planned: PlannedAction) -> dict[str, Any]:
    action = planned.action
    return {
        "id": action.id,
        "text": planned.text,
        "due": action.due,
        "owner": action.owner,
        "status": action.status,
        "note": action.note,
        "gap_closed": action.gap_closed_at is not None,
        "suggestion": action.suggestion,
        "addresses": list(planned.addresses),
        "red_line": planned.red_line,
    }


def _planned(plans: PlanService, assessment_id: str, report: GapReport) -> list[PlannedAction]:
    form = plans.assessments.form_of(plans.assessments.get(assessment_id))
    return planned_actions(form, plans.actions(assessment_id), report, report.language)


def edd_json(outcome: EddOutcome) -> dict[str, Any]:
    """`enhanced_due_diligence` as gaps --json prints it (docs/risk.md)."""
    return {
        "required": outcome.required,
        "reasons": list(outcome.reasons),
        "by_area": outcome.by_area,
        "red_flags": list(outcome.red_flags),
        "data_version": outcome.data_version,
        "data_as_of": outcome.data_as_of,
        "completed": outcome.completed,
    }


def _red_line_json(result: RedLineResult) -> dict[str, Any]:
    return {
        "id": result.red_line_id,
        "title": result.title,
        "status": result.status.value,
        "indicators": list(result.indicators),
        "unverified": list(result.unverified),
        "reasons": list(result.reasons),
        "references": [{"standard": s, "clause": c} for s, c in result.references],
        "response": result.response,
        "being_remediated": result.being_remediated,
        "register_contradicts": result.register_contradicts,
    }


def _criterion_json(result: CriterionResult, actions: list[PlannedAction]) -> dict[str, Any]:
    return {
        "id": result.criterion_id,
        "title": result.title,
        "section": result.section_id,
        "status": result.status.value,
        "severity": result.severity.value if result.severity else None,
        "red_line": result.red_line,
        "red_flags": list(result.red_flags),
        "reasons": list(result.reasons),
        "missing_evidence": [
            {"question": m.question_id, "label": m.label} for m in result.missing_evidence
        ],
        "references": [{"standard": s, "clause": c} for s, c in result.references],
        "actions": [
            _action_json(a) for a in actions if a.action.criterion_id == result.criterion_id
        ],
    }


def run_gaps(args: argparse.Namespace) -> int:
    if args.lang is not None and args.lang not in LANGUAGES:
        raise InvalidInput(f"--lang takes one of {', '.join(LANGUAGES)}, not '{shown(args.lang)}'")
    plans, assessment_id = _plan_service(args)
    report = _report(plans, assessment_id, args.lang)
    actions = _planned(plans, assessment_id, report)
    form = plans.assessments.form_of(plans.assessments.get(assessment_id))
    views = by_standard(form, report)
    if args.by:
        views = [v for v in views if v.standard_id == args.by]
        if not views:
            known = ", ".join(v.standard_id for v in by_standard(form, report))
            raise NotFound(f"no standard '{shown(args.by)}' in this form (known: {known})")
    if args.json:
        data: dict[str, Any] = {
            "assessment": assessment_id,
            "language": report.language,
            "readiness": report.readiness.__dict__ if report.readiness else None,
            "scores": scores_json(report),
            "red_lines": [_red_line_json(r) for r in report.red_lines],
            "enhanced_due_diligence": edd_json(report.edd) if report.edd else None,
            "criteria": [_criterion_json(r, actions) for r in report.criteria],
        }
        if args.by:
            data["by_standard"] = [
                {
                    "standard": v.standard_id,
                    "title": v.title,
                    "clauses": [
                        {
                            "clause": c.clause,
                            "label": c.shown,
                            "met": c.met,
                            "partly_met": c.partly_met,
                            "applicable": c.applicable,
                            "alignment_pct": c.alignment_pct,
                            "criteria": [r.criterion_id for r in c.criteria],
                        }
                        for c in v.clauses
                    ],
                }
                for v in views
            ]
        print_json(data)
        return EXIT_OK
    _print_report(report, actions)
    if args.by:
        for view in views:
            print(
                f"\n{view.title}"
                + ("" if view.standard_id == PILLARS else f" ({view.standard_id})")
            )
            for clause in view.clauses:
                statuses = ", ".join(f"{r.criterion_id} {r.status.value}" for r in clause.criteria)
                print(f"  {summary_line(clause, report.language)}  [{statuses}]")
    return EXIT_OK


def _counts_text(counts: StatusCounts) -> str:
    return (
        f"{counts.meets} met, {counts.partially_meets} partly met, {counts.does_not_meet} not met, "
        f"{counts.incomplete} incomplete, {counts.not_applicable} not applicable"
    )


def _print_report(report: GapReport, actions: list[PlannedAction]) -> None:
    if report.readiness:
        print(f"Readiness: {report.readiness.label}. {report.readiness.description}")
    print(f"Criteria: {_counts_text(report.overall)}")
    for section_id, counts in report.sections.items():
        print(f"  {section_id:<6} {_counts_text(counts)}")
    _print_red_lines(report)
    _print_edd(report, report.language)
    red_line_criteria = [r for r in report.criteria if r.red_line]
    if red_line_criteria:
        print("Red-line criteria:")
        for result in red_line_criteria:
            print(f"  {result.criterion_id:<6} {result.status.value:<16} {result.title}")
    gaps = report.gaps()
    print(f"Gaps: {len(gaps)}" + (" (none)" if not gaps else ""))
    for result in gaps:
        assert result.severity is not None
        heading = f"{result.criterion_id} {result.title}: {result.status.value}"
        print(f"  [{result.severity.value}] {heading}")
        for reason in result.reasons:
            print(f"      - {reason}")
        for planned in actions:
            action = planned.action
            if action.criterion_id == result.criterion_id:
                owner = f", {action.owner}" if action.owner else ""
                print(
                    f"      action #{action.id} ({action.status}, due {action.due or '-'}{owner}): "
                    f"{planned.text}"
                )
    incomplete = [r for r in report.criteria if r.status.value == "incomplete"]
    for result in incomplete:
        print(f"  [incomplete] {result.criterion_id} {result.title}: {' '.join(result.reasons)}")


def _print_edd(report: GapReport, language: str) -> None:
    edd = report.edd
    if edd is None:
        return
    said = translate(
        language, "Enhanced due diligence: {verdict}", verdict=edd_verdict(edd, language)
    )
    print(said + (":" if edd.reasons else ""))
    for reason in edd.reasons:
        print(f"  - {reason}")


def _print_red_lines(report: GapReport) -> None:
    if report.red_lines:
        print("Red lines:")
        for line in report.red_lines:
            print(f"  {line.status.value:<15} {line.title}")
            for reason in line.reasons:
                print(f"      - {reason}")


def run_plan(args: argparse.Namespace) -> int:
    plans, assessment_id = _plan_service(args)
    verb = args.verb or "list"
    if verb == "add":
        if not args.criterion or not args.text:
            raise InvalidInput("plan add needs --criterion and --text")
        action = plans.add_action(
            assessment_id, args.criterion, args.text, owner=args.owner, due=args.due
        )
        print(f"added action #{action.id}")
        return EXIT_OK
    if verb == "update":
        if args.action_id is None:
            raise InvalidInput(
                "plan update needs the action number, e.g. `plan ID update 3 --status done`"
            )
        plans.update_action(
            assessment_id,
            args.action_id,
            text=args.text,
            owner=args.owner,
            due=args.due,
            status=args.status,
            note=args.note,
        )
        print(f"updated action #{args.action_id}")
        return EXIT_OK
    language = args.lang
    if language is not None and language not in LANGUAGES:
        raise InvalidInput(f"--lang takes one of {', '.join(LANGUAGES)}, not '{shown(language)}'")
    report = _report(plans, assessment_id, language)  # the plan in step with the answers
    actions = _planned(plans, assessment_id, report)
    if args.json:
        print_json([{**_action_json(p), "criterion": p.action.criterion_id} for p in actions])
        return EXIT_OK
    if not actions:
        print("The plan is empty: no gaps yet, and no action added by hand.")
        return EXIT_OK
    rows = [("#", "CRITERION", "STATUS", "DUE", "OWNER", "ACTION")]
    for planned in actions:
        a = planned.action
        status = a.status + (" (gap closed)" if a.gap_closed_at and a.status != "done" else "")
        mark = "! " if planned.red_line and not planned.finished else ""
        rows.append(
            (str(a.id), a.criterion_id, status, a.due or "", a.owner or "", mark + planned.text)
        )
    table(rows)
    return EXIT_OK


def run_compare(args: argparse.Namespace) -> int:
    service = open_service(args)
    plans = PlanService(service)
    baseline, followup = service.resolve(args.baseline), service.resolve(args.followup)
    comparison, closed = plans.compare(baseline, followup)
    if args.json:
        print_json(
            {
                "baseline": baseline,
                "followup": followup,
                "criteria": [
                    {
                        "id": c.criterion_id,
                        "title": c.title,
                        "before": c.before.value,
                        "after": c.after.value,
                        "change": c.change.value,
                    }
                    for c in comparison.changes
                ],
                "summary": {change.value: comparison.count(change) for change in Change},
                "only_in_baseline": comparison.only_in_baseline,
                "only_in_followup": comparison.only_in_followup,
                "scores": {
                    "before": comparison.scores_before.as_json(),
                    "after": comparison.scores_after.as_json(),
                },
                "readiness": {
                    "before": comparison.readiness_before,
                    "after": comparison.readiness_after,
                },
                "actions_closed": [
                    {"id": a.id, "text": a.text, "status": a.status, "criterion": a.criterion_id}
                    for a in closed
                ],
            }
        )
        return EXIT_OK
    print(f"From {baseline} to {followup}:")
    print("  " + ", ".join(f"{comparison.count(c)} {c.value.replace('_', ' ')}" for c in Change))
    print(f"  readiness: {comparison.readiness_before} -> {comparison.readiness_after}")
    print(f"  before: {_counts_text(comparison.scores_before)}")
    print(f"  after:  {_counts_text(comparison.scores_after)}")
    for change in comparison.changes:
        if change.change is not Change.UNCHANGED:
            print(
                f"  {change.criterion_id:<6} {change.before.value} -> {change.after.value} "
                f"({change.change.value})  {change.title}"
            )
    for label, ids in (
        ("only in the baseline", comparison.only_in_baseline),
        ("only in the follow-up", comparison.only_in_followup),
    ):
        if ids:
            print(f"  criteria {label}: {', '.join(ids)}")
    print(f"Actions closed since the baseline: {len(closed)}")
    for action in closed:
        print(f"  {action.criterion_id:<6} {action.text}")
    return EXIT_OK
