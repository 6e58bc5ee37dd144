"""A ready-to-send e-mail draft (`.eml`) for a pack: the buyers as recipients, a subject, a short
body in the assessment's language and in English with the certificate fingerprint, and the
pack attached. Any mail program opens it; nothing is sent from here.

Above 10 MB many mail servers refuse a message: the draft still gets written, and the caller is
told so that it can offer to leave out or shrink large evidence before signing again.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from selfassess.core.errors import InvalidInput
from selfassess.core.files import write_atomically
from selfassess.core.i18n import N_, translate
from selfassess.core.signing.identity import spoken

LARGE_BYTES = 10 * 1024 * 1024
BODY = N_(
    "Please find attached the responsible-minerals self-assessment response pack of "
    "{organisation}.\n\nThe PDF is signed. Before relying on it, check with us that the "
    "signature's certificate fingerprint is:\n\n{fingerprint}\n\nYou can verify the pack with "
    "selfassess (selfassess verify) or in any PDF reader that shows signatures."
)


@dataclass(frozen=True)
class EmailDraft:
    path: Path
    size: int

    @property
    def large(self) -> bool:
        return self.size > LARGE_BYTES


def write_email_draft(
    pack: Path,
    target: Path,
    *,
    recipients: list[str],
    organisation: str,
    fingerprint: str,
    language: str,
) -> EmailDraft:
    """Write the draft next to the pack (or where asked); the draft and its size."""
    if not recipients or any("@" not in address for address in recipients):
        raise InvalidInput(f"give the buyers' e-mail addresses, not {recipients}")
    message = EmailMessage()
    message["To"] = ", ".join(recipients)
    message["Subject"] = translate(
        language, "Self-assessment response pack: {organisation}", organisation=organisation
    )
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    english = BODY.format(organisation=organisation, fingerprint=spoken(fingerprint))
    local = translate(language, BODY, organisation=organisation, fingerprint=spoken(fingerprint))
    message.set_content(english if local == english else f"{local}\n\n---\n\n{english}")
    data = pack.read_bytes()
    message.add_attachment(data, maintype="application", subtype="pdf", filename=pack.name)
    encoded = message.as_bytes()
    write_atomically(target, encoded)
    return EmailDraft(target, len(encoded))
