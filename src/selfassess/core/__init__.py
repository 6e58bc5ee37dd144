"""The core of selfassess: pure Python domain logic, never importing Qt.

The command line (`selfassess.cli`) and the desktop app (`selfassess.ui`) both call these services.
"""
