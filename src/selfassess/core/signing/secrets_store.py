"""The operating system's keyring, through `keyring`, reduced to what the identity needs: keep a
secret, read it back, and say plainly (None) when there is no keyring to keep it in; and guess,
before asking the user anything, whether there is one."""

from __future__ import annotations

SERVICE = "selfassess"


def put(entry: str, secret: str) -> str | None:
    """Keep `secret` under `entry`; the secret, or None when no keyring can keep it."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, entry, secret)
    except KeyringError:
        return None
    return secret


def get(entry: str) -> str | None:
    """The secret kept under `entry`; None when it, or the keyring, is gone."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, entry)
    except KeyringError:
        return None


def likely_available() -> bool:
    """Whether a keyring seems to be there, asked without touching it (so that no unlock prompt
    opens): only a guess, since a keyring that is there can still refuse when used."""
    import keyring

    try:
        return float(keyring.get_keyring().priority) > 0
    except Exception:  # a backend's priority may raise when its service is gone
        return False
