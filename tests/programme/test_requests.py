"""The supplier's side: a request made from the identity's key and subject, and the issued
certificate installed in place of the self-signed one, the key kept, the chain carried."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from tests.programme.making import (
    AMANI,
    DATA,
    NOW,
    PROGRAMME,
    Authority,
    certified,
    issued,
    programme,
    small_pdf,
    supplier,
    write_pem,
)

from selfassess.core.errors import InvalidInput
from selfassess.core.pack.seal import seal
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.issuing import issue
from selfassess.core.signing.certfiles import subject_of
from selfassess.core.signing.identity import IdentityDetails, IdentityStore, fingerprint_of
from selfassess.core.signing.requests import (
    certificate_request,
    install_certificate,
    write_request,
)


def test_the_request_carries_the_identitys_key_and_subject(isolated_home: Path) -> None:
    identity = supplier(isolated_home)
    request = x509.load_pem_x509_csr(certificate_request(identity))
    unlocked = identity.unlock()
    assert request.is_signature_valid
    assert request.public_key() == unlocked.key.public_key()
    assert request.subject == unlocked.certificate.subject


def test_installing_keeps_the_key_retires_the_old_certificate_and_keeps_the_chain(
    isolated_home: Path, tmp_path: Path
) -> None:
    programme_store = programme(tmp_path / "programme-home")
    identity = supplier(isolated_home)
    before = identity.unlock()
    done = certified(programme_store, identity, tmp_path / "mail")
    after = identity.unlock()
    assert after.key.public_key() == before.key.public_key()
    assert after.certificate == done.certificate
    assert after.chain == [programme_store.root()]
    shown = identity.show()
    assert not shown.self_signed
    assert shown.fingerprint_sha256 == fingerprint_of(done.certificate)
    (retired,) = (identity.folder / "retired").iterdir()
    old = x509.load_pem_x509_certificate((retired / "identity.crt").read_bytes())
    assert old == before.certificate


def test_packs_then_carry_the_chain_in_their_signature(isolated_home: Path, tmp_path: Path) -> None:
    programme_store = programme(tmp_path / "programme-home")
    identity = supplier(isolated_home)
    done = certified(programme_store, identity, tmp_path / "mail")
    pack = seal(small_pdf(), [DATA], identity.unlock())
    (signature,) = PdfFileReader(io.BytesIO(pack)).embedded_signatures
    assert signature.signer_cert.dump() == done.certificate.public_bytes(serialization.Encoding.DER)
    carried = [c.dump() for c in signature.other_embedded_certs]
    assert carried == [programme_store.root().public_bytes(serialization.Encoding.DER)]


def test_without_a_keyring_each_passphrase_is_asked_and_kept(
    isolated_home: Path, tmp_path: Path, no_keyring: None
) -> None:
    programme_store = ProgrammeStore(tmp_path / "programme-home")
    programme_store.create(PROGRAMME, passphrase="mlima mrefu")
    identity = IdentityStore(isolated_home)
    identity.create(AMANI, "sauti ya mvua")
    request = write_request(identity, tmp_path / "request.csr", "sauti ya mvua")
    done = issue(programme_store, request, tmp_path / "certificate.pem", passphrase="mlima mrefu")
    install_certificate(identity, done.output, "sauti ya mvua")
    assert identity.unlock("sauti ya mvua").certificate == done.certificate


def _for_identity(
    identity: IdentityStore,
    issuer: Authority,
    start: datetime = NOW - timedelta(days=1),
    end: datetime = NOW + timedelta(days=365),
) -> x509.Certificate:
    """A signer's certificate for the identity's key, issued by `issuer`."""
    key = identity.unlock().key
    return (
        x509.CertificateBuilder()
        .subject_name(subject_of(AMANI))
        .issuer_name(issuer.name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(issuer.key, hashes.SHA256())
    )


def test_a_certificate_for_another_key_is_refused(isolated_home: Path, tmp_path: Path) -> None:
    programme_store = programme(tmp_path / "programme-home")
    other = supplier(tmp_path / "other-laptop")
    done = issued(programme_store, other, tmp_path / "mail")
    identity = supplier(isolated_home)
    with pytest.raises(InvalidInput, match="holds no certificate for this identity's key"):
        install_certificate(identity, done.output)
    assert identity.show().self_signed


def test_hostile_certificate_files_are_refused_and_the_identity_stays(
    isolated_home: Path, tmp_path: Path
) -> None:
    identity = supplier(isolated_home)
    root = Authority("Some Root")
    not_a_ca = Authority("Not A CA", ca=False)
    cases = {
        "garbage.pem": (
            b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n",
            "is not a certificate",
        ),
        "huge.pem": (b"x" * (65 * 1024), "is larger than 64 KB"),
        "self-signed.pem": (
            write_pem(tmp_path / "s.pem", identity.unlock().certificate).read_bytes(),
            "the certificate is self-signed",
        ),
        "no-root.pem": (
            write_pem(tmp_path / "n.pem", _for_identity(identity, root)).read_bytes(),
            "does not hold the certificate of Some Root",
        ),
        "expired.pem": (
            write_pem(
                tmp_path / "e.pem",
                _for_identity(
                    identity, root, start=NOW - timedelta(days=30), end=NOW - timedelta(days=1)
                ),
                root.certificate,
            ).read_bytes(),
            "the certificate expired on",
        ),
        "issuer-not-ca.pem": (
            write_pem(
                tmp_path / "c.pem", _for_identity(identity, not_a_ca), not_a_ca.certificate
            ).read_bytes(),
            "Not A CA is not a certification authority",
        ),
    }
    fingerprint = identity.show().fingerprint_sha256
    for name, (data, message) in cases.items():
        source = tmp_path / name
        source.write_bytes(data)
        with pytest.raises(InvalidInput, match=message):
            install_certificate(identity, source)
    assert identity.show().fingerprint_sha256 == fingerprint
    assert not (identity.folder / "retired").exists()


def test_a_certificate_from_any_authority_with_its_chain_installs(
    isolated_home: Path, tmp_path: Path
) -> None:
    identity = supplier(isolated_home)
    root = Authority("Some Root")
    intermediate = Authority("Some Intermediate", root)
    source = write_pem(
        tmp_path / "chain.pem",
        root.certificate,  # in any order: the path is followed by signatures
        _for_identity(identity, intermediate),
        intermediate.certificate,
    )
    installed = install_certificate(identity, source)
    assert installed.issuer == "Some Intermediate"
    assert identity.unlock().chain == [intermediate.certificate, root.certificate]


def certified_pack(
    folder: Path, supplier_home: Path, programme_name: str, details: IdentityDetails
) -> tuple[Path, Path, ProgrammeStore, Path]:
    """A pack of genuine data for `details`'s organisation, signed by its identity certified by
    a new programme; a buyer home that trusts the programme's root; the issued certificate."""
    import json

    from tests.pack.making import genuine_data

    from selfassess.core.pack.seal import Attachment
    from selfassess.core.trust.roots import add_root

    programme_store = programme(folder / "programme-home", programme_name)
    identity = supplier(supplier_home, details)
    done = certified(programme_store, identity, folder / "mail")
    response, form = genuine_data()
    data = json.loads(response.data)
    data["profile"]["organisation"] = details.organisation
    carried = [Attachment(response.name, json.dumps(data).encode(), response.media_type), form]
    pack = folder / "pack.pdf"
    pack.write_bytes(seal(small_pdf(), carried, identity.unlock()))
    buyer = folder / "buyer"
    add_root(buyer, write_pem(folder / "root.pem", programme_store.root()))
    return pack, buyer, programme_store, done.output


