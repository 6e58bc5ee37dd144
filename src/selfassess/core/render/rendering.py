"""`selfassess render PACK.pdf --lang L`: a received pack's report printed again in the reader's
language from the data the pack carries (response.json and form.json), after the pack verifies.

Only a pack that verifies is rendered (with the buyer's trust store, as `verify` judges it): one
that does not is refused with the verdict's first reason, and there is no option to render it
anyway. A rendering reads as a clean report in the reader's language; made from a tampered or
dishonest pack it would lend that pack the look of a checked one, and a warning on its pages is
easily cropped. Its judgement (reasons, titles, readiness, actions) is that of the signed
answers, said again in the reader's language (`pack.rejudge`).

A rendering can never be taken for the signed pack: it carries no signature and no file, its
title and subject say "Rendering, not signed", a word runs across every page, a red band at the
top of every page names the original's SHA-256 and its signer's certificate fingerprint, and its
first page says in a box what it is and how to check the original.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from selfassess.core.errors import Refused
from selfassess.core.files import check_output_file, read_failure, write_output
from selfassess.core.pack.export import checked_language
from selfassess.core.pack.rejudge import judged_again
from selfassess.core.pack.report import Pages, ReportInput, register_fonts, render_pages
from selfassess.core.pack.verify import FORM, Unreadable, Verdict, verify_file
from selfassess.core.storable import visible
from selfassess.core.trust.decision import SignerStatus
from selfassess.core.trust.signer import Signer

__all__ = ["Original", "render_received", "write_rendering"]


@dataclass(frozen=True)
class Original:
    """The signed pack a rendering is made from, as the rendering names it."""

    name: str  # the file's name, made visible
    sha256: str
    signer: Signer
    signed_at: str | None
    status: SignerStatus | None
    certified_by: str | None


def write_rendering(pack: Path, target: Path, language: str, *, home: Path | None) -> Path:
    """Render the verified pack at `pack` in `language` and write it to `target`, whole or not
    at all; the signed original itself is never overwritten."""
    check_output_file(target)
    if _same_file(pack, target):
        raise Refused.of(
            "{target} is the signed pack itself: write the rendering to another file",
            target=target,
        )
    write_output(target, render_received(pack, language, home=home))
    return target


def render_received(pack: Path, language: str, *, home: Path | None) -> bytes:
    """The report of the pack at `pack`, in `language`, marked as a rendering; refused (with
    the verdict's first reason) unless the pack verifies."""
    from selfassess.core.pack import report_sections
    from selfassess.core.render.marking import banner_lines, notice, title_words

    language = checked_language(language)
    try:
        verdict = verify_file(pack, home=home)
    except Unreadable as unreadable:
        raise Refused.of(
            "{pack} was not rendered: {reason}", pack=visible(pack.name), reason=str(unreadable)
        ) from None
    if not verdict.valid or verdict.response is None or verdict.signer is None:
        raise Refused.of(
            "{pack} was not rendered: it does not verify ({reason}); a rendering is made only "
            "of a pack that verifies",
            pack=visible(pack.name),
            reason=str(verdict.reasons[0]) if verdict.reasons else "not valid",
        )
    original = _original(pack, verdict)
    register_fonts()  # before any paragraph is made: they look the font family up
    judged = judged_again(verdict.response, verdict.data[FORM], language, home)
    data = ReportInput(judged.response, judged.form, judged.report, printed_in=language)
    story = [*notice(original, data, date.today()), *report_sections.story(data)]
    title, subject, footer, mark = title_words(data)
    pages = Pages(
        language=language,
        title=title,
        author="selfassess",
        subject=subject,
        footer=footer,
        watermark=mark,
        banner=banner_lines(original, language),
    )
    return render_pages(story, pages)


def _original(pack: Path, verdict: Verdict) -> Original:
    assert verdict.signer is not None
    return Original(
        name=visible(pack.name),
        sha256=_sha256_of(pack),
        signer=verdict.signer,
        signed_at=verdict.signed_at,
        status=verdict.signer_status,
        certified_by=verdict.certified_by,
    )


def _sha256_of(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError as exc:
        raise read_failure(path, exc) from None


def _same_file(pack: Path, target: Path) -> bool:
    try:
        return target.exists() and pack.samefile(target)
    except OSError:
        return False
