"""The signature's CMS container, checked field by field where the signature does not cover it.

A CMS SignedData signs its signed attributes, which bind the document's digest and the signer's
certificate; the rest of the container (versions, the list of digest algorithms, the content
type, the carried certificates) is not covered, so a byte changed there would leave the
signature valid. A pack's container is therefore required to be exactly what a signing program
writes (RFC 5652, section 5): its own canonical DER; versions as the RFC computes them from its
contents; the digest algorithms its signer used and no other; detached `data` content; no
revocation lists or unsigned attributes (a PAdES B-B signature has none); and every carried
certificate either signed by another one carried or self-signed, its signature intact.
"""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm


def container_as_written(contents: bytes) -> bool:
    """Whether the DER container at the start of `contents` (zeros may follow) is as written."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(contents, strict=False)
        if not contents.startswith(info.dump(force=True)):
            return False
        return info["content_type"].native == "signed_data" and _signed_data_as_written(
            info["content"]
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return False


def _signed_data_as_written(signed: Any) -> bool:
    signers = list(signed["signer_infos"])
    encapsulated = signed["encap_content_info"]
    used = {signer["digest_algorithm"]["algorithm"].native for signer in signers}
    listed = [algorithm["algorithm"].native for algorithm in signed["digest_algorithms"]]
    signer_versions = {signer["version"].native for signer in signers}
    expected_version = "v1" if signer_versions == {"v1"} else "v3"
    return (
        bool(signers)
        and set(listed) == used
        and len(listed) == len(used)
        and encapsulated["content_type"].native == "data"
        and encapsulated["content"].native is None
        and signed["version"].native == expected_version
        and not signed["crls"].native
        and all(_signer_info_as_written(signer) for signer in signers)
        and _certificates_intact(signed["certificates"])
    )


def _signer_info_as_written(signer: Any) -> bool:
    """Version 1 names its signer by issuer and serial, version 3 by key identifier."""
    by_key = signer["sid"].name == "subject_key_identifier"
    return (
        signer["version"].native == ("v3" if by_key else "v1")
        and not signer["unsigned_attrs"].native
    )


def _certificates_intact(carried: Any) -> bool:
    certificates = [x509.load_der_x509_certificate(c.chosen.dump()) for c in carried]
    for certificate in certificates:
        issuers = [c for c in certificates if c.subject == certificate.issuer]
        if not issuers:
            continue  # issued by a root the buyer keeps: the chain check verifies it
        if not any(_issued_by(certificate, issuer) for issuer in issuers):
            return False
    return True


def _issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return True
