"""A pack's claims are recomputed from its own answers: a genuine pack of either built-in form
holds, whatever its answers (red lines, "not applicable", comments, missing evidence); a response
whose readiness, statuses, severities, scores or red-line flags were changed is refused naming
the first difference, even when it is sealed again with the supplier's genuine key; a form.json
that is not the form named, or not a form at all, is refused plainly."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pytest
from tests.conftest import MemoryKeyring
from tests.pack.genuine import files_of
from tests.pack.making import report_pdf

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.demo import KALIMBI, create_demo, sample_evidence
from selfassess.core.findings import Finding
from selfassess.core.forms.identity import canonical_json
from selfassess.core.forms.loader import load_form, load_form_text
from selfassess.core.forms.model import Criterion, Form, RatingQuestion, YesNoQuestion
from selfassess.core.i18n import translate
from selfassess.core.pack.export import export_pack
from selfassess.core.pack.recompute import claims_problem
from selfassess.core.pack.response import Response, build_response
from selfassess.core.pack.seal import MANIFEST, Attachment, seal
from selfassess.core.pack.verify import verify
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.profile import MECHANISATION
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

PASSPHRASE = "correct horse battery staple"
TRADER = dataclasses.replace(
    KALIMBI,
    entity_type="trader",
    certifications=("rmap", "itsci"),
    mechanisation="semi_mechanised",
    source_countries=("CD", "RW", "BI"),
    transit_countries=("UG", "KE"),
)
SUPPLY_CHAIN = ("certifications", "mechanisation", "source_countries", "transit_countries")
FORMS = ("quick-scan", "self-assessment")
SAMPLE_FORM = Path(__file__).parents[1] / "data" / "sample.yaml"


@dataclass(frozen=True)
class Pack:
    """A genuine signed pack, and the two files recomputing reads from it."""

    data: bytes
    files: dict[str, bytes]

    @property
    def response(self) -> Response:
        return Response.model_validate_json(self.files["response.json"])

    @property
    def form_json(self) -> bytes:
        return self.files["form.json"]


def builtin(name: str) -> Form:
    form = load_form(builtin_forms_dir() / f"{name}.yaml").form
    assert form is not None
    return form


def judged_by_ratings(form: Form) -> list[Criterion]:
    """The criteria judged by ratings alone: no rule of their own, no yes/no that scores."""
    return [
        c
        for c in form.criteria()
        if not c.status_rules
        and not any(isinstance(q, YesNoQuestion) and q.expected is not None for q in c.questions)
        and any(isinstance(q, RatingQuestion) for q in c.questions)
    ]


def not_applicable_throughout(service: AssessmentService, form: Form, assessment_id: str) -> None:
    """Reopen the sample and answer "not applicable", with a reason, every rating of the first
    criterion judged by ratings alone, and one rating of another criterion."""
    service.reopen(assessment_id, "the site stopped washing ore")
    rated = judged_by_ratings(form)
    for question in [q for q in rated[0].questions if isinstance(q, RatingQuestion)]:
        service.set_answer(assessment_id, question.id, None, na_reason="pas de lavage sur le site")
    other = next(
        c
        for c in form.criteria()
        if c is not rated[0] and any(isinstance(q, RatingQuestion) for q in c.questions)
    )
    first_rating = next(q for q in other.questions if isinstance(q, RatingQuestion))
    service.set_answer(assessment_id, first_rating.id, None, na_reason="pas encore")
    PlanService(service).finalize(assessment_id, Declaration("Amani", "Président", date.today()))


def make_pack(home: Path, name: str, *, with_na: bool = False, profile: Profile = KALIMBI) -> Pack:
    identities = IdentityStore(home)
    if not identities.exists():
        details = IdentityDetails("Amani Bisimwa", KALIMBI.organisation, "a@k.cd", "CD")
        identities.create(details, PASSPHRASE)
    tag = f"{name}-{with_na}-{profile.entity_type}"
    evidence = home.parent / f"evidence-{tag}"
    evidence.mkdir()
    with Store.open(home) as store:
        service = AssessmentService(store)
        form = builtin(name)
        assessment_id = create_demo(service, form, sample_evidence(evidence), profile=profile)
        if with_na:
            not_applicable_throughout(service, form, assessment_id)
        target = home.parent / f"{tag}.pdf"
        export_pack(PlanService(service), identities, assessment_id, target, passphrase=PASSPHRASE)
    data = target.read_bytes()
    verdict = verify(data)
    assert verdict.reasons == []
    return Pack(data, files_of(data))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Pack]]]:
    """Genuine packs of both built-in forms, and one with "not applicable" answers, made once
    in a home and keyring of their own."""
    home = tmp_path_factory.mktemp("recompute") / "home"
    home.mkdir()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SELFASSESS_HOME", str(home))
        packs = {name: make_pack(home, name) for name in FORMS}
        packs["with-na"] = make_pack(home, "self-assessment", with_na=True)
        packs["trader"] = make_pack(home, "quick-scan", profile=TRADER)
        yield home, packs
    keyring.set_keyring(previous)


@pytest.fixture
def packs(made: tuple[Path, dict[str, Pack]]) -> dict[str, Pack]:
    return made[1]


@pytest.fixture
def genuine(packs: dict[str, Pack]) -> Pack:
    return packs["self-assessment"]


def changed(response: Response, **changes: Any) -> Response:
    """A copy of `response` with fields changed; `criteria` maps an id to its changed fields."""
    per_criterion = changes.pop("criteria", {})
    criteria = [
        c.model_copy(update=per_criterion.get(c.id, {}))
        for c in response.criteria
        if per_criterion.get(c.id) != "drop"
    ]
    return response.model_copy(update={"criteria": criteria, **changes})


def problem(response: Response, form_json: bytes) -> str:
    found = claims_problem(response, form_json)
    assert isinstance(found, Finding)
    return str(found)


# Genuine packs hold.


@pytest.mark.parametrize("name", [*FORMS, "with-na"])
def test_a_genuine_pack_recomputes_exactly(packs: dict[str, Pack], name: str) -> None:
    pack = packs[name]
    response = pack.response
    statuses = {c.status for c in response.criteria}
    assert {"meets", "partially_meets", "does_not_meet", "not_applicable"} <= statuses
    assert [c.id for c in response.criteria if c.red_flags] == ["B1"]
    assert response.readiness is not None
    assert response.readiness.id == "red_line_breached"
    assert response.evidence
    assert any(a["comment"] for a in response.answers.values())
    assert claims_problem(response, pack.form_json) is None


def test_not_applicable_answers_are_judged_again(packs: dict[str, Pack]) -> None:
    """A criterion whose ratings were all "not applicable" does not apply; the pack holds, and
    claiming it met is caught."""
    pack = packs["with-na"]
    response = pack.response
    chosen = judged_by_ratings(builtin("self-assessment"))[0].id
    not_applicable = {q for q, answer in response.answers.items() if answer["na_reason"]}
    assert any(not q.startswith(f"{chosen}.") for q in not_applicable)
    assert any(q.startswith(f"{chosen}.") for q in not_applicable)
    (outcome,) = [c for c in response.criteria if c.id == chosen]
    assert outcome.status == "not_applicable"
    assert claims_problem(response, pack.form_json) is None
    lie = changed(response, criteria={chosen: {"status": "meets"}})
    assert problem(lie, pack.form_json) == (
        f'response.json claims criterion {chosen} is "meets", but its answers give "not_applicable"'
    )


def test_evidence_the_response_does_not_list_is_missing(genuine: Pack) -> None:
    """A3 meets with its file; listed without it, the same claim is refused."""
    response = genuine.response
    (a3,) = [c for c in response.criteria if c.id == "A3"]
    assert a3.status == "meets"
    without = [e for e in response.evidence if e.question != "A3.4"]
    found = problem(response.model_copy(update={"evidence": without}), genuine.form_json)
    assert found.startswith('response.json claims criterion A3 is "meets", but its answers give ')
    assert not found.endswith('"meets"')


# Changed claims are refused, naming the first difference.


def test_the_best_readiness_despite_a_red_line_is_refused(genuine: Pack) -> None:
    assert genuine.response.readiness is not None
    best = genuine.response.readiness.model_copy(update={"id": "ready", "label": "Prêt"})
    lie = genuine.response.model_copy(update={"readiness": best})
    assert problem(lie, genuine.form_json) == (
        'response.json claims readiness "ready", but its answers give "red_line_breached"'
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"status": "meets"},
            'response.json claims criterion B1 is "meets", but its answers give "does_not_meet"',
        ),
        (
            {"severity": "major"},
            'response.json gives criterion B1 the severity "major", but its answers give '
            '"critical"',
        ),
        (
            {"red_line": False},
            "response.json says criterion B1 has red_line false, but its form says true",
        ),
        (
            {"red_flags": []},
            "response.json names the red flags [] for criterion B1, but its answers raise {flags}",
        ),
        (
            {"section": "A"},
            'response.json gives criterion B1 a section its form does not: "A"',
        ),
        (
            {"title": "Tout va bien"},
            'response.json gives criterion B1 a title its form does not: "Tout va bien"',
        ),
    ],
)
def test_a_changed_criterion_is_refused(
    genuine: Pack, fields: dict[str, object], message: str
) -> None:
    (b1,) = [c for c in genuine.response.criteria if c.id == "B1"]
    flags = json.dumps(b1.red_flags)  # the demo's seeded answers raise them
    lie = changed(genuine.response, criteria={"B1": fields})
    assert problem(lie, genuine.form_json) == message.format(flags=flags)


def test_the_whole_lie_is_refused_at_its_first_difference(genuine: Pack) -> None:
    """B1 claimed met with no red flag, scores and readiness made to match: B1 comes first."""
    response = genuine.response
    scores = {**response.scores, "severities": {"critical": 0, "major": 0, "minor": 29}}
    lie = changed(
        response,
        criteria={"B1": {"status": "meets", "severity": None, "red_flags": []}},
        scores=scores,
        readiness=response.readiness.model_copy(update={"id": "ready"}),  # type: ignore[union-attr]
    )
    assert problem(lie, genuine.form_json).startswith(
        'response.json claims criterion B1 is "meets"'
    )


def test_a_changed_score_is_refused(genuine: Pack) -> None:
    response = genuine.response
    scores = {**response.scores, "severities": {**response.scores["severities"], "critical": 0}}
    assert problem(response.model_copy(update={"scores": scores}), genuine.form_json) == (
        "response.json claims the score severities.critical is 0, but its answers give 1"
    )
    overall = {**response.scores["overall"], "meets": True}
    scores = {**response.scores, "overall": overall}
    assert problem(response.model_copy(update={"scores": scores}), genuine.form_json).startswith(
        "response.json claims the score overall.meets is true, but its answers give "
    )
    scores = {key: value for key, value in response.scores.items() if key != "sections"}
    assert problem(response.model_copy(update={"scores": scores}), genuine.form_json) == (
        "response.json leaves out the score sections"
    )
    scores = {**response.scores, "bonus": 3}
    assert problem(response.model_copy(update={"scores": scores}), genuine.form_json) == (
        "response.json claims a score bonus that its answers do not give"
    )


def test_criteria_left_out_added_or_repeated_are_refused(genuine: Pack) -> None:
    response = genuine.response
    assert problem(changed(response, criteria={"B1": "drop"}), genuine.form_json) == (
        "response.json leaves out criterion B1"
    )
    extra = response.criteria[0].model_copy(update={"id": "Z9\x1b[8m"})
    more = response.model_copy(update={"criteria": [*response.criteria, extra]})
    assert problem(more, genuine.form_json) == (
        "response.json claims criterion Z9<U+001B>[8m, which its form does not have"
    )
    twice = response.model_copy(update={"criteria": [*response.criteria, response.criteria[3]]})
    assert problem(twice, genuine.form_json) == (
        f"response.json lists criterion {response.criteria[3].id} more than once"
    )


def test_a_readiness_label_the_form_does_not_give_is_refused(genuine: Pack) -> None:
    response = genuine.response
    assert response.readiness is not None
    relabelled = response.readiness.model_copy(update={"label": "Prêt à acheter"})
    lie = response.model_copy(update={"readiness": relabelled})
    assert problem(lie, genuine.form_json) == (
        'response.json labels readiness red_line_breached "Prêt à acheter", which is not its '
        "form's label"
    )
    english = builtin("self-assessment").settings.readiness[0].label["en"]
    honest = response.model_copy(
        update={"readiness": relabelled.model_copy(update={"label": english})}
    )
    assert claims_problem(honest, genuine.form_json) is None  # printed in English


# The inputs: the carried form, answers, profile.


def test_a_form_json_that_is_not_the_form_named_is_refused(packs: dict[str, Pack]) -> None:
    genuine, other = packs["self-assessment"], packs["quick-scan"]
    hash_differs = (
        "the form carried (form.json) is not the form response.json names: its hash differs"
    )
    assert problem(genuine.response, other.form_json) == hash_differs
    assert problem(genuine.response, genuine.form_json + b" ") == hash_differs
    renamed = genuine.response.model_copy(
        update={"form": genuine.response.form.model_copy(update={"hash": other.response.form.hash})}
    )
    assert problem(renamed, other.form_json) == (
        f"response.json names the form self-assessment {genuine.response.form.version}, but "
        f"form.json is quick-scan {other.response.form.version}"
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[" * 200_000 + b"]" * 200_000, "nested more than"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"id": 1, "id": 2}', "duplicate key"),
        (b'{"format_version": NaN}', "NaN is not a number"),
        (b'{"id": ' + b"9" * 5000 + b"}", "digits"),
        (b"[1, 2, 3]", "a form must be a mapping"),
        (b'{"id": "x"}', ""),
        (b" " * (9 * 1024 * 1024), "larger than"),
    ],
)
def test_a_hostile_form_json_is_a_plain_finding(genuine: Pack, body: bytes, reason: str) -> None:
    """Even when response.json names its hash, a crafted form.json is refused with a reason."""
    named = genuine.response.model_copy(
        update={
            "form": genuine.response.form.model_copy(
                update={"hash": hashlib.sha256(body).hexdigest()}
            )
        }
    )
    found = problem(named, body)
    assert found.startswith("form.json is not a readable form: form.json")
    assert reason in found
    assert problem(genuine.response, body).endswith("its hash differs")  # refused unread


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {"Q9.9": {"value": 3, "comment": None, "na_reason": None}},
            "response.json answers question Q9.9, which its form does not have",
        ),
        (
            {"B1.1": {"value": {"yes": True}, "comment": None, "na_reason": None}},
            "response.json's answer to B1.1 is not one its form allows: ",
        ),
        (
            {"B1.1": {"value": "yes", "comment": None, "na_reason": None}},
            "response.json's answer to B1.1 is not one its form allows: ",
        ),
        (
            {"B1.1": {"value": True, "comment": ["a"], "na_reason": None}},
            "response.json's answer to B1.1 is not one its form allows: ",
        ),
        (
            {"B1.1": {"value": True}},
            "response.json's answer to B1.1 is not one its form allows: ",
        ),
    ],
)
def test_answers_the_form_cannot_hold_are_refused(
    genuine: Pack, answers: dict[str, Any], message: str
) -> None:
    response = genuine.response
    lie = response.model_copy(update={"answers": {**response.answers, **answers}})
    assert problem(lie, genuine.form_json).startswith(message)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("entity_type", "bank"),
        ("minerals", "tin"),
        ("minerals", ["tin", 3]),
        ("workforce_size", True),
    ],
)
def test_a_profile_the_engine_cannot_read_is_refused(
    genuine: Pack, field: str, value: object
) -> None:
    response = genuine.response
    lie = response.model_copy(update={"profile": {**response.profile, field: value}})
    assert problem(lie, genuine.form_json).startswith(
        f"response.json's profile has a {field} selfassess cannot use: "
    )


def test_a_changed_profile_changes_what_applies(genuine: Pack) -> None:
    """A trader's profile: criteria for mine sites no longer apply, so the claims differ."""
    response = genuine.response
    trader = response.model_copy(update={"profile": {**response.profile, "entity_type": "trader"}})
    assert "but its answers give" in problem(trader, genuine.form_json)


