"""The files of a genuine pack (the demo's: response.json, form.json, evidence), to seal again
with other certificates: what a forger who holds a real pack has."""

from __future__ import annotations

import atexit
import functools
import io
import shutil
import tempfile
from pathlib import Path

from selfassess.cli.main import main
from selfassess.core.pack.seal import MANIFEST, Attachment

ORGANISATION, COUNTRY = "Coopérative minière de Kalimbi", "CD"  # the demo's profile


def demo_pack(folder: Path) -> Path:
    """A genuine signed pack made by `selfassess demo` in `folder`."""
    assert main(["demo", "--out", str(folder), "--home", str(folder / "unused")]) == 0
    return folder / "pack.pdf"


def carried_files(pack: Path) -> list[Attachment]:
    """Every file the pack carries except its manifest, as attachments to seal again."""
    return [a for a in attachments_of(pack.read_bytes()) if a.name != MANIFEST]


def attachments_of(data: bytes) -> list[Attachment]:
    """Every file a pack carries (its manifest too), read with pyHanko as a forger would."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    names = list(reader.root["/Names"]["/EmbeddedFiles"]["/Names"])
    found = []
    for key, spec in zip(names[0::2], names[1::2], strict=True):
        stream = spec.get_object()["/EF"]["/F"].get_object()
        subtype = str(stream.get("/Subtype", "/application/octet-stream"))[1:]
        found.append(Attachment(str(key), stream.data, subtype.replace("#2F", "/")))
    return found


def files_of(data: bytes) -> dict[str, bytes]:
    """The content of every file a pack carries, by name."""
    return {a.name: a.data for a in attachments_of(data)}


@functools.cache
def demo_files() -> tuple[Attachment, ...]:
    """The files of the demo's genuine pack, made once per test process."""
    folder = Path(tempfile.mkdtemp(prefix="selfassess-genuine-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return tuple(carried_files(demo_pack(folder / "demo")))
