"""`selfassess riskdata show|install` and `programme sign-risk-data`: the country and area risk
data that decides when enhanced due diligence applies (docs/risk.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selfassess.cli.common import home_of, print_json, table
from selfassess.cli.identity_cmd import Secrets, with_passphrase
from selfassess.cli.programme_cmd import PROMPT
from selfassess.core.errors import InvalidInput
from selfassess.core.files import read_input, write_output
from selfassess.core.i18n import LANGUAGES, translate
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.risk.edd import LEVEL_WORDS
from selfassess.core.risk.table import (
    built_in_table,
    current_table,
    damaged_notice,
    parse_table,
)
from selfassess.core.risk_updates.signed import install_table, remove_installed, sign_table
from selfassess.core.storable import shown, visible

TABLE_LIMIT = 4 * 1024 * 1024


def run_show(args: argparse.Namespace) -> int:
    home = home_of(args)
    if args.lang not in LANGUAGES:
        raise InvalidInput(f"--lang takes one of {', '.join(LANGUAGES)}, not '{shown(args.lang)}'")
    risk = current_table(home)
    damaged = damaged_notice(home)
    origin = "built in" if risk.version == built_in_table().version else "installed"
    if args.json:
        problem = {"installed_problem": str(damaged)} if damaged else {}
        print_json({"origin": origin, **problem, **risk.model_dump(mode="json")})
        return 0
    if damaged is not None:
        print(f"note: {damaged.text(args.lang)}", file=sys.stderr)
    print(f"risk data {risk.version}, as of {risk.as_of} ({origin})")
    if risk.notice:
        print(risk.notice.get(args.lang) or risk.notice.get("en", ""))
    print("sources:")
    for source in risk.sources:
        print(f"  {source.short}: {source.title}" + (f" ({source.url})" if source.url else ""))
    rows = [("CODE", "LEVEL", "AREA")]
    for area in risk.areas:
        rows.append(
            (area.code, translate(args.lang, LEVEL_WORDS[area.level]), area.name(args.lang))
        )
    table(rows)
    return 0


def run_install(args: argparse.Namespace) -> int:
    home = home_of(args)
    installed = install_table(Path(args.file), home)
    print(
        f"risk data {installed.table.version} (as of {installed.table.as_of}) signed by "
        f"{visible(installed.programme)} installed, replacing {installed.replaced}; new "
        "judgements use it, and each assessment records the version it used"
    )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    removed = remove_installed(home_of(args))
    if removed is None:
        print(f"no risk data is installed: the built-in {built_in_table().version} is in use")
    else:
        print(f"risk data {removed} removed: the built-in {built_in_table().version} is in use")
    return 0


def run_sign(args: argparse.Namespace) -> int:
    source = Path(args.table)
    risk = parse_table(read_input(source, TABLE_LIMIT), str(source))
    store = ProgrammeStore(home_of(args))
    signed = with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: _signed(store, risk, passphrase),
        new=False,
        prompt=PROMPT,
    )
    write_output(Path(args.output), signed)
    print(f"risk data {risk.version} signed by the programme, written to {args.output}")
    print("send it to buyers and suppliers, who install it with `selfassess riskdata install`")
    return 0


def _signed(store: ProgrammeStore, risk: Any, passphrase: str | None) -> bytes:
    unlocked = store.unlock(passphrase)
    return sign_table(risk, unlocked.key, unlocked.certificate)
