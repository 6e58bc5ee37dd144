"""A genuine received pack for the tests of reading packs (the demo's, made once per test
process), and the same pack as the sheets read it, with any answers' comments replaced."""

from __future__ import annotations

import atexit
import dataclasses
import functools
import shutil
import tempfile
from pathlib import Path

from tests.pack.genuine import demo_pack

from selfassess.core.pack.verify import verify_file
from selfassess.core.spreadsheets.pack_sheets import ReceivedPack
from selfassess.core.spreadsheets.received import received_pack


@functools.cache
def genuine_pack() -> Path:
    """The demo's signed pack (read only: copy it before changing it)."""
    folder = Path(tempfile.mkdtemp(prefix="selfassess-received-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return demo_pack(folder / "demo")


def read_pack(language: str, home: Path, comments: dict[str, str] | None = None) -> ReceivedPack:
    """The genuine pack verified with the buyer's `home`, as the sheets read it in `language`;
    `comments` replace the comments of those questions (what a hostile supplier could write)."""
    path = genuine_pack()
    verdict = verify_file(path, home=home)
    assert verdict.valid, [str(reason) for reason in verdict.reasons]
    pack = received_pack(path, verdict, language, home)
    if not comments:
        return pack
    answers = {
        qid: {**answer, "comment": comments.get(qid, answer.get("comment"))}
        for qid, answer in pack.response.answers.items()
    }
    return dataclasses.replace(pack, response=pack.response.model_copy(update={"answers": answers}))
