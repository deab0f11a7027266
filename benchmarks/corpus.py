"""A corpus of N articles for the benchmarks: the development articles replicated with
distinct ids (the file names), written as .txt files to a folder."""
from __future__ import annotations

from pathlib import Path

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev"


def replicate(n: int, folder: Path) -> list[Path]:
    """Write n articles into `folder` (created), cycling over the development corpus:
    copy k of article 001_x is `001_x-r0000k.txt`."""
    sources = sorted(DEV.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        source = sources[i % len(sources)]
        path = folder / f"{source.stem}-r{i // len(sources):05d}.txt"
        path.write_bytes(source.read_bytes())
        written.append(path)
    return written
