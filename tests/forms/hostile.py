"""Hostile questionnaires, made from the sample form by small edits, for the form, CLI and app
tests: each is what a careless or malicious author could put in `<home>/forms/`."""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).parents[1] / "data" / "sample.yaml"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
PERMIT_PATTERN = "'[A-Z]{2}-[0-9]{3,8}'"
PATHOLOGICAL = "'(a+)+$'"  # exponential under a backtracking engine, linear under RE2
LONG_DIGITS = "9" * 5000


def edited(form_id: str, old: str, new: str) -> str:
    """The sample form with another id and one edit."""
    assert old in SAMPLE_TEXT
    text = SAMPLE_TEXT.replace("id: sample-assessment", f"id: {form_id}", 1)
    return text.replace(old, new, 1)


def pathological_regex_form() -> str:
    """A valid form whose permit number must match `(a+)+$`, with no length limit."""
    text = edited("hostile-regex", PERMIT_PATTERN, PATHOLOGICAL)
    return text.replace("            max_length: 40\n", "", 1)


def lookahead_form() -> str:
    """A form whose pattern needs backtracking: refused at load."""
    return edited("lookahead", PERMIT_PATTERN, "'(?=CD)[A-Z]{2}-[0-9]+'")


def long_integer_form() -> str:
    """A form whose number question has a 5,000-digit minimum."""
    return edited("long-integer", "            min: 10\n", f"            min: {LONG_DIGITS}\n")


def position_of(text: str, fragment: str) -> tuple[int, int]:
    """The 1-based line and column of `fragment` in `text`."""
    offset = text.index(fragment)
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def put_user_forms(home: Path, forms: dict[str, str | bytes]) -> Path:
    """Write `forms` (file name -> content) into `<home>/forms/`; returns the folder."""
    folder = home / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in forms.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder
