"""Received pack files made ready for the sheets: each verified as `verify` judges it (with the
buyer's trust store in `home`), then judged again in the reader's language (`pack.rejudge`). A
pack that cannot be read, does not verify, or is the same file as one already taken is set aside
with its reason and never exported."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import UserError
from selfassess.core.files import read_failure
from selfassess.core.findings import Finding
from selfassess.core.pack.rejudge import judged_again
from selfassess.core.pack.verify import FORM, Unreadable, Verdict, verify_file
from selfassess.core.spreadsheets.pack_sheets import ReceivedPack
from selfassess.core.storable import visible

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SetAside:
    """A pack file left out of an export, and why."""

    path: Path
    reason: Finding


def received_pack(path: Path, verdict: Verdict, language: str, home: Path | None) -> ReceivedPack:
    """The verified pack at `path` (its `verdict` valid) as the sheets read it in `language`."""
    assert verdict.valid
    assert verdict.response is not None
    judged = judged_again(verdict.response, verdict.data[FORM], language, home)
    return ReceivedPack(
        response=judged.response,
        form=judged.form,
        report=judged.report,
        file_name=visible(path.name),
        sha256=sha256_of(path),
        signer=verdict.signer,
        signed_at=verdict.signed_at,
        signer_status=verdict.signer_status,
    )


def verified_packs(
    paths: Iterable[Path],
    language: str,
    home: Path | None,
    set_aside: list[SetAside],
    progress: Progress = lambda _done, _total: None,
) -> Iterator[ReceivedPack]:
    """The packs at `paths` that verify, one at a time (so that 500 are never all in memory);
    each other one is added to `set_aside` with its reason."""
    paths = list(paths)
    seen: dict[str, Path] = {}
    for done, path in enumerate(paths, start=1):
        try:
            verdict = verify_file(path, home=home)
            if not verdict.valid:
                reason = verdict.reasons[0] if verdict.reasons else Finding.of("not valid")
                set_aside.append(SetAside(path, reason))
                continue
            pack = received_pack(path, verdict, language, home)
        except (Unreadable, UserError) as refusal:
            set_aside.append(SetAside(path, _finding_of(refusal)))
            continue
        finally:
            progress(done, len(paths))
        if pack.sha256 in seen:
            same = Finding.of("the same file as {other}", other=visible(str(seen[pack.sha256])))
            set_aside.append(SetAside(path, same))
            continue
        seen[pack.sha256] = path
        yield pack


def sha256_of(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError as exc:
        raise read_failure(path, exc) from None


def _finding_of(error: UserError) -> Finding:
    if error.message_id is not None:
        return Finding(error.message_id, dict(error.params or {}))
    return Finding("{reason}", {"reason": str(error)})
