"""`selfassess render` and `selfassess pack export-sheets`: reading received packs in one's own
language, as a PDF or a spreadsheet (docs/received.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.cli.common import home_of
from selfassess.core.i18n import LANGUAGES
from selfassess.core.preferences import read_preferences
from selfassess.core.storable import visible

if TYPE_CHECKING:
    from selfassess.core.spreadsheets.export import Exported

EXIT_DONE, EXIT_LEFT_OUT = 0, 1


def run_render(args: argparse.Namespace) -> int:
    from selfassess.core.render.rendering import write_rendering

    home = home_of(args)
    language = reading_language(args, home)
    pack = Path(args.pack)
    target = Path(args.output) if args.output else Path(f"{pack.stem}.rendering-{language}.pdf")
    written = write_rendering(pack, target, language, home=home)
    print(f"{visible(str(written), limit=1024)}: a rendering in {language}, NOT SIGNED")
    print(f"only the signed original is evidence: {visible(str(pack), limit=1024)}")
    return EXIT_DONE


def run_export_sheets(args: argparse.Namespace) -> int:
    from selfassess.core.spreadsheets.export import export_pack_files

    home = home_of(args)
    paths = [Path(name) for name in args.packs]
    exported = export_pack_files(paths, Path(args.output), reading_language(args, home), home=home)
    return report_exported(exported)


def report_exported(exported: Exported) -> int:
    """Say what an export wrote and left out; its exit code."""
    for left_out in exported.set_aside:
        shown = visible(str(left_out.path), limit=1024)
        print(f"selfassess: left out {shown}: {left_out.reason}", file=sys.stderr)
    for written in exported.files:
        print(visible(str(written), limit=1024))
    suppliers = "supplier" if exported.suppliers == 1 else "suppliers"
    packs = "pack" if exported.packs == 1 else "packs"
    print(f"{exported.packs} {packs} from {exported.suppliers} {suppliers} exported", end="")
    print(f"; {len(exported.set_aside)} left out" if exported.set_aside else "")
    return EXIT_LEFT_OUT if exported.set_aside else EXIT_DONE


def reading_language(args: argparse.Namespace, home: Path) -> str:
    """The language asked with --lang, else the settings', else English."""
    if args.lang:
        return str(args.lang)  # a language we do not print in is refused by the core
    chosen = read_preferences(home).language
    return chosen if chosen in LANGUAGES else "en"
