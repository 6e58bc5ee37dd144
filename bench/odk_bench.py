"""What bringing in ODK submissions costs (issue 18, section 6), beside a baseline in the same run:

- the import of an ODK Central export of 1,000 submissions of the built-in self-assessment (every
  question answered, as `tests/submissions/builders.py` makes them) with 2,000 small photos
  (two per submission, 24 KB each), into a fresh store: under 2 minutes; beside reading the same
  export's table with the csv module and hashing its photos;
- its peak memory (the importing process's, read with `getrusage` in a fresh process), against
  the same import of 100 submissions: memory must not grow with the number of submissions
  (within 25 %);
- importing the same export again: every submission skipped as unchanged.

The exports are made once and kept in the temporary folder between runs.

    python bench/odk_bench.py [CACHE]    # prints the figures as JSON; exit 1 when out of budget
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from tests.submissions.builders import central_headings, central_row, self_assessment, submission

MB = 1024 * 1024
LARGE, SMALL = 1_000, 100
PHOTOS_PER_SUBMISSION = 2
PHOTO_BYTES = 24 * 1024
IMPORT_BUDGET_S = 120.0
MEMORY_GROWTH_BUDGET = 1.25


def bench_odk(cache: Path | None = None) -> list[dict[str, object]]:
    folder = cache or Path(tempfile.gettempdir()) / "selfassess-bench-odk"
    large, small = generate_export(folder, LARGE), generate_export(folder, SMALL)
    figures_large = _child_figures(large)
    figures_small = _child_figures(small)
    baseline = _baseline_seconds(large)
    growth = figures_large["peak_bytes"] / figures_small["peak_bytes"]
    return [
        {
            "name": f"odk import-submissions: {LARGE} submissions, {LARGE * 2} photos",
            "measured": {
                "seconds": round(figures_large["import_s"], 1),
                "per_submission_ms": round(figures_large["import_s"] * 1000 / LARGE, 1),
                "created": figures_large["created"],
                "problems": figures_large["problems"],
                "reimport_s": round(figures_large["reimport_s"], 1),
                "reimport_unchanged": figures_large["unchanged"],
            },
            "baseline": {"what": "csv reading and hashing the photos", "seconds": baseline},
            "budget": {"seconds": IMPORT_BUDGET_S},
            "within_budget": figures_large["import_s"] <= IMPORT_BUDGET_S
            and figures_large["created"] == LARGE
            and figures_large["unchanged"] == LARGE,
        },
        {
            "name": "odk import-submissions: peak memory, 100 against 1,000 submissions",
            "measured": {
                f"peak_rss_mb_{SMALL}": round(figures_small["peak_bytes"] / MB, 1),
                f"peak_rss_mb_{LARGE}": round(figures_large["peak_bytes"] / MB, 1),
                "growth": round(growth, 2),
            },
            "budget": {"growth": MEMORY_GROWTH_BUDGET},
            "within_budget": growth <= MEMORY_GROWTH_BUDGET,
        },
    ]


def generate_export(folder: Path, count: int) -> Path:
    """An ODK Central export (.zip) of `count` submissions with two photos each, made once."""
    target = folder / f"central-{count}.zip"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    form = self_assessment()
    random.seed(count)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(f"{form.id}.csv", "w") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(central_headings(form))
            photos: list[tuple[str, bytes]] = []
            for number in range(count):
                submitted = submission(form, number, photos=False)
                for question in _evidence_questions(form)[:PHOTOS_PER_SUBMISSION]:
                    name = f"{1715000000000 + number * 10 + len(photos) % 10}.jpg"
                    submitted.values[question] = name
                    photos.append((name, b"\xff\xd8\xff\xe0" + random.randbytes(PHOTO_BYTES)))
                submitted.photos = dict(photos[-PHOTOS_PER_SUBMISSION:])
                writer.writerow(central_row(form, submitted))
            text.flush()
            text.detach()
        for name, body in photos:
            archive.writestr(f"media/{name}", body, compress_type=zipfile.ZIP_STORED)
    partial.rename(target)
    return target


def _evidence_questions(form: object) -> list[str]:
    from selfassess.core.forms.model import EvidenceQuestion, Form

    assert isinstance(form, Form)
    return [q.id for q in form.questions() if isinstance(q, EvidenceQuestion)]


def _child_figures(export: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="selfassess-odk-bench-") as home:
        done = subprocess.run(
            [sys.executable, __file__, "--child", home, str(export)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise SystemExit(f"the ODK bench failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _baseline_seconds(export: Path) -> float:
    started = time.perf_counter()
    with zipfile.ZipFile(export) as archive:
        for info in archive.infolist():
            if info.filename.endswith(".csv"):
                with archive.open(info) as raw:
                    for _ in csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
                        pass
            else:
                hashlib.sha256(archive.read(info)).hexdigest()
    return round(time.perf_counter() - started, 2)


def _child(home: Path, export: Path) -> None:
    """In a fresh process: import, then import again; the figures as one JSON line."""
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.store.store import Store
    from selfassess.core.submissions.importing import import_submissions
    from selfassess.core.submissions.report import Status

    form = self_assessment()
    with Store.open(home) as store:
        service = AssessmentService(store)
        started = time.perf_counter()
        report = import_submissions(service, form, [export])
        import_s = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        started = time.perf_counter()
        again = import_submissions(service, form, [export])
        reimport_s = time.perf_counter() - started
    figures = {
        "import_s": import_s,
        "peak_bytes": peak,
        "created": report.counts[Status.CREATED],
        "problems": len(report.problems),
        "reimport_s": reimport_s,
        "unchanged": again.counts[Status.UNCHANGED],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(Path(sys.argv[2]), Path(sys.argv[3]))
        raise SystemExit(0)
    results = bench_odk(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(json.dumps(results, indent=2))
    raise SystemExit(0 if all(f["within_budget"] for f in results) else 1)
