"""The user guide's pictures: the screenshots of docs/screenshots (`make screenshots`), made
small (600 pixels wide, 64 colours) and copied into the package beside the guide, so that the
guide shows the app as it is and the installer stays light.

    python -m selfassess.ui.help.guide_images [--screenshots docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image

from selfassess.core.about import GUIDE_DIR

SCREENS = ("home", "fill", "gaps", "export")
LANGUAGES = ("en", "fr", "sw")
WIDTH = 600


def shrink(source: Path, target: Path, width: int = WIDTH) -> None:
    """`source` at most `width` pixels wide, in 64 colours, as PNG at `target`."""
    with Image.open(source) as picture:
        rgb = picture.convert("RGB")
    if rgb.width > width:
        rgb = rgb.resize((width, round(rgb.height * width / rgb.width)), Image.Resampling.LANCZOS)
    small = rgb.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(target, "PNG", optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screenshots", default="docs/screenshots", type=Path)
    args = parser.parse_args(argv)
    images = GUIDE_DIR / "images"
    images.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        for screen in SCREENS:
            shrink(
                args.screenshots / f"{screen}-{language}.png", images / f"{screen}-{language}.png"
            )
    sys.stdout.write(f"guide images in {images}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
