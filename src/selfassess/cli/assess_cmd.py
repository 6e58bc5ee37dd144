"""`selfassess new|list|show|answer|attach|finalize|reopen`: assessments from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from selfassess.cli import jsonl
from selfassess.cli.common import find_form, home_of, open_service, print_json, table
from selfassess.cli.main import EXIT_OK, EXIT_REFUSED
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration, profile_json
from selfassess.core.errors import InvalidInput, UserError
from selfassess.core.files import check_input_file, read_failure
from selfassess.core.profile import country_codes
from selfassess.core.store.evidence import describe_size
from selfassess.core.store.records import Assessment, Profile


def run_new(args: argparse.Namespace) -> int:
    service = open_service(args)
    form = find_form(home_of(args), args.form, args.form_version)
    source = service.get(service.resolve(args.start_from)) if args.start_from else None
    profile = _profile(args, source.profile if source else None)
    assessment = service.create(
        form,
        profile,
        language=args.lang or (source.language if source else None),
        trainer=args.trainer or (source.trainer if source else None),
        baseline_id=args.baseline,
        start_from=source.id if source else None,
    )
    if args.json:
        print_json({"id": assessment.id, "form": form.id, "version": form.version})
    else:
        print(assessment.id)
    return EXIT_OK


def _profile(args: argparse.Namespace, base: Profile | None) -> Profile:
    """The profile the options give, on top of `base` (the profile of --from) if any."""
    if base is None and not args.supplier:
        raise InvalidInput("give --supplier NAME (or --from an earlier assessment)")
    minerals = _listed(args.mineral)
    certifications = _listed(args.certification)
    sources = country_codes(",".join(args.source_country or []))
    transits = country_codes(",".join(args.transit_country or []))
    return Profile(
        organisation=(args.supplier or (base.organisation if base else "")).strip(),
        entity_type=args.entity_type or (base.entity_type if base else "other"),
        site=args.site or (base.site if base else None),
        country=args.country.upper() if args.country else (base.country if base else None),
        province=args.province or (base.province if base else None),
        minerals=minerals or (base.minerals if base else ()),
        workforce_size=args.workforce
        if args.workforce is not None
        else (base.workforce_size if base else None),
        contact=args.contact or (base.contact if base else None),
        certifications=certifications or (base.certifications if base else ()),
        mechanisation=args.mechanisation or (base.mechanisation if base else None),
        source_countries=sources or (base.source_countries if base else ()),
        transit_countries=transits or (base.transit_countries if base else ()),
    )


def _listed(given: list[str] | None) -> tuple[str, ...]:
    """The values of a repeatable option, each of which may list several ("tin,gold"), in the
    order given, once each."""
    values = (part.strip() for item in given or [] for part in item.split(","))
    return tuple(dict.fromkeys(value for value in values if value))


def _progress(service: AssessmentService, assessment: Assessment) -> str:
    evaluation = service.evaluate(assessment.id)
    return f"{evaluation.answered}/{evaluation.required}"


def run_list(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessments = service.all()
    if args.json:
        print_json([_summary(service, a) for a in assessments])
        return EXIT_OK
    if not assessments:
        print(
            "No assessments yet. Start one with `selfassess new --form quick-scan --supplier NAME`."
        )
        return EXIT_OK
    rows = [("ID", "SUPPLIER", "SITE", "FORM", "STATUS", "PROGRESS", "UPDATED")]
    for a in assessments:
        form = f"{a.form_id} {a.form_version}"
        status = a.status if a.revision == 1 else f"{a.status} (rev {a.revision})"
        rows.append(
            (
                a.id,
                a.profile.organisation,
                a.profile.site or "",
                form,
                status,
                _progress(service, a),
                a.updated_at[:16].replace("T", " "),
            )
        )
    table(rows)
    return EXIT_OK


def _summary(service: AssessmentService, a: Assessment) -> dict[str, Any]:
    evaluation = service.evaluate(a.id)
    return {
        "id": a.id,
        "supplier": a.profile.organisation,
        "site": a.profile.site,
        "form": {"id": a.form_id, "version": a.form_version, "hash": a.form_hash},
        "status": a.status,
        "revision": a.revision,
        "language": a.language,
        "progress": {"answered": evaluation.answered, "required": evaluation.required},
        "problems": len(evaluation.problems),
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def run_show(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment = service.get(service.resolve(args.id))
    details = _details(service, assessment)
    if args.json:
        print_json(details)
    else:
        _print_details(details)
    return EXIT_OK


def _details(service: AssessmentService, a: Assessment) -> dict[str, Any]:
    evaluation = service.evaluate(a.id)
    answers = service.answers(a.id)
    hidden = set(evaluation.hidden_answers)
    return {
        **_summary(service, a),
        "trainer": a.trainer,
        "baseline": a.baseline_id,
        "risk_data_version": service.risk_data_version(a),
        "profile": profile_json(a.profile),
        "sections": [
            {"id": s.section_id, "answered": s.answered, "required": s.required}
            for s in evaluation.sections
        ],
        "answers": [
            {
                "question": qid,
                **answer.as_json(),
                "changed_at": answer.changed_at,
                "relevant": qid not in hidden,
            }
            for qid, answer in answers.items()
        ],
        "evidence": [
            {
                "question": e.question_id,
                "name": e.original_name,
                "sha256": e.sha256,
                "size": e.size,
                "media_type": e.media_type,
            }
            for e in service.attachments(a.id)
        ],
        "problems": [p.__dict__ for p in evaluation.problems],
        "revisions": [
            {"revision": r.revision, "finalized_at": r.finalized_at, **r.declaration}
            for r in service.revisions(a.id)
        ],
    }


def _print_details(d: dict[str, Any]) -> None:
    profile = d["profile"]
    print(f"Assessment {d['id']}: {d['supplier']}" + (f", {d['site']}" if d["site"] else ""))
    print(f"  form      {d['form']['id']} {d['form']['version']} ({d['language']})")
    print(f"  status    {d['status']}, revision {d['revision']}")
    print(
        f"  profile   {profile['entity_type']}; minerals: {', '.join(profile['minerals']) or '-'}"
        f"; country: {profile['country'] or '-'}; workforce: {profile['workforce_size'] or '-'}"
    )
    print(
        f"  practice  mechanisation: {profile['mechanisation'] or '-'}"
        f"; certifications: {', '.join(profile['certifications']) or '-'}"
    )
    print(
        f"  supply    source countries: {', '.join(profile['source_countries']) or '-'}"
        f"; transit countries: {', '.join(profile['transit_countries']) or '-'}"
    )
    if d["risk_data_version"]:
        print(f"  risk data {d['risk_data_version']}")
    progress = d["progress"]
    print(f"  progress  {progress['answered']} of {progress['required']} required answers")
    for section in d["sections"]:
        print(f"    {section['id']:<8} {section['answered']}/{section['required']}")
    print("Answers:")
    for answer in d["answers"]:
        value = json.dumps(answer["value"], ensure_ascii=False)
        if answer["na_reason"] is not None:
            value = f"N/A: {answer['na_reason']}"
        flag = "" if answer["relevant"] else "  [not relevant now: kept, left out when finalized]"
        comment = f"  # {answer['comment']}" if answer["comment"] else ""
        print(f"  {answer['question']:<10} {value}{comment}{flag}")
    for item in d["evidence"]:
        print(
            f"  {item['question']:<10} file {item['name']} ({describe_size(item['size'])}, "
            f"{item['sha256'][:12]})"
        )
    print(f"Problems blocking finalizing: {len(d['problems'])}")
    for problem in d["problems"]:
        print(f"  {problem['question_id']:<10} {problem['message']}")
    for revision in d["revisions"]:
        print(
            f"Finalized revision {revision['revision']}: {revision['date']} by {revision['name']}, "
            f"{revision['title']}"
        )


def run_answer(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    if args.jsonl is not None:
        if args.question is not None or args.value is not None:
            raise InvalidInput("give either QUESTION VALUE or --jsonl, not both")
        return _answer_lines(service, assessment_id, args.jsonl)
    if args.question is None or (args.value is None and args.na_reason is None):
        raise InvalidInput("give QUESTION and VALUE (or --na-reason), or --jsonl FILE")
    changes = service.set_answer(
        assessment_id, args.question, args.value, comment=args.comment, na_reason=args.na_reason
    )
    for qid in sorted(changes.answers):
        print(f"ok {qid}", flush=True)
    return EXIT_OK


def _answer_lines(service: AssessmentService, assessment_id: str, source: str) -> int:
    """Answer line by line; each `ok QUESTION` is printed only once that answer is on disk, and
    each line refused is reported on standard error with its number, the others going on."""
    stream = jsonl.open_lines(source)
    failed = 0
    try:
        for number, raw in jsonl.lines(stream):
            try:
                record = jsonl.record_of(number, raw)
                if record is None:
                    continue
                service.set_answer(
                    assessment_id,
                    record.question,
                    record.value,
                    comment=record.comment,
                    na_reason=record.na_reason,
                )
            except (jsonl.Refusal, UserError) as refusal:
                print(f"line {number}: {refusal}", file=sys.stderr, flush=True)
                failed += 1
                continue
            print(f"ok {record.question}", flush=True)
    except OSError as exc:
        raise read_failure(Path(source), exc) from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if failed:
        lines = "1 line" if failed == 1 else f"{failed} lines"
        print(f"selfassess: {lines} refused, the others saved", file=sys.stderr)
    return EXIT_REFUSED if failed else EXIT_OK


def run_attach(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    paths = [check_input_file(Path(p)) for p in args.files]  # all there before any is copied
    service.attach(assessment_id, args.question, paths)
    for path in args.files:
        print(f"attached {path} to {args.question}")
    return EXIT_OK


def run_finalize(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    try:
        on = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        raise InvalidInput(f"--date takes YYYY-MM-DD, not '{args.date}'") from None
    PlanService(service).finalize(assessment_id, Declaration(args.name, args.title, on))
    print(f"finalized {assessment_id}: it is now read-only")
    return EXIT_OK


def run_reopen(args: argparse.Namespace) -> int:
    service = open_service(args)
    assessment_id = service.resolve(args.id)
    service.reopen(assessment_id, args.reason)
    revision = service.get(assessment_id).revision
    print(f"reopened {assessment_id} as revision {revision}")
    return EXIT_OK
