"""The desktop app: a thin PySide6 layer over the core services (the only package importing Qt).

Importing it first keeps `None` alive under the Qt binding's lost references (`none_guard`).
"""

from selfassess.ui.none_guard import keep_none_alive

keep_none_alive()
