"""The Help menu: the user guide shipped with the app, and About (version, licence, where the
data lives)."""
