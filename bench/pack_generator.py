"""N realistic signed packs from varied suppliers and answers, for the benchmarks of `verify` (and
of a buyer's inbox): each pack comes from its own organisation (its own key), with a profile
drawn from the sector's mix (artisanal cooperatives, industrial mines, processors, traders in
the DRC and its neighbours), answers drawn from a seed, a red line breached in some, and one
small evidence file in a few. Every pack is exported through the app's own path
(`export_pack`), so it verifies as valid.

Packs are made by two processes at once and kept in the folder given; a folder that already
holds the packs of the same count, seed and app version is used as it is (`packs.json`).

    python bench/pack_generator.py FOLDER COUNT     # prints the folder's packs, one a line
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
from pathlib import Path

from selfassess import __version__
from selfassess.core.forms.model import Form
from selfassess.core.store.records import Profile

PASSPHRASE = "bench passphrase"
KINDS = (
    ("asm", ("tin", "tantalum"), "CD", "Sud-Kivu"),
    ("asm", ("cobalt", "copper"), "CD", "Lualaba"),
    ("asm", ("gold",), "CD", "Ituri"),
    ("industrial_mine", ("copper", "cobalt"), "CD", "Haut-Katanga"),
    ("industrial_mine", ("copper",), "ZM", "Copperbelt"),
    ("processor", ("tin",), "RW", "Kigali"),
    ("trader", ("tin", "tantalum", "tungsten"), "CD", "Nord-Kivu"),
    ("trader", ("gold",), "UG", "Kampala"),
)
PREFIXES = ("Coopérative minière", "Société", "Comptoir", "Entreprise", "Groupement")
PLACES = ("Kalimbi", "Nyabibwe", "Kolwezi", "Likasi", "Rubaya", "Mongbwalu", "Kipushi", "Walikale")
RED_LINES = (None, None, None, "B1", "B2", "A2")


def generate_packs(folder: Path, count: int, *, seed: int = 1) -> list[Path]:
    """The paths of `count` signed packs in `folder`, made unless already there."""
    folder.mkdir(parents=True, exist_ok=True)
    index = folder / "packs.json"
    wanted = {"count": count, "seed": seed, "version": __version__}
    packs = [folder / f"pack-{number:04d}.pdf" for number in range(count)]
    made = index.exists() and json.loads(index.read_text()) == wanted
    if made and all(pack.exists() for pack in packs):
        return packs
    jobs = [(folder, number, seed) for number in range(count)]
    with multiprocessing.get_context("spawn").Pool(min(2, os.cpu_count() or 1)) as pool:
        pool.starmap(_make_pack, jobs, chunksize=8)
    index.write_text(json.dumps(wanted))
    return packs


def _make_pack(folder: Path, number: int, seed: int) -> None:
    from selfassess.core.assessment.plan import PlanService
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.demo import create_demo
    from selfassess.core.pack.export import export_pack
    from selfassess.core.signing.identity import IdentityDetails, IdentityStore
    from selfassess.core.store.store import Store

    draws = random.Random(seed * 100_003 + number)
    profile = _profile(draws, number)
    home = folder / "homes" / f"{number:04d}"
    home.mkdir(parents=True, exist_ok=True)
    evidence = _evidence(home, draws)
    with Store.open(home) as store:
        service = AssessmentService(store)
        assessment_id = create_demo(
            service,
            _form(),
            evidence,
            seed=draws.randrange(1_000_000),
            profile=profile,
            breached=draws.choice(RED_LINES),
            language=draws.choice(("fr", "fr", "en", "sw")),
        )
        identities = IdentityStore(home)
        email = f"contact{number}@example.cd"
        details = IdentityDetails(
            profile.contact or "", profile.organisation, email, profile.country or ""
        )
        identities.create(details, PASSPHRASE)
        target = folder / f"pack-{number:04d}.pdf"
        export_pack(PlanService(service), identities, assessment_id, target, passphrase=PASSPHRASE)


def _profile(draws: random.Random, number: int) -> Profile:
    entity_type, minerals, country, province = draws.choice(KINDS)
    name = f"{draws.choice(PREFIXES)} de {draws.choice(PLACES)} n° {number + 1}"
    return Profile(
        organisation=name,
        entity_type=entity_type,
        site=draws.choice(PLACES),
        country=country,
        province=province,
        minerals=minerals,
        workforce_size=draws.choice((25, 80, 180, 450, 1200, 3500)),
        contact=draws.choice(("Amani Bisimwa", "Furaha Mugisho", "Jean Kabila", "Mwamba Ilunga")),
    )


def _evidence(home: Path, draws: random.Random) -> list[Path]:
    if draws.random() < 0.7:
        return []
    path = home / "registre.jpg"
    path.write_bytes(draws.randbytes(draws.choice((20_000, 60_000, 150_000))))
    return [path]


_FORM: list[Form] = []


def _form() -> Form:
    from selfassess.core.forms.loader import load_form
    from selfassess.core.paths import builtin_forms_dir

    if not _FORM:
        form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
        assert form is not None
        _FORM.append(form)
    return _FORM[0]


if __name__ == "__main__":
    for made in generate_packs(Path(sys.argv[1]), int(sys.argv[2])):
        print(made)
