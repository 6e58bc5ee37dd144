"""selfassess: offline ESG self-assessment for responsible-minerals supply chains.

This module carries the version, so that `selfassess --version` imports nothing else, and
silences one warning that is not ours: pyHanko imports cryptography's DSA key type, which
cryptography 51 deprecates (selfassess never makes or accepts DSA keys).
"""

import warnings

__version__ = "0.1.0"

warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"pyhanko\.")
