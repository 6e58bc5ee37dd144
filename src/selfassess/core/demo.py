"""A realistic sample assessment for a first look, a benchmark or a training session: an artisanal
tin and tantalum cooperative in South Kivu answering the full form in French, with mixed
ratings, comments, evidence, and one red line breached.

Answers are drawn from a seeded generator, so the same seed gives the same assessment.
`demo_folder` and `sample_evidence` prepare the folder that `selfassess demo --out` fills;
`create_example` makes the same assessment in the user's own data, for a first look in the app.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.errors import InvalidInput, Refused, write_failure
from selfassess.core.files import check_output_file, write_atomically
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import (
    DateQuestion,
    EvidenceQuestion,
    Form,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from selfassess.core.i18n import translate
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile

KALIMBI = Profile(
    organisation="Coopérative minière de Kalimbi",
    entity_type="asm",
    site="Nyabibwe",
    country="CD",
    province="Sud-Kivu",
    minerals=("tin", "tantalum"),
    workforce_size=180,
    contact="Amani Bisimwa",
    certifications=("itsci",),
    mechanisation="manual",
)
COMMENTS = ("selon le registre de la coopérative", "à confirmer avec le comité", None, None)
BREACHED = "B1"  # child labour: the red line the sample breaches, as baselines often do
SAMPLE_FILES = ("registre-des-travailleurs.jpg", "politique-signee.pdf", "permis-2025.jpg")


def demo_folder(out: Path) -> Path:
    """`out`, made if missing (its parent must exist), ready for a demo: no `home` in it yet."""
    if out.is_dir():
        if (out / "home").exists():
            raise Refused.of(
                "{home} exists already; choose an empty --out folder", home=out / "home"
            )
        check_output_file(out / "pack.pdf")
        return out
    check_output_file(out)  # the parent folder exists; `out` is no file, device or pipe
    if out.exists():
        raise InvalidInput.of("{out} is a file; give a folder for the demo", out=out)
    try:
        out.mkdir()
    except OSError as exc:
        raise write_failure(out, exc) from None
    return out


def sample_evidence(folder: Path) -> list[Path]:
    """Three files of seeded noise standing for a register, a policy and a permit."""
    noise = random.Random(11)
    files = []
    for name in SAMPLE_FILES:
        path = folder / name
        write_atomically(path, bytes(noise.randrange(256) for _ in range(40_000)))
        files.append(path)
    return files


def create_demo(
    service: AssessmentService,
    form: Form,
    evidence: Sequence[Path] = (),
    *,
    seed: int = 7,
    profile: Profile = KALIMBI,
    breached: str | None = BREACHED,
    language: str = "fr",
) -> str:
    """A finalized sample assessment of `form` for `profile`, with answers drawn from `seed`
    and exactly the red line `breached` breached (none with None); returns its id."""
    draws = random.Random(seed)
    assessment = service.create(form, profile, language=language, trainer="Furaha Mugisho")
    for _round in range(5):  # answers reveal follow-up questions; answer those in turn
        todo = {problem.question_id for problem in service.evaluate(assessment.id).problems}
        if not todo:
            break
        for question in form.questions():
            if question.id in todo:
                _answer(service, form, assessment.id, question, draws=draws, evidence=evidence)
    _attach_evidence(service, form, assessment.id, evidence)
    _settle_red_lines(service, assessment.id, breached)
    declaration = Declaration(profile.contact or "Amani Bisimwa", "Président", date.today())
    PlanService(service).finalize(assessment.id, declaration)
    return assessment.id


def create_example(service: AssessmentService, language: str) -> str:
    """The sample assessment of the built-in self-assessment, in `language`, for a first look
    in the app: named "Example: ..." so that nobody takes it for their own; returns its id."""
    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None, "the built-in self-assessment loads"
    name = translate(language, "Example: {organisation}", organisation=KALIMBI.organisation)
    profile = dataclasses.replace(KALIMBI, organisation=name)
    return create_demo(service, form, profile=profile, language=language)


def _answer(
    service: AssessmentService,
    form: Form,
    assessment_id: str,
    question: Question,
    *,
    draws: random.Random,
    evidence: Sequence[Path],
) -> None:
    if isinstance(question, EvidenceQuestion):
        if evidence:
            service.attach(
                assessment_id, question.id, [_next_file(service, assessment_id, evidence)]
            )
        return
    value = _value(form, question, draws)
    if value is not None:
        service.set_answer(assessment_id, question.id, value, comment=draws.choice(COMMENTS))


def _value(form: Form, question: Question, draws: random.Random) -> object:
    if isinstance(question, RatingQuestion):
        return draws.choice((1, 2, 2, 3, 3))
    if isinstance(question, YesNoQuestion):
        return draws.choice((True, True, False))
    if isinstance(question, SingleChoiceQuestion):
        return form.choices_of(question)[0].name
    if isinstance(question, MultiChoiceQuestion):
        return [form.choices_of(question)[0].name]
    if isinstance(question, NumberQuestion):
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 8
        return int(min(max(low, 8), high))
    if isinstance(question, DateQuestion):
        return "2025-03-14"
    if isinstance(question, TextQuestion):
        return "Le secrétaire tient le registre; copie affichée au bureau de la coopérative."
    return None


def _settle_red_lines(service: AssessmentService, assessment_id: str, breached: str | None) -> None:
    """Breach exactly the red line `breached`: flip the yes/no answers that raise a red flag
    elsewhere, and raise one in the breached criterion if chance did not."""
    for result in PlanService(service).report(assessment_id).criteria:
        questions = _yes_no_with_flags(service, assessment_id, result.criterion_id)
        if result.criterion_id == breached:
            flipped = questions[:1] if not result.red_flags else []
        else:
            flipped = [q for q in questions if q.id in result.red_flags]
        for question in flipped:
            current = service.answers(assessment_id)[question.id].value
            service.set_answer(assessment_id, question.id, not current)


def _yes_no_with_flags(
    service: AssessmentService, assessment_id: str, criterion_id: str
) -> list[YesNoQuestion]:
    form = service.form_of(service.get(assessment_id))
    answered = service.answers(assessment_id)
    return [
        question
        for criterion in form.criteria()
        if criterion.id == criterion_id
        for question in criterion.questions
        if isinstance(question, YesNoQuestion) and question.red_flag and question.id in answered
    ]


def _attach_evidence(
    service: AssessmentService, form: Form, assessment_id: str, evidence: Sequence[Path]
) -> None:
    """A file for every evidence question asked, as a careful supplier would give; files left
    over go with the last of them, so that every file given is carried."""
    if not evidence:
        return
    states = service.evaluate(assessment_id).states
    asked = [
        question.id
        for question in form.questions()
        if isinstance(question, EvidenceQuestion)
        and (state := states.get(question.id)) is not None
        and state.relevant
    ]
    attached = {a.question_id for a in service.attachments(assessment_id)}
    for question_id in asked:
        if question_id not in attached:
            service.attach(
                assessment_id, question_id, [_next_file(service, assessment_id, evidence)]
            )
    used = {a.sha256 for a in service.attachments(assessment_id)}
    if asked and len(used) < len(evidence):
        service.attach(assessment_id, asked[-1], list(evidence))


def _next_file(service: AssessmentService, assessment_id: str, evidence: Sequence[Path]) -> Path:
    """The files in turn, so that every one of them backs some question."""
    return evidence[len(service.attachments(assessment_id)) % len(evidence)]
