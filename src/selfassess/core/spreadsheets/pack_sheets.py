"""The sheets of an export of received packs, as pure functions of each pack's data (its
response.json and form.json, judged again in the reader's language: `pack.rejudge`), so that
`pack export-sheets` and the buyer's inbox write the same columns.

Each sheet has a function for its columns and one for the rows a pack gives it; every row starts
with the organisation, its country and the assessment id, so that sheets can be joined.

- Suppliers: one row per organisation and country, from its latest pack (`supplier_row`; the
  caller keeps the latest of each supplier).
- Packs: one row per pack, with where it came from (file, SHA-256, signer, fingerprint).
- Answers: one row per question answered: the question in the reader's language from the form
  the pack carries, the answer as a person reads it (`gaps.describe`), its value for numbers,
  levels and dates, the comment and the names of the evidence files.
- Criteria: status, severity, red line, red flags, the reasons in the reader's language.
- Red lines breached or not verified are named in Packs and Suppliers (`pack_sheets_plan` has
  the Actions and KPIs sheets).

Texts are written as they are: the writer makes every one safe (`cells`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from selfassess.core.forms.model import DateQuestion, Form, NumberQuestion, RatingQuestion
from selfassess.core.forms.model import TextQuestion as _Text
from selfassess.core.forms.types import RedLineStatus
from selfassess.core.gaps.describe import answer_text, joined_reasons
from selfassess.core.gaps.results import GapReport, Status
from selfassess.core.i18n import LANGUAGE_NAMES, N_, translate
from selfassess.core.pack.report_text import SEVERITY_WORDS, STATUS_WORDS
from selfassess.core.pack.response import Response
from selfassess.core.profile import CERTIFICATIONS, ENTITY_TYPES, MECHANISATION, MINERALS
from selfassess.core.spreadsheets.cells import Column, Value
from selfassess.core.store.records import Answer
from selfassess.core.trust.decision import SignerStatus
from selfassess.core.trust.signer import Signer

SIGNER_WORDS = {
    SignerStatus.CERTIFIED: N_("Certified by a programme you trust"),
    SignerStatus.KNOWN: N_("Known signer"),
    SignerStatus.NEW: N_("New signer: confirm the fingerprint"),
    SignerStatus.CHANGED: N_("Changed signer"),
}


@dataclass(frozen=True)
class ReceivedPack:
    """A verified pack as the sheets read it; `report` is its judgement in the reader's
    language (`pack.rejudge.judged_again`)."""

    response: Response
    form: Form
    report: GapReport
    file_name: str
    sha256: str
    signer: Signer | None = None
    signed_at: str | None = None
    signer_status: SignerStatus | None = None

    @property
    def supplier_key(self) -> tuple[str, str]:
        """Organisation and country, as the pack's profile names them."""
        profile = self.response.profile
        return str(profile.get("organisation", "")), str(profile.get("country", ""))


def identity_columns(language: str) -> list[Column]:
    t = _words(language)
    return [Column(t("Organisation"), 30), Column(t("Country"), 8), Column(t("Assessment"), 14)]


def identity(pack: ReceivedPack) -> list[Value]:
    organisation, country = pack.supplier_key
    return [organisation, country, pack.response.assessment]


# Suppliers


def supplier_columns(language: str) -> list[Column]:
    t = _words(language)
    titles = [
        (N_("Province"), 14),
        (N_("Site"), 16),
        (N_("Type"), 22),
        (N_("Minerals"), 20),
        (N_("Workers"), 9),
        (N_("Mechanisation"), 20),
        (N_("Certifications"), 20),
        (N_("Source countries"), 12),
        (N_("Transit countries"), 12),
        (N_("Latest pack"), 12),
        (N_("Readiness"), 24),
        (N_("Red lines breached"), 30),
        (N_("Enhanced due diligence required"), 12),
        (N_("Signer"), 24),
        (N_("Packs received"), 9),  # last: `export` counts them once every pack is read
    ]
    return [*identity_columns(language), *(Column(t(title), width) for title, width in titles)]


