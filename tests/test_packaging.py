"""A wheel built from the source tree carries the built-in forms and finds them when installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_wheel_contains_the_built_in_forms(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("selfassess-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(name for name in names if name.startswith("selfassess/forms/"))
    in_tree = sorted(f"selfassess/forms/{path.name}" for path in (ROOT / "forms").glob("*.yaml"))
    assert in_tree, "the source tree has no built-in forms"
    assert shipped == in_tree
    assert "selfassess/schema/form.schema.json" in names
    assert "selfassess/schema/response.schema.json" in names
    for language in ("en", "fr", "sw"):  # the user guide, with its pictures, in each language
        assert f"selfassess/data/guide/guide-{language}.html" in names
        assert f"selfassess/data/guide/images/home-{language}.png" in names
    assert not [name for name in names if name.startswith(("tests/", "selfassess/tests/"))]
