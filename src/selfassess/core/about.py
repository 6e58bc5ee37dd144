"""What the app says about itself: the product's name, its version and licence, and the user
guide shipped in the package (`selfassess/data/guide/guide-<language>.html`, with its images).

The command stays `selfassess`; people read the product's name, capitalised, in window titles,
the About box and the desktop menu.
"""

from __future__ import annotations

from pathlib import Path

from selfassess import __version__

PRODUCT_NAME = "Selfassess"
LICENCE = "Apache-2.0"  # pyproject.toml's `license`; a test keeps the two the same
GUIDE_DIR = Path(__file__).resolve().parent.parent / "data" / "guide"

__all__ = ["GUIDE_DIR", "LICENCE", "PRODUCT_NAME", "__version__", "guide_path"]


def guide_path(language: str) -> Path:
    """The user guide in `language`, or in English where there is none in that language."""
    for candidate in (language, "en"):
        path = GUIDE_DIR / f"guide-{candidate}.html"
        if candidate.isalpha() and path.is_file():
            return path
    return GUIDE_DIR / "guide-en.html"
