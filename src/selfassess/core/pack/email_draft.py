"""A ready-to-send e-mail draft (`.eml`) for a pack: the buyers as recipients (or none yet: the
user adds them in the mail program), a subject, a short body in the assessment's language and in
English with the certificate fingerprint, and the pack attached. Any mail program opens it;
nothing is sent from here. The subject and body are also given alone, for webmail.

Above 10 MB many mail servers refuse a message: the draft still gets written, and the caller is
told so that it can offer to leave out or shrink large evidence before signing again.

`write_draft` writes any such draft (the buyer's inbox writes its requests to a supplier with it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from selfassess.core.errors import InvalidInput
from selfassess.core.files import PACK_LIMIT, check_output_file, read_input, write_output
from selfassess.core.i18n import N_, translate
from selfassess.core.signing.identity import spoken
from selfassess.core.storable import readable_name, shown

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
    """Write the draft next to the pack (or where asked); the draft and its size. With no
    recipients the draft has none: the user adds them in the mail program."""
    return write_draft(
        target,
        recipients=recipients,
        subject=email_subject(organisation, language),
        body=email_body(organisation, fingerprint, language),
        attachment=pack,
        kind=("application", "pdf"),
    )


def write_draft(
    target: Path,
    *,
    recipients: list[str],
    subject: str,
    body: str,
    attachment: Path,
    kind: tuple[str, str],
) -> EmailDraft:
    """Write an unsent message to `recipients` (none: the user adds them) carrying the file
    `attachment` of the MIME type `kind`; the draft and its size."""
    check_output_file(target)
    addresses = checked_addresses(recipients) if recipients else []
    message = EmailMessage()
    if addresses:
        message["To"] = ", ".join(addresses)
    message["Subject"] = " ".join(subject.split())  # a header is one line
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    message.set_content(body)
    data = read_input(attachment, PACK_LIMIT)
    message.add_attachment(
        data, maintype=kind[0], subtype=kind[1], filename=readable_name(attachment.name)
    )
    encoded = message.as_bytes()
    write_output(target, encoded)
    return EmailDraft(target, len(encoded))


def email_subject(organisation: str, language: str) -> str:
    """The subject of the e-mail that carries the pack, on one line."""
    subject = translate(
        language, "Self-assessment response pack: {organisation}", organisation=organisation
    )
    return " ".join(subject.split())  # a header is one line


def email_body(organisation: str, fingerprint: str, language: str) -> str:
    """The message to the buyers, in `language` and in English, with the fingerprint to check:
    what the draft says, and what a user of webmail pastes."""
    english = BODY.format(organisation=organisation, fingerprint=spoken(fingerprint))
    local = translate(language, BODY, organisation=organisation, fingerprint=spoken(fingerprint))
    return english if local == english else f"{local}\n\n---\n\n{english}"


def checked_addresses(recipients: list[str]) -> list[str]:
    """The buyers' addresses, trimmed, or a refusal quoting the first that is not one."""
    addresses = [_address(address) for address in recipients]
    if not addresses:
        raise InvalidInput.of("give the buyers' e-mail addresses")
    return addresses


def _address(text: str) -> str:
    """One buyer's address as a header can carry it, or a refusal quoting it."""
    address = text.strip()
    plain = address.isascii() and address.isprintable() and " " not in address
    if not (plain and 3 <= len(address) <= 254 and re.fullmatch(r"[^@]+@[^@]+\.[^@]+", address)):
        raise InvalidInput.of(
            "'{address}' is not an e-mail address such as buyer@example.com",
            address=shown(text),
        )
    return address
