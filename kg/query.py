"""SPARQL over a built graph: canned queries, files or text; results as rows."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import cast

from rdflib import Dataset, Literal
from rdflib.query import ResultRow

from .errors import QueryError
from .namespaces import PREFIXES, output_prefixes
from .store import sorted_lines

#: `--param` values are bound as strings in this language, that of the graph's labels.
PARAM_LANGUAGE = "fr"


def canned_queries() -> dict[str, str]:
    """Name -> SPARQL text of the queries shipped in kg/queries/."""
    folder = files("kg") / "queries"
    return {p.name[:-3]: p.read_text(encoding="utf-8")
            for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name.endswith(".rq")}


def resolve(query: str) -> str:
    """A canned query's name, a `.rq` file, or SPARQL text -> SPARQL text."""
    canned = canned_queries()
    if query in canned:
        return canned[query]
    if query.endswith(".rq"):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    if not any(k in query.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(f"{query!r} is neither SPARQL nor a canned query "
                         f"({', '.join(canned)})")
    return query


# SPARQL tokens, enough to find keywords outside IRIs, strings and comments.
_TOKENS = re.compile(
    r"<[^<>\"{}|^`\\\s]*>"            # an IRI
    r"|'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\""  # long strings
    r"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""  # strings
    r"|#[^\n]*"                         # a comment
    r"|[?$]\w+|[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]+"  # a variable, a prefixed name
    r"|([A-Za-z_]+)")                   # a word
#: Keywords by which a query or update makes its engine fetch from the network.
NETWORK_KEYWORDS = ("SERVICE", "LOAD")


def network_clauses(text: str, graph_loading: bool = False) -> list[str]:
    """The clauses of a query or update that would fetch from the network: SERVICE and
    LOAD always; FROM (and FROM NAMED) too with `graph_loading`, for rdflib, which fetches
    the graphs they name where a store only looks them up."""
    keywords = NETWORK_KEYWORDS + (("FROM",) if graph_loading else ())
    found: list[str] = []
    for match in _TOKENS.finditer(text):
        word = (match.group(1) or "").upper()
        if word in keywords and word not in found:
            found.append(word)
    return found


def check_network(text: str, graph_loading: bool = False) -> None:
    """Refuse a query that would fetch from the network (see `network_clauses`)."""
    found = network_clauses(text, graph_loading)
    if found:
        raise QueryError(f"{' and '.join(found)} would fetch from the network; refused "
                         "(--allow-network allows it)")


_REQUIRED = re.compile(r"--param (\w+)=")


def check_params(query: str, params: dict[str, str]) -> None:
    """A parameter must name a variable of the query, and a query whose header asks for
    one (`# ... --param name="..."`) must be given it: never a silent wrong answer."""
    variables = {m.group(1) for m in re.finditer(r"[?$](\w+)", query)}
    for name in params:
        if name not in variables:
            raise QueryError(f"--param {name}: the query has no variable ?{name}"
                             f"{' (it has ?' + ', ?'.join(sorted(variables)) + ')' if variables else ''}")
    header = "".join(line for line in query.splitlines(keepends=True) if line.startswith("#"))
    for name in dict.fromkeys(_REQUIRED.findall(header)):
        if name not in params:
            raise QueryError(f"this query needs --param {name}=VALUE (see kg queries)")


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple[str | None, ...]]
    rdf: bytes | None = None  # CONSTRUCT and DESCRIBE: the triples, as sorted N-Triples


def check_source(query: str, ds: Dataset, path: Path) -> None:
    """A query that reads the article graphs (GRAPH ?a) or the provenance records gives
    nothing on a file without them (graph.ttl): say so instead of printing no rows."""
    has_graphs = any(len(g) for g in ds.graphs() if g.identifier != ds.default_graph.identifier
                     and not str(g.identifier).startswith("urn:x-rdflib:"))
    needs = re.search(r"\bGRAPH\s+\?", query, re.I) or "kgo:sentence" in query
    if needs and not has_graphs:
        raise QueryError(f"{path}: this query reads the article graphs and their sources, "
                         "which a Turtle file does not keep; give the .trig file or --store")


