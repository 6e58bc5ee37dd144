"""Reasons joined on one line read as sentences: a reason after one that ends a sentence starts
with a capital (as the French report showed "…2026-12-01). la zone du fournisseur…")."""

from __future__ import annotations

from selfassess.core.gaps.describe import joined_reasons


def test_a_reason_after_a_full_stop_starts_a_new_sentence() -> None:
    joined = joined_reasons(["Ligne rouge franchie (2026-12-01).", "la zone du fournisseur"])
    assert joined == "Ligne rouge franchie (2026-12-01). La zone du fournisseur"


def test_reasons_that_are_not_sentences_are_joined_by_semicolons() -> None:
    assert joined_reasons(["no register", "no policy"]) == "no register; no policy"
    assert joined_reasons([]) == ""
