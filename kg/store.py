"""Reading and writing graph files; the only module that knows RDF file formats."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError

#: File suffix -> rdflib format name.
FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt",
           ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}
#: `kg export --format` names -> (rdflib format, suffix).
EXPORTS = {"turtle": ("turtle", ".ttl"), "trig": ("trig", ".trig"), "nt": ("nt", ".nt"),
           "nquads": ("nquads", ".nq"), "jsonld": ("json-ld", ".jsonld")}


def load(path: Path) -> Dataset:
    """A graph file as a Dataset whose default graph is the union of its graphs."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown graph format {path.suffix!r}; "
                         f"expected one of {', '.join(sorted(FORMATS))}")
    if not path.is_file():
        raise InputError(f"{path}: no such graph file")
    ds = Dataset(default_union=True)
    try:
        ds.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        reason = " ".join(str(e).split())[:200]
        raise InputError(f"{path}: not valid {fmt} ({type(e).__name__}: {reason})") from e
    return ds


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def union_graph(ds: Dataset, prefixes: dict[str, str] | None = None) -> Graph:
    """All triples of all graphs of a dataset, as one plain graph."""
    g = Graph()
    for prefix, ns in (prefixes or {}).items():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files so that each is either fully written or left untouched.

    Every file goes to a temporary file in its folder first; only when all are written
    are they renamed into place.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
            staged.append((tmp, path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as e:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise InputError(f"{e.filename or 'output'}: cannot write ({e.strerror})") from e