def _text(value) -> str | None:
    if value is None:
        return None
    return str(value)


def run(ds: Dataset, query: str, params: dict[str, str] | None = None,
        allow_network: bool = False) -> Result:
    """Run SPARQL text on the dataset (its default graph is the union of all graphs).

    `params` bind variables through the engine, never by splicing text into the query,
    to French strings like every label in the graph: `{"name": "Gérald Darmanin"}` binds
    ?name to "Gérald Darmanin"@fr, so `?p rdfs:label ?name` finds the person through the
    index (compare STR(?name) with other values). A query that would fetch from the
    network (SERVICE, FROM <url>) is refused unless `allow_network`.
    """
    if not allow_network:
        check_network(query, graph_loading=True)
    bindings = {k: Literal(v, lang=PARAM_LANGUAGE) for k, v in (params or {}).items()}
    try:
        result = ds.query(query, initNs=PREFIXES, initBindings=bindings)
        if result.type == "ASK":
            return Result(["ask"], [("true" if result.askAnswer else "false",)])
        if result.type in ("CONSTRUCT", "DESCRIBE") and result.graph is not None:
            triples: list[tuple[str | None, ...]] = sorted(
                (_text(s), _text(p), _text(o)) for s, p, o in result.graph)
            rdf = sorted_lines(result.graph.serialize(format="nt", encoding="utf-8"))
            return Result(["subject", "predicate", "object"], triples, rdf)
        variables = list(result.vars or ())
        rows = cast("Iterable[ResultRow]", result)
        return Result([str(v) for v in variables],
                      [tuple(_text(row[v]) for v in variables) for row in rows])
    except Exception as e:  # pyparsing / rdflib raise assorted types, at parse or run time
        reason = " ".join(str(e).split())[:200] or type(e).__name__
        raise QueryError(f"invalid SPARQL: {reason}") from e


def run_store(store, query: str, params: dict[str, str] | None = None,
              allow_network: bool = False) -> Result:
    """Run SPARQL text in the persistent store's own engine (Oxigraph); `params` and
    `allow_network` as in run."""
    if not allow_network:
        check_network(query)
    result = store.query(query, PREFIXES, params or {})
    try:
        if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
            return Result(["ask"], [("true" if bool(result) else "false",)])
        if hasattr(result, "variables"):
            columns = [v.value for v in result.variables]
            rows = [tuple(None if row[c] is None else row[c].value for c in columns)
                    for row in result]
            return Result(columns, rows)
        import pyoxigraph

        triples = list(result)
        rows = sorted((t.subject.value, t.predicate.value, t.object.value) for t in triples)
        rdf = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        return Result(["subject", "predicate", "object"], rows, sorted_lines(rdf))
    except (OSError, RuntimeError, SyntaxError) as e:  # evaluation errors surface while iterating
        raise QueryError(f"the query failed: {' '.join(str(e).split())[:200]}") from e


def _compact(value: str | None) -> str:
    if value is None:
        return ""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def format_result(result: Result, fmt: str = "table") -> str:
    """Render as an aligned text table, CSV, TSV or JSON (a list of objects); the RDF of
    a CONSTRUCT or DESCRIBE as Turtle (`table` or `turtle`) or N-Triples (`nt`)."""
    if result.rdf is not None and fmt in ("table", "turtle", "nt"):
        if fmt == "nt":
            return result.rdf.decode("utf-8")
        import pyoxigraph

        triples = pyoxigraph.parse(result.rdf, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return (pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE,
                                 prefixes=output_prefixes(result.rdf)) or b"").decode("utf-8")
    if fmt in ("turtle", "nt"):
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries")
    if fmt == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in result.rows],
                          ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        return out.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown output format {fmt!r}; expected table, csv, tsv or json")
    cells = [[_compact(v) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"