def test_a_pack_carries_the_practices_and_supply_chain_and_verifies(
    packs: dict[str, Pack], tmp_path: Path
) -> None:
    pack = packs["trader"]
    assert verify(pack.data).reasons == []
    profile = pack.response.profile
    assert {name: profile[name] for name in SUPPLY_CHAIN} == {
        "certifications": ["rmap", "itsci"],
        "mechanisation": "semi_mechanised",
        "source_countries": ["CD", "RW", "BI"],
        "transit_countries": ["UG", "KE"],
    }
    assert claims_problem(pack.response, pack.form_json) is None
    if shutil.which("pdftotext"):
        (tmp_path / "pack.pdf").write_bytes(pack.data)
        done = subprocess.run(
            ["pdftotext", "-l", "1", str(tmp_path / "pack.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        cover = " ".join(done.stdout.split())
        semi = translate("fr", MECHANISATION["semi_mechanised"])  # printed in French
        assert f"{translate('fr', 'Mechanisation')} {semi}" in cover
        assert "CD, RW, BI" in cover
        assert "UG, KE" in cover
        assert "ITSCI" in cover


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("certifications", ["fairtrade"]),
        ("certifications", "rmap"),
        ("mechanisation", "robots"),
        ("mechanisation", ["manual"]),
        ("source_countries", [3]),
        ("transit_countries", None),
    ],
)
def test_practices_and_supply_chain_the_engine_cannot_read_are_refused(
    packs: dict[str, Pack], field: str, value: object
) -> None:
    pack = packs["trader"]
    lie = pack.response.model_copy(update={"profile": {**pack.response.profile, field: value}})
    assert problem(lie, pack.form_json).startswith(
        f"response.json's profile has a {field} selfassess cannot use: "
    )


A2_APPLIES = "profile.entity_type in ['asm', 'industrial_mine'] or profile.workforce_size >= 50"


def finalized_response(home: Path, form: Form, profile: Profile) -> Response:
    """The response of a finalized assessment of `form` (the sample form, changed) for
    `profile`, with criterion A2 answered in case it applies."""
    with Store.open(home) as store:
        service = AssessmentService(store)
        draft = service.create(form, profile, language="fr")
        for question, value in (("A1.1", 1), ("A2.1", "exploitation"), ("B1.1", False)):
            service.set_answer(draft.id, question, value)
        plans = PlanService(service)
        plans.finalize(draft.id, Declaration("Amani", "Président", date.today()))
        return build_response(plans, draft.id)


def sample_applying_when(applicability: str) -> Form:
    """The sample form, with criterion A2 applying when `applicability` holds."""
    text = SAMPLE_FORM.read_text(encoding="utf-8")
    assert A2_APPLIES in text
    form = load_form_text(text.replace(A2_APPLIES, applicability), "changed.yaml").form
    assert form is not None
    return form


def test_mechanisation_read_by_the_form_is_recomputed_from_the_pack(isolated_home: Path) -> None:
    """A form whose criterion A2 applies to mechanised sites: the pack of a mechanised site
    holds; the same pack saying the site works by hand claims what its answers do not give."""
    form = sample_applying_when("profile.mechanisation = 'mechanised'")
    mechanised = dataclasses.replace(KALIMBI, mechanisation="mechanised")
    response = finalized_response(isolated_home, form, mechanised)
    (a2,) = [c for c in response.criteria if c.id == "A2"]
    assert a2.status == "partially_meets"
    form_json = canonical_json(form).encode()
    assert claims_problem(response, form_json) is None
    by_hand = response.model_copy(
        update={"profile": {**response.profile, "mechanisation": "manual"}}
    )
    assert problem(by_hand, form_json) == (
        'response.json claims criterion A2 is "partially_meets", but its answers give '
        '"not_applicable"'
    )


def test_a_pack_from_before_the_supply_chain_fields_recomputes_with_them_empty(
    isolated_home: Path,
) -> None:
    """Packs made before these fields existed carry none of them: they stand for empty lists
    and no mechanisation, as the store gives the assessments of that time."""
    form = sample_applying_when(
        "profile.mechanisation = null and count_selected(profile.certifications) = 0"
    )
    plain = Profile(organisation=KALIMBI.organisation, entity_type="asm", country="CD")
    response = finalized_response(isolated_home, form, plain)
    (a2,) = [c for c in response.criteria if c.id == "A2"]
    assert a2.status == "partially_meets"
    older = {k: v for k, v in response.profile.items() if k not in SUPPLY_CHAIN}
    form_json = canonical_json(form).encode()
    assert claims_problem(response.model_copy(update={"profile": older}), form_json) is None


def test_an_unreadable_generated_at_is_refused(genuine: Pack) -> None:
    lie = genuine.response.model_copy(update={"generated_at": "yesterday\n"})
    assert problem(lie, genuine.form_json) == (
        "response.json's generated_at is not a date and time: yesterday "
    )


# The day of the export.


def dated_form() -> Form:
    """The sample form, with a rule that fails A1 on 2 January 2030 only."""
    text = SAMPLE_FORM.read_text(encoding="utf-8").replace(
        '        status_rules:\n          - when: "${A1.1} = 3',
        '        status_rules:\n          - when: "today() = @2030-01-02"\n'
        "            status: does_not_meet\n"
        '          - when: "${A1.1} = 3',
        1,
    )
    form = load_form_text(text, "dated.yaml").form
    assert form is not None
    return form


def test_the_export_day_is_the_day_of_generated_at_or_next_to_it(
    isolated_home: Path, tmp_path: Path
) -> None:
    """Exported on 2 January 2030 at 00:30 in Kinshasa (23:30 UTC the day before): the rule of
    that day holds; the same claims dated a week later do not."""
    form = dated_form()
    with Store.open(isolated_home) as store:
        service = AssessmentService(store)
        draft = service.create(form, KALIMBI, language="fr")
        answers = (("A1.1", 3), ("A1.2", date.today().isoformat()), ("A2.1", "exploitation"))
        for qid, value in answers:
            service.set_answer(draft.id, qid, value)
        service.set_answer(draft.id, "B1.1", True)
        evidence = tmp_path / "politique.pdf"
        evidence.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 50)
        service.attach(draft.id, "A1.3", [evidence])
        plans = PlanService(service)
        plans.finalize(
            draft.id, Declaration("Amani", "Président", date(2030, 1, 1)), today=date(2030, 1, 1)
        )
        report = plans.report(draft.id, today=date(2030, 1, 2))
        response = build_response(plans, draft.id, report=report)
    (a1,) = [c for c in response.criteria if c.id == "A1"]
    assert a1.status == "does_not_meet"
    form_json = canonical_json(form).encode()
    at = response.model_copy(update={"generated_at": "2030-01-01T23:30:00+00:00"})
    assert claims_problem(at, form_json) is None
    later = response.model_copy(update={"generated_at": "2030-01-09T10:00:00+00:00"})
    assert problem(later, form_json) == (
        'response.json claims criterion A1 is "does_not_meet", but its answers give "meets"'
    )


