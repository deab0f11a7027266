"""What newskg adds to the spaCy parse, and how memory grows with the corpus.

For each N (the development corpus replicated with distinct ids, as .txt files), one
fresh Python process times, on the same articles:

  (a) the bare parse: `nlp.pipe` of newskg's spaCy pipeline over the article texts;
  (b) the full build: `kg.pipeline.build` — read the files, parse, extract, N-Quads,
      assemble, SHACL validation, graph.ttl + graph.trig + graph.html written.

and prints articles/s and words/s of each, the ratio b/a (b's throughput over a's: 1.0
means newskg adds nothing to the parse), and the process's peak resident memory after
(a) and after (b). Each N runs in its own process so peaks do not carry over.

    .venv/bin/python benchmarks/bench_build.py [--sizes 100 1000 5000] [--workers 1]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import replicate


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int, workers: int) -> dict:
    """One N, in this process: (a) then (b)."""
    from kg.articles import read_corpus
    from kg.nlp import pipeline
    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        replicate(n, folder)
        texts = [a.text for a in read_corpus([folder]).articles]
        words = sum(len(t.split()) for t in texts)
        nlp = pipeline()
        for _ in nlp.pipe(texts[:20], batch_size=16):  # warm up: lazy initialisation
            pass
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        bare = time.perf_counter() - start
        peak_bare = _peak_mb()
        del texts
        start = time.perf_counter()
        report = build([folder], Path(tmp) / "out", workers=workers)
        full = time.perf_counter() - start
        sizes = {p.name: p.stat().st_size for p in (Path(tmp) / "out").iterdir()}
    return {"n": n, "words": words, "bare_s": bare, "full_s": full, "triples": report.triples,
            "peak_bare_mb": peak_bare, "peak_full_mb": _peak_mb(), "files": sizes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--workers", type=int, default=1, help="kg build --workers for (b)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.workers)))
        return
    print(f"bench_build: dev corpus replicated; (b) with --workers {args.workers}", flush=True)
    header = (f"{'N':>6} {'words':>9} {'a: s':>8} {'a: art/s':>9} {'a: words/s':>11} "
              f"{'b: s':>8} {'b: art/s':>9} {'b: words/s':>11} {'b/a':>5} "
              f"{'peak a MB':>10} {'peak b MB':>10} {'merged triples':>15}")
    print(header)
    print("-" * len(header))
    rows = []
    for n in args.sizes:
        run = subprocess.run([sys.executable, __file__, "--one", str(n),
                              "--workers", str(args.workers)],
                             capture_output=True, text=True, check=True)
        r = json.loads(run.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"{n:>6} {r['words']:>9} {r['bare_s']:>8.1f} {n / r['bare_s']:>9.1f} "
              f"{r['words'] / r['bare_s']:>11.0f} {r['full_s']:>8.1f} {n / r['full_s']:>9.1f} "
              f"{r['words'] / r['full_s']:>11.0f} {r['bare_s'] / r['full_s']:>5.2f} "
              f"{r['peak_bare_mb']:>10.0f} {r['peak_full_mb']:>10.0f} {r['triples']:>15}",
              flush=True)
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 5000 in by_n:
        print(f"peak memory N=5000 / N=1000: "
              f"{by_n[5000]['peak_full_mb'] / by_n[1000]['peak_full_mb']:.2f}")
    for r in rows:
        print(f"N={r['n']} output bytes: " + ", ".join(f"{k} {v:,}" for k, v in sorted(r["files"].items())))


if __name__ == "__main__":
    main()
