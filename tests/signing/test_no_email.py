"""A signer without an e-mail address (many cooperatives have none): the identity is made, its
certificate names no address, and the packs it signs verify, in selfassess and in poppler; a
programme certifies it too, without a subjectAltName."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from tests.pack.genuine import COUNTRY, ORGANISATION
from tests.pack.making import genuine_data, report_pdf
from tests.programme.making import certified, programme

from selfassess.core.errors import InvalidInput
from selfassess.core.pack.seal import seal
from selfassess.core.pack.verify import verify
from selfassess.core.signing.identity import IdentityDetails, IdentityStore

NO_EMAIL = IdentityDetails("Amani Bisimwa", ORGANISATION, "", COUNTRY)


def _certificate(store: IdentityStore) -> x509.Certificate:
    return x509.load_pem_x509_certificate(store.certificate_file.read_bytes())


def test_an_identity_without_email_signs_a_pack_that_verifies(
    isolated_home: Path, tmp_path: Path
) -> None:
    store = IdentityStore(isolated_home)
    identity = store.create(IdentityDetails(" Amani Bisimwa ", ORGANISATION, "  ", COUNTRY))
    assert identity.details.email == ""
    subject = _certificate(store).subject
    assert subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS) == []
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == ORGANISATION
    pack = seal(report_pdf(), list(genuine_data()), store.unlock())
    verdict = verify(pack)
    assert verdict.valid, verdict.reasons
    assert verdict.signer is not None
    assert verdict.signer.details.email == ""
    assert verdict.signer.fingerprint_sha256 == identity.fingerprint_sha256
    if shutil.which("pdfsig"):
        path = tmp_path / "pack.pdf"
        path.write_bytes(pack)
        report = subprocess.run(
            ["pdfsig", str(path)], capture_output=True, text=True, check=False
        ).stdout
        assert "Signature Validation: Signature is Valid." in report
        assert "Total document signed" in report


def test_an_email_given_must_still_be_an_address(isolated_home: Path) -> None:
    with pytest.raises(InvalidInput, match="'amani at kalimbi' is not an email address"):
        IdentityStore(isolated_home).create(
            IdentityDetails("Amani", ORGANISATION, "amani at kalimbi", COUNTRY)
        )


def test_a_programme_certifies_a_signer_without_email(isolated_home: Path, tmp_path: Path) -> None:
    identity = IdentityStore(isolated_home)
    identity.create(NO_EMAIL)
    certified(programme(tmp_path / "programme"), identity, tmp_path / "mail")
    certificate = _certificate(identity)
    assert certificate.issuer != certificate.subject
    assert certificate.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS) == []
    with pytest.raises(x509.ExtensionNotFound):
        certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    verdict = verify(seal(report_pdf(), list(genuine_data()), identity.unlock()))
    assert verdict.valid, verdict.reasons