def supplier_row(pack: ReceivedPack, language: str, packs_received: int = 1) -> list[Value]:
    """The supplier as its latest pack (`pack`) describes it."""
    t, profile = _words(language), pack.response.profile
    mechanisation = profile.get("mechanisation")
    return [
        *identity(pack),
        _text(profile.get("province")),
        _text(profile.get("site")),
        t(ENTITY_TYPES.get(str(profile.get("entity_type")), "Other")),
        listed_words(profile.get("minerals"), lambda m: t(MINERALS.get(m, m))),
        _number(profile.get("workforce_size")),
        t(MECHANISATION.get(str(mechanisation), str(mechanisation))) if mechanisation else None,
        listed_words(profile.get("certifications"), lambda c: t(CERTIFICATIONS.get(c, c))),
        listed_words(profile.get("source_countries"), str),
        listed_words(profile.get("transit_countries"), str),
        day_cell(pack.response.finalized_at),
        pack.report.readiness.label if pack.report.readiness else None,
        "; ".join(red_lines_in(pack.report, RedLineStatus.BREACHED)),
        yes_no(pack.report.edd.required, language) if pack.report.edd else None,
        _signer_name(pack),
        packs_received,
    ]


# Packs


def pack_columns(language: str) -> list[Column]:
    t = _words(language)
    titles = [
        (N_("Revision"), 9),
        (N_("Questionnaire"), 22),
        (N_("Finalized"), 12),
        (N_("Answered in"), 12),
        (N_("Readiness"), 24),
        (N_("Red lines breached"), 30),
        (N_("Red lines not verified"), 30),
        (N_("Enhanced due diligence required"), 12),
        (N_("Enhanced questions answered"), 12),
        (N_("Criteria met"), 9),
        (N_("Gaps"), 7),
        (N_("Signer"), 24),
        (N_("Signed on"), 12),
        (N_("Signer's standing"), 24),
        (N_("Certificate fingerprint"), 66),
        (N_("File"), 24),
        (N_("SHA-256 of the pack"), 66),
    ]
    return [*identity_columns(language), *(Column(t(title), width) for title, width in titles)]


def pack_row(pack: ReceivedPack, language: str) -> list[Value]:
    t, response, report = _words(language), pack.response, pack.report
    edd = report.edd
    return [
        *identity(pack),
        response.revision,
        f"{response.form.id} {response.form.version}",
        day_cell(response.finalized_at),
        LANGUAGE_NAMES.get(response.language, response.language),
        report.readiness.label if report.readiness else None,
        "; ".join(red_lines_in(report, RedLineStatus.BREACHED)),
        "; ".join(red_lines_in(report, RedLineStatus.NOT_VERIFIED)),
        yes_no(edd.required, language) if edd else None,
        yes_no(edd.completed, language) if edd and edd.required else None,
        sum(1 for result in report.criteria if result.status is Status.MEETS),
        sum(1 for result in report.criteria if result.is_gap),
        _signer_name(pack),
        day_cell(pack.signed_at),
        t(SIGNER_WORDS[pack.signer_status]) if pack.signer_status else None,
        pack.signer.fingerprint_sha256 if pack.signer else None,
        pack.file_name,
        pack.sha256,
    ]


# Answers


def answer_columns(language: str) -> list[Column]:
    t = _words(language)
    titles = [
        (N_("Section"), 20),
        (N_("Criterion"), 9),
        (N_("Question"), 9),
        (N_("Question asked"), 60),
        (N_("Answer"), 40),
        (N_("Value"), 10),
        (N_("Comment"), 40),
        (N_("Evidence"), 30),
    ]
    return [*identity_columns(language), *(Column(t(title), width) for title, width in titles)]


