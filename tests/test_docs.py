"""The examples in the documentation are real: every one parses, and the README's quick start
is exactly the two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfassess.core.expr import parse

ROOT = Path(__file__).parents[1]
EXPRESSIONS_DOC = (ROOT / "docs" / "expressions.md").read_text(encoding="utf-8")


def _examples() -> list[str]:
    block = EXPRESSIONS_DOC.split("## Examples", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    return [re.split(r"\s{2,}", line.strip())[0] for line in block.strip().splitlines()]


@pytest.mark.parametrize("example", _examples())
def test_documented_examples_parse(example: str) -> None:
    parse(example)


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert first_block.split() == ["make", "run", "make", "test"]
