"""`selfassess trust`: the programme roots a buyer trusts (add, list, remove) and the
revocation lists the programmes send (crl). `verify` reports a pack whose signer chains to one
of these roots as certified by that programme."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selfassess.cli.common import home_of, print_json, table, warn
from selfassess.core.errors import UserError
from selfassess.core.risk_updates.signed import forget_tables_signed_by
from selfassess.core.storable import visible
from selfassess.core.trust.crls import KeptCrl, add_crl, kept_crl
from selfassess.core.trust.roots import TrustedRoot, add_root, remove_root, trusted_roots


def _name(root: TrustedRoot) -> str:
    country = f" ({visible(root.country)})" if root.country else ""
    return f"{visible(root.programme)}{country}"


def run_add(args: argparse.Namespace) -> int:
    root, added = add_root(home_of(args), Path(args.file))
    print(f"trusted       {_name(root)}{'' if added else '  (trusted already)'}")
    print(f"fingerprint   {root.spoken_fingerprint}")
    print(f"valid until   {root.not_after.date()}")
    if added:
        print("check this fingerprint with the programme (by phone) before you rely on it")
    return 0


def run_list(args: argparse.Namespace) -> int:
    home = home_of(args)
    roots = trusted_roots(home)
    lists = {root.fingerprint_sha256: _kept_or_none(home, root) for root in roots}
    if args.json:
        print_json([_root_json(root, lists[root.fingerprint_sha256]) for root in roots])
        return 0
    if not roots:
        print("no trusted root yet: add one with `selfassess trust add ROOT.pem`")
        return 0
    rows = [("PROGRAMME", "VALID UNTIL", "REVOCATION LIST", "FINGERPRINT")]
    for root in roots:
        kept = lists[root.fingerprint_sha256]
        listed = "none" if kept is None else f"{kept.this_update.date()}, {kept.revoked} revoked"
        rows.append((_name(root), str(root.not_after.date()), listed, root.spoken_fingerprint))
    table(rows)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    home = home_of(args)
    root = remove_root(home, args.fingerprint)
    print(f"no longer trusted: {_name(root)}, {root.spoken_fingerprint}")
    dropped = forget_tables_signed_by(home, root.fingerprint_sha256)
    if dropped is not None:
        print(f"the risk data {dropped} it signed is no longer used: the built-in table is")
    return 0


def run_crl(args: argparse.Namespace) -> int:
    kept, added = add_crl(home_of(args), Path(args.file))
    what = "kept" if added else "kept already"
    number = f" number {kept.number}" if kept.number is not None else ""
    print(f"revocation list{number} of {_name(kept.root)} {what}: {kept.revoked} revoked")
    due = f", next update due {kept.next_update.date()}" if kept.next_update else ""
    print(f"made          {kept.this_update.date()}{due}")
    return 0


def _kept_or_none(home: Path, root: TrustedRoot) -> KeptCrl | None:
    try:
        return kept_crl(home, root)
    except UserError as error:
        warn(f"selfassess: warning: {error}")
        return None


def _root_json(root: TrustedRoot, kept: KeptCrl | None) -> dict[str, Any]:
    return {
        "programme": visible(root.programme),
        "country": visible(root.country),
        "fingerprint_sha256": root.fingerprint_sha256,
        "not_after": root.not_after.isoformat(),
        "crl": None
        if kept is None
        else {
            "number": kept.number,
            "this_update": kept.this_update.isoformat(),
            "next_update": kept.next_update.isoformat() if kept.next_update else None,
            "revoked": kept.revoked,
        },
    }