def answer_rows(pack: ReceivedPack, language: str) -> Iterator[list[Value]]:
    """A row per question answered or backed by evidence, in the form's order."""
    form, given = pack.form, pack.response.answers
    files: dict[str, list[str]] = {}
    for item in pack.response.evidence:
        files.setdefault(item.question, []).append(item.name)
    fallback, who = form.default_language, identity(pack)
    for section in form.sections:
        section_title = section.title.in_language(language, fallback)
        for criterion in section.criteria:
            for question in criterion.questions:
                if question.id not in given and question.id not in files:
                    continue
                raw = given.get(question.id, {})
                yield [
                    *who,
                    section_title,
                    criterion.id,
                    question.id,
                    question.label.in_language(language, fallback),
                    _answer_words(form, question, raw, language),
                    _answer_value(question, raw),
                    _text(raw.get("comment")),
                    ", ".join(files.get(question.id, [])) or None,
                ]


def _answer_words(form: Form, question: Any, raw: dict[str, Any], language: str) -> str | None:
    value, na_reason = raw.get("value"), raw.get("na_reason")
    if value is None and na_reason is None:
        return None
    if isinstance(question, _Text) and na_reason is None:
        return str(value)
    answer = Answer(question.id, value, raw.get("comment"), na_reason)
    words = answer_text(form, question, answer, language)
    return words[:1].upper() + words[1:]  # alone in its cell: "Yes", "Not applicable (…)"


def _answer_value(question: Any, raw: dict[str, Any]) -> Value:
    """The answer as a number or a date a buyer can sort and sum (None for words)."""
    value = raw.get("value")
    if raw.get("na_reason") is not None or isinstance(value, bool):
        return None
    if isinstance(question, NumberQuestion | RatingQuestion) and isinstance(value, int | float):
        return value
    if isinstance(question, DateQuestion) and isinstance(value, str):
        return day_cell(value)
    return None


# Criteria


def criterion_columns(language: str) -> list[Column]:
    t = _words(language)
    titles = [
        (N_("Section"), 20),
        (N_("Criterion"), 9),
        (N_("Title"), 40),
        (N_("Status"), 16),
        (N_("Severity"), 10),
        (N_("Red line"), 9),
        (N_("Red flags"), 14),
        (N_("Why"), 80),
        (N_("References"), 30),
    ]
    return [*identity_columns(language), *(Column(t(title), width) for title, width in titles)]


def criterion_rows(pack: ReceivedPack, language: str) -> Iterator[list[Value]]:
    t, who = _words(language), identity(pack)
    sections = {
        s.id: s.title.in_language(language, pack.form.default_language) for s in pack.form.sections
    }
    for result in pack.report.criteria:
        yield [
            *who,
            sections.get(result.section_id, result.section_id),
            result.criterion_id,
            result.title,
            t(STATUS_WORDS[result.status.value]),
            t(SEVERITY_WORDS[result.severity.value]) if result.severity else None,
            t("Yes") if result.red_line else None,
            ", ".join(result.red_flags) or None,
            joined_reasons(result.reasons) or None,
            "; ".join(f"{s} {c}" if c else s for s, c in result.references) or None,
        ]


def red_lines_in(report: GapReport, status: RedLineStatus) -> list[str]:
    """The titles of the red lines in `status` (a format-1 form's breached red-line criteria)."""
    if report.red_lines:
        return [line.title for line in report.red_lines_in(status)]
    if status is not RedLineStatus.BREACHED:
        return []
    return [
        r.title
        for r in report.criteria
        if r.red_line and (r.red_flags or r.status is Status.DOES_NOT_MEET)
    ]


# Small helpers.


def _words(language: str) -> Callable[..., str]:
    def t(message: str, **params: object) -> str:
        return translate(language, message, **params)

    return t


def yes_no(value: bool, language: str) -> str:
    return translate(language, "Yes") if value else translate(language, "No")


def _signer_name(pack: ReceivedPack) -> str | None:
    if pack.signer is None:
        return None
    details = pack.signer.details
    return f"{details.name}, {details.organisation}"


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _number(value: object) -> int | float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def listed_words(values: object, word: Any) -> str | None:
    items = values if isinstance(values, list) else []
    return ", ".join(word(str(item)) for item in items) or None


def day_cell(text: str | None) -> date | str | None:
    """The day an ISO date or date-time says (as the text itself when it says none)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)
    except ValueError:
        return text
