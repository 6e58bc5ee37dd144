"""Realistic exports of submissions of the built-in self-assessment, as ODK Central and
KoboToolbox write them: the survey's fields named as our XLSForm export names them
(core/xlsform/names.py) under their group paths, the metadata columns each server adds, and the
photos in the places each puts them.

- Central: a .zip of `self-assessment.csv` (commas, `-` between groups, `SubmissionDate` first,
  `meta-instanceID`, `KEY` and Central's own columns last) and `media/<photo>`.
- Kobo: an .xlsx (or a .csv with semicolons) with `/` between groups, `start` and `end` first,
  the summary column of each multiple choice followed by a column per option (1 or 0), a
  `<photo question>_URL` column, then `meta/instanceID`, `_id`, `_uuid`, `_submission_time` and
  the rest; the attachments zip as `<user>/attachments/<asset>/<uuid>/<photo>`.
"""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
from selfassess.core.xlsform import names
from selfassess.core.xlsform.export import build_xlsform

FORMS = Path(__file__).parents[2] / "forms"
CENTRAL_FIRST = ("SubmissionDate",)
CENTRAL_LAST = (
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
)
KOBO_FIRST = ("start", "end")
KOBO_LAST = (
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
)
PHOTO = b"\xff\xd8\xff\xe0" + b"JFIF photo of a register " * 40 + b"\xff\xd9"


def self_assessment() -> Form:
    form = load_form(FORMS / "self-assessment.yaml").form
    assert form is not None
    return form


@dataclass
class Submitted:
    """One submission: its instanceID, its values by field name (profile question names and
    our question ids, as the XLSForm names them) and its photos by file name."""

    instance_id: str
    values: dict[str, str]
    photos: dict[str, bytes] = field(default_factory=dict)
    form_version: str = ""  # the version the phone had, when not the form's


def fields_in_order(form: Form) -> list[tuple[str, str]]:
    """(group path, field name) of every field of the survey, in the order and under the
    groups of our XLSForm export (core/xlsform/export.py), as ODK and Kobo export them."""
    groups: list[str] = []
    found = []
    for row in build_xlsform(form).survey:
        kind, name = row.plain["type"].split(" ")[0], row.plain["name"]
        if kind == "begin_group":
            groups.append(name)
        elif kind == "end_group":
            groups.pop()
        else:
            found.append(("/".join(groups), name))
    return found


PROFILE = {
    "organisation": "Coopérative Minière de Nyabibwe",
    "site": "Nyabibwe",
    "country": "CD",
    "province": "CD-SK",
    "entity_type": "asm",
    "minerals": "tin tantalum",
    "workforce_size": "340",
    "contact": "+243 990 000 111",
    "mechanisation": "manual",
    "certifications": "itsci",
    "source_countries": "CD",
    "transit_countries": "RW TZ",
}


def submission(form: Form, number: int, *, photos: bool = True) -> Submitted:
    """A plausible submission: the profile of a cooperative, every question answered (ratings
    from 0 to 3 by position, one N/A with its reason), a photo for each evidence question."""
    values = {names.PROFILE_QUESTIONS[key]: text for key, text in PROFILE.items()}
    values[names.PROFILE_QUESTIONS["organisation"]] = f"Coopérative Minière n°{number}"
    photo_files: dict[str, bytes] = {}
    for position, question in enumerate(form.questions()):
        value = answer_text(form, question, position + number)
        if value is None:
            continue
        if isinstance(question, EvidenceQuestion):
            if not photos:
                continue
            value = f"{1715000000000 + number * 1000 + position}.jpg"
            photo_files[value] = PHOTO + str(number).encode()
        values[question.id] = value
    return Submitted(f"uuid:{uuid.UUID(int=number + 1)}", values, photo_files)


def answer_text(form: Form, question: Question, position: int) -> str | None:
    """The text ODK writes for a typical answer to the question."""
    if isinstance(question, RatingQuestion):
        return str(position % 4)
    if isinstance(question, YesNoQuestion):
        return "yes" if position % 3 else "no"
    if isinstance(question, SingleChoiceQuestion):
        return form.choices_of(question)[0].name
    if isinstance(question, MultiChoiceQuestion):
        options = [c.name for c in form.choices_of(question) if not c.exclusive]
        options = [name for name in options if name != "none"]
        return " ".join(options[:2])
    if isinstance(question, NumberQuestion):
        return "12" if question.max is None or question.max >= 12 else "1"
    if isinstance(question, DateQuestion):
        return "2026-05-14"
    if isinstance(question, TextQuestion):
        return "Registre tenu au bureau de la coopérative"
    if isinstance(question, EvidenceQuestion):
        return "photo.jpg"
    return None


# ODK Central ---------------------------------------------------------------------------------
def central_headings(form: Form) -> list[str]:
    paths = [f"{group}/{name}".replace("/", "-") for group, name in fields_in_order(form)]
    return [*CENTRAL_FIRST, *paths, *CENTRAL_LAST]


