"""The pack's default file name: the supplier, the day it was finalized and the revision, safe on
Windows, FAT and any Linux, whatever the supplier is called."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.demo import create_demo
from selfassess.core.forms.loader import load_form
from selfassess.core.pack.naming import (
    MAX_BYTES,
    MAX_CHARACTERS,
    RESERVED,
    default_pack_name,
    pack_file_name,
    safe_stem,
)
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.store import Store

WINDOWS_REFUSES = set('<>:"/\\|?*') | {chr(code) for code in range(32)}


def test_a_cooperative_keeps_its_accents_and_its_words() -> None:
    name = pack_file_name("Coopérative minière de Kalimbi", "2026-12-07T09:14:03+00:00", 1)
    assert name == "Coopérative-minière-de-Kalimbi_2026-12-07_r1.pdf"
    assert unicodedata.is_normalized("NFC", name)


def test_decomposed_accents_come_out_composed() -> None:
    assert safe_stem("Coope\u0301rative") == "Coopérative"


@pytest.mark.parametrize(
    ("hostile", "stem"),
    [
        ("Kalimbi/../../etc/passwd", "Kalimbi-etc-passwd"),
        ("C:\\Windows\\system32", "C-Windows-system32"),
        ('a<b>c:d"e|f?g*h', "a-b-c-d-e-f-g-h"),
        ("...", "pack"),
        (". .", "pack"),
        ("", "pack"),
        ("🌍⛏️💎", "pack"),
        ("Mines 🌍 du Kivu", "Mines-du-Kivu"),
        ("CON", "CON-file"),
        ("nul", "nul-file"),
        ("LPT1", "LPT1-file"),
        ("COM²", "COM²-file"),
        ("Kalimbi\x1b[8m\u202egnp.exe", "Kalimbi-8m-gnp-exe"),
        ("  -rf Kalimbi.  ", "rf-Kalimbi"),
        ("SARL_Kalimbi", "SARL-Kalimbi"),
        ("تعاونية كاليمبي", "تعاونية-كاليمبي"),
        ("\u0301Kalimbi", "Kalimbi"),
    ],
)
def test_hostile_names_give_a_safe_stem(hostile: str, stem: str) -> None:
    assert safe_stem(hostile) == stem


def test_a_reserved_name_is_safe_once_dated_too() -> None:
    assert pack_file_name("CON", "2026-12-07T00:00:00Z", 2) == "CON-file_2026-12-07_r2.pdf"


def test_a_very_long_name_is_cut_at_a_word() -> None:
    long_name = "Coopérative des exploitants artisanaux miniers " * 6
    stem = safe_stem(long_name)
    assert len(stem) <= MAX_CHARACTERS
    assert long_name.replace(" ", "-").startswith(stem + "-")  # whole words only


def test_one_endless_word_is_cut_within_the_byte_budget() -> None:
    ethiopic_ha = "\u1200"  # three bytes in UTF-8
    assert safe_stem(ethiopic_ha * 300) == ethiopic_ha * (MAX_BYTES // 3)
    assert len(safe_stem("é" * 300)) == MAX_CHARACTERS


def test_a_letter_keeps_its_marks_when_cut() -> None:
    letter = "q\u0323\u0308"  # q with two marks: no composed form, three characters
    assert safe_stem(letter * 100) == letter * (MAX_CHARACTERS // 3)


def test_a_finalized_at_that_is_no_date_is_left_out() -> None:
    assert pack_file_name("Kalimbi", "", 3) == "Kalimbi_r3.pdf"
    assert pack_file_name("Kalimbi", "07/12/2026", 3) == "Kalimbi_r3.pdf"


@given(st.text(max_size=400), st.integers(min_value=1, max_value=999))
def test_any_name_gives_a_file_name_every_system_takes(organisation: str, revision: int) -> None:
    name = pack_file_name(organisation, "2026-12-07T10:00:00Z", revision)
    stem = name.removesuffix(".pdf")
    assert name.endswith(f"_2026-12-07_r{revision}.pdf")
    assert not WINDOWS_REFUSES & set(name)
    assert len(name.encode("utf-8")) < 200
    assert stem.split(".")[0].upper() not in RESERVED
    supplier = stem.split("_")[0]
    assert supplier
    assert supplier[0].isalnum()
    assert all(c == "-" or c.isalnum() or unicodedata.category(c).startswith("M") for c in supplier)
    assert len(supplier) <= MAX_CHARACTERS


def test_the_default_name_is_the_latest_finalized_revision(isolated_home: Path) -> None:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    with Store.open(isolated_home) as store:
        service = AssessmentService(store)
        assessment_id = create_demo(service, form)
        finalized = service.revisions(assessment_id)[-1].finalized_at[:10]
        assert default_pack_name(service, assessment_id) == (
            f"Coopérative-minière-de-Kalimbi_{finalized}_r1.pdf"
        )
        service.reopen(assessment_id, "a correction")
        assert default_pack_name(service, assessment_id) == (
            "Coopérative-minière-de-Kalimbi_r2_draft.pdf"
        )
