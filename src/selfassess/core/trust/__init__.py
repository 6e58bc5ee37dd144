"""The buyer's trust in signers: organisation keys, certificates seen before, trusted programme
roots and their revocation lists."""
