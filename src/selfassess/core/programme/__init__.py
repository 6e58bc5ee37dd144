"""A programme's own small certification authority, offline: root, issued certificates,
revocations."""
