"""Layering rules: core and the command line never load Qt; --version and --help stay light."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import selfassess

SRC = Path(selfassess.__file__).parent


def _modules(package: str) -> list[str]:
    root = SRC.joinpath(*package.split(".")[1:])
    found = [package]
    for info in pkgutil.walk_packages([str(root)], prefix=package + "."):
        found.append(info.name)
    return found


def _loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("package", ["selfassess.core", "selfassess.cli"])
def test_core_and_cli_never_import_qt(package: str) -> None:
    modules = _modules(package)
    assert len(modules) > 3, "the walk found no modules: the test would prove nothing"
    imports = "\n".join(f"import {name}" for name in modules)
    loaded = _loaded_after(imports)
    assert not {name for name in loaded if name.split(".")[0] == "PySide6"}


@pytest.mark.parametrize("argument", ["--version", "--help"])
def test_version_and_help_load_nothing_heavy(argument: str) -> None:
    code = (
        "from selfassess.cli.main import main\n"
        "try:\n"
        f"    main([{argument!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = _loaded_after(code)
    heavy = {"PySide6", "pydantic", "reportlab", "pyhanko", "yaml", "platformdirs"}
    assert "selfassess.cli.main" in loaded
    assert not {name.split(".")[0] for name in loaded} & heavy


def test_core_modules_say_what_they_are_for() -> None:
    for name in _modules("selfassess.core") + _modules("selfassess.cli"):
        module = __import__(name, fromlist=["_"])
        assert (module.__doc__ or "").strip(), f"{name} has no module docstring"
