"""The smoke test of the frozen app: what a supplier's laptop will run, checked from outside.

    python installer/smoke.py [BUNDLE]        (default: dist/selfassess)

In an empty home of its own, with no Python environment leaking in, the bundled binary must:
print its version; list the built-in forms; run `demo` (which signs and verifies a pack inside
the frozen app); verify that pack again; print a blank questionnaire; open its main window
offscreen, load what it loads on demand (the pack machinery, the PDF viewer) and close cleanly.
On Linux, every library of the bundle must resolve, and install.sh must install and uninstall
the app under ~/.local without touching the user's data. Exits 1 naming each check that failed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = sys.platform.startswith("linux")


class Failed(Exception):
    """A check that did not pass, with what was seen."""


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    bundle = Path(args[0] if args else ROOT / "dist" / "selfassess").resolve()
    program = bundle / ("selfassess-cli.exe" if sys.platform == "win32" else "selfassess")
    if not program.exists():
        print(f"smoke: no frozen app at {program}; run `make installer` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="selfassess-smoke-") as folder:
        frozen = Frozen(program, Path(folder))
        checks: list[tuple[str, Callable[[], str]]] = [
            ("version", frozen.version),
            ("built-in forms", frozen.forms),
            ("demo: sign and verify a pack", frozen.demo),
            ("verify the demo pack again", frozen.verify),
            ("print a blank questionnaire", frozen.blank),
            ("main window opens and closes", frozen.window),
        ]
        if LINUX:
            checks += [
                ("every library resolves", lambda: libraries_resolve(bundle)),
                ("install.sh installs and uninstalls", lambda: frozen.install(bundle)),
            ]
        failures = [name for name, check in checks if not run_check(name, check)]
    for name in failures:
        print(f"smoke: FAILED {name}", file=sys.stderr)
    print(f"smoke: {len(checks) - len(failures)} of {len(checks)} checks passed")
    return 1 if failures else 0


def run_check(name: str, check: Callable[[], str]) -> bool:
    started = time.perf_counter()
    try:
        said = check()
    except (Failed, subprocess.SubprocessError, OSError) as problem:
        print(f"FAIL  {name}: {problem}")
        return False
    print(f"ok    {name} ({time.perf_counter() - started:.1f} s): {said}")
    return True


class Frozen:
    """The frozen binary, run in a home of its own."""

    def __init__(self, program: Path, folder: Path) -> None:
        self.program, self.folder = program, folder
        self.home = folder / "user"
        self.home.mkdir()
        self.env = clean_environment(self.home)

    def run(self, *argv: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            [str(self.program), *argv],
            capture_output=True,
            text=True,
            env=env or self.env,
            cwd=self.folder,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise Failed(f"exit {done.returncode}: {done.stderr.strip()[-600:]}")
        return done.stdout

    def version(self) -> str:
        out = self.run("--version").strip()
        sys.path.insert(0, str(ROOT / "src"))
        from selfassess import __version__

        if out != f"selfassess {__version__}":
            raise Failed(f"printed {out!r}, expected 'selfassess {__version__}'")
        return out

    def forms(self) -> str:
        ids = {form["id"] for form in json.loads(self.run("forms", "list", "--json"))}
        if not {"self-assessment", "quick-scan"} <= ids:
            raise Failed(f"listed {sorted(ids)}")
        return ", ".join(sorted(ids))

    def demo(self) -> str:
        out = self.run("demo", "--out", str(self.folder / "demo"))
        if "verified: VALID" not in out:
            raise Failed(f"the demo did not say its pack verified:\n{out}")
        pack = self.folder / "demo" / "pack.pdf"
        said = f"{pack.stat().st_size // 1024} KB pack"
        if shutil.which("pdfsig"):
            checked = subprocess.run(
                ["pdfsig", str(pack)], capture_output=True, text=True, check=False
            )
            if "Signature is Valid" not in checked.stdout:
                raise Failed(f"pdfsig does not find the signature valid:\n{checked.stdout}")
            said += ", pdfsig: Signature is Valid"
        return said

    def verify(self) -> str:
        verdict = json.loads(self.run("verify", str(self.folder / "demo" / "pack.pdf"), "--json"))
        if verdict["valid"] is not True:
            raise Failed(f"the verdict is {verdict['reasons']}")
        return f"valid, signed by {verdict['signer']['organisation']}"

    def blank(self) -> str:
        target = self.folder / "blank-sw.pdf"
        self.run("print-blank", "--form", "quick-scan", "--lang", "sw", "-o", str(target))
        if not target.read_bytes().startswith(b"%PDF-"):
            raise Failed(f"{target} is not a PDF")
        return f"{target.stat().st_size // 1024} KB"

    def window(self) -> str:
        out = self.run("--open-and-close", env={**self.env, "QT_QPA_PLATFORM": "offscreen"})
        if "main window shown and closed: Selfassess" not in out:  # the product's name
            raise Failed(f"printed {out!r}")
        return out.strip()

    def install(self, bundle: Path) -> str:
        """install.sh into a fresh ~/.local, the command and menu entry working, then gone."""
        user = self.folder / "installing"
        env = {**clean_environment(user), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        data = user / ".local" / "share"
        (data / "selfassess").mkdir(parents=True)
        (data / "selfassess" / "keep-me").write_text("the user's data")
        subprocess.run(
            ["sh", str(bundle / "install.sh")], env=env, check=True, text=True, capture_output=True
        )
        command = user / ".local" / "bin" / "selfassess"
        entry = data / "applications" / "selfassess.desktop"
        icon = data / "icons" / "hicolor" / "scalable" / "apps" / "selfassess.svg"
        for path in (command, entry, icon):
            if not path.exists():
                raise Failed(f"install.sh did not make {path}")
        installed = subprocess.run(
            [str(command), "--version"], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        exec_line = next(
            line for line in entry.read_text().splitlines() if line.startswith("Exec=")
        )
        if str(user / ".local" / "opt" / "selfassess" / "selfassess") not in exec_line:
            raise Failed(f"the menu entry runs {exec_line}")
        if shutil.which("desktop-file-validate"):
            subprocess.run(["desktop-file-validate", str(entry)], check=True, capture_output=True)
        subprocess.run(
            ["sh", str(user / ".local" / "opt" / "selfassess" / "install.sh"), "--uninstall"],
            env=env,
            check=True,
            capture_output=True,
        )
        left = [
            p
            for p in (command, entry, icon, user / ".local" / "opt" / "selfassess")
            if p.exists() or p.is_symlink()
        ]
        if left:
            raise Failed(f"--uninstall left {left}")
        if not (data / "selfassess" / "keep-me").exists():
            raise Failed("--uninstall removed the user's data")
        return f"{installed} from ~/.local/bin, menu entry valid, uninstalled, data kept"


def clean_environment(home: Path) -> dict[str, str]:
    """A user with an empty home and nothing of the build's Python or our test settings."""
    keep = ("PATH", "LANG", "LC_ALL", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "TMPDIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    return env


def libraries_resolve(bundle: Path) -> str:
    """ldd finds every library that each binary of the bundle needs (bundled or the host's)."""
    folders = sorted({str(p.parent) for p in bundle.rglob("*.so*") if p.is_file()})
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(folders)}
    binaries = [
        p for p in bundle.rglob("*") if p.is_file() and (".so" in p.name or p.name == "selfassess")
    ]
    missing: list[str] = []
    for binary in binaries:
        listing = subprocess.run(
            ["ldd", str(binary)], capture_output=True, text=True, env=env, check=False
        )
        missing += [
            f"{binary.relative_to(bundle)}: {line.strip()}"
            for line in listing.stdout.splitlines()
            if "not found" in line
        ]
    if missing:
        raise Failed("unresolved:\n  " + "\n  ".join(missing))
    return f"{len(binaries)} binaries"


if __name__ == "__main__":
    raise SystemExit(main())
