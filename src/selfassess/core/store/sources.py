"""What a repair can rebuild from this computer when a damaged database lost it: a form record
from the forms installed here (matched by its hash), an evidence record from the locker's file."""

from __future__ import annotations

from pathlib import Path

from selfassess.core.store.evidence import EvidenceLocker, media_type_of


def form_record(home: Path, wanted_hash: str) -> tuple[str, str, str] | None:
    """(form id, version, canonical definition) of the form here whose hash is `wanted_hash`."""
    from selfassess.core.forms.catalog import discover
    from selfassess.core.forms.identity import canonical_json, form_hash

    for entry in discover(home):
        form = entry.result.form
        if form is not None and form_hash(form) == wanted_hash:
            return form.id, form.version, canonical_json(form)
    return None


def evidence_path(home: Path, sha256: str) -> Path:
    return home / "evidence" / sha256[:2] / sha256


def evidence_problem(home: Path, sha256: str) -> str | None:
    """None when the locker's file for `sha256` is there and intact, else what is wrong."""
    try:
        return EvidenceLocker(home / "evidence").verify(sha256)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"


def evidence_record(home: Path, sha256: str, name: str) -> tuple[int, str] | None:
    """(size, media type) of the intact locker file for `sha256`, if it is there."""
    if evidence_problem(home, sha256) is not None:
        return None
    return evidence_path(home, sha256).stat().st_size, media_type_of(name)