def test_a_programme_and_a_supplier_named_in_any_unicode_certify_and_verify(
    isolated_home: Path, tmp_path: Path
) -> None:
    from selfassess.core.pack.verify import verify_file
    from selfassess.core.trust.decision import SignerStatus

    details = IdentityDetails(
        "أماني Bisimwa", "Coopérative « Tuungane » 🌍", "amani@coopé.cd", "CD"
    )
    pack, buyer, _, _ = certified_pack(
        tmp_path, isolated_home, "Programme « Bati » ⵜⴰⵎⴰⵣⵉⵖⵜ", details
    )
    verdict = verify_file(pack, home=buyer)
    assert verdict.reasons == []
    assert verdict.signer_status is SignerStatus.CERTIFIED
    assert verdict.certified_by == "Programme « Bati » ⵜⴰⵎⴰⵣⵉⵖⵜ"
    assert verdict.signer is not None
    assert (verdict.signer.raw.name, verdict.signer.raw.email) == (details.name, details.email)


def test_a_revoked_certificate_is_refused_at_verify_with_its_date(
    isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from selfassess.cli.main import main
    from selfassess.core.programme.revocation import revoke, write_crl
    from selfassess.core.trust.crls import add_crl

    pack, buyer, programme_store, certificate = certified_pack(
        tmp_path, isolated_home, PROGRAMME, AMANI
    )
    record = revoke(programme_store, str(certificate), "laptop stolen")
    assert record.revoked is not None
    add_crl(buyer, write_crl(programme_store, tmp_path / "programme.crl").output)
    assert main(["verify", str(pack), "--json", "--home", str(buyer)]) == 1
    verdict = json.loads(capsys.readouterr().out)
    assert (verdict["valid"], verdict["signer_status"]) == (False, None)
    day = record.revoked.on.date().isoformat()
    assert any(f"revoked on {day}" in reason for reason in verdict["reasons"]), verdict
