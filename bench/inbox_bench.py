"""What the buyer's inbox costs (issue 17, section 7), each beside a baseline in the same run:

- the import of 500 different signed packs (500 organisations, varied answers: `pack_generator`),
  every one verified as `verify` verifies it, into a fresh inbox: under 60 s, and under 400 MB of
  peak memory for the importing process and its worker processes together (the importing
  process's peak plus each worker's, read with `getrusage` in a child process); beside pyHanko's
  own validation of the same 500 packs (the signature, with its certificate as the trust root);
- the re-import of the same 500 packs: under 5 s (each is read and hashed, none verified again),
  beside reading and hashing the files alone;
- the nine KPIs over those 500 suppliers, with 500 follow-ups and 100 values set by the buyer in
  the log: under 200 ms (the median of 15), beside reading the index's rows alone;
- the .xlsx export of that inbox (`selfassess inbox export`, in French: every pack judged again
  in the reader's language, six sheets with the buyer's follow-up and the KPIs): under 15 s,
  beside openpyxl's write-only workbook writing as many plain rows and cells (`sheets_bench`).

The packs are made once and kept in the temporary folder between runs (as `sheets_bench` keeps
them).

    python bench/inbox_bench.py [CACHE]    # prints the figures as JSON; exit 1 when out of budget
"""

from __future__ import annotations

import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pack_generator import generate_packs

MB = 1024 * 1024
PACKS = 500
IMPORT_BUDGET_S, MEMORY_BUDGET = 60.0, 400 * MB
REIMPORT_BUDGET_S = 5.0
KPI_BUDGET_MS = 200.0
KPI_RUNS = 15
EXPORT_BUDGET_S = 15.0


