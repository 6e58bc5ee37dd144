"""The sections of the printed pack: cover, gaps and plan, every answer, the evidence index and
the declaration; the summary (readiness, red lines, a chart per pillar) and the view by standard
are in `report_judgement`."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from selfassess.core.assessment.plan_view import planned_rows
from selfassess.core.gaps.edd import edd_verdict
from selfassess.core.i18n import LANGUAGE_NAMES, N_
from selfassess.core.pack.report import ReportInput
from selfassess.core.pack.report_judgement import standards, summary
from selfassess.core.pack.report_style import (
    BODY,
    H1,
    H2,
    H3,
    SMALL,
    Bookmark,
    heading,
    p,
    table_of,
)
from selfassess.core.pack.report_text import (
    ACTION_WORDS,
    SEVERITY_WORDS,
    STATUS_WORDS,
    answer_text,
)
from selfassess.core.profile import ENTITY_TYPES, MINERALS
from selfassess.core.signing.identity import spoken
from selfassess.core.store.evidence import describe_size


def story(data: ReportInput) -> list[Flowable]:
    parts = [cover, summary, gaps_and_plan, standards, answers, evidence_index, declaration]
    flowables: list[Flowable] = []
    for part in parts:
        flowables.extend(part(data))
    return flowables


def cover(data: ReportInput) -> list[Flowable]:
    from selfassess.core.profile import CERTIFICATIONS, MECHANISATION

    r, profile, t = data.response, data.response.profile, data.t
    title = data.form.title.in_language(data.language, data.form.default_language)
    mechanisation = profile.get("mechanisation")  # these four are absent from older packs
    certifications = [str(c) for c in profile.get("certifications") or []]
    rows = [
        (t("Supplier"), profile.get("organisation")),
        (t("Site"), profile.get("site")),
        (
            t("Country"),
            " / ".join(str(v) for v in (profile.get("country"), profile.get("province")) if v),
        ),
        (t("Type"), t(ENTITY_TYPES.get(str(profile.get("entity_type")), "Other"))),
        (t("Minerals"), ", ".join(t(MINERALS.get(m, m)) for m in profile.get("minerals") or [])),
        (t("Workers"), profile.get("workforce_size")),
        (
            t("Mechanisation"),
            t(MECHANISATION.get(str(mechanisation), str(mechanisation))) if mechanisation else None,
        ),
        (t("Certifications"), ", ".join(t(CERTIFICATIONS.get(c, c)) for c in certifications)),
        (t("Source countries"), ", ".join(map(str, profile.get("source_countries") or []))),
        (t("Transit countries"), ", ".join(map(str, profile.get("transit_countries") or []))),
        (t("Enhanced due diligence"), _edd_text(data)),
        (t("Questionnaire"), f"{r.form.id} {r.form.version}"),
        (t("Assessment"), f"{r.assessment}, {t('revision')} {r.revision}"),
        (t("Finalized"), r.finalized_at[:10] if r.finalized_at else t("not yet (draft)")),
        (t("Answered in"), LANGUAGE_NAMES.get(r.language, r.language)),
        (t("Trainer"), r.trainer),
    ]
    if data.signer is not None:
        rows.append((t("Signed by"), f"{data.signer.name}, {data.signer.organisation}"))
        rows.append((t("Certificate fingerprint"), spoken(data.fingerprint or "")))
    table = Table(
        [[p(label, H3), p(str(value))] for label, value in rows if value not in (None, "")],
        colWidths=[48 * mm, 120 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [
        Bookmark(t("Cover")),
        Spacer(1, 30 * mm),
        p(title, H1),
        p(str(profile.get("organisation", "")), H2),
        Spacer(1, 10 * mm),
        table,
        PageBreak(),
    ]


def _edd_text(data: ReportInput) -> str | None:
    """Whether enhanced due diligence applies, why, and by which risk data (format-2 forms)."""
    edd = data.report.edd
    if edd is None:
        return None
    verdict = edd_verdict(edd, data.language)
    said = verdict[:1].upper() + verdict[1:]
    return f"{said}. {'; '.join(edd.reasons)}" if edd.reasons else said


def gaps_and_plan(data: ReportInput) -> list[Flowable]:
    t = data.t
    flow = heading(data, N_("Gaps and improvement plan"))
    rows: list[list[Any]] = [[t("Severity"), t("Criterion"), t("Status"), t("Why")]]
    for gap in data.report.gaps():
        severity = t(SEVERITY_WORDS[gap.severity.value]) if gap.severity else ""
        rows.append(
            [
                p(severity, SMALL),
                p(f"{gap.criterion_id} {gap.title}", SMALL),
                p(t(STATUS_WORDS[gap.status.value]), SMALL),
                p("; ".join(gap.reasons), SMALL),
            ]
        )
    flow.append(table_of(rows, [18, 48, 26, 82]) if len(rows) > 1 else p(t("No gap.")))
    flow.append(p(t("Improvement plan"), H2))
    plan: list[list[Any]] = [[t("Criterion"), t("Action"), t("Owner"), t("Due"), t("Status")]]
    for planned in planned_rows(data.form, data.response.plan, data.report, data.language):
        action = planned.action
        addresses = ", ".join(planned.addresses)
        if addresses:
            text = f"{planned.text} ({t('addresses {answers}', answers=addresses)})"
        else:
            text = planned.text
        plan.append(
            [
                p(("! " if planned.red_line else "") + action.criterion_id, SMALL),
                p(text, SMALL),
                p(action.owner or "", SMALL),
                p(action.due or "", SMALL),
                p(t(ACTION_WORDS[action.status]) if action.status in ACTION_WORDS else "", SMALL),
            ]
        )
    flow.append(
        table_of(plan, [16, 84, 24, 24, 26]) if len(plan) > 1 else p(t("No action planned."))
    )
    return [*flow, PageBreak()]


def answers(data: ReportInput) -> list[Flowable]:
    flow = heading(data, N_("Answers"))
    given, files = data.response.answers, _files_by_question(data)
    for section in data.form.sections:
        title = section.title.in_language(data.language, data.form.default_language)
        flow += [Bookmark(title, 1), p(title, H2)]
        for criterion in section.criteria:
            name = criterion.title.in_language(data.language, data.form.default_language)
            flow.append(p(f"{criterion.id} {name}", H3))
            for question in criterion.questions:
                if question.id in given or question.id in files:
                    flow.extend(
                        _answer(
                            data, question, given.get(question.id, {}), files.get(question.id, [])
                        )
                    )
    return [*flow, PageBreak()]


def _answer(
    data: ReportInput, question: Any, answer: dict[str, Any], names: list[str]
) -> list[Flowable]:
    label = question.label.in_language(data.language, data.form.default_language)
    text = answer_text(data.form, question, answer, data.language)
    lines = [Paragraph(f"<b>{escape(question.id)}</b> {escape(label)}", SMALL)]
    if text:
        lines.append(Paragraph(f"→ {escape(text)}", BODY))
    if answer.get("comment"):
        comment = escape(str(answer["comment"]))
        said = data.t(
            "{label}: {value}", label=f"<i>{escape(data.t('Comment'))}</i>", value=comment
        )
        lines.append(Paragraph(said, SMALL))
    if names:
        files = escape(", ".join(names))
        said = data.t("{label}: {value}", label=f"<i>{escape(data.t('Evidence'))}</i>", value=files)
        lines.append(Paragraph(said, SMALL))
    return [*lines, Spacer(1, 2 * mm)]


def _files_by_question(data: ReportInput) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in data.response.evidence:
        found.setdefault(item.question, []).append(f"{item.name} ({item.sha256[:12]})")
    return found


IN_PACK = {
    "original": N_("Yes"),
    "smaller_copy": N_("Smaller copy"),
    "left_out": N_("Left out"),
}
EVIDENCE_NOTE = N_(
    "The SHA-256 is that of the original file, which the supplier keeps. A smaller copy of a "
    "photo travels in the pack under the SHA-256 given in manifest.json; ask the supplier for "
    "any original or any file left out."
)


def evidence_index(data: ReportInput) -> list[Flowable]:
    t = data.t
    flow = heading(data, N_("Evidence index"))
    by_file: dict[str, Any] = {}
    for item in data.response.evidence:
        entry = by_file.setdefault(
            item.sha256,
            {"name": item.name, "size": item.size, "questions": [], "in_pack": item.in_pack},
        )
        entry["questions"].append(item.question)
    if not by_file:
        return [*flow, p(t("No evidence attached."))]
    signed = any(entry["in_pack"] for entry in by_file.values())
    rows: list[list[Any]] = [[t("File"), t("Size"), "SHA-256", t("Backs")]]
    rows[0] += [t("In the pack")] if signed else []
    for sha256, entry in by_file.items():
        row = [
            p(entry["name"], SMALL),
            p(describe_size(entry["size"], data.language), SMALL),
            Paragraph(f'<font size="6.5">{sha256}</font>', SMALL),
            p(", ".join(entry["questions"]), SMALL),
        ]
        rows.append(row + ([p(t(IN_PACK[entry["in_pack"]]), SMALL)] if signed else []))
    flow.append(table_of(rows, [36, 17, 72, 20, 29] if signed else [50, 16, 78, 30]))
    if any(entry["in_pack"] != "original" for entry in by_file.values()) and signed:
        flow.append(Spacer(1, 2 * mm))
        flow.append(p(t(EVIDENCE_NOTE), SMALL))
    return flow


def declaration(data: ReportInput) -> list[Flowable]:
    t, signed = data.t, data.response.declaration
    flow = heading(data, N_("Declaration"))
    statement = data.form.settings.declaration
    if statement is not None:
        flow.append(p(statement.in_language(data.language, data.form.default_language)))
    if signed:
        flow += [
            Spacer(1, 6 * mm),
            p(f"{signed.get('name', '')}, {signed.get('title', '')}", H3),
            p(
                t(
                    "{label}: {value}",
                    label=t("Date"),
                    value=signed.get("date", signed.get("on", "")),
                )
            ),
        ]
    else:
        flow.append(p(t("Not yet declared: this is a draft.")))
    return flow
