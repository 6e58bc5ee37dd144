"""`make bench`: timings printed as JSON, each beside a baseline measured in the same run.

- `selfassess --version` against `python -c pass` (budget: within three times): the command line
  must feel instant.
- `selfassess forms check` of a generated 2,000-question form (budget: under 1 s and within twice
  the baseline), beside the
  raw YAML parse of the same file with the same parser, in the same kind of fresh process.
- the durable save of one answer (budget: p50 and p99 within twice a raw SQLite commit), and
  an archive round trip of 100 MB of evidence (see store_bench.py).
- gap analysis of the built-in form and of a generated 5,000-question form (budgets: 20 ms and
  300 ms), each beside loading the same answers (see gaps_bench.py).
- the signed pack: export of the full form with 10 evidence files of 1 MB (budget 2 s) and its
  verification (budget 300 ms), beside a bare signed reportlab document (see pack_bench.py).
- the signed pack with 8 evidence files of 24 MB: peak memory and time beside copying the files
  and a bare signature (see export_bench.py).
- `verify` of 200 different packs beside pyHanko's own validation of each, and of a 200 MB file
  that is not a pack (see verify_bench.py; the packs come from pack_generator.py).
- the desktop app: start-up beside a bare window, criterion switch, memory (see app_bench.py).
- the .xlsx export of 500 received packs (budget 15 s, 400 MB), beside openpyxl alone writing as
  many cells (see sheets_bench.py; the packs come from pack_generator.py, kept between runs).
- the buyer's inbox: the import of 500 packs (budget 60 s, 400 MB) beside pyHanko's validation of
  the same packs, their re-import (5 s), the KPIs (200 ms) and the inbox's .xlsx export (15 s)
  (see inbox_bench.py).
- ODK submissions: the import of a Central export of 1,000 submissions with 2,000 photos (budget
  2 minutes) beside reading its table and hashing its photos, its re-import (all skipped), and
  peak memory at 100 against 1,000 submissions (within 25 %) (see odk_bench.py).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from app_bench import bench_app
from export_bench import bench_export
from gaps_bench import bench_gaps
from generate_form import generate_form
from inbox_bench import bench_inbox
from odk_bench import bench_odk
from pack_bench import bench_pack
from sheets_bench import bench_sheets
from store_bench import bench_answer_save, bench_archive
from verify_bench import bench_verify

RUNS = 15
CHECK_BUDGET_S = 1.0
CHECK_RATIO = 2.0
VERSION_RATIO = 3.0


def _wall_times(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
        "min_ms": round(ordered[0] * 1000, 1),
    }


def bench_version() -> dict[str, object]:
    python = sys.executable
    command = [python, "-m", "selfassess", "--version"]
    baseline = _summary(_wall_times([python, "-c", "pass"], RUNS))
    measured = _summary(_wall_times(command, RUNS))
    return {
        "name": "selfassess --version",
        "measured": measured,
        "baseline": {"what": "python -c pass", **baseline},
        "ratio": round(measured["median_ms"] / baseline["median_ms"], 2),
        "budget": "within three times python -c pass",
        "within_budget": measured["median_ms"] <= VERSION_RATIO * baseline["median_ms"],
    }


def bench_forms_check(folder: Path) -> dict[str, object]:
    form = folder / "generated-2000.yaml"
    form.write_text(generate_form(2000), encoding="utf-8")
    python = sys.executable
    check = [python, "-m", "selfassess", "forms", "check", str(form)]
    parse_only = [
        python,
        "-c",
        "import sys, yaml; yaml.compose(open(sys.argv[1], encoding='utf-8'), "
        "Loader=yaml.CSafeLoader)",
        str(form),
    ]
    result = subprocess.run(check, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the generated form does not check clean:\n{result.stdout[-2000:]}")
    runs = 5
    measured = _summary(_wall_times(check, runs))
    baseline = _summary(_wall_times(parse_only, runs))
    return {
        "name": "selfassess forms check (2,000 questions)",
        "lines": sum(1 for _ in form.open(encoding="utf-8")),
        "measured": measured,
        "baseline": {"what": "python: import yaml, libyaml compose of the same file", **baseline},
        "ratio": round(measured["median_ms"] / baseline["median_ms"], 2),
        "budget": "under 1 s, and within twice the libyaml compose",
        "within_budget": measured["median_ms"] <= CHECK_BUDGET_S * 1000
        and measured["median_ms"] <= CHECK_RATIO * baseline["median_ms"],
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        figures = [
            bench_version(),
            bench_forms_check(Path(folder)),
            bench_answer_save(),
            bench_archive(),
            *bench_gaps(),
            *bench_pack(),
            *bench_export(),
            *bench_verify(),
            *bench_app(),
            *bench_sheets(),
            *bench_inbox(),
            *bench_odk(),
        ]
    print(json.dumps({"python": sys.version.split()[0], "benchmarks": figures}, indent=2))
    return 0 if all(figure.get("within_budget", True) for figure in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
