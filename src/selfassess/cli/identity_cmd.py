"""`selfassess identity`: create, show, import and back up the identity that signs packs.

Secrets are asked for without echo, or read one per line from standard input with --stdin;
they never appear in arguments (which other users can see in the process list)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from selfassess.cli.common import home_of, print_json
from selfassess.core.errors import InvalidInput
from selfassess.core.signing.certfiles import key_fingerprint, read_request
from selfassess.core.signing.identity import (
    Identity,
    IdentityDetails,
    IdentityStore,
    PassphraseNeeded,
    spoken,
)
from selfassess.core.signing.requests import install_certificate, write_request
from selfassess.core.storable import is_storable_text, visible

T = TypeVar("T")
MAX_SECRET = 1024


class Secrets:
    """Secrets from standard input (--stdin), a line each, or asked at the terminal."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def ask(self, prompt: str, *, confirm: bool = False) -> str:
        what = prompt.rstrip(": ")
        if self.from_stdin:
            return _stdin_line(what)
        if not sys.stdin.isatty():
            raise InvalidInput(f"{what} needed: run in a terminal or use --stdin")
        secret = getpass.getpass(prompt)
        if confirm and getpass.getpass("again: ") != secret:
            raise InvalidInput("the two entries differ; nothing was changed")
        return secret


def _stdin_line(what: str) -> str:
    """The next line of standard input, read within bounds (it may be /dev/zero)."""
    try:
        line = sys.stdin.readline(MAX_SECRET + 2)
    except UnicodeDecodeError:
        line = "\udcff"  # as a stream decoding with surrogateescape gives it
    if not is_storable_text(line):
        raise InvalidInput(f"--stdin: the {what} is not UTF-8 text")
    if not line:
        raise InvalidInput(f"--stdin: no line left for the {what}")
    secret = line.rstrip("\r\n")
    if len(secret) > MAX_SECRET or "\0" in secret:
        raise InvalidInput(f"--stdin: the {what} is not a line of at most {MAX_SECRET} characters")
    return secret


def with_passphrase(
    secrets: Secrets,
    action: Callable[[str | None], T],
    *,
    new: bool,
    prompt: str = "signing passphrase: ",
) -> T:
    """Run `action` with the keyring; if there is none, with a passphrase from the user."""
    try:
        return action(None)
    except PassphraseNeeded as needed:
        print(f"selfassess: {needed}", file=sys.stderr)
        return action(secrets.ask(prompt, confirm=new))


def _print(identity: Identity) -> None:
    details = identity.details
    print(f"signer        {details.name}, {details.organisation} ({details.country})")
    print(f"email         {details.email or '(none)'}")
    print(f"fingerprint   {identity.spoken_fingerprint}")
    print(f"valid         {identity.not_before.date()} to {identity.not_after.date()}")
    print(f"certificate   {'self-signed' if identity.self_signed else 'issued by a CA'}")
    where = "the keyring" if identity.passphrase_in_keyring else "you (asked at each signing)"
    print(f"passphrase    kept by {where}")


def run_create(args: argparse.Namespace) -> int:
    store = IdentityStore(home_of(args))
    details = IdentityDetails(args.name, args.org, args.email, args.country)
    identity = with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: store.create(details, passphrase, replace=args.replace),
        new=True,
    )
    _print(identity)
    return 0


def run_show(args: argparse.Namespace) -> int:
    identity = IdentityStore(home_of(args)).show()
    if args.json:
        print_json(
            {
                **identity.details.__dict__,
                "fingerprint_sha256": identity.fingerprint_sha256,
                "not_before": identity.not_before.isoformat(),
                "not_after": identity.not_after.isoformat(),
                "self_signed": identity.self_signed,
                "passphrase_in_keyring": identity.passphrase_in_keyring,
            }
        )
    else:
        _print(identity)
    return 0


def run_import(args: argparse.Namespace) -> int:
    store, secrets = IdentityStore(home_of(args)), Secrets(args.stdin)
    password = secrets.ask(f"password of {Path(args.file).name}: ")
    _print(store.import_p12(Path(args.file), password, replace=args.replace))
    return 0


def run_export(args: argparse.Namespace) -> int:
    store, secrets = IdentityStore(home_of(args)), Secrets(args.stdin)
    password = secrets.ask("password for the backup: ", confirm=True)
    target = with_passphrase(
        secrets,
        lambda passphrase: store.export_p12(Path(args.output), password, passphrase),
        new=False,
    )
    print(f"backup written to {target}; keep it and its password apart")
    return 0


def run_request(args: argparse.Namespace) -> int:
    store = IdentityStore(home_of(args))
    target = with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: write_request(store, Path(args.output), passphrase),
        new=False,
    )
    details = store.show().details
    print(
        f"request written to {target} for {visible(details.name)}, "
        f"{visible(details.organisation)}: send it to the programme, then install the "
        "certificate it sends back (`selfassess identity install`)"
    )
    print(f"key           {spoken(key_fingerprint(read_request(target).public_key()))}")
    print("              (the programme reads you the same digits before it sends it back)")
    return 0


def run_install(args: argparse.Namespace) -> int:
    store = IdentityStore(home_of(args))
    installed = with_passphrase(
        Secrets(args.stdin),
        lambda passphrase: install_certificate(store, Path(args.file), passphrase),
        new=False,
    )
    _print(installed.identity)
    print(f"issued by     {visible(installed.issuer)} (the previous certificate is retired)")
    return 0
