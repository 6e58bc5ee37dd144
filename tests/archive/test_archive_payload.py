"""The assessment inside an archive is checked against its pinned form before anything is
stored: each refusal names assessment.json and the field, says what is wrong in the reader's
language, and leaves the store as it was. The manifest of each spoilt archive is kept in step,
so that only the check under test can refuse it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.archive.builders import (
    answer,
    count,
    leftovers,
    locker_files,
    with_json,
    with_members,
)

from selfassess.core.archive.archive import import_archive
from selfassess.core.errors import InvalidInput
from selfassess.core.i18n import catalog, translate
from selfassess.core.store.assessments import dumps
from selfassess.core.store.store import Store

Data = dict[str, Any]


def _set(path: str, value: object) -> Callable[[Data], None]:
    """A mutation setting data[a][b]... (list indices as numbers) to `value`."""

    def mutate(data: Data) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for step in parents:
            node = node[int(step)] if step.isdigit() else node[step]
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _answer(question_id: str, **fields: object) -> Callable[[Data], None]:
    return lambda data: answer(data, question_id).update(fields)


def _append_copy(table: str) -> Callable[[Data], None]:
    return lambda data: data[table].append(dict(data[table][0]))


def _add_answer(question_id: str, value: object) -> Callable[[Data], None]:
    row = {"question_id": question_id, "value": value, "comment": None, "na_reason": None}
    return lambda data: data["answers"].append({**row, "changed_at": "2026-01-01T00:00:00Z"})


def _resealed(mutate: Callable[[Data], None]) -> Callable[[Data], None]:
    """Spoil the first revision's snapshot and give it the hash it now has, as a forger would."""

    def spoil(data: Data) -> None:
        revision = data["revisions"][0]
        mutate(revision["snapshot"])
        body = dumps(revision["snapshot"]) or ""
        revision["snapshot_sha256"] = hashlib.sha256(body.encode()).hexdigest()

    return spoil


def _snapshot_answer(value: object) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["revisions"][0]["snapshot"]["answers"]["A1.1"]["value"] = value

    return mutate


def _snapshot_rating(snapshot: Data) -> None:
    snapshot["answers"]["A1.1"]["value"] = {"level": 3}


def _drop_declaration_date(data: Data) -> None:
    del data["revisions"][0]["declaration"]["date"]


