"""What marks a rendering as such, in the reader's language: the box on its first page, the red
band at the top of every page, the word across every page, and its title, subject and footer."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from selfassess.core.i18n import LANGUAGE_NAMES, translate
from selfassess.core.pack.report import ReportInput
from selfassess.core.pack.report_style import BODY, H2, SMALL
from selfassess.core.signing.identity import spoken
from selfassess.core.trust.decision import SignerStatus

if TYPE_CHECKING:
    from selfassess.core.render.rendering import Original

RED = colors.HexColor("#c62828")


def title_words(data: ReportInput) -> tuple[str, str, str, str]:
    """The document's title and subject, the footer of every page and the word across it."""
    t = data.t
    form_title = data.form.title.in_language(data.language, data.form.default_language)
    organisation = str(data.response.profile.get("organisation", ""))
    return (
        t(
            "Rendering, not signed: {title}: {organisation}",
            title=form_title,
            organisation=organisation,
        ),
        t("A rendering of the signed original, not signed itself"),
        t("Rendering, not signed · {organisation}", organisation=organisation),
        t("NOT SIGNED"),
    )


def banner_lines(original: Original, language: str) -> tuple[str, ...]:
    """The red band at the top of every page: what the document is, and which signed pack it
    renders (the original's SHA-256, its signer and the certificate's fingerprint)."""
    details = original.signer.details
    return (
        translate(
            language,
            "NOT SIGNED: a rendering of the signed original ({language_name}), not signed itself",
            language_name=language_name(language),
        ),
        translate(language, "SHA-256 of the signed original: {sha256}", sha256=original.sha256),
        translate(
            language,
            "Signed by {name}, {organisation} ({country})",
            name=details.name,
            organisation=details.organisation,
            country=details.country,
        ),
        translate(
            language,
            "Fingerprint of the signer's certificate: {fingerprint}",
            fingerprint=original.signer.fingerprint_sha256,
        ),
    )


def notice(original: Original, data: ReportInput, today: date) -> list[Flowable]:
    """The box on the first page: what this document is, what it was made from, and how to
    check the original."""
    t = data.t
    said = [
        t(
            "This document is not signed. selfassess made it on {day} from the data inside the "
            "signed pack {file}, after checking that pack: its signature is intact and its "
            "answers give the results it states. Only the signed original is evidence: keep "
            "it, and check it with selfassess verify.",
            day=today.isoformat(),
            file=original.name,
        ),
        t(
            "The statuses are those the supplier signed; the reasons and actions are said "
            "again in this language ({language_name}) from the signed answers.",
            language_name=language_name(data.language),
        ),
        _signed_by(original, data.language),
    ]
    fingerprint = spoken(original.signer.fingerprint_sha256)
    codes = [
        t("{label}: {value}", label=t("Certificate fingerprint"), value=fingerprint),
        t("SHA-256 of the signed original: {sha256}", sha256=original.sha256),
    ]
    rows = [[Paragraph(escape(t("A rendering, not the signed pack")), H2)]]
    rows += [[Paragraph(escape(line), BODY)] for line in said]
    rows += [[Paragraph(escape(line), SMALL)] for line in codes]
    box = Table(rows, colWidths=[170 * mm])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, RED),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdecea")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return [box, Spacer(1, 4 * mm)]


def _signed_by(original: Original, language: str) -> str:
    details = original.signer.details
    who = translate(
        language,
        "Signed by {name}, {organisation} ({country}) on {day}.",
        name=details.name,
        organisation=details.organisation,
        country=details.country,
        day=(original.signed_at or "?")[:10],
    )
    return f"{who} {_standing(original, language)}".strip()


def _standing(original: Original, language: str) -> str:
    """How the buyer stands with the signer, as verification found it."""
    if original.status is SignerStatus.CERTIFIED:
        return translate(
            language,
            "The certificate was issued by {programme}, a programme you trust.",
            programme=original.certified_by or "",
        )
    if original.status is SignerStatus.KNOWN:
        return translate(language, "This organisation signed with this certificate before.")
    if original.status is SignerStatus.NEW:
        return translate(
            language,
            "First pack from this organisation: confirm the fingerprint with the supplier by "
            "phone before you rely on it.",
        )
    return ""


def language_name(language: str) -> str:
    """The language's own name ("Français"), which reads the same in every sentence."""
    return LANGUAGE_NAMES.get(language, language)
