"""Signing any name: whatever a supplier types as name and organisation (emoji, guillemets,
right-to-left scripts, combining accents, CJK and other supplementary-plane characters, scripts
newer than Unicode 3.2) is carried as typed in the certificate (UTF8String), signs, and verifies
with the names read back equal. So does an identity from a .p12 made elsewhere whose chain holds
such names, and a chain to a programme's authority so named; an e-mail address with an
internationalised domain signs too."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests.pack.genuine import carried_files, demo_pack
from tests.pack.making import report_pdf

from selfassess.core.errors import InvalidInput
from selfassess.core.pack.seal import Attachment, seal
from selfassess.core.pack.verify import verify
from selfassess.core.signing.certificate_names import LONG_COMMON_NAME
from selfassess.core.signing.identity import IdentityDetails, IdentityStore, checked
from selfassess.core.storable import visible

PASSPHRASE = "sauti ya mvua"
ISSUE_13 = "Coopérative « Tuungane » 🌍"  # the organisation of the report
# What suppliers type: Latin, and what broke signing or verifying (emoji, some with joiners or
# variation selectors, guillemets, Arabic, Hebrew and Persian, combining accents, CJK of the
# supplementary plane, N'Ko, Adlam, Tifinagh, Vai, Ge'ez, the cedi sign, a private-use character).
TYPED = [
    "Coopérative", "Kalimbi", "2026", "&", "-", "'", " ",
    "🌍", "👩🏾\u200d🌾", "❤\ufe0f", "🇨🇩", "«", "»", "\u2039", "\u203a", "„", "“",
    "تعاونية", "שיתופית", "می\u200cخواهم", "e\u0301", "a\u0300\u0323", "合作社", "𠀀𠜎",  # noqa: RUF001
    "ߒߞߏ", "𞤀𞤣𞤤𞤢𞤥", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "ꕙꔤ", "ኅብረት", "₵", "\ue000",
]  # fmt: skip
ANY_CHARACTER = st.characters(categories=("L", "M", "N", "P", "S", "Zs", "Co"))
PIECES = st.lists(st.sampled_from(TYPED) | ANY_CHARACTER, min_size=1, max_size=12)
NAMES = (
    st.one_of(PIECES.map("".join), st.text(ANY_CHARACTER, min_size=1, max_size=64))
    .map(lambda text: text[:64].strip())
    .filter(bool)
)
FEW = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Genuine(list[Attachment]):
    """The files of a genuine pack, shown briefly (hypothesis prints what a failing example
    was given)."""

    def __repr__(self) -> str:
        return f"<the {len(self)} files of the demo's pack>"


@pytest.fixture(scope="module")
def genuine_files(tmp_path_factory: pytest.TempPathFactory) -> Genuine:
    """The files of a genuine pack (the demo's), to seal under other names."""
    return Genuine(carried_files(demo_pack(tmp_path_factory.mktemp("demo") / "out")))


def pack_of(files: list[Attachment], store: IdentityStore, name: str, organisation: str) -> bytes:
    """The genuine pack's files, its response naming `organisation`, sealed by `store`."""
    carried = [a for a in files if a.name != "response.json"]
    (original,) = [a for a in files if a.name == "response.json"]
    response = json.loads(original.data)
    response["profile"]["organisation"] = organisation
    response["declaration"]["name"] = name
    data = json.dumps(response, ensure_ascii=False).encode()
    carried.append(Attachment(original.name, data, original.media_type))
    return seal(report_pdf(), carried, store.unlock(PASSPHRASE))


def subject_values(certificate: x509.Certificate) -> dict[str, tuple[str, bytes]]:
    """The string type and exact bytes of the subject's name and organisation (asn1crypto)."""
    from asn1crypto import x509 as asn1_x509

    der = certificate.public_bytes(serialization.Encoding.DER)
    subject = asn1_x509.Certificate.load(der).subject.chosen
    return {
        pair["type"].native: (pair["value"].name, pair["value"].chosen.contents)
        for rdn in subject
        for pair in rdn
        if pair["type"].native in ("common_name", "organization_name")
    }


# cryptography warns when it reads a common name of more than 64 bytes; RFC 5280 counts 64
# characters, and selfassess silences that warning (certificate_names.install), as here.
@pytest.mark.filterwarnings(f"ignore:{LONG_COMMON_NAME}:UserWarning")
@FEW
@given(name=NAMES, organisation=NAMES)
@example(name="Amani", organisation=ISSUE_13)
@example(name="أماني «كيفو»", organisation="Coopérative تعاونية")  # Arabic beside Latin
@example(name="עמנואל", organisation="« שיתופית »")  # Hebrew in guillemets
@example(name="Amani 👩🏾\u200d🌾", organisation="ߒߞߏ 𞤀𞤣𞤤𞤢𞤥")  # N'Ko and Adlam: after Unicode 3.2
@example(name="Ama" + "\u0301" * 61, organisation="𠀀" * 64)  # 64 characters, 64 astral ones
def test_any_name_signs_and_verifies_as_typed(
    genuine_files: list[Attachment], tmp_path: Path, name: str, organisation: str
) -> None:
    store = IdentityStore(tmp_path / uuid.uuid4().hex)  # a home of its own for each example
    details = IdentityDetails(name, organisation, "amani@kalimbi.cd", "CD")
    assert checked(details) == details
    identity = store.create(details, passphrase=PASSPHRASE)
    assert (identity.details.name, identity.details.organisation) == (name, organisation)
    carried = subject_values(store.unlock(PASSPHRASE).certificate)
    assert carried["common_name"] == ("utf8_string", name.encode("utf-8"))
    assert carried["organization_name"] == ("utf8_string", organisation.encode("utf-8"))

    verdict = verify(pack_of(genuine_files, store, name, organisation))
    assert verdict.reasons == []
    assert verdict.valid
    assert verdict.signer is not None
    assert (verdict.signer.raw.name, verdict.signer.raw.organisation) == (name, organisation)
    shown = verdict.signer.details  # as printed: a private-use character shown by its code
    assert (shown.name, shown.organisation) == (visible(name), visible(organisation))
    assert verdict.signer.fingerprint_sha256 == identity.fingerprint_sha256


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CD"),
        ]
    )


