"""The offer to switch the interface to an assessment's language: made when the languages differ,
once per assessment, and a settings file that holds nonsense only makes it again."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from selfassess.core.assessment.language_offer import language_to_offer, offer_answered
from selfassess.core.preferences import MAX_REMEMBERED_ASSESSMENTS, read_preferences
from selfassess.core.store.records import Assessment, Profile

FRENCH = Assessment(
    id="3bdb907c6beb",
    form_hash="0" * 64,
    form_id="quick-scan",
    form_version="0.3.0",
    status="draft",
    revision=0,
    language="fr",
    profile=Profile(organisation="Kalimbi", entity_type="asm"),
    created_at="2026-01-05T10:00:00Z",
    updated_at="2026-01-05T10:00:00Z",
)


def test_offered_when_the_languages_differ_until_answered(isolated_home: Path) -> None:
    assert language_to_offer(isolated_home, FRENCH, "en") == "fr"
    assert language_to_offer(isolated_home, FRENCH, "fr") is None
    offer_answered(isolated_home, FRENCH.id)
    assert language_to_offer(isolated_home, FRENCH, "en") is None
    assert language_to_offer(isolated_home, FRENCH, "sw") is None
    other = replace(FRENCH, id="c0ffee000001")
    assert language_to_offer(isolated_home, other, "en") == "fr"


def test_the_latest_answers_are_kept_and_the_oldest_forgotten(isolated_home: Path) -> None:
    ids = [f"{n:012x}" for n in range(MAX_REMEMBERED_ASSESSMENTS + 1)]
    settings = isolated_home / "settings.json"
    settings.write_text(json.dumps({"language_offers_answered": ids[:-1], "language": "sw"}))
    offer_answered(isolated_home, ids[-1])
    kept = json.loads(settings.read_text())
    assert kept["language_offers_answered"] == ids[1:]
    assert kept["language"] == "sw"  # the rest of the file is as it was


def test_a_setting_that_is_not_a_list_of_ids_only_makes_the_offer_again(
    isolated_home: Path,
) -> None:
    (isolated_home / "settings.json").write_text('{"language_offers_answered": "3bdb907c6beb"}')
    preferences = read_preferences(isolated_home)
    assert preferences.language_offers_answered == ()
    (problem,) = preferences.problems
    assert "language_offers_answered must be a list of assessment ids" in str(problem)
    assert language_to_offer(isolated_home, FRENCH, "en") == "fr"
