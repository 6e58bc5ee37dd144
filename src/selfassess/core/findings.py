"""A finding: one thing a check found, said with an English message id and its values, so that
the command line prints it in English and the app in the reader's language.

    Finding.of("{name} is carried but not listed in the manifest", name="invoice.exe")

Every value that came from outside (a certificate, a pack, a file name) is passed through
`storable.visible` before it is put in a message, so control characters cannot forge lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self

from selfassess.core.i18n import translate
from selfassess.core.storable import visible


@dataclass(frozen=True)
class Finding:
    message_id: str
    params: dict[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, message_id: str, **params: object) -> Self:
        """The finding, with every text value made visible (see `storable.visible`)."""
        safe = {key: visible(v) if isinstance(v, str) else v for key, v in params.items()}
        return cls(message_id, safe)

    def text(self, language: str = "en") -> str:
        return translate(language, self.message_id, **self.params)

    def __str__(self) -> str:
        return self.text(language="en")