def _certificate(
    subject: x509.Name,
    issuer: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    signer_key: ec.EllipticCurvePrivateKey,
) -> x509.Certificate:
    start = datetime.now(UTC) - timedelta(minutes=5)
    is_authority = subject == issuer
    usage = x509.KeyUsage(
        digital_signature=not is_authority,
        content_commitment=not is_authority,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=is_authority,
        crl_sign=is_authority,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=is_authority, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(signer_key, hashes.SHA256())
    )


@pytest.fixture(scope="module")
def programme_chain() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate, x509.Certificate]:
    """A supplier's key, its certificate, and the authority that issued it: names in both that
    asn1crypto's Unicode 3.2 string preparation refuses."""
    authority_key = ec.generate_private_key(ec.SECP256R1())
    authority_name = _name("Programme « Sud-Kivu » 🌍", "تعاونية Kivu")
    authority = _certificate(authority_name, authority_name, authority_key, authority_key)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = _certificate(_name("Amani 👩🏾\u200d🌾", ISSUE_13), authority_name, key, authority_key)
    return key, leaf, authority


def test_a_p12_made_elsewhere_with_its_chain_so_named_signs_and_verifies(
    programme_chain: tuple[ec.EllipticCurvePrivateKey, x509.Certificate, x509.Certificate],
    genuine_files: list[Attachment],
    tmp_path: Path,
) -> None:
    key, leaf, authority = programme_chain
    source = tmp_path / "amani.p12"
    source.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"amani", key, leaf, [authority], serialization.BestAvailableEncryption(b"mlima mrefu")
        )
    )
    store = IdentityStore(tmp_path / "home")
    identity = store.import_p12(source, "mlima mrefu", passphrase=PASSPHRASE)
    assert identity.details.organisation == ISSUE_13
    verdict = verify(pack_of(genuine_files, store, "Amani 👩🏾\u200d🌾", ISSUE_13))
    assert verdict.reasons == []
    assert verdict.valid
    assert verdict.signer is not None
    assert verdict.signer.details.name == "Amani 👩🏾\u200d🌾"


def test_a_chain_to_an_authority_so_named_validates(
    programme_chain: tuple[ec.EllipticCurvePrivateKey, x509.Certificate, x509.Certificate],
) -> None:
    """The programme's route: its root, named in any Unicode, is found as the issuer."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import CertificateValidator, ValidationContext

    _, leaf, authority = programme_chain

    def load(certificate: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))

    validator = CertificateValidator(
        load(leaf),
        validation_context=ValidationContext(trust_roots=[load(authority)], allow_fetching=False),
    )
    path = asyncio.run(validator.async_validate_usage({"digital_signature"}))
    assert [c.dump() for c in path.iter_certs(include_root=True)] == [
        load(authority).dump(),
        load(leaf).dump(),
    ]


def test_an_email_with_an_internationalised_domain_signs_and_reads_back(
    genuine_files: list[Attachment], tmp_path: Path
) -> None:
    store = IdentityStore(tmp_path / "home")
    details = IdentityDetails("Amani", "Tuungane", "amani@coopé.cd", "CD")
    assert store.create(details, passphrase=PASSPHRASE).details.email == "amani@coopé.cd"
    written = store.unlock(PASSPHRASE).certificate.subject
    assert written.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)[0].value == (
        "amani@xn--coop-epa.cd"
    )
    verdict = verify(pack_of(genuine_files, store, "Amani", "Tuungane"))
    assert verdict.valid, verdict.reasons
    assert verdict.signer is not None
    assert verdict.signer.details.email == "amani@coopé.cd"


def test_an_email_domain_a_certificate_cannot_hold_is_refused_by_name(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "home")
    for email in ("amani@xn--zz.cd", "amani@" + "k" * 64 + ".cd"):
        with pytest.raises(InvalidInput, match="email: the domain of .* cannot be written"):
            store.create(IdentityDetails("Amani", "Tuungane", email, "CD"), passphrase=PASSPHRASE)
    assert not store.exists()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_a_p12_whose_names_cannot_be_read_is_refused_before_anything_is_kept(
    tmp_path: Path,
) -> None:
    """OpenSSL's legacy string mask writes a Latin-1 T61String, which cryptography cannot read:
    refused with a reason, and the identity store is left as it was."""
    config = tmp_path / "legacy.cnf"
    config.write_text("[req]\ndistinguished_name=dn\nstring_mask=default\n[dn]\n")
    key, certificate, source = tmp_path / "k.pem", tmp_path / "c.pem", tmp_path / "legacy.p12"
    commands = [
        ["req", "-config", str(config), "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(key), "-out", str(certificate),
         "-days", "30", "-utf8", "-subj", "/CN=Amani Ünal/O=Tuungane/C=CD"],
        ["pkcs12", "-export", "-inkey", str(key), "-in", str(certificate), "-out", str(source),
         "-passout", "pass:mlima mrefu"],
    ]  # fmt: skip
    for command in commands:
        subprocess.run(["openssl", *command], capture_output=True, check=True)
    store = IdentityStore(tmp_path / "home")
    with pytest.raises(InvalidInput, match="names are in an encoding that cannot be read"):
        store.import_p12(source, "mlima mrefu", passphrase=PASSPHRASE)
    assert not store.exists()