# End to end: a lie sealed with the genuine key.


def test_a_lie_sealed_with_the_genuine_key_is_still_refused(
    made: tuple[Path, dict[str, Pack]],
) -> None:
    home, packs = made
    genuine = packs["self-assessment"]
    assert genuine.response.readiness is not None
    best = genuine.response.readiness.model_copy(update={"id": "ready", "label": "Prêt"})
    lie = genuine.response.model_copy(update={"readiness": best})
    carried = [
        Attachment(name, data, "application/json" if name.endswith(".json") else "image/jpeg")
        for name, data in genuine.files.items()
        if name not in (MANIFEST, "response.json")
    ]
    carried.append(
        Attachment("response.json", lie.model_dump_json(indent=1).encode(), "application/json")
    )
    resealed = seal(report_pdf(), carried, IdentityStore(home).unlock(PASSPHRASE))
    verdict = verify(resealed)
    assert verdict.signer is not None
    assert verdict.signer.fingerprint_sha256 == IdentityStore(home).show().fingerprint_sha256
    files = verdict.data
    assert claims_problem(
        Response.model_validate_json(files["response.json"]), files["form.json"]
    ) == (
        Finding.of(
            "response.json claims readiness {claimed}, but its answers give {actual}",
            claimed='"ready"',
            actual='"red_line_breached"',
        )
    )


