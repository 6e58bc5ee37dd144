"""Fixtures of the pack tests: the files of one genuine pack (the demo's), made once."""

from __future__ import annotations

import pytest
from tests.pack.genuine import demo_files

from selfassess.core.pack.seal import Attachment


@pytest.fixture(scope="session")
def genuine_files() -> list[Attachment]:
    return list(demo_files())
