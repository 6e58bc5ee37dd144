"""Export with 8 evidence files of 24 MB (issue 13, section 7): peak memory at most twice the
largest file plus 250 MB, and time within twice the baseline measured in the same run: copying
the same 8 files plus a bare pyHanko signature (written to a file) of a PDF of the same total
size.

Each measurement runs in its own child process, itself started by a small wrapper that reads
the child's peak resident memory with `getrusage(RUSAGE_CHILDREN)` (so no earlier child of
`make bench` counts). The child times its work itself, after its imports; the peak covers the
whole child, imports included.

    python bench/export_bench.py    # prints the figures as JSON; exit 1 when out of budget
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1024 * 1024
FILES, FILE_BYTES = 8, 24 * MB
RUNS = 3
PASSPHRASE = "bench passphrase"
MEMORY_BUDGET_BYTES = 2 * FILE_BYTES + 250 * MB
TIME_RATIO_BUDGET = 2.0
BLOCK = MB

# Runs the command after it as a child and prints that child's peak memory (bytes on macOS,
# kilobytes elsewhere) and its own last line of output.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(peak * (1 if sys.platform == 'darwin' else 1024))\n"
    "print(done.stdout.strip().splitlines()[-1] if done.returncode == 0 else 'failed')\n"
    "sys.exit(done.returncode)\n"
)


def bench_export() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="selfassess-export-bench-") as folder:
        root = Path(folder)
        evidence = _evidence_files(root)
        assessment_id = _demo_assessment(root, evidence)
        _bare_pdf(root / "bare.pdf", evidence)
        exports, baselines = [], []
        for _ in range(RUNS):
            exports.append(_measure("export", root, assessment_id))
            baselines.append(_measure("baseline", root))
        pack_bytes = (root / "pack.pdf").stat().st_size
    export_s = statistics.median(seconds for _peak, seconds in exports)
    baseline_s = statistics.median(seconds for _peak, seconds in baselines)
    export_peak = max(peak for peak, _seconds in exports)
    baseline_peak = max(peak for peak, _seconds in baselines)
    ratio = export_s / baseline_s
    return [
        {
            "name": f"export the signed pack: demo assessment, {FILES} evidence files of 24 MB",
            "measured": {
                "median_ms": round(export_s * 1000, 1),
                "peak_rss_mb": round(export_peak / MB, 1),
                "pack_mb": round(pack_bytes / MB, 1),
            },
            "baseline": {
                "what": "copy the same files + bare pyHanko signature of a PDF as large",
                "median_ms": round(baseline_s * 1000, 1),
                "peak_rss_mb": round(baseline_peak / MB, 1),
            },
            "ratio": round(ratio, 2),
            "budget": {
                "peak_rss_mb": round(MEMORY_BUDGET_BYTES / MB, 1),
                "ratio": TIME_RATIO_BUDGET,
            },
            "within_budget": export_peak <= MEMORY_BUDGET_BYTES and ratio <= TIME_RATIO_BUDGET,
        }
    ]


def _measure(what: str, root: Path, *args: str) -> tuple[int, float]:
    """Peak memory (bytes) and seconds of one child doing `what`."""
    child = [sys.executable, __file__, what, str(root), *args]
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *child], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"the {what} child failed:\n{done.stderr[-3000:]}")
    peak, seconds = done.stdout.split()
    return int(peak), float(seconds)


def _evidence_files(root: Path) -> list[Path]:
    files = []
    for index in range(FILES):
        path = root / f"photo-{index}.jpg"
        with path.open("wb") as out:
            for _ in range(FILE_BYTES // BLOCK):
                out.write(os.urandom(BLOCK))
        files.append(path)
    return files


def _demo_assessment(root: Path, evidence: list[Path]) -> str:
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.demo import KALIMBI, create_demo
    from selfassess.core.forms.loader import load_form
    from selfassess.core.paths import builtin_forms_dir
    from selfassess.core.signing.identity import IdentityDetails, IdentityStore
    from selfassess.core.store.store import Store

    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None
    with Store.open(root / "home") as store:
        assessment_id = create_demo(AssessmentService(store), form, evidence)
    details = IdentityDetails("Amani Bisimwa", KALIMBI.organisation, "a@kalimbi.cd", "CD")
    IdentityStore(root / "home").create(details, PASSPHRASE)
    return assessment_id


def _bare_pdf(target: Path, evidence: list[Path]) -> None:
    """One blank page and, unreferenced, one stream per evidence file: a PDF as large as the
    files, written block by block."""
    with target.open("wb") as out:
        offsets = []

        def start_object() -> None:
            offsets.append(out.tell())
            out.write(f"{len(offsets)} 0 obj\n".encode())

        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for body in (
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
        ):
            start_object()
            out.write(body + b"\nendobj\n")
        for path in evidence:
            start_object()
            out.write(f"<< /Length {path.stat().st_size} >>\nstream\n".encode())
            with path.open("rb") as source:
                shutil.copyfileobj(source, out, BLOCK)
            out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        out.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\n".encode())
        out.write(f"startxref\n{xref}\n%%EOF\n".encode())


def _export_child(root: Path, assessment_id: str) -> float:
    # The libraries are imported before the clock starts, as in the baseline.
    import pyhanko.sign.signers  # noqa: F401
    import reportlab.platypus  # noqa: F401

    from selfassess.core.assessment.plan import PlanService
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.pack.export import export_pack
    from selfassess.core.signing.identity import IdentityStore
    from selfassess.core.store.store import Store

    with Store.open(root / "home") as store:
        plans = PlanService(AssessmentService(store))
        identities = IdentityStore(root / "home")
        started = time.perf_counter()
        export_pack(plans, identities, assessment_id, root / "pack.pdf", passphrase=PASSPHRASE)
        return time.perf_counter() - started


def _baseline_child(root: Path) -> float:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    from selfassess.core.pack.seal import FIELD_NAME, pyhanko_signer
    from selfassess.core.signing.identity import IdentityStore

    signer = pyhanko_signer(IdentityStore(root / "home").unlock(PASSPHRASE))
    copies = root / "copies"
    copies.mkdir(exist_ok=True)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    started = time.perf_counter()
    for path in sorted(root.glob("photo-*.jpg")):
        shutil.copyfile(path, copies / path.name)
    with (root / "bare.pdf").open("rb") as bare, (root / "bare-signed.pdf").open("w+b") as out:
        signers.sign_pdf(IncrementalPdfFileWriter(bare), metadata, signer=signer, output=out)
        out.flush()
        os.fsync(out.fileno())
    return time.perf_counter() - started


def main() -> int:
    if len(sys.argv) > 1:  # a child: print the seconds its work took
        what, root = sys.argv[1], Path(sys.argv[2])
        seconds = _export_child(root, sys.argv[3]) if what == "export" else _baseline_child(root)
        print(seconds)
        return 0
    figures = bench_export()
    print(json.dumps(figures, indent=2))
    return 0 if all(figure["within_budget"] for figure in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
