"""Genuine packs for the inbox tests, made once per test process through the app's own export:
a supplier's first pack and its second revision (the child-labour red line no longer breached),
another supplier's pack, and a pack of the first supplier signed with another certificate (a
changed signer)."""

from __future__ import annotations

import atexit
import dataclasses
import functools
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.demo import KALIMBI, create_demo
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.pack.export import export_pack
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.remediation.service import RemediationService
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

PASSPHRASE = "inbox test passphrase"
RUBAYA = dataclasses.replace(
    KALIMBI,
    organisation="Comptoir de Rubaya",
    entity_type="trader",
    province="Nord-Kivu",
    certifications=("rmap",),
)


@dataclass(frozen=True)
class Packs:
    first: Path  # Kalimbi, revision 1, child labour breached
    second: Path  # Kalimbi, revision 2: child labour no longer breached, 2 children supported
    other: Path  # Rubaya, another supplier
    changed: Path  # Kalimbi, signed with another certificate


@functools.cache
def made_packs() -> Packs:
    folder = Path(tempfile.mkdtemp(prefix="selfassess-inbox-packs-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    form = _form()
    first, second = _two_revisions(folder / "kalimbi", form)
    other = _one(folder / "rubaya", form, RUBAYA, "Furaha Mugisho")
    changed = _one(folder / "kalimbi-new-key", form, KALIMBI, "Amani Bisimwa")
    return Packs(first, second, other, changed)


def _form() -> Form:
    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None
    return form


def _identities(home: Path, profile: Profile, name: str) -> IdentityStore:
    identities = IdentityStore(home)
    identities.create(
        IdentityDetails(name, profile.organisation, "contact@example.cd", profile.country or ""),
        PASSPHRASE,
    )
    return identities


def _one(home: Path, form: Form, profile: Profile, name: str) -> Path:
    with Store.open(home) as store:
        service = AssessmentService(store)
        assessment = create_demo(service, form, profile=profile, breached=None, seed=11)
        identities = _identities(home, profile, name)
        target = home / "pack.pdf"
        export_pack(PlanService(service), identities, assessment, target, passphrase=PASSPHRASE)
    return target


def _two_revisions(home: Path, form: Form) -> tuple[Path, Path]:
    with Store.open(home) as store:
        service = AssessmentService(store)
        plans = PlanService(service)
        assessment = create_demo(service, form, profile=KALIMBI)
        identities = _identities(home, KALIMBI, "Amani Bisimwa")
        first = export_pack(plans, identities, assessment, home / "r1.pdf", passphrase=PASSPHRASE)
        service.reopen(assessment, "children withdrawn and supported")
        service.set_answer(assessment, "B1.2", "no")
        children = RemediationService(store)
        for age_band in ("12_14", "15_17"):
            children.add_case(
                assessment,
                age_band=age_band,
                sex="not_said",
                work=["carrying"],
                identified=date.today(),
                partner="Comité local de protection de l'enfant",
                support=["school_fees"],
            )
        plans.finalize(assessment, Declaration("Amani Bisimwa", "Président", date.today()))
        second = export_pack(plans, identities, assessment, home / "r2.pdf", passphrase=PASSPHRASE)
    return first, second
