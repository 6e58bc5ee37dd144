"""The command-line fixture of tests/cli, for the command-line tests here."""

from __future__ import annotations

from tests.cli.conftest import cli

__all__ = ["cli"]
