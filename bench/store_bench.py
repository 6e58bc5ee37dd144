"""Store benchmarks: the durable save of one answer beside a raw SQLite insert and commit with
the same settings, and an archive round trip of 100 MB of evidence beside copying the same bytes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.loader import load_form_text
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

SAVES = 300
EVIDENCE_FILES = 4
EVIDENCE_MB = 25


def _form_text(evidence: int) -> str:
    texts = "".join(
        f"          - {{id: T{n}, type: text, label: {{en: T{n}}}}}\n" for n in range(50)
    )
    files = "".join(
        f"          - {{id: E{n}, type: evidence, label: {{en: E{n}}}}}\n" for n in range(evidence)
    )
    return (
        "id: bench\nversion: '1'\ntitle: {en: Bench}\nlanguages: [en]\ndefault_language: en\n"
        "publisher: bench\nlicence: CC0-1.0\nsections:\n  - id: S\n    title: {en: S}\n"
        "    criteria:\n      - id: C\n        title: {en: C}\n        intent: {en: I}\n"
        "        questions:\n" + texts + files
    )


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000, 3),
    }


def _raw_commits(folder: Path) -> list[float]:
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
    times = []
    for n in range(SAVES):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", (f"k{n % 50}", f"value {n}"))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
    conn.close()
    return times


def bench_answer_save() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        form = load_form_text(_form_text(0), "bench.yaml").form
        assert form is not None
        with Store.open(home / "home") as store:
            service = AssessmentService(store)
            assessment = service.create(form, Profile(organisation="Bench", entity_type="asm"))
            times = []
            for n in range(SAVES):
                started = time.perf_counter()
                service.set_answer(assessment.id, f"T{n % 50}", f"value {n}")
                times.append(time.perf_counter() - started)
        raw = _percentiles(_raw_commits(home))
    measured = _percentiles(times)
    return {
        "name": "durable save of one answer (parse, audit, commit with fsync)",
        "saves": SAVES,
        "measured": measured,
        "baseline": {"what": "raw SQLite insert + commit, WAL, synchronous=FULL", **raw},
        "ratio_p50": round(measured["p50_ms"] / raw["p50_ms"], 2),
        "ratio_p99": round(measured["p99_ms"] / raw["p99_ms"], 2),
        "budget": "p50 and p99 each within 2x the raw figure",
        "within_budget": all(measured[k] <= 2 * raw[k] for k in ("p50_ms", "p99_ms")),
    }


def bench_archive() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = []
        for n in range(EVIDENCE_FILES):
            path = root / f"evidence-{n}.jpg"
            path.write_bytes(os.urandom(EVIDENCE_MB * 1024 * 1024 - 1024))
            sources.append(path)
        form = load_form_text(_form_text(EVIDENCE_FILES), "bench.yaml").form
        assert form is not None
        with Store.open(root / "home") as store:
            service = AssessmentService(store)
            assessment = service.create(form, Profile(organisation="Bench", entity_type="asm"))
            for n, path in enumerate(sources):
                service.attach(assessment.id, f"E{n}", [path])
            started = time.perf_counter()
            archive = export_archive(store, assessment.id, root / "bench.zip")
            exported = time.perf_counter() - started
        with Store.open(root / "elsewhere") as other:
            started = time.perf_counter()
            import_archive(other, archive)
            imported = time.perf_counter() - started
        started = time.perf_counter()
        for path in sources:
            shutil.copyfile(path, root / f"{path.name}.copy")
        copied = time.perf_counter() - started
        size_mb = archive.stat().st_size / 1024 / 1024
    return {
        "name": "archive export and import, 100 MB of evidence",
        "archive_mb": round(size_mb, 1),
        "export_s": round(exported, 2),
        "import_s": round(imported, 2),
        "baseline": {"what": "copy the same evidence files", "seconds": round(copied, 2)},
    }
