"""The desktop app: a thin PySide6 layer over the core services (the only package importing Qt)."""
