"""Fixtures of the inbox tests: genuine packs made once per test process, and an inbox in each
test's own data home."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.inbox.packs import Packs, made_packs

from selfassess.core.inbox.service import Inbox


@pytest.fixture(scope="session")
def packs() -> Packs:
    return made_packs()


@pytest.fixture
def inbox(isolated_home: Path) -> Inbox:
    """An inbox in the test's data home; packs are examined in this process (no workers)."""
    return Inbox(isolated_home)
