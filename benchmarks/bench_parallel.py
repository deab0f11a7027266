"""Speed-up of `kg build --workers 2` over `--workers 1`, whole process, same articles.

Replicates the development corpus to N articles (default 1,000), runs `kg build` with
each worker count in a fresh process (model loading included, as a user sees it), checks
that the outputs are byte-identical, and prints wall times and the speed-up.

    .venv/bin/python benchmarks/bench_parallel.py [--articles 1000] [--workers 1 2] [--runs 1]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import replicate

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")


def run(folder: Path, out: Path, workers: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "--out", str(out),
                    "--workers", str(workers)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    cpus = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        replicate(args.articles, folder)
        print(f"bench_parallel: {args.articles} articles, {cpus} CPUs, {args.runs} run(s) each")
        times: dict[int, float] = {}
        outputs: dict[int, dict[str, bytes]] = {}
        for workers in args.workers:
            out = Path(tmp) / f"out-{workers}"
            times[workers] = statistics.median(run(folder, out, workers) for _ in range(args.runs))
            outputs[workers] = {name: (out / name).read_bytes() for name in OUTPUTS}
            print(f"--workers {workers}: {times[workers]:7.1f} s  "
                  f"{args.articles / times[workers]:6.1f} articles/s", flush=True)
        base = args.workers[0]
        for workers in args.workers[1:]:
            same = outputs[workers] == outputs[base]
            print(f"speed-up --workers {workers} over {base}: {times[base] / times[workers]:.2f}"
                  f"  (outputs {'identical' if same else 'DIFFERENT'})")


if __name__ == "__main__":
    main()
