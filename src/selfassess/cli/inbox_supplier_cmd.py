"""`selfassess inbox suppliers [import FILE]` and `selfassess inbox supplier SUPPLIER [set |
follow-up]`: the buyer's suppliers, one supplier's page (its packs over time, what improved and
regressed, its plan with the buyer's follow-up), and the buyer's own records."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from selfassess.cli.common import print_json, table
from selfassess.cli.inbox_cmd import day_of, open_inbox, say_unindexed
from selfassess.core.inbox.history import PackEntry, SupplierPage
from selfassess.core.inbox.suppliers import Supplier
from selfassess.core.inbox.values import RISK_SOURCES

EXIT_OK = 0


def supplier_json(supplier: Supplier) -> dict[str, Any]:
    risk, source = supplier.risk_and_why
    latest = supplier.latest
    return {
        "key": supplier.key,
        "organisation": supplier.organisation,
        "country": supplier.country,
        "province": supplier.province,
        "internal_id": supplier.internal_id,
        "role": supplier.role,
        "minerals": supplier.minerals,
        "certifications": supplier.certifications,
        "copper_mark_or_equivalent": supplier.copper_mark_or_equivalent,
        "risk": risk,
        "risk_source": source,
        "risk_reason": supplier.risk_reason,
        "enrolled_since": supplier.enrolled_since,
        "registered_on": supplier.registered_on,
        "packs": len(supplier.packs),
        "latest_pack": None
        if latest is None
        else {
            "sha256": latest.sha256,
            "assessment": latest.assessment,
            "revision": latest.revision,
            "assessed_on": latest.assessed_on,
            "signer_status": latest.signer_status,
            "fingerprint_sha256": latest.fingerprint,
        },
        "notes": [{"day": day, "by": by, "text": text} for day, by, text in supplier.notes],
        "set_by_buyer": dict(supplier.own_by),
    }


def run_suppliers(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    say_unindexed(inbox)
    suppliers = inbox.portfolio(day_of(args)).ordered()
    if args.json:
        print_json([supplier_json(supplier) for supplier in suppliers])
        return EXIT_OK
    if not suppliers:
        print(
            "No supplier yet: import packs (selfassess inbox import) or a list of suppliers "
            "(selfassess inbox suppliers import FILE)."
        )
        return EXIT_OK
    rows = [("SUPPLIER", "ROLE", "RISK", "LATEST PACK", "CERTIFICATIONS", "ENROLLED", "KEY")]
    for supplier in suppliers:
        latest = supplier.latest
        rows.append(
            (
                f"{supplier.organisation} ({supplier.country})",
                supplier.role or "-",
                _risk_text(supplier),
                f"{latest.assessed_on} r{latest.revision}" if latest else "none",
                ", ".join(supplier.certifications) or "-",
                supplier.enrolled_since or "-",
                supplier.key,
            )
        )
    table(rows)
    return EXIT_OK


def _risk_text(supplier: Supplier) -> str:
    risk, source = supplier.risk_and_why
    if risk is None:
        return "unknown"
    return f"{risk} (buyer)" if source == "buyer" else risk


def run_register(args: argparse.Namespace) -> int:
    from pathlib import Path

    inbox = open_inbox(args)
    registered = inbox.register_list(Path(args.file))
    for note in registered.notes:
        print(f"note: {note}")
    print(
        f"registered {registered.new} new supplier{'s' if registered.new != 1 else ''}; "
        f"{registered.known} already known, their listed values updated"
    )
    return EXIT_OK


def run_supplier(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    say_unindexed(inbox)
    page = inbox.page(args.supplier, day_of(args))
    as_of = day_of(args) or date.today()
    if args.json:
        print_json(page_json(page, as_of))
    else:
        _print_page(page, as_of)
    return EXIT_OK


def page_json(page: SupplierPage, as_of: date) -> dict[str, Any]:
    return {
        **supplier_json(page.supplier),
        "history": [_entry_json(entry) for entry in page.packs],
        "actions": [
            {
                **view.action,
                "due": view.due,
                "overdue": view.overdue(as_of),
                "done": view.done,
                "follow_up": None
                if view.follow_up is None
                else {
                    "state": view.follow_up.state,
                    "note": view.follow_up.note,
                    "due": view.follow_up.due,
                    "by": view.follow_up.by,
                    "day": view.follow_up.day,
                },
                "follow_up_history": len(view.history),
            }
            for view in page.actions
        ],
    }


def _entry_json(entry: PackEntry) -> dict[str, Any]:
    row = entry.row
    return {
        "sha256": row.sha256,
        "assessment": row.assessment,
        "revision": row.revision,
        "assessed_on": row.assessed_on,
        "signed_at": row.signed_at,
        "signer_status": row.signer_status,
        "fingerprint_sha256": row.fingerprint,
        "readiness": row.facts.get("readiness"),
        "superseded": entry.superseded,
        "improved": [move.criterion for move in entry.improved],
        "regressed": [move.criterion for move in entry.regressed],
    }


def _print_page(page: SupplierPage, as_of: date) -> None:
    supplier = page.supplier
    print(f"{supplier.organisation} ({supplier.country})   key: {supplier.key}")
    risk, source = supplier.risk_and_why
    reason = supplier.risk_reason
    print(f"role {supplier.role or '-'}; minerals {', '.join(supplier.minerals) or '-'}")
    why = RISK_SOURCES.get(source, source)
    print(f"risk {risk or 'unknown'} ({why}{'; ' + reason if reason else ''})")
    print(
        f"certifications {', '.join(supplier.certifications) or 'none'}; "
        f"capacity building since {supplier.enrolled_since or '-'}"
    )
    for day, by, text in supplier.notes:
        print(f"note {day} {by}: {text}")
    print("\nPACKS (oldest first)")
    for entry in page.packs:
        row = entry.row
        flag = "  superseded" if entry.superseded else ""
        print(
            f"  {row.assessed_on}  {row.assessment} r{row.revision}  {row.signer_status} "
            f"signer  {row.sha256[:12]}{flag}"
        )
        if entry.improved:
            print(f"    improved:  {', '.join(m.criterion for m in entry.improved)}")
        if entry.regressed:
            print(f"    regressed: {', '.join(m.criterion for m in entry.regressed)}")
    print("\nACTIONS of the latest plan")
    for view in page.actions:
        action = view.action
        state = view.follow_up.state.replace("_", " ") if view.follow_up else "no follow-up"
        late = "  OVERDUE" if view.overdue(as_of) else ""
        print(
            f"  {action.get('id')}  {action.get('criterion')}  due {view.due or '-'}  "
            f"{action.get('status')}  buyer: {state}{late}"
        )
        print(f"      {action.get('text')}")
        if view.follow_up and view.follow_up.note:
            print(f"      buyer's note: {view.follow_up.note}")


def run_set(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    values: dict[str, Any] = {}
    if args.role:
        values["role"] = None if args.role == "auto" else args.role
    for name in ("minerals", "certifications"):
        given = getattr(args, name)
        if given:
            values[name] = None if given == ["auto"] else given
    if args.risk:
        values["risk"] = None if args.risk == "auto" else args.risk
        if args.reason:
            values["risk_reason"] = args.reason
    elif args.reason:
        values["risk_reason"] = args.reason
    if args.enrolled_since:
        values["enrolled_since"] = None if args.enrolled_since == "none" else args.enrolled_since
    if not values and not args.note:
        from selfassess.core.errors import InvalidInput

        raise InvalidInput.of(
            "nothing to change: give --role, --minerals, --certifications, --risk, "
            "--enrolled-since or --note"
        )
    supplier = (
        inbox.set_supplier(args.supplier, values) if values else inbox.supplier(args.supplier)
    )
    if args.note:
        inbox.add_note(supplier.key, args.note)
    print(f"updated {supplier.organisation} ({supplier.key})")
    return EXIT_OK


def run_follow_up(args: argparse.Namespace) -> int:
    inbox = open_inbox(args)
    page = inbox.follow_up(args.supplier, args.action, args.state, args.note, args.due)
    print(f"{page.supplier.organisation}: action {args.action} {args.state.replace('_', ' ')}")
    return EXIT_OK
