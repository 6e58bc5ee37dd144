"""The signed pack: export of the full form, fully answered, with 10 evidence files of 1 MB
(budget: 2 s), and verification of that pack (budget: 300 ms), each beside a bare reportlab
document of the same page count carrying the same bytes under a pyHanko signature, measured in
the same run."""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen import canvas

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.demo import create_demo
from selfassess.core.forms.loader import load_form
from selfassess.core.pack.export import export_pack
from selfassess.core.pack.seal import Attachment, seal
from selfassess.core.pack.verify import verify
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.signing.identity import IdentityDetails, IdentityStore
from selfassess.core.store.store import Store

RUNS = 5
EXPORT_BUDGET_MS, VERIFY_BUDGET_MS = 2000, 300
PASSPHRASE = "bench passphrase"


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def _bare_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for number in range(pages):
        page.drawString(72, 720, f"page {number + 1}")
        page.showPage()
    page.save()
    return buffer.getvalue()


def bench_pack() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        evidence = []
        for index in range(10):
            path = root / f"evidence-{index}.jpg"
            path.write_bytes(os.urandom(1024 * 1024))
            evidence.append(path)
        store = Store.open(root / "home")
        service = AssessmentService(store)
        form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
        assert form is not None
        assessment_id = create_demo(service, form, evidence)
        identities = IdentityStore(root / "home")
        identities.create(IdentityDetails("Bench", "Bench coop", "b@example.cd", "CD"), PASSPHRASE)
        target = root / "pack.pdf"
        plans = PlanService(service)
        export_ms = _median_ms(
            lambda: export_pack(plans, identities, assessment_id, target, passphrase=PASSPHRASE)
        )
        pack = target.read_bytes()
        verdict = verify(pack)
        assert verdict.valid, verdict.reasons
        from pyhanko.pdf_utils.reader import PdfFileReader

        pages = int(PdfFileReader(io.BytesIO(pack)).root["/Pages"]["/Count"])
        unlocked = identities.unlock(PASSPHRASE)
        carried = [Attachment(p.name, p.read_bytes(), "image/jpeg") for p in evidence]
        bare = lambda: seal(_bare_pdf(pages), carried, unlocked)  # noqa: E731
        bare_ms = _median_ms(bare)
        bare_pack = bare()
        verify_ms = _median_ms(lambda: verify(pack))
        bare_verify_ms = _median_ms(lambda: verify(bare_pack))
        store.close()
    return [
        {
            "name": "export the signed pack: full form, 10 evidence files of 1 MB",
            "measured": {"median_ms": export_ms, "pages": pages, "bytes": len(pack)},
            "baseline": {
                "what": "bare reportlab pages + the same files, signed",
                "median_ms": bare_ms,
            },
            "ratio": round(export_ms / bare_ms, 2),
            "budget_ms": EXPORT_BUDGET_MS,
            "within_budget": export_ms <= EXPORT_BUDGET_MS,
        },
        {
            "name": "verify that pack",
            "measured": {"median_ms": verify_ms},
            "baseline": {"what": "verify the bare signed document", "median_ms": bare_verify_ms},
            "ratio": round(verify_ms / bare_verify_ms, 2),
            "budget_ms": VERIFY_BUDGET_MS,
            "within_budget": verify_ms <= VERIFY_BUDGET_MS,
        },
    ]


if __name__ == "__main__":
    import json

    print(json.dumps(bench_pack(), indent=2))
