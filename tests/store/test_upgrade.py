"""Assessments on the questionnaire 1.0.0 stay readable and exportable as they are; `upgrade`
makes a 2.0.0 assessment carrying every answer by id and lists what needs a new answer; and a
1.0.0 baseline compares with a 2.0.0 follow-up, criterion by criterion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfassess.cli.main import main
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.assessment.upgrade import REMOVED, newest_form, upgrade
from selfassess.core.demo import create_demo, sample_evidence
from selfassess.core.errors import Refused
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.pack.export import export_pack
from selfassess.core.pack.verify import verify
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

VERSION_1 = Path(__file__).parents[1] / "data" / "self-assessment-1.0.0.yaml"
KIPUSHI = Profile(
    organisation="Société minière de Kipushi",
    entity_type="industrial_mine",
    site="Kipushi",
    country="CD",
    province="Haut-Katanga",
    minerals=("copper", "cobalt"),
    workforce_size=2400,
    contact="Mwamba Ilunga",
    mechanisation="mechanised",
)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def loaded(path: Path) -> Form:
    form = load_form(path).form
    assert form is not None
    return form


@pytest.fixture(scope="module")
def old_form() -> Form:
    form = loaded(VERSION_1)
    assert (form.format, form.version) == (1, "1.0.0")
    return form


@pytest.fixture
def finalized_v1(service: AssessmentService, old_form: Form, tmp_path: Path) -> str:
    folder = tmp_path / "evidence"
    folder.mkdir()
    return create_demo(service, old_form, sample_evidence(folder), profile=KIPUSHI)


def test_a_1_0_0_assessment_is_offered_the_newest_version_and_upgraded(
    service: AssessmentService, finalized_v1: str, isolated_home: Path
) -> None:
    old = service.get(finalized_v1)
    newest = newest_form(isolated_home, old)
    assert newest is not None
    assert newest.version == "2.0.0"
    old_answers = service.answers(finalized_v1)
    result = upgrade(service, finalized_v1, newest)
    new = result.assessment
    assert (new.form_version, new.status, new.language) == ("2.0.0", "draft", old.language)
    assert new.profile == old.profile
    carried = service.answers(new.id)
    new_questions = {q.id: q for q in newest.questions()}
    for question_id, answer in old_answers.items():
        if question_id in result.carried:
            assert carried[question_id].value == answer.value, question_id
            assert carried[question_id].comment == answer.comment, question_id
    assert "E3.3" in old_answers
    assert [item.question_id for item in result.left if item.reason == REMOVED] == ["E3.3"]
    assert len(result.carried) == len(old_answers) - len(result.left)
    attached = {a.question_id for a in service.attachments(new.id)}
    assert attached == {a.question_id for a in service.attachments(finalized_v1)}
    # what 2.0.0 asks that 1.0.0 did not: listed criterion by criterion
    assert "D3.4" in result.to_answer["D3"]
    listed = [qid for ids in result.to_answer.values() for qid in ids]
    assert all(qid in new_questions and qid not in carried for qid in listed)
    # the 1.0.0 assessment stays as it was
    assert service.get(finalized_v1).form_version == "1.0.0"
    assert service.answers(finalized_v1) == old_answers


def test_only_a_newer_version_of_the_same_form_upgrades(
    service: AssessmentService, finalized_v1: str
) -> None:
    quick = loaded(builtin_forms_dir() / "quick-scan.yaml")
    with pytest.raises(Refused, match="only be upgraded to a newer version of the same form"):
        upgrade(service, finalized_v1, quick)
    with pytest.raises(Refused, match="only be upgraded"):
        upgrade(service, finalized_v1, loaded(VERSION_1))


def test_a_1_0_0_assessment_still_exports_a_pack_that_verifies(
    service: AssessmentService, finalized_v1: str, isolated_home: Path, tmp_path: Path
) -> None:
    """Its judgement is 1.0.0's (format 1 keeps its defaults), so its claims recompute."""
    identities = IdentityStore(isolated_home)
    identities.create(IdentityDetails("Mwamba Ilunga", KIPUSHI.organisation, "m@k.cd", "CD"))
    target = tmp_path / "pack-1.0.0.pdf"
    export_pack(PlanService(service), identities, finalized_v1, target)
    verdict = verify(target.read_bytes())
    assert verdict.valid, verdict.reasons
    assert verdict.response is not None
    assert (verdict.response.form.version, verdict.response.red_lines) == ("1.0.0", [])


def test_a_1_0_0_baseline_compares_with_a_2_0_0_follow_up(
    service: AssessmentService, finalized_v1: str, isolated_home: Path
) -> None:
    newest = newest_form(isolated_home, service.get(finalized_v1))
    assert newest is not None
    follow_up = create_demo(service, newest, seed=8, profile=KIPUSHI)
    comparison, _closed = PlanService(service).compare(finalized_v1, follow_up)
    compared = {change.criterion_id for change in comparison.changes}
    assert {"B1", "B2", "D2", "E1"} <= compared
    assert {"A11", "A12", "D7"} <= set(comparison.only_in_followup)
    assert comparison.only_in_baseline == []


def test_upgrade_on_the_command_line(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, old_form: Form
) -> None:
    with Store.open(isolated_home) as store:
        service = AssessmentService(store)
        old_id = create_demo(service, old_form, seed=3, profile=KIPUSHI)
    code, out, _err = cli(capsys, "upgrade", old_id, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["version"]) == (old_id, "2.0.0")
    assert {"question": "E3.3", "reason": "the newer version no longer asks it"} in data["left"]
    assert "D3.4" in data["to_answer"]["D3"]
    code, out, _err = cli(capsys, "show", data["id"], "--json")
    assert code == 0
    assert json.loads(out)["form"]["version"] == "2.0.0"
    code, _out, err = cli(capsys, "upgrade", data["id"])
    assert code == 1
    assert "the newest version found" in err
