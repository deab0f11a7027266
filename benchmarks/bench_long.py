"""One long article: time and peak memory against its length.

For each size (in MB), an article is made by joining the development articles (their
date headers dropped but the first) until it reaches that size, and `kg build FILE --out
DIR` (`--store DIR` with `--into store`) runs on it in a fresh process; this prints wall
time, seconds per MB and the peak resident memory of that process (getrusage), so that
growth beyond linear shows.

    .venv/bin/python benchmarks/bench_long.py [--sizes 0.25 0.5 1 2 4.9] [--into store]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev"
HEADER = re.compile(r"^\s*date\s+\S+\s+")

_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(json.dumps({"rc": done.returncode, "s": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "last": (done.stderr.strip().splitlines() or [""])[-1]}))
"""


def long_article(megabytes: float, path: Path) -> int:
    sources = sorted(DEV.glob("*.txt"))
    first = sources[0].read_text(encoding="utf-8")
    header = HEADER.match(first).group(0)
    bodies = [HEADER.sub("", p.read_text(encoding="utf-8"), count=1).strip() for p in sources]
    parts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        parts.append(bodies[i % len(bodies)])
        size += len(parts[-1].encode("utf-8")) + 2
        i += 1
    text = header + "\n\n".join(parts)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2, 4.9])
    ap.add_argument("--into", choices=["out", "store"], default="out",
                    help="build to files (--out) or into a new store (--store)")
    args = ap.parse_args()
    print(f"kg build ARTICLE --{args.into} ...")
    print(f"{'MB':>5}  {'seconds':>8}  {'s per MB':>8}  {'peak MB':>8}")
    for mb in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            article = Path(tmp) / "long.txt"
            size = long_article(mb, article)
            command = [sys.executable, "-m", "kg.cli", "build", str(article), f"--{args.into}",
                       str(Path(tmp) / args.into), "--max-bytes", str(size + 1)]
            out = subprocess.run([sys.executable, "-c", _MEASURE, *command],
                                 capture_output=True, text=True, check=True).stdout
            result = json.loads(out)
            if result["rc"] != 0:
                raise SystemExit(f"{mb} MB: the build failed: {result['last']}")
            print(f"{size / 1e6:>5.2f}  {result['s']:>8.1f}  {result['s'] / (size / 1e6):>8.1f}  "
                  f"{result['peak_mb']:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
