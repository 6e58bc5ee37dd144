"""What the spreadsheet export of received packs costs a buyer (issue 17, section 7): the .xlsx
export of 500 packs, under 15 s, beside openpyxl alone writing the same number of cells.

The packs come from `pack_generator` (500 organisations, varied answers), verified once and
their data (response.json, form.json, the signer) kept beside them, as the buyer's inbox keeps
them once imported: verification is the import's cost, measured by `verify_bench`. What is timed
is the export as the inbox makes it: each pack's data read, judged again in the reader's
language (French), and its rows written to the five sheets, in a child process whose peak memory
is read with `getrusage` (budget: 400 MB, the inbox's). The baseline is the same child writing
the same count of rows and cells of plain values with openpyxl's write-only workbook.

    python bench/sheets_bench.py [CACHE]    # prints the figures as JSON; exit 1 when out of budget
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pack_generator import generate_packs

MB = 1024 * 1024
PACKS = 500
SECONDS_BUDGET = 15.0
MEMORY_BUDGET = 400 * MB
LANGUAGE = "fr"


def bench_sheets(cache: Path | None = None) -> list[dict[str, object]]:
    folder = cache or Path(tempfile.gettempdir()) / f"selfassess-bench-packs-{PACKS}"
    packs = generate_packs(folder / "packs", PACKS)
    data = _kept_data(packs, folder / "data")
    with tempfile.TemporaryDirectory(prefix="selfassess-sheets-bench-") as out:
        ours = _child("export", data, Path(out) / "export.xlsx")
        theirs = _child("openpyxl", data, Path(out) / "plain.xlsx", ours["rows"], ours["cells"])
    seconds, peak = float(ours["seconds"]), int(ours["peak_bytes"])
    return [
        {
            "name": f"xlsx export of {PACKS} packs (judged again in French, five sheets)",
            "measured": {
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak / MB, 1),
                "rows": ours["rows"],
                "cells": ours["cells"],
                "file_mb": round(int(ours["file_bytes"]) / MB, 1),
            },
            "baseline": {
                "what": "openpyxl's write-only workbook writing as many plain rows and cells",
                "seconds": round(float(theirs["seconds"]), 2),
                "peak_rss_mb": round(int(theirs["peak_bytes"]) / MB, 1),
            },
            "budget": {"seconds": SECONDS_BUDGET, "peak_rss_mb": MEMORY_BUDGET / MB},
            "within_budget": seconds <= SECONDS_BUDGET and peak <= MEMORY_BUDGET,
        }
    ]


def _kept_data(packs: list[Path], folder: Path) -> Path:
    """Each pack's response.json, form.json and signer, kept once in `folder` (as an inbox keeps
    what it imported); made again when the packs changed."""
    from selfassess.core.pack.verify import FORM, RESPONSE, verify_file

    marker = folder / "packs.json"
    wanted = json.dumps([pack.name for pack in packs])
    if marker.exists() and marker.read_text() == wanted:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for number, pack in enumerate(packs):
        verdict = verify_file(pack)
        assert verdict.valid, (pack, [str(reason) for reason in verdict.reasons])
        assert verdict.signer is not None
        place = folder / f"{number:04d}"
        place.mkdir(exist_ok=True)
        (place / "response.json").write_bytes(verdict.data[RESPONSE])
        (place / "form.json").write_bytes(verdict.data[FORM])
        signer = verdict.signer
        about = {
            "file": pack.name,
            "signed_at": verdict.signed_at,
            "signer": [*signer.raw.__dict__.values()],
            "fingerprint": signer.fingerprint_sha256,
            "dates": [signer.not_before.isoformat(), signer.not_after.isoformat()],
            "issuer": signer.issuer,
        }
        (place / "pack.json").write_text(json.dumps(about))
    marker.write_text(wanted)
    return folder


def _child(kind: str, data: Path, target: Path, *counts: object) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", kind, str(data), str(target)]
    done = subprocess.run([*command, *map(str, counts)], capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# The child: one export, timed from its first pack to the file in place.


def _export(data: Path, target: Path) -> dict[str, object]:
    from selfassess.core.spreadsheets.export import export_packs

    started = time.perf_counter()
    exported = export_packs(_packs(data), target, LANGUAGE)
    seconds = time.perf_counter() - started
    assert exported.packs == PACKS, exported
    return {
        "seconds": seconds,
        "rows": sum(exported.rows.values()),
        "cells": sum(exported.cells.values()),
        "file_bytes": target.stat().st_size,
    }


def _packs(data: Path) -> Iterator[object]:
    from datetime import datetime

    from selfassess.core.pack.rejudge import judged_again
    from selfassess.core.pack.response import Response
    from selfassess.core.signing.identity import IdentityDetails
    from selfassess.core.spreadsheets.pack_sheets import ReceivedPack
    from selfassess.core.trust.decision import SignerStatus
    from selfassess.core.trust.signer import Signer

    forms: dict[bytes, bytes] = {}
    for place in sorted(path for path in data.iterdir() if path.is_dir()):
        response = Response.model_validate_json((place / "response.json").read_bytes())
        form_json = (place / "form.json").read_bytes()
        form_json = forms.setdefault(form_json, form_json)  # one copy, as an inbox keeps it
        about = json.loads((place / "pack.json").read_text())
        signer = Signer(
            IdentityDetails(*about["signer"]),
            about["fingerprint"],
            *(datetime.fromisoformat(day) for day in about["dates"]),
            about["issuer"],
            self_signed=True,
        )
        judged = judged_again(response, form_json, LANGUAGE)
        yield ReceivedPack(
            judged.response,
            judged.form,
            judged.report,
            about["file"],
            about["fingerprint"],
            signer,
            about["signed_at"],
            SignerStatus.KNOWN,
        )


def _plain(target: Path, rows: int, cells: int) -> dict[str, object]:
    from openpyxl import Workbook

    width = max(1, cells // max(rows, 1))
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("plain")
    for number in range(rows):
        sheet.append([f"text {number} {column}" for column in range(width)])
    workbook.save(target)
    return {"seconds": time.perf_counter() - started}


def _run_child(kind: str, data: Path, target: Path, counts: list[str]) -> None:
    if kind == "export":
        figures = _export(data, target)
    else:
        figures = _plain(target, int(counts[0]), int(counts[1]))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures["peak_bytes"] = peak * (1 if sys.platform == "darwin" else 1024)
    print(json.dumps(figures))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _run_child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5:])
        raise SystemExit(0)
    figures = bench_sheets(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(json.dumps(figures, indent=2))
    raise SystemExit(0 if all(f["within_budget"] for f in figures) else 1)
