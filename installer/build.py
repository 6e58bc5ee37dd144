"""`make installer`: the PyInstaller one-folder bundle of selfassess, its archive, and their
sizes against the budgets (bundle at most 165 MB, archive at most 65 MB).

    python installer/build.py [--dist DIR]

Writes DIR/selfassess/ (the bundle, with install.sh on Linux) and
DIR/selfassess-VERSION-PLATFORM-MACHINE.tar.xz (.zip on Windows), prints what it measured as
JSON (also written to DIR/build-report.json), and exits 1 when a budget is exceeded or the
bundle holds a library it must not.

xz rather than gzip: 50 MB instead of 67 MB for the same bundle, and every Linux desktop's
archive manager opens it. GNU tar with a multi-threaded xz is used where present.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
BUNDLE_BUDGET_MB = 165  # 160 until openpyxl came for the buyer's spreadsheets and ODK (2026-12)
ARCHIVE_BUDGET_MB = 65
# Parts of Qt that a widget app must never carry (they came in by accident in earlier trials).
FORBIDDEN = ("WebEngine", "Qt6Qml", "Qt6Quick", "VirtualKeyboard", "Qt6Wayland", "libqgtk3")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    args = parser.parse_args(argv)
    dist: Path = args.dist.resolve()
    started = time.perf_counter()
    bundle = build_bundle(dist)
    if sys.platform.startswith("linux"):
        shutil.copy2(ROOT / "installer" / "install.sh", bundle / "install.sh")
    archive = make_archive(bundle, dist / archive_name())
    report = measure(bundle, archive, time.perf_counter() - started)
    (dist / "build-report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    problems = [name for name, item in report["budgets"].items() if not item["within_budget"]]
    problems += [f"forbidden: {path}" for path in report["forbidden_found"]]
    for problem in problems:
        print(f"installer: {problem}", file=sys.stderr)
    return 1 if problems else 0


def build_bundle(dist: Path) -> Path:
    """Run PyInstaller on the spec; the bundle folder."""
    work = ROOT / "build" / "pyinstaller"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "installer" / "selfassess.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / "selfassess"


def archive_name() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from selfassess import __version__

    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, "other")
    suffix = ".zip" if sys.platform == "win32" else ".tar.xz"
    return f"selfassess-{__version__}-{system}-{platform.machine().lower()}{suffix}"


def make_archive(bundle: Path, target: Path) -> Path:
    """The bundle folder in one compressed file (links kept as links in the tar)."""
    target.unlink(missing_ok=True)
    if target.suffix == ".zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(bundle.rglob("*")):
                archive.write(path, path.relative_to(bundle.parent))
    elif shutil.which("tar") and shutil.which("xz"):
        env = {**os.environ, "XZ_OPT": "-6 -T0"}
        subprocess.run(
            ["tar", "-C", str(bundle.parent), "-cJf", str(target), bundle.name],
            check=True,
            env=env,
        )
    else:
        with tarfile.open(target, "w:xz", preset=6) as archive:
            archive.add(bundle, arcname=bundle.name)
    return target


def folder_size(folder: Path) -> int:
    return sum(
        path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink()
    )


def measure(bundle: Path, archive: Path, seconds: float) -> dict[str, object]:
    bundle_mb = folder_size(bundle) / MB
    archive_mb = archive.stat().st_size / MB
    forbidden = sorted(
        str(path.relative_to(bundle))
        for path in bundle.rglob("*")
        if any(part in path.name for part in FORBIDDEN)
    )
    return {
        "bundle": str(bundle),
        "archive": str(archive),
        "build_seconds": round(seconds, 1),
        "files": sum(1 for path in bundle.rglob("*") if path.is_file()),
        "budgets": {
            "bundle folder": _budget(bundle_mb, BUNDLE_BUDGET_MB),
            "archive": _budget(archive_mb, ARCHIVE_BUDGET_MB),
        },
        "largest_files_mb": _largest(bundle),
        "forbidden_found": forbidden,
        "python": platform.python_version(),
        "platform": f"{sys.platform} {platform.machine()}",
    }


def _budget(measured_mb: float, budget_mb: int) -> dict[str, object]:
    return {
        "measured_mb": round(measured_mb, 1),
        "budget_mb": budget_mb,
        "within_budget": measured_mb <= budget_mb,
    }


def _largest(bundle: Path, count: int = 8) -> dict[str, float]:
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    files.sort(key=lambda path: path.stat().st_size, reverse=True)
    return {str(p.relative_to(bundle)): round(p.stat().st_size / MB, 1) for p in files[:count]}


if __name__ == "__main__":
    raise SystemExit(main())
