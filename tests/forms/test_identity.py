"""A form's hash follows its meaning, not its layout."""

from __future__ import annotations

from pathlib import Path

from selfassess.core.forms.identity import form_hash
from selfassess.core.forms.loader import load_form_text

SAMPLE = (Path(__file__).parents[1] / "data" / "sample.yaml").read_text(encoding="utf-8")


def hash_of(text: str) -> str:
    result = load_form_text(text, "f.yaml")
    assert result.form is not None, [d.format() for d in result.diagnostics]
    return form_hash(result.form)


def test_hash_is_a_sha256_and_stable() -> None:
    first = hash_of(SAMPLE)
    assert len(first) == 64
    assert int(first, 16) >= 0
    assert hash_of(SAMPLE) == first


def test_layout_comments_quoting_and_explicit_defaults_do_not_change_it() -> None:
    relaid = "# a comment that changes nothing\n" + SAMPLE.replace(
        'version: "1.0"', "version: '1.0'"
    ).replace("licence: CC-BY-4.0", 'licence: "CC-BY-4.0"').replace(
        "            type: info\n", "            type: info  # trailing\n"
    ).replace(
        "        red_line: true\n", "        red_line: true\n        guidance: null\n"
    ).replace(
        "            max_length: 40\n", "            max_length: 40\n            multiline: false\n"
    )
    assert relaid != SAMPLE
    assert hash_of(relaid) == hash_of(SAMPLE)


def test_any_change_of_meaning_changes_it() -> None:
    base = hash_of(SAMPLE)
    assert hash_of(SAMPLE.replace("Sign", "Sig")) != base
    assert hash_of(SAMPLE.replace("max_length: 40", "max_length: 41")) != base
    assert hash_of(SAMPLE.replace('version: "1.0"', 'version: "1.1"')) != base
