"""Signing: the supplier's identity (key, certificate, passphrase in the keyring)."""