# case -> (mutation of assessment.json, the field named, what the reason says)
CASES: dict[str, tuple[Callable[[Data], None], str, str]] = {
    "dict_as_rating": (
        _answer("A1.1", value={"level": 3}),
        r"answers\[\d+\]\.value",
        "A1.1 takes a level",
    ),
    "rating_as_text": (
        _answer("A1.1", value="3"),
        r"answers\[\d+\]\.value",
        "is not written as selfassess stores it",
    ),
    "garbage_date": (
        _answer("A1.2", value="yesterday"),
        r"answers\[\d+\]\.value",
        "A1.2 takes a date written YYYY-MM-DD",
    ),
    "impossible_date": (
        _answer("A1.2", value="2024-13-45"),
        r"answers\[\d+\]\.value",
        "A1.2 takes a date",
    ),
    "unknown_option": (
        _answer("A2.1", value="gold mine"),
        r"answers\[\d+\]\.value",
        "is not one of its options",
    ),
    "number_as_yes_no": (
        _answer("B1.1", value=0),
        r"answers\[\d+\]\.value",
        "is not written as selfassess stores it",
    ),
    "unknown_question": (
        _set("answers.0.question_id", "Z9.9"),
        r"answers\[0\]\.question_id",
        "'Z9.9' is not a question of sample-assessment 1.0",
    ),
    "answer_twice": (_append_copy("answers"), r"answers\[\d+\]\.question_id", "a second answer to"),
    "value_on_evidence_question": (
        _add_answer("A1.3", "a file"),
        r"answers\[\d+\]\.value",
        "A1.3 takes files",
    ),
    "answer_to_information": (
        _add_answer("A1.0", "read"),
        r"answers\[\d+\]\.value",
        "takes no answer",
    ),
    "na_where_not_allowed": (
        _answer("A1.2", value=None, na_reason="n/a"),
        r"answers\[\d+\]\.na_reason",
        "cannot be answered 'not applicable'",
    ),
    "na_and_a_value": (
        _answer("A2.1", na_reason="no permit here"),
        r"answers\[\d+\]\.na_reason",
        "not both",
    ),
    "control_character_comment": (
        _answer("A1.1", comment="sign\x07ed"),
        r"answers\[\d+\]\.comment",
        "control character",
    ),
    "garbage_changed_at": (
        _set("answers.0.changed_at", "tuesday"),
        r"answers\[0\]\.changed_at",
        "is not a date and time",
    ),
    "attachment_on_rating": (
        _set("attachments.0.question_id", "A1.1"),
        r"attachments\[0\]\.question_id",
        "A1.1 is not an evidence question",
    ),
    "attachment_twice": (
        _append_copy("attachments"),
        r"attachments\[1\]\.question_id",
        "attached twice",
    ),
    "evidence_size_lies": (
        lambda d: d["evidence"][0].update(size=d["evidence"][0]["size"] + 1),
        r"evidence\[0\]",
        "not as the archive carries it",
    ),
    "language_is_a_path": (
        _set("assessment.language", "../../../../elsewhere/x"),
        r"assessment\.language",
        "is not one of the form's languages (en, fr, sw)",
    ),
    "language_not_offered": (
        _set("assessment.language", "de"),
        r"assessment\.language",
        "'de' is not one of the form's languages",
    ),
    "country_in_words": (
        _set("assessment.country", "Congo"),
        r"assessment\.country",
        "is not an ISO 3166 code",
    ),
    "unknown_entity_type": (
        _set("assessment.entity_type", "miner"),
        r"assessment\.entity_type",
        "unknown entity type 'miner'",
    ),
    "unknown_mineral": (
        _set("assessment.minerals", ["gold", "uranium"]),
        r"assessment\.minerals",
        "unknown mineral 'uranium'",
    ),
    "none_with_a_certification": (
        _set("assessment.certifications", ["none", "itsci"]),
        r"assessment\.certifications",
        "'none' cannot be combined with another certification ('itsci')",
    ),
    "unknown_certification": (
        _set("assessment.certifications", ["fairtrade"]),
        r"assessment\.certifications",
        "unknown certification 'fairtrade'",
    ),
    "certifications_as_text": (
        _set("assessment.certifications", "itsci"),
        r"assessment\.certifications",
        "must be a list",
    ),
    "unknown_mechanisation": (
        _set("assessment.mechanisation", "robots"),
        r"assessment\.mechanisation",
        "unknown mechanisation 'robots'",
    ),
    "mechanisation_as_a_list": (
        _set("assessment.mechanisation", ["manual"]),
        r"assessment\.mechanisation",
        "must be text",
    ),
    "source_country_in_words": (
        _set("assessment.source_countries", ["CD", "Rwanda"]),
        r"assessment\.source_countries",
        "source country 'Rwanda' is not an ISO 3166 code",
    ),
    "transit_country_as_a_number": (
        _set("assessment.transit_countries", [256]),
        r"assessment\.transit_countries\[0\]",
        "must be text",
    ),
    "snapshot_transit_country_a_path": (
        _resealed(lambda s: s["profile"].update(transit_countries=["../x"])),
        r"revisions\[0\]\.snapshot\.profile\.transit_countries",
        "transit country '../x' is not an ISO 3166 code",
    ),
    "huge_workforce": (
        _set("assessment.workforce_size", 10**31),
        r"assessment\.workforce_size",
        "must be a whole number from 0",
    ),
    "empty_organisation": (
        _set("assessment.organisation", "  "),
        r"assessment\.organisation",
        "organisation name is required",
    ),
    "trainer_on_two_lines": (
        _set("assessment.trainer", "Trainer\nT"),
        r"assessment\.trainer",
        "must be one line",
    ),
    "revision_as_text": (
        _set("assessment.revision", "2"),
        r"assessment\.revision",
        "must be a whole number, not 2",
    ),
    "unknown_status": (
        _set("assessment.status", "signed"),
        r"assessment\.status",
        "is not one of the values allowed here",
    ),
    "unknown_field": (
        _set("assessment.admin", True),
        r"assessment\.admin",
        "this field is not one an archive has",
    ),
    "other_form": (
        _set("assessment.form_id", "other-form"),
        r"assessment\.form_id",
        "the assessment names other-form 1.0",
    ),
    "own_baseline": (
        lambda d: d["assessment"].update(baseline_id=d["assessment"]["id"]),
        r"assessment\.baseline_id",
        "is not the id of another assessment",
    ),
    "finalized_without_revision": (
        _set("assessment.status", "finalized"),
        r"assessment\.status",
        "revision 2 is not in the archive",
    ),
    "revision_beyond": (
        _set("revisions.0.revision", 5),
        r"revisions",
        "at revision 2 (draft) has finalized revisions 1 to 1, each once",
    ),
    "revisions_dropped": (_set("revisions", []), r"revisions", "has finalized revisions 1 to 1"),
    "odd_media_type": (
        _set("evidence.0.media_type", "../x"),
        r"evidence\[0\]",
        "is not a media type such as application/pdf",
    ),
    "file_name_with_folders": (
        _set("attachments.0.original_name", "../../etc/passwd"),
        r"attachments\[0\]\.original_name",
        "is not a file name (a name without folders)",
    ),
    "snapshot_file_name_with_folders": (
        _resealed(lambda s: s["evidence"][0].update(name="C:\\evil\\x.pdf")),
        r"revisions\[0\]\.snapshot\.evidence\[0\]",
        "is not a file name",
    ),
    "revision_without_date": (
        _drop_declaration_date,
        r"revisions\[0\]\.declaration\.date",
        "this field is missing",
    ),
    "declaration_garbage_date": (
        _set("revisions.0.declaration.date", "soon"),
        r"revisions\[0\]\.declaration\.date",
        "'soon' is not a date written YYYY-MM-DD",
    ),
    "declaration_without_name": (
        _set("revisions.0.declaration.name", " "),
        r"revisions\[0\]\.declaration\.name",
        "needs the name and title",
    ),
    "snapshot_of_another_declaration": (
        _set("revisions.0.snapshot.declaration.name", "Someone"),
        r"revisions\[0\]\.snapshot",
        "is not that of revision 1",
    ),
    "snapshot_tampered": (
        _snapshot_answer(0),
        r"revisions\[0\]\.snapshot",
        "does not match its snapshot_sha256",
    ),
    "snapshot_resealed_with_a_dict": (
        _resealed(_snapshot_rating),
        r"revisions\[0\]\.snapshot\.answers\.A1\.1\.value",
        "A1.1 takes a level",
    ),
    "snapshot_without_profile": (
        _resealed(lambda s: s.pop("profile")),
        r"revisions\[0\]\.snapshot\.profile",
        "this field is missing",
    ),
    "audit_garbage_time": (
        _set("audit.0.at", "2026-99-99"),
        r"audit\[0\]\.at",
        "is not a date and time",
    ),
    "audit_odd_action": (
        _set("audit.0.action", "DROP TABLE answers"),
        r"audit\[0\]\.action",
        "is not an action the history records",
    ),
    "audit_unknown_question": (
        _set("audit.0.question_id", "Z9"),
        r"audit\[0\]\.question_id",
        "'Z9' is not a question",
    ),
    "action_unknown_criterion": (
        _set("actions.0.criterion_id", "Q9"),
        r"actions\[0\]\.criterion_id",
        "'Q9' is not a criterion",
    ),
    "action_garbage_due": (
        _set("actions.0.due", "next week"),
        r"actions\[0\]\.due",
        "'next week' is not a date",
    ),
    "action_suggested_twice": (
        _append_copy("actions"),
        r"actions\[\d+\]\.suggestion",
        "appears twice",
    ),
    "action_without_text": (
        _set("actions.0.text", ""),
        r"actions\[0\]\.text",
        "an action needs a text",
    ),
    "action_unknown_status": (
        _set("actions.0.status", "forgotten"),
        r"actions\[0\]\.status",
        "is not one of the values allowed here",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_payload_that_does_not_fit_its_form_is_refused_naming_the_field(
    archive: Path, tmp_path: Path, case: str
) -> None:
    mutate, field, reason = CASES[case]
    spoilt = with_json(archive, tmp_path / f"{case}.zip", "assessment.json", mutate)
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(InvalidInput) as refused:
            import_archive(store, spoilt)
        message = str(refused.value)
        assert re.search(rf": assessment\.json, {field}: ", message), message
        assert reason in message
        french = refused.value.localized("fr")
        assert "assessment.json" in french
        assert french != message
        assert count(store, "assessments") == 0
        assert locker_files(store) == []
        assert leftovers(store) == []


def test_archive_has_a_plan_and_history_to_spoil(archive: Path) -> None:
    """The cases above need an archive with actions, a revision and attachments."""
    seen: dict[str, Any] = {}
    with_json(archive, archive.with_name("copy.zip"), "assessment.json", seen.update)
    assert all(seen[table] for table in ("actions", "revisions", "attachments", "audit"))
    assert seen["actions"][0]["suggestion"] is not None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"assessment": "\\ud800"}', "text that is not Unicode"),
        ('{"a": NaN}', "not plain JSON"),
        ('{"a": 1e400}', "not plain JSON"),
        ('{"a": 1, "a": 2}', "appears twice"),
        ("[" * 100_000, "nested more than"),
        ("{", "not valid JSON (line 1, column 2"),
    ],
)
def test_assessment_json_that_is_not_plain_json_is_refused(
    archive: Path, tmp_path: Path, text: str, reason: str
) -> None:
    change = {"assessment.json": text.encode()}
    spoilt = with_members(archive, tmp_path / "odd.zip", change, stored={"assessment.json"})
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(InvalidInput) as refused:
            import_archive(store, spoilt)
        assert ": assessment.json: " in str(refused.value)
        assert reason in str(refused.value)
        assert count(store, "assessments") == 0


def test_a_language_from_outside_never_names_a_catalog_file() -> None:
    """`fr/../fr` resolves to the French catalog: only the known languages name a file."""
    assert catalog("fr")["An answer is required."] == "Une réponse est requise."
    assert catalog("fr/../fr") == {}
    assert catalog("../../../../elsewhere/x") == {}
    assert translate("../fr", "An answer is required.") == "An answer is required."