# Enhanced due diligence: recomputed with the risk data the pack names.


def edd_changed(response: Response, **fields: Any) -> Response:
    assert response.enhanced_due_diligence is not None
    edd = response.enhanced_due_diligence.model_copy(update=fields)
    return response.model_copy(update={"enhanced_due_diligence": edd})


def test_a_pack_from_a_listed_province_states_enhanced_due_diligence(genuine: Pack) -> None:
    edd = genuine.response.enhanced_due_diligence
    assert edd is not None
    assert edd.required
    assert edd.by_area
    assert any("(CD-SK)" in reason for reason in edd.reasons)
    assert edd.data_version is not None
    assert edd.data_as_of is not None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"by_area": False},
            "response.json claims enhanced_due_diligence.by_area is false, but its answers "
            "give true",
        ),
        (
            {"red_flags": []},
            "response.json claims enhanced_due_diligence.red_flags is [], but its answers "
            'give ["B1.2"]',
        ),
        (
            {"completed": False},
            "response.json claims enhanced_due_diligence.completed is false, but its answers "
            "give true",
        ),
    ],
)
def test_a_changed_enhanced_due_diligence_claim_is_refused(
    genuine: Pack, fields: dict[str, Any], message: str
) -> None:
    assert problem(edd_changed(genuine.response, **fields), genuine.form_json) == message


