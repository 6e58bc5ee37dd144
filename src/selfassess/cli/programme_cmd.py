"""`selfassess programme`: a programme's own small certification authority, offline: create the
root, give its certificate to buyers, issue suppliers' certificates from their requests, list
what was issued, revoke, and write the revocation list.

The root's passphrase lives in the keyring; where there is none it is asked for without echo,
or read from standard input with --stdin, never taken as an argument."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selfassess.cli.common import home_of, print_json, table
from selfassess.cli.identity_cmd import Secrets, with_passphrase
from selfassess.core.files import write_output
from selfassess.core.programme.authority import Programme, ProgrammeStore
from selfassess.core.programme.issuing import issue
from selfassess.core.programme.register import IssuedRecord, Register
from selfassess.core.programme.revocation import revoke, write_crl
from selfassess.core.signing.certfiles import pem_of
from selfassess.core.signing.identity import spoken
from selfassess.core.storable import visible

PROMPT = "programme passphrase: "


def _print(programme: Programme, store: ProgrammeStore) -> None:
    country = f" ({programme.country})" if programme.country else ""
    print(f"programme     {visible(programme.name)}{country}")
    print(f"fingerprint   {programme.spoken_fingerprint}")
    print(f"valid         {programme.not_before.date()} to {programme.not_after.date()}")
    print(f"key           EC {programme.curve}")
    where = "the keyring" if programme.passphrase_in_keyring else "you (asked at each use)"
    print(f"passphrase    kept by {where}")
    print(f"root          {store.certificate_file} (give it to buyers: `selfassess trust add`)")


def run_create(args: argparse.Namespace) -> int:
    store = ProgrammeStore(home_of(args))
    programme = with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: store.create(
            args.name, args.country or "", passphrase, curve=args.curve, replace=args.replace
        ),
        new=True,
        prompt=PROMPT,
    )
    _print(programme, store)
    return 0


def run_show(args: argparse.Namespace) -> int:
    store = ProgrammeStore(home_of(args))
    programme = store.show()
    if args.json:
        print_json(
            {
                "name": visible(programme.name),
                "country": visible(programme.country),
                "fingerprint_sha256": programme.fingerprint_sha256,
                "not_before": programme.not_before.isoformat(),
                "not_after": programme.not_after.isoformat(),
                "curve": programme.curve,
                "passphrase_in_keyring": programme.passphrase_in_keyring,
                "root_file": str(store.certificate_file),
            }
        )
    else:
        _print(programme, store)
    return 0


def run_root(args: argparse.Namespace) -> int:
    store = ProgrammeStore(home_of(args))
    programme = store.show()
    write_output(Path(args.output), pem_of([store.root()]))
    print(f"root of {visible(programme.name)} written to {args.output}")
    print(f"fingerprint   {programme.spoken_fingerprint}")
    print("buyers add it with `selfassess trust add`, after checking this fingerprint with you")
    return 0


def run_issue(args: argparse.Namespace) -> int:
    store = ProgrammeStore(home_of(args))
    issued = with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: issue(
            store, Path(args.request), Path(args.output), args.years, passphrase
        ),
        new=False,
        prompt=PROMPT,
    )
    record = issued.record
    _print_record(record)
    print(f"key           {spoken(issued.key_fingerprint)}")
    print("              (read these digits to the supplier: `identity request` showed them)")
    if issued.capped:
        print("              (cut short: the programme's root expires then)")
    print(
        f"written to {issued.output}: the certificate, then the programme's root; send it to "
        "the supplier (`selfassess identity install`)"
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    records = Register(ProgrammeStore(home_of(args)).register_file).records()
    if args.json:
        print_json([_record_json(record) for record in records])
        return 0
    if not records:
        print("no certificate issued yet")
        return 0
    rows = [("SERIAL", "ISSUED", "VALID UNTIL", "STATUS", "SIGNER")]
    for record in records:
        subject = record.subject
        status = f"revoked {record.revoked.on.date()}" if record.revoked else "valid"
        who = f"{visible(subject.name)}, {visible(subject.organisation)} ({subject.country})"
        rows.append(
            (
                record.serial[:16],
                str(record.issued_at.date()),
                str(record.not_after.date()),
                status,
                who,
            )
        )
    table(rows)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    record = revoke(ProgrammeStore(home_of(args)), args.certificate, args.reason)
    subject, on = record.subject, record.revoked.on.date() if record.revoked else "?"
    print(
        f"revoked {record.serial} ({visible(subject.name)}, {visible(subject.organisation)}) "
        f"on {on}"
    )
    print("buyers learn it from a new revocation list: `selfassess programme crl -o FILE`")
    return 0


def run_crl(args: argparse.Namespace) -> int:
    store = ProgrammeStore(home_of(args))
    written = with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: write_crl(store, Path(args.output), args.days, passphrase),
        new=False,
        prompt=PROMPT,
    )
    print(
        f"revocation list {written.number} written to {written.output}: {written.revoked} "
        f"revoked, next update due {written.next_update.date()}"
    )
    print("send it to buyers, who add it with `selfassess trust crl`")
    return 0


def _print_record(record: IssuedRecord) -> None:
    subject = record.subject
    print(f"issued        serial {record.serial}")
    print(
        f"to            {visible(subject.name)}, {visible(subject.organisation)} "
        f"({subject.country}), {visible(subject.email)}"
    )
    print(f"fingerprint   {spoken(record.fingerprint_sha256)}")
    print(f"valid         {record.not_before.date()} to {record.not_after.date()}")


def _record_json(record: IssuedRecord) -> dict[str, Any]:
    subject = record.subject
    return {
        "serial": record.serial,
        "subject": {
            "name": visible(subject.name),
            "organisation": visible(subject.organisation),
            "email": visible(subject.email),
            "country": visible(subject.country),
        },
        "fingerprint_sha256": record.fingerprint_sha256,
        "not_before": record.not_before.isoformat(),
        "not_after": record.not_after.isoformat(),
        "issued_at": record.issued_at.isoformat(),
        "revoked": None
        if record.revoked is None
        else {"on": record.revoked.on.isoformat(), "reason": visible(record.revoked.reason)},
    }
