"""selfassess: offline ESG self-assessment for responsible-minerals supply chains.

This module only carries the version, so that `selfassess --version` imports nothing else.
"""

__version__ = "0.1.0"
