"""Desktop-app benchmarks (offscreen): start-up to the main window shown, beside a bare PySide6
window in the same run (budget: within twice), and to the home screen ready (budget: within three
times); switching criterion on the full form (budget:
50 ms); resident memory with the full form open (budget: 250 MB)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

BARE = """
import time; started = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); window = QMainWindow(); window.show(); app.processEvents()
print(time.perf_counter() - started)
"""
APP = """
import json, time; started = time.perf_counter()
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from selfassess.ui.app import create_window
app = QApplication([])
window = create_window(Path(sys.argv[1]), load=False)
window.show(); app.processEvents()
shown = time.perf_counter() - started
window.load(); app.processEvents()
print(json.dumps({"shown": shown, "ready": time.perf_counter() - started}))
"""
OPEN_FULL_FORM = """
import json, resource, statistics, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.app import create_window
app = QApplication([])
window = create_window(Path(sys.argv[1]))
form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
profile = Profile(organisation="Bench", entity_type="asm", minerals=("gold",))
created = window.service.create(form, profile)
window.show(); window.open_assessment(created.id); app.processEvents()
times = []
for criterion in list(form.criteria()) * 2:
    started = time.perf_counter()
    window.fill.show_criterion(criterion.id); app.processEvents()
    times.append(time.perf_counter() - started)
# The peak of this process image: getrusage's ru_maxrss can carry the parent's peak across
# fork and exec, so the bench runner's own memory would show up here.
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
peaks = [line.split()[1] for line in lines if line.startswith("VmHWM:")]
peak_kb = int(peaks[0]) if peaks else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rss_mb = peak_kb / 1024
print(json.dumps({"switch_ms": [t * 1000 for t in times], "rss_mb": rss_mb}))
"""
RUNS = 7


def _run(code: str, *args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def _timings(code: str, *args: str) -> list[dict[str, float]]:
    samples = []
    for _ in range(RUNS):
        output = _run(code, *args)
        samples.append(json.loads(output) if output.startswith("{") else {"shown": float(output)})
    return samples


def bench_app() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as home:
        bare = statistics.median(t["shown"] for t in _timings(BARE)) * 1000
        runs = _timings(APP, home)
        app = statistics.median(t["shown"] for t in runs) * 1000
        ready = statistics.median(t["ready"] for t in runs) * 1000
        opened = json.loads(_run(OPEN_FULL_FORM, home))
    switch = sorted(opened["switch_ms"])
    switch_p50 = statistics.median(switch)
    switch_max = switch[-1]
    return [
        {
            "name": "start-up: from the first line of Python to the main window shown",
            "measured": {"median_ms": round(app, 1), "ready_with_home_screen_ms": round(ready, 1)},
            "baseline": {"what": "a bare PySide6 main window", "median_ms": round(bare, 1)},
            "ratio": round(app / bare, 2),
            "budget": "within twice the bare window",
            "within_budget": app <= 2 * bare,
        },
        {
            "name": "start-up: from the first line of Python to the home screen ready",
            "measured": {"median_ms": round(ready, 1)},
            "baseline": {"what": "a bare PySide6 main window", "median_ms": round(bare, 1)},
            "ratio": round(ready / bare, 2),
            "budget": "within three times the bare window",
            "within_budget": ready <= 3 * bare,
        },
        {
            "name": "switch to another criterion of the full form",
            "measured": {"median_ms": round(switch_p50, 1), "max_ms": round(switch_max, 1)},
            "budget_ms": 50,
            "within_budget": switch_max <= 50,
        },
        {
            "name": "resident memory with the full form open",
            "measured": {"max_rss_mb": round(opened["rss_mb"], 1)},
            "budget_mb": 250,
            "within_budget": opened["rss_mb"] <= 250,
        },
    ]