def central_row(form: Form, submitted: Submitted) -> list[str]:
    by_name = submitted.values
    row = ["2026-05-14T09:12:44.512Z"]
    row += [by_name.get(name, "") for _, name in fields_in_order(form)]
    count = str(len(submitted.photos))
    row += [
        submitted.instance_id,
        submitted.instance_id,
        "5",
        "Enumerator Amani",
        count,
        count,
        "",
        "",
        "collect:Xy12",
        "0",
        submitted.form_version or form.version,
    ]
    return row


def central_zip(
    path: Path,
    form: Form,
    submissions: Sequence[Submitted],
    *,
    headings: list[str] | None = None,
    extra_members: dict[str, bytes] | None = None,
) -> Path:
    """ODK Central's CSV download (.zip) of these submissions, with their photos."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(headings or central_headings(form))
    for submitted in submissions:
        writer.writerow(central_row(form, submitted))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{form.id}.csv", text.getvalue())
        for submitted in submissions:
            for name, body in submitted.photos.items():
                archive.writestr(f"media/{name}", body, compress_type=zipfile.ZIP_STORED)
        for name, body in (extra_members or {}).items():
            archive.writestr(name, body)
    return path


# KoboToolbox ---------------------------------------------------------------------------------
def multiple_choice_options(form: Form) -> dict[str, list[str]]:
    """The options of every multiple choice of the XLSForm, the profile's included, by name."""
    exported = build_xlsform(form)
    lists: dict[str, list[str]] = {}
    for choice in exported.choices:
        lists.setdefault(choice.list_name, []).append(choice.name)
    return {
        row.plain["name"]: lists[row.plain["type"].split(" ")[1]]
        for row in exported.survey
        if row.plain["type"].startswith("select_multiple ")
    }


def kobo_columns(form: Form, *, summary: bool = True) -> list[tuple[str, str | None, str | None]]:
    """(heading, field name or None, option for a split multiple choice or None): the summary
    column of each multiple choice (unless `summary` is false) and a column per option, the
    profile's lists included, as KoboToolbox exports them by default."""
    questions = {question.id: question for question in form.questions()}
    options = multiple_choice_options(form)
    columns: list[tuple[str, str | None, str | None]] = [(h, None, None) for h in KOBO_FIRST]
    for group, name in fields_in_order(form):
        heading = f"{group}/{name}"
        if summary or name not in options:
            columns.append((heading, name, None))
        columns += [(f"{heading}/{option}", name, option) for option in options.get(name, ())]
        question = questions.get(name)
        if isinstance(question, EvidenceQuestion):
            columns.append((f"{heading}_URL", None, "url"))
    columns += [(heading, None, None) for heading in KOBO_LAST]
    return columns


def kobo_row(
    form: Form, submitted: Submitted, number: int, *, summary: bool = True
) -> list[str | int]:
    bare = submitted.instance_id.removeprefix("uuid:")
    metadata: dict[str, str | int] = {
        "start": "2026-05-14T08:01:00.000+02:00",
        "end": "2026-05-14T09:10:00.000+02:00",
        "meta/instanceID": submitted.instance_id,
        "_id": 400000 + number,
        "_uuid": bare,
        "_submission_time": "2026-05-14T07:12:44",
        "_status": "submitted_via_web",
        "_submitted_by": "amani",
        "__version__": "vG7nKq3pWx",
        "_index": number,
    }
    row: list[str | int] = []
    for heading, name, option in kobo_columns(form, summary=summary):
        if name is None:
            value = metadata.get(heading, "")
            if option == "url":
                photo = submitted.values.get(heading.removesuffix("_URL").rsplit("/", 1)[-1])
                value = f"https://kf.kobotoolbox.org/media/original?x={photo}" if photo else ""
            row.append(value)
        elif option is not None:
            chosen = submitted.values.get(name, "").split()
            row.append(1 if option in chosen else 0 if name in submitted.values else "")
        else:
            row.append(submitted.values.get(name, ""))
    return row


def kobo_xlsx(
    path: Path, form: Form, submissions: Sequence[Submitted], *, summary: bool = True
) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Auto-évaluation"
    sheet.append([heading for heading, _, _ in kobo_columns(form, summary=summary)])
    for number, submitted in enumerate(submissions, start=1):
        sheet.append(kobo_row(form, submitted, number, summary=summary))
    workbook.save(path)
    return path


def kobo_csv(path: Path, form: Form, submissions: Sequence[Submitted]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow([heading for heading, _, _ in kobo_columns(form)])
        for number, submitted in enumerate(submissions, start=1):
            writer.writerow(kobo_row(form, submitted, number))
    return path


def kobo_attachments(path: Path, submissions: Sequence[Submitted]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for submitted in submissions:
            bare = submitted.instance_id.removeprefix("uuid:")
            for name, body in submitted.photos.items():
                archive.writestr(f"amani/attachments/aXk3pQ/{bare}/{name}", body)
    return path
