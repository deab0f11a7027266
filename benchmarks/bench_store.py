"""Store builds as a corpus grows: peak memory, and the cost of re-adding a corpus.

For each N, the development corpus replicated with distinct ids (`corpus.replicate`;
`--lead` keeps only each article's first paragraphs, so that large N run in minutes:
memory growth is what is measured, not the parse), this script runs, each in a fresh
process whose peak resident memory it reads with `getrusage`:

  1. `kg build DIR --store STORE` into a new store: time and peak memory;
  2. the same command again, nothing changed: time (no article is parsed again).

It prints one row per N and the ratio of each peak to the first N's peak.

    .venv/bin/python benchmarks/bench_store.py [--sizes 1000 20000] [--lead 2] [--workers 1]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import replicate

KG = [sys.executable, "-m", "kg.cli"]

# Run a command and print its wall time and peak resident memory (the child's alone:
# this small process starts it and does nothing else).
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": done.returncode, "s": seconds, "peak_mb": peak,
                  "last": (done.stderr.strip().splitlines() or [""])[-1]}))
"""


def measured(command: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                         text=True, check=True).stdout
    result = json.loads(out)
    if result["rc"] != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result['last']}")
    return result


def shorten(folder: Path, paragraphs: int) -> None:
    """Keep each article's date header and first paragraphs."""
    for path in folder.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        path.write_text("\n\n".join(text.split("\n\n")[:paragraphs]), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    ap.add_argument("--lead", type=int, default=0, metavar="P",
                    help="keep only the first P paragraphs of each article (0: whole articles)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    print(f"{'articles':>8}  {'first build s':>13}  {'peak MB':>8}  {'x first N':>9}  "
          f"{'re-add s':>8}  {'re-add/first':>12}")
    first_peak = None
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder, store = Path(tmp) / "articles", Path(tmp) / "store"
            replicate(n, folder)
            if args.lead:
                shorten(folder, args.lead)
            command = [*KG, "build", str(folder), "--store", str(store),
                       "--workers", str(args.workers)]
            first = measured(command)
            again = measured(command)
            first_peak = first_peak or first["peak_mb"]
            print(f"{n:>8}  {first['s']:>13.1f}  {first['peak_mb']:>8.0f}  "
                  f"{first['peak_mb'] / first_peak:>9.2f}  {again['s']:>8.2f}  "
                  f"{again['s'] / first['s']:>12.3f}", flush=True)
            print(f"          {first['last']}  |  {again['last']}", flush=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
