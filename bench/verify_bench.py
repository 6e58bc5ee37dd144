"""What `verify` costs a buyer (issue 13, section 7), each beside a baseline in the same run:

- 200 different packs (200 organisations, varied answers: `pack_generator`) verified one after
  the other in one process, as a buyer's trust store sees them: the median per pack, beside
  pyHanko's own validation of the same pack (the signature, with its certificate as the trust
  root), budget 2x;
- a 200 MB file that is not a pack: under 2 s and 300 MB of peak memory, in a child process
  whose peak is read with `getrusage`, beside the same child reading the file's first and last
  64 KB.

    python bench/verify_bench.py    # prints the figures as JSON; exit 1 when out of budget
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pack_generator import generate_packs

MB = 1024 * 1024
PACKS = 200
RATIO_BUDGET = 2.0
JUNK_BYTES = 200 * MB
JUNK_SECONDS_BUDGET, JUNK_MEMORY_BUDGET = 2.0, 300 * MB
_CHILD = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(peak * (1 if sys.platform == 'darwin' else 1024))\n"
    "print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else 'failed')\n"
)


def bench_verify(cache: Path | None = None) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="selfassess-verify-bench-") as folder:
        root = Path(folder)
        packs = generate_packs(cache or root / "packs", PACKS)
        many = _many_packs(packs, root / "buyer")
        junk = _junk_file(root / "junk.pdf")
    return [many, junk]


def _many_packs(packs: list[Path], home: Path) -> dict[str, object]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from selfassess.core.pack.verify import verify_file

    ours, theirs = [], []
    for pack in packs:
        started = time.perf_counter()
        verdict = verify_file(pack, home=home)
        ours.append(time.perf_counter() - started)
        assert verdict.valid, (pack, [str(r) for r in verdict.reasons])
        started = time.perf_counter()
        with pack.open("rb") as stream:
            signature = PdfFileReader(stream).embedded_signatures[0]
            context = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False)
            status = validate_pdf_signature(signature, context)
        theirs.append(time.perf_counter() - started)
        assert status.bottom_line, pack
    ratio = statistics.median(ours) / statistics.median(theirs)
    return {
        "name": f"verify {len(packs)} different packs in one process (median per pack)",
        "measured": {"median_ms": _ms(statistics.median(ours)), "max_ms": _ms(max(ours))},
        "baseline": {
            "what": "pyHanko's validate_pdf_signature of the same pack",
            "median_ms": _ms(statistics.median(theirs)),
        },
        "ratio": round(ratio, 2),
        "budget": {"ratio": RATIO_BUDGET},
        "within_budget": ratio <= RATIO_BUDGET,
    }


def _junk_file(path: Path) -> dict[str, object]:
    """A PDF header, then 200 MB of noise: what a buyer may be sent by mistake or malice."""
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        for _ in range(JUNK_BYTES // MB):
            out.write(os.urandom(MB))
    home = path.parent / "junk-home"  # a buyer who raised the limit above the file's size
    home.mkdir()
    limit = {"verify_limit_mb": JUNK_BYTES // MB + 1}
    (home / "settings.json").write_text(json.dumps(limit))
    verify = [sys.executable, "-m", "selfassess", "verify", "--home", str(home), str(path)]
    ours = [_child(verify) for _ in range(3)]
    theirs = [_child([sys.executable, "-c", _READ_ENDS, str(path)]) for _ in range(3)]
    seconds = statistics.median(s for s, _peak in ours)
    peak = max(p for _s, p in ours)
    return {
        "name": "verify a 200 MB file that is not a pack",
        "measured": {"median_ms": _ms(seconds), "peak_rss_mb": round(peak / MB, 1)},
        "baseline": {
            "what": "python reading the file's first and last 64 KB",
            "median_ms": _ms(statistics.median(s for s, _peak in theirs)),
            "peak_rss_mb": round(max(p for _s, p in theirs) / MB, 1),
        },
        "settings": limit,  # else refused by its size before a byte is read
        "budget": {"ms": JUNK_SECONDS_BUDGET * 1000, "peak_rss_mb": JUNK_MEMORY_BUDGET / MB},
        "within_budget": seconds <= JUNK_SECONDS_BUDGET and peak <= JUNK_MEMORY_BUDGET,
    }


_READ_ENDS = (
    "import os, sys\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    f.read(65536); f.seek(-65536, os.SEEK_END); f.read()\n"
    "print('read')\n"
)


def _child(command: list[str]) -> tuple[float, int]:
    """Seconds (start to end, imports included) and peak memory (bytes) of `command`."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *command], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    return seconds, int(done.stdout.split()[0])


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


if __name__ == "__main__":
    figures = bench_verify(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(json.dumps(figures, indent=2))
    raise SystemExit(0 if all(f["within_budget"] for f in figures) else 1)
