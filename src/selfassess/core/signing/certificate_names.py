"""Names in certificates, in any Unicode: how selfassess writes the e-mail address, and a
correction to asn1crypto's name matching, which pyHanko and pyhanko-certvalidator use when they
sign and verify packs.

Matching. asn1crypto compares the values of directory names after the string preparation of
RFC 4518, built on Python's `stringprep` module, whose tables are those of Unicode 3.2 (2002). A
value holding a character assigned since then (most emoji, such as 🌍 U+1F30D of Unicode 6.0;
the N'Ko, Vai, Bamum, Tifinagh and Adlam scripts; the cedi sign ₵), a private-use character, or
right-to-left text beside left-to-right text or within guillemets ("« تعاونية »", refused by a
bidi check that RFC 4518 §2.5 leaves out: "Bidirectional characters are ignored") makes the
preparation raise ValueError. pyHanko then finds that the signing-certificate-v2 attribute does
not match the signer's certificate (NO_SIGNING_CERTIFICATE_FOUND), and pyhanko-certvalidator can
neither file a certificate under its subject nor look up its issuer: a pack signed under such a
name never verifies, and a chain holding one cannot even sign. (pyHanko means to compare the
issuer's bytes first, but compares them with the [4] tag of the GeneralName around them, so that
shortcut never matches.)

`install()` makes a value that cannot be prepared compare exactly: equal to a value of the same
attribute with the very same characters, and to nothing else. That equality is sound (identical
characters prepare identically under any version of the rules), and it is enough where it
matters: a certificate names its issuer with its issuer's subject, encoded the same way (RFC 5280
§4.1.2.6), and the signing-certificate attribute copies the signer's issuer. What it does not
give, for such values only, is RFC 4518's tolerance of case and spacing. Values that can be
prepared compare as before. `signing.identity` installs it when imported, so that every part of
selfassess that handles a certificate (sealing, verifying, the programme's authority) has it.

Length. RFC 5280 bounds a common name at 64 characters (ub-common-name, Appendix A), as
`identity.checked` does; cryptography counts 64 UTF-8 bytes instead: it refuses to write a name
of 33 Arabic or 22 Amharic letters, or a few emoji, and warns each time it reads one.
`common_name` writes the attribute without that count, and `install()` silences that warning
(only that one: its exact words).

E-mail. The address is optional: a subject without one has no emailAddress attribute. The
emailAddress attribute is an IA5String (ASCII): its domain is written in IDNA
A-labels (RFC 5280 §7.5), "amani@xn--coop-epa.cd" for "amani@coopé.cd", which asn1crypto reads
back with Python's IDNA 2003 codec (so the domain comes back as that codec writes it: in lower
case, "ß" as "ss"). Raw UTF-8 there made asn1crypto fail, and pyHanko with it, when signing.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from selfassess.core.errors import InvalidInput
from selfassess.core.storable import shown

EXACT = "\x00exact:"  # no prepared value starts so: preparation removes U+0000
LONG_COMMON_NAME = r"Attribute's length must be >= 1 and <= 64, but it was \d+$"


def install() -> None:
    """Correct asn1crypto's name matching, and silence cryptography's byte count of common
    names, once per process."""
    from asn1crypto import x509 as asn1_x509

    current = asn1_x509.NameTypeAndValue.prepped_value
    if getattr(current.fget, "selfassess", False):
        return
    warnings.filterwarnings("ignore", LONG_COMMON_NAME, UserWarning)
    prepare = current.fget

    def prepared_or_exact(self: Any) -> Any:
        try:
            return prepare(self)
        except ValueError:
            value = self["value"].native
            if not isinstance(value, str):
                raise
            self._prepped = exact_key(value)
            return self._prepped

    prepared_or_exact.selfassess = True  # type: ignore[attr-defined]
    asn1_x509.NameTypeAndValue.prepped_value = property(prepared_or_exact, doc=current.__doc__)


def exact_key(value: str) -> str:
    """The comparison key of a value that cannot be prepared: its characters, escaped to ASCII
    so that no separator asn1crypto puts between the values of a name can occur inside it."""
    return EXACT + json.dumps(value)


def common_name(name: str) -> x509.NameAttribute[str]:
    """The commonName attribute of `name` (at most 64 characters, checked by the caller), in
    UTF8String whatever the number of bytes its characters take."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", LONG_COMMON_NAME, UserWarning)
        return x509.NameAttribute(NameOID.COMMON_NAME, name, _validate=False)


def subject(name: str, organisation: str, email: str, country: str) -> x509.Name:
    """The subject of a signer's certificate: name and organisation in any Unicode as typed (up
    to 64 characters), the e-mail address when there is one (many cooperatives have none: the
    subject then holds no emailAddress), and the two-letter country."""
    attributes = [common_name(name), x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation)]
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, certificate_email(email)))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, country))
    return x509.Name(attributes)


def certificate_email(email: str) -> str:
    """`email` as a certificate holds it: its domain in IDNA A-labels; a domain that has none
    (a label over 63 characters, a broken "xn--" label) is refused."""
    mailbox, _, domain = email.rpartition("@")
    try:
        written = domain.encode("idna").decode("ascii")
        written.encode("ascii").decode("idna")  # as asn1crypto will read it
    except UnicodeError:
        raise InvalidInput.of(
            "email: the domain of '{value}' cannot be written in a certificate",
            value=shown(email),
        ) from None
    return f"{mailbox}@{written}"


def typed_email(written: str) -> str:
    """The address a certificate holds, its domain's A-labels shown as the letters they stand
    for; as it is, where it is not an address or its A-labels are broken."""
    mailbox, at, domain = written.rpartition("@")
    if not at or "xn--" not in domain.lower() or not domain.isascii():
        return written
    try:
        return f"{mailbox}@{domain.encode('ascii').decode('idna')}"
    except UnicodeError:
        return written