def test_leaving_out_enhanced_due_diligence_is_refused(genuine: Pack) -> None:
    lie = genuine.response.model_copy(update={"enhanced_due_diligence": None})
    assert problem(lie, genuine.form_json) == (
        "response.json leaves out whether enhanced due diligence applies"
    )


def test_risk_data_this_computer_lacks_is_taken_as_stated_and_said(
    made: tuple[Path, dict[str, Pack]],
) -> None:
    """An unknown table version cannot be recomputed: the pack's own statement stands, and the
    verdict says so, and says that this computer's data lists the area the pack calls
    unlisted."""
    home, packs = made
    genuine = packs["self-assessment"]
    unlisted = edd_changed(genuine.response, data_version="2099.1.0", by_area=False)
    assert claims_problem(unlisted, genuine.form_json) is None
    carried = [
        Attachment(name, data, "application/json" if name.endswith(".json") else "image/jpeg")
        for name, data in genuine.files.items()
        if name not in (MANIFEST, "response.json")
    ]
    carried.append(
        Attachment("response.json", unlisted.model_dump_json(indent=1).encode(), "application/json")
    )
    verdict = verify(seal(report_pdf(), carried, IdentityStore(home).unlock(PASSPHRASE)))
    notes = [str(note) for note in verdict.notes]
    assert any("risk data 2099.1.0, which this computer does not have" in n for n in notes)
    assert any("lists CD-SK, which the pack states is not listed" in n for n in notes), notes


@pytest.mark.parametrize(
    ("part", "field", "value"),
    [
        ("enhanced_due_diligence", "required", "true"),
        ("enhanced_due_diligence", "data_version", "9" * 100_000),
        ("enhanced_due_diligence", "data_as_of", "garbage"),
        ("enhanced_due_diligence", "data_as_of", "2026-02-30"),
        ("remediation", "referred", 50),
        ("remediation", "identified", 10**30),
    ],
)
def test_a_response_with_impossible_values_is_not_a_response(
    genuine: Pack, part: str, field: str, value: Any
) -> None:
    """What cannot be recomputed is still checked: types, dates, versions, and counts that
    cannot exceed the children identified."""
    from pydantic import ValidationError

    data = json.loads(genuine.files["response.json"])
    data["remediation"] = {
        "identified": 1,
        "referred": 1,
        "supported": 1,
        "in_school_at_last_follow_up": 0,
        "lost_to_follow_up": 0,
    }
    Response.model_validate_json(json.dumps(data))  # a register's counts, consistent: fine
    data[part][field] = value
    with pytest.raises(ValidationError):
        Response.model_validate_json(json.dumps(data))
