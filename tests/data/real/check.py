#!/usr/bin/env python3
"""Check (or write) the re-created texts of the real-press set against their hashes.

    python tests/data/real/check.py            # check text/*.txt against sources.json
    python tests/data/real/check.py --write EXCERPTS.json
                                               # write text/ID.txt from {id: excerpt}

Third-party text is not committed: `sources.json` keeps, for each excerpt, the query and
rank that return it from the search tool's `pages` corpus and the SHA-256 of the excerpt
(see README.md). With the tool, collect the excerpts into a JSON object {id: excerpt} and
`--write` them: each is checked against its hash before it is written with its date header.
Exit status: 0 when every present text matches, 1 when one does not, 2 on bad usage.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
SPACES = {"\u00a0": " ", "\u202f": " "}


def digests(excerpt: str) -> set[str]:
    """The hashes an excerpt may have: as returned, and with non-breaking spaces made
    plain (they could not be told apart when the set was transcribed)."""
    plain = excerpt
    for nbsp, space in SPACES.items():
        plain = plain.replace(nbsp, space)
    return {hashlib.sha256(text.encode("utf-8")).hexdigest() for text in (excerpt, plain)}


def header(entry: dict) -> str:
    return f" date {entry['date']} "


def excerpt_of(text: str, entry: dict) -> list[str]:
    """The excerpt a text file holds: the file without the date header we add, or the
    whole file when the excerpt came with a header of its own."""
    found = [text]
    if text.startswith(header(entry)):
        found.append(text[len(header(entry)):])
    return found


def check(folder: Path, sources: list[dict]) -> tuple[list[str], list[str], list[str]]:
    ok, missing, wrong = [], [], []
    for entry in sources:
        path = folder / "text" / f"{entry['id']}.txt"
        if not path.exists():
            missing.append(entry["id"])
            continue
        text = path.read_text(encoding="utf-8")
        if any(entry["sha256"] in digests(e) for e in excerpt_of(text, entry)):
            ok.append(entry["id"])
        else:
            wrong.append(entry["id"])
    return ok, missing, wrong


def write(folder: Path, sources: list[dict], excerpts: dict[str, str]) -> list[str]:
    """Write the excerpts whose hash matches; return the ids that did not."""
    bad = []
    (folder / "text").mkdir(exist_ok=True)
    for entry in sources:
        excerpt = excerpts.get(entry["id"])
        if excerpt is None:
            continue
        if entry["sha256"] not in digests(excerpt):
            bad.append(entry["id"])
            continue
        text = excerpt if excerpt.startswith(" date ") else header(entry) + excerpt
        (folder / "text" / f"{entry['id']}.txt").write_text(text, encoding="utf-8")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=HERE, help="the set's folder (default: here)")
    ap.add_argument("--write", type=Path, metavar="EXCERPTS.json",
                    help="write text/ID.txt from a JSON object {id: excerpt}")
    args = ap.parse_args(argv)
    try:
        sources = json.loads((args.folder / "sources.json").read_text(encoding="utf-8"))
        excerpts = json.loads(args.write.read_text(encoding="utf-8")) if args.write else None
    except (OSError, ValueError) as e:
        print(f"check: {e}", file=sys.stderr)
        return 2
    if excerpts is not None:
        bad = write(args.folder, sources, excerpts)
        for ident in bad:
            print(f"check: {ident}: the excerpt does not match its sha256; not written",
                  file=sys.stderr)
    ok, missing, wrong = check(args.folder, sources)
    for ident in wrong:
        print(f"check: {ident}: text/{ident}.txt does not match its sha256", file=sys.stderr)
    print(f"{len(ok)} match, {len(missing)} missing, {len(wrong)} do not match")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
