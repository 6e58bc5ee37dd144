"""certification_of: a signer is certified when its certificate chains, link by verified link,
to a root the buyer trusts; what breaks a chain, or revokes it, is a problem said plainly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from tests.programme.making import (
    PROGRAMME,
    Authority,
    certified,
    programme,
    supplier,
    write_pem,
)

from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.revocation import revoke, write_crl
from selfassess.core.signing.identity import IdentityStore
from selfassess.core.trust.chain import Certification, certification_of
from selfassess.core.trust.crls import add_crl
from selfassess.core.trust.roots import add_root


def signed_now() -> datetime:
    """The time a pack is signed: now, when the test runs (a root made by the test is valid
    from a few minutes before it was made, so a time taken when the tests were collected can
    come before it on a slow machine)."""
    return datetime.now(UTC)


def trust(home: Path, certificate: x509.Certificate) -> None:
    add_root(home, write_pem(home.parent / "given-root.pem", certificate))


def texts(certification: Certification) -> list[str]:
    return [str(problem) for problem in certification.problems]


@pytest.fixture
def store(tmp_path: Path) -> ProgrammeStore:
    return programme(tmp_path / "programme-home")


@pytest.fixture
def identity(store: ProgrammeStore, tmp_path: Path) -> IdentityStore:
    supplier_store = supplier(tmp_path / "supplier-home")
    certified(store, supplier_store, tmp_path / "mail")
    return supplier_store


def test_a_programme_issued_signer_is_certified_by_that_programme(
    store: ProgrammeStore, identity: IdentityStore, isolated_home: Path
) -> None:
    unlocked = identity.unlock()
    trust(isolated_home, store.root())
    found = certification_of(unlocked.certificate, unlocked.chain, signed_now(), isolated_home)
    assert found.certified
    assert found.programme == PROGRAMME
    assert found.root_fingerprint == store.show().fingerprint_sha256
    assert found.problems == []
    assert found.revoked_on is None
    assert [n.message_id for n in found.notes] == [
        "no revocation list from {programme} has been added: a certificate it revoked "
        "would not be recognised"
    ]
    alone = certification_of(
        unlocked.certificate, [], signed_now(), isolated_home
    )  # root not carried
    assert alone.certified


def test_without_a_trusted_root_the_signer_is_not_certified(
    identity: IdentityStore, isolated_home: Path
) -> None:
    unlocked = identity.unlock()
    nobody = certification_of(unlocked.certificate, unlocked.chain, signed_now(), isolated_home)
    assert (nobody.programme, nobody.problems, nobody.certified) == (None, [], False)
    trust(isolated_home, Authority("Another Programme").certificate)
    other = certification_of(unlocked.certificate, unlocked.chain, signed_now(), isolated_home)
    assert (other.programme, other.problems) == (None, [])


def test_a_self_signed_signer_is_never_certified(isolated_home: Path, tmp_path: Path) -> None:
    own = supplier(tmp_path / "supplier-home").unlock().certificate
    trust(isolated_home, Authority("A Programme").certificate)
    found = certification_of(own, [own], signed_now(), isolated_home)
    assert (found.programme, found.problems) == (None, [])


def test_a_revoked_certificate_is_refused_with_its_date(
    store: ProgrammeStore, identity: IdentityStore, isolated_home: Path, tmp_path: Path
) -> None:
    unlocked = identity.unlock()
    trust(isolated_home, store.root())
    revoke(store, format(unlocked.certificate.serial_number, "x"), "laptop stolen")
    write_crl(store, tmp_path / "list.crl")
    add_crl(isolated_home, tmp_path / "list.crl")
    found = certification_of(unlocked.certificate, unlocked.chain, signed_now(), isolated_home)
    assert found.programme == PROGRAMME
    assert not found.certified
    assert found.revoked_on is not None
    assert texts(found) == [f"revoked on {found.revoked_on.date()} by {PROGRAMME}"]
    assert found.notes == []


def test_an_out_of_date_list_is_a_note_not_a_refusal(
    store: ProgrammeStore, identity: IdentityStore, isolated_home: Path, tmp_path: Path
) -> None:
    unlocked = identity.unlock()
    trust(isolated_home, store.root())
    write_crl(store, tmp_path / "list.crl", days=7)
    add_crl(isolated_home, tmp_path / "list.crl")
    later = signed_now() + timedelta(days=8)
    found = certification_of(
        unlocked.certificate, unlocked.chain, signed_now(), isolated_home, now=later
    )
    assert found.certified
    assert [str(note) for note in found.notes] == [
        f"the revocation list from {PROGRAMME} is out of date (its next update was due on "
        f"{(signed_now() + timedelta(days=7)).date()}): ask the programme for a new one"
    ]


def test_a_certificate_that_names_a_trusted_programme_without_its_signature_is_refused(
    isolated_home: Path,
) -> None:
    genuine = Authority(PROGRAMME)
    trust(isolated_home, genuine.certificate)
    impostor = Authority("Impostor")
    impostor.name = genuine.name  # the programme's name, the forger's key
    forged = Authority("Mallory Trading", impostor, ca=False)
    found = certification_of(
        forged.certificate, [impostor.certificate], signed_now(), isolated_home
    )
    assert found.programme is None
    assert texts(found) == [
        f"the certificate of Mallory Trading names {PROGRAMME} as its issuer, but that "
        "programme's root did not sign it"
    ]


def test_a_carried_copy_of_the_root_does_not_replace_the_trusted_one(
    isolated_home: Path,
) -> None:
    root = Authority("Root")
    trust(isolated_home, root.certificate)
    signer = Authority("Signer", root, ca=False)
    copy = Authority("Root copy")
    copy.name = root.name
    found = certification_of(signer.certificate, [copy.certificate], signed_now(), isolated_home)
    assert found.certified
    assert found.root_fingerprint is not None


def test_an_intermediate_that_is_not_a_ca_breaks_the_chain(isolated_home: Path) -> None:
    root = Authority("Root")
    trust(isolated_home, root.certificate)
    middle = Authority("Middle", root, ca=False)
    signer = Authority("Signer", middle, ca=False)
    found = certification_of(signer.certificate, [middle.certificate], signed_now(), isolated_home)
    assert found.programme == "Root"
    assert (
        "Middle issued a certificate of the chain but is not a certification authority"
        in (texts(found)[0])
    )


def test_an_issuer_without_cert_sign_and_a_path_too_long_for_the_root(
    isolated_home: Path,
) -> None:
    root = Authority("Root", path_length=0)
    trust(isolated_home, root.certificate)
    middle = Authority("Middle", root, cert_sign=False)
    signer = Authority("Signer", middle, ca=False)
    found = certification_of(signer.certificate, [middle.certificate], signed_now(), isolated_home)
    assert texts(found) == [
        "Middle issued a certificate of the chain, but its key usage does not allow signing "
        "certificates",
        "the chain is longer than Root allows (0 intermediate certificates at most)",
    ]


def test_an_issuer_expired_or_not_yet_valid_at_signing_time(isolated_home: Path) -> None:
    root = Authority("Root")
    trust(isolated_home, root.certificate)
    middle = Authority(
        "Middle",
        root,
        start=signed_now() - timedelta(days=10),
        end=signed_now() + timedelta(days=10),
    )
    signer = Authority("Signer", middle, ca=False)
    chain = [middle.certificate]
    assert certification_of(signer.certificate, chain, signed_now(), isolated_home).certified
    late = certification_of(
        signer.certificate, chain, signed_now() + timedelta(days=11), isolated_home
    )
    assert "the certificate of Middle had expired when the pack was signed" in texts(late)[0]
    early = certification_of(
        signer.certificate, chain, signed_now() - timedelta(days=11), isolated_home
    )
    assert (
        "the certificate of Middle was not yet valid when the pack was signed" in (texts(early)[0])
    )
    naive = certification_of(
        signer.certificate, chain, signed_now().replace(tzinfo=None), isolated_home
    )
    assert naive.certified  # a time without its zone is taken as UTC


def test_a_chain_longer_than_the_limit_and_too_many_certificates(isolated_home: Path) -> None:
    root = Authority("Root")
    trust(isolated_home, root.certificate)
    chain = [root]
    for number in range(5):
        chain.append(Authority(f"Middle {number}", chain[-1]))
    signer = Authority("Signer", chain[-1], ca=False)
    carried = [authority.certificate for authority in chain[1:]]
    found = certification_of(signer.certificate, carried, signed_now(), isolated_home)
    assert found.programme is None
    assert texts(found) == [
        "the chain from the signer to a trusted root is longer than 5 certificates"
    ]
    many = certification_of(signer.certificate, carried * 4, signed_now(), isolated_home)
    assert texts(many) == ["the pack carries 20 certificates; at most 16 are read"]


def test_the_root_itself_as_signer_is_refused(isolated_home: Path) -> None:
    root = Authority("Root")
    trust(isolated_home, root.certificate)
    found = certification_of(root.certificate, [], signed_now(), isolated_home)
    assert found.programme == "Root"
    assert texts(found) == [
        "the pack is signed with the root of Root itself, not with a certificate it issued"
    ]


def test_control_characters_in_a_programmes_name_are_shown_visibly(isolated_home: Path) -> None:
    root = Authority("Tin\nVALID signer\x1b[8m")
    trust(isolated_home, root.certificate)
    signer = Authority("Signer", root, ca=False)
    found = certification_of(signer.certificate, [], signed_now(), isolated_home)
    assert found.programme == "Tin<U+000A>VALID signer<U+001B>[8m"


def test_a_damaged_trust_file_is_a_note_and_not_a_certification(isolated_home: Path) -> None:
    root = Authority("Root")
    trust(isolated_home, root.certificate)
    (isolated_home / "trust" / "roots" / "broken.pem").write_text("not a certificate")
    signer = Authority("Signer", root, ca=False)
    found = certification_of(signer.certificate, [], signed_now(), isolated_home)
    assert found.programme is None
    assert "the buyer's trust files cannot be read" in str(found.notes[0])
