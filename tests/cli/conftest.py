"""The command line as tests run it: `cli("gaps", ID, "--json")` gives (exit code, out, err)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from selfassess.cli.main import main

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