def bench_inbox(cache: Path | None = None) -> list[dict[str, object]]:
    folder = cache or Path(tempfile.gettempdir()) / f"selfassess-bench-packs-{PACKS}"
    packs = generate_packs(folder / "packs", PACKS)
    with tempfile.TemporaryDirectory(prefix="selfassess-inbox-bench-") as home:
        done = subprocess.run(
            [sys.executable, __file__, "--child", home, *map(str, packs)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise SystemExit(f"the inbox bench failed:\n{done.stderr[-3000:]}")
    ours = json.loads(done.stdout.strip().splitlines()[-1])
    pyhanko = _pyhanko_seconds(packs)
    return [
        _import_figure(ours, pyhanko),
        _reimport_figure(ours),
        _kpi_figure(ours),
        _export_figure(ours),
    ]


def _import_figure(ours: dict[str, float], pyhanko: float) -> dict[str, object]:
    seconds, peak = ours["import_s"], ours["peak_bytes"]
    return {
        "name": f"inbox import of {PACKS} different packs, each verified",
        "measured": {
            "seconds": round(seconds, 1),
            "accepted": ours["accepted"],
            "workers": ours["workers"],
            "peak_rss_mb": round(peak / MB, 1),
            "importer_peak_rss_mb": round(ours["self_peak_bytes"] / MB, 1),
            "worker_peak_rss_mb": round(ours["worker_peak_bytes"] / MB, 1),
        },
        "baseline": {
            "what": "pyHanko's validate_pdf_signature of the same packs, one after the other",
            "seconds": round(pyhanko, 1),
        },
        "budget": {"seconds": IMPORT_BUDGET_S, "peak_rss_mb": MEMORY_BUDGET / MB},
        "within_budget": seconds <= IMPORT_BUDGET_S
        and peak <= MEMORY_BUDGET
        and ours["accepted"] == PACKS,
    }


def _reimport_figure(ours: dict[str, float]) -> dict[str, object]:
    return {
        "name": f"inbox re-import of the same {PACKS} packs (none verified again)",
        "measured": {"seconds": round(ours["reimport_s"], 2), "duplicates": ours["duplicates"]},
        "baseline": {"what": "reading and hashing the files", "seconds": round(ours["hash_s"], 2)},
        "budget": {"seconds": REIMPORT_BUDGET_S},
        "within_budget": ours["reimport_s"] <= REIMPORT_BUDGET_S and ours["duplicates"] == PACKS,
    }


def _kpi_figure(ours: dict[str, float]) -> dict[str, object]:
    return {
        "name": f"inbox KPIs over {PACKS} suppliers (median of {KPI_RUNS})",
        "measured": {
            "median_ms": round(ours["kpis_ms"], 1),
            "max_ms": round(ours["kpis_max_ms"], 1),
        },
        "baseline": {
            "what": "reading the index's rows alone",
            "median_ms": round(ours["rows_ms"], 1),
        },
        "budget": {"ms": KPI_BUDGET_MS},
        "within_budget": ours["kpis_ms"] <= KPI_BUDGET_MS,
    }


def _export_figure(ours: dict[str, float]) -> dict[str, object]:
    return {
        "name": f"inbox xlsx export of {PACKS} packs (judged again in French, six sheets)",
        "measured": {
            "seconds": round(ours["export_s"], 2),
            "packs": ours["exported"],
            "rows": ours["export_rows"],
            "cells": ours["export_cells"],
            "file_mb": round(ours["export_bytes"] / MB, 1),
        },
        "baseline": {
            "what": "openpyxl's write-only workbook writing as many plain rows and cells",
            "seconds": round(ours["plain_s"], 2),
        },
        "budget": {"seconds": EXPORT_BUDGET_S},
        "within_budget": ours["export_s"] <= EXPORT_BUDGET_S and ours["exported"] == PACKS,
    }


def _pyhanko_seconds(packs: list[Path]) -> float:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    started = time.perf_counter()
    for pack in packs:
        with pack.open("rb") as stream:
            signature = PdfFileReader(stream).embedded_signatures[0]
            context = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False)
            assert validate_pdf_signature(signature, context).bottom_line, pack
    return time.perf_counter() - started


def _child(home: Path, packs: list[Path]) -> None:
    """In a fresh process: import, re-import, KPIs; the figures as one JSON line."""
    from selfassess.core.inbox.importing import _default_workers
    from selfassess.core.inbox.index import InboxIndex
    from selfassess.core.inbox.service import Inbox

    inbox = Inbox(home)
    started = time.perf_counter()
    report = inbox.import_paths(packs)
    import_s = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    count = _default_workers(len(packs))
    started = time.perf_counter()
    again = inbox.import_paths(packs)
    reimport_s = time.perf_counter() - started
    started = time.perf_counter()
    for pack in packs:
        hashlib.sha256(pack.read_bytes()).hexdigest()
    hash_s = time.perf_counter() - started
    _buyer_records(inbox)
    kpis, rows = [], []
    for _ in range(KPI_RUNS):
        started = time.perf_counter()
        inbox.kpis()
        kpis.append(time.perf_counter() - started)
        started = time.perf_counter()
        with InboxIndex(inbox.folder) as index:
            index.rows()
        rows.append(time.perf_counter() - started)
    figures = {
        "import_s": import_s,
        "accepted": len(report.accepted),
        "workers": count,
        "self_peak_bytes": own,
        "worker_peak_bytes": workers,
        "peak_bytes": own + (count if count > 1 else 0) * workers,
        "reimport_s": reimport_s,
        "duplicates": len(again.duplicates),
        "hash_s": hash_s,
        "kpis_ms": statistics.median(kpis) * 1000,
        "kpis_max_ms": max(kpis) * 1000,
        "rows_ms": statistics.median(rows) * 1000,
        **_export(inbox, home),
    }
    print(json.dumps(figures))


def _export(inbox: object, home: Path) -> dict[str, float]:
    """The inbox to .xlsx, then openpyxl alone writing as many rows and cells."""
    from selfassess.core.inbox.service import Inbox
    from selfassess.core.inbox.sheets import export_inbox
    from sheets_bench import _plain

    assert isinstance(inbox, Inbox)
    target = home / "inbox.xlsx"
    started = time.perf_counter()
    exported = export_inbox(inbox, target, "fr")
    seconds = time.perf_counter() - started
    rows, cells = sum(exported.rows.values()), sum(exported.cells.values())
    plain = _plain(home / "plain.xlsx", rows, cells)
    return {
        "export_s": seconds,
        "exported": exported.packs,
        "export_rows": rows,
        "export_cells": cells,
        "export_bytes": target.stat().st_size,
        "plain_s": float(plain["seconds"]),  # type: ignore[arg-type]
    }


def _buyer_records(inbox: object) -> None:
    """500 follow-ups and 100 values set, as a year of a buyer's work leaves in the log."""
    from selfassess.core.inbox import buyer_log
    from selfassess.core.inbox.index import InboxIndex
    from selfassess.core.inbox.service import Inbox

    assert isinstance(inbox, Inbox)
    suppliers = inbox.portfolio().ordered()
    follow_ups, values = [], []
    for number, supplier in enumerate(suppliers):
        latest = supplier.latest
        assert latest is not None
        action = latest.facts["actions"][0]["id"]
        state = ("accepted", "challenged", "verified_done")[number % 3]
        follow_ups.append(
            (
                supplier.key,
                {"assessment": latest.assessment, "action": action, "state": state, "note": "ok"},
            )
        )
        if number % 5 == 0:
            values.append(
                (supplier.key, {"enrolled_since": "2026-01-01", "certifications": ["rmap"]})
            )
    with InboxIndex(inbox.folder) as index:
        buyer_log.append(index, "follow_up", follow_ups)
        buyer_log.append(index, "set", values)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
        raise SystemExit(0)
    figures = bench_inbox(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(json.dumps(figures, indent=2))
    raise SystemExit(0 if all(f["within_budget"] for f in figures) else 1)
