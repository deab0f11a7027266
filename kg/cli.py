"""The `kg` command: thin wrappers over kg.pipeline, kg.query and kg.export.

The only module that prints or exits. User mistakes (a missing file, bad SPARQL, a
malformed article) end as one line on stderr and a non-zero exit code.
"""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError, KGError, UsageError

EPILOG = "See README.md for the graph's vocabulary and example queries."
#: Where `kg serve --writable` reads its token (a random one is made and printed otherwise).
TOKEN_ENV = "KG_SERVE_TOKEN"


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    if args.out is None and args.store is None:
        raise UsageError("kg build: give --out DIR, --store DIR or both")
    def report_problem(problem) -> None:
        label = "warning" if problem.severity == "warning" else problem.severity
        print(f"kg: {label}: {problem.message}", file=sys.stderr)

    report = build(args.inputs, args.out, args.store, validate=not args.no_validate,
                   progress=_progress_bar() if sys.stderr.isatty() else None,
                   force=args.force, max_bytes=args.max_bytes, report_problem=report_problem,
                   workers=args.workers, executor=args.executor, scheduler=args.scheduler,
                   reparse=args.reparse)
    print(f"built {report.triples} triples from {report.articles} article(s):"
          if args.out is not None else
          f"built {report.articles} article(s); the store's merged graph holds "
          f"{report.triples} triples:")
    for path in report.files.values():
        print(f"  {path}")
    if args.store is not None:
        print(f"  store {args.store}")
    unchanged = f", unchanged {report.unchanged}" if args.store is not None and args.out is None else ""
    print(f"kg: built {report.articles}, skipped {report.skipped}, failed {report.failed}"
          f"{unchanged}", file=sys.stderr)
    return 1 if report.failed else 0


def _progress_bar():
    """A one-line progress bar with articles per second, for terminals only."""
    import time

    start = time.monotonic()

    def show(done: int, total: int) -> None:
        rate = done / max(time.monotonic() - start, 1e-6)
        filled = int(30 * done / total)
        end = "\n" if done == total else ""
        print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} articles, "
              f"{rate:.1f}/s", end=end, file=sys.stderr, flush=True)

    return show


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise UsageError(f"--param {text!r}: expected NAME=VALUE")
    return name, value


def _graph_and_query(args: argparse.Namespace) -> tuple[Path | None, str]:
    """`kg query GRAPH QUERY` or `kg query --store DIR QUERY`."""
    if args.store is not None:
        if len(args.args) != 1:
            raise UsageError("kg query --store DIR takes one QUERY")
        return None, args.args[0]
    if len(args.args) != 2:
        raise UsageError("kg query takes GRAPH QUERY (or --store DIR QUERY)")
    return Path(args.args[0]), args.args[1]


def cmd_query(args: argparse.Namespace) -> int:
    from . import query
    from .store import load

    graph, text = _graph_and_query(args)
    text = query.resolve(text)
    params = dict(_param(p) for p in args.param)
    query.check_params(text, params)
    if graph is None:
        from .store import GraphStore

        with GraphStore(args.store, read_only=True) as store:
            result = query.run_store(store, text, params, allow_network=args.allow_network)
    else:
        ds = load(graph)
        query.check_source(text, ds, graph)
        result = query.run(ds, text, params, allow_network=args.allow_network)
    sys.stdout.write(query.format_result(result, args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    from .store import write_all

    if (args.graph is None) == (args.store is None):
        raise UsageError("kg export takes a GRAPH file or --store DIR")
    data = export(args.graph, args.format, store=args.store, provenance=args.provenance)
    if args.output:
        write_all({args.output: data})
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from .store import load, write_all
    from .view import render_page

    write_all({args.out: render_page(load(args.graph), title=args.title or args.graph.name)})
    print(f"wrote {args.out}")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from .remote import check_endpoint, push
    from .store import GraphStore, load

    if (args.graph is None) == (args.store is None):
        raise UsageError("kg push takes a GRAPH file or --store DIR")
    check_endpoint(args.endpoint)  # before reading the graph: a mistyped URL fails at once
    merged = None
    if args.store is not None:
        with GraphStore(args.store, read_only=True) as store:
            ds, merged = store.dataset(), store.merged()
    else:
        ds = load(args.graph)
    sent = push(ds, args.endpoint, per_article=args.graph_per_article, merged=merged,
                timeout=args.timeout, deadline=args.deadline)
    print(f"pushed {sent} graph(s) to {args.endpoint}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .iri import iri_text
    from .store import GraphStore
    from .types import Node

    graphs = {iri_text(Node("article", ident, ident)): ident for ident in args.ids}
    with GraphStore(args.store, create=False,
                    waiting=lambda message: print(f"kg: {message}", file=sys.stderr)) as store:
        missing = store.remove(graphs)
    for graph in missing:
        print(f"kg: warning: {args.store}: no article {graphs[graph]!r}", file=sys.stderr)
    print(f"removed {len(graphs) - len(missing)} article(s) from {args.store}")
    return 1 if missing else 0


def cmd_serve(args: argparse.Namespace) -> int:
    import os
    import secrets

    from .serve import Policy, serve

    token = None
    if args.writable:
        token = os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(24)
    policy = Policy(writable=args.writable, token=token, allow_network=args.allow_network,
                    timeout=args.timeout)

    def ready(url: str) -> None:
        mode = "read-write" if args.writable else "read-only"
        print(f"SPARQL endpoint: {url}/query ({mode}, queries stop after {args.timeout:g} s; "
              "Ctrl-C stops)", flush=True)
        if args.writable:
            told = "from $" + TOKEN_ENV if os.environ.get(TOKEN_ENV) else token
            print(f"writes ({url}/update, {url}/store) need: Authorization: Bearer {told}",
                  flush=True)

    try:
        serve(args.store, args.host, args.port, policy, ready=ready)
    except KeyboardInterrupt:
        pass
    return 0


@contextmanager
def _sparql_source(args: argparse.Namespace):
    """A function running SPARQL on GRAPH or on --store DIR, for analyze and report."""
    from . import query
    from .store import GraphStore, load

    if (args.graph is None) == (args.store is None):
        raise UsageError(f"kg {args.command} takes a GRAPH file or --store DIR")
    if args.store is not None:
        with GraphStore(args.store, read_only=True) as store:
            yield lambda text: query.run_store(store, text)
    else:
        ds = load(args.graph)
        yield lambda text: query.run(ds, text)


def cmd_analyze(args: argparse.Namespace) -> int:
    import json

    from .analytics import analyze, format_analysis

    with _sparql_source(args) as run_sparql:
        result = analyze(run_sparql, top=args.top)
        if not any(entry["nodes"] for entry in result.values()):
            raise InputError(f"{args.graph or args.store}: no meeting, person or threat to "
                             "analyse (is it a graph built by kg build?)")
        if args.html is not None:
            from .network_pages import write_pages

            pages = write_pages(run_sparql, args.html)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(format_analysis(result))
    if args.html is not None:
        print(f"kg: wrote {len(pages)} page(s) to {args.html} (open {pages[-1]})", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    with _sparql_source(args) as run_sparql:
        page = write_report(run_sparql, args.out, title=args.title)
    print(f"wrote {page}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .store import load, union_graph
    from .validate import problems

    found = problems(union_graph(load(args.graph)))
    for line in found:
        print(line)
    print(f"{args.graph}: {'conforms' if not found else f'{len(found)} violation(s)'}")
    return 1 if found else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .articles import read_articles
    from .build import build_dataset
    from .evaluate import gold_files, score
    from .pipeline import extract_all
    from .store import load

    golds = gold_files(args.corpus)
    if args.trig:
        ds = load(args.trig)
    else:
        articles = list(read_articles([args.corpus]))
        present = {a.id for a in articles}
        absent = [g for g in golds if g.name[: -len(".gold.json")] not in present]
        if absent:  # a set whose third-party texts are re-created by hand (tests/data/real)
            if len(absent) == len(golds):
                raise InputError(f"{args.corpus}: no article for any gold file "
                                 "(see the README of the set to re-create the texts)")
            print(f"kg: note: {len(absent)} of {len(golds)} gold files have no article in "
                  f"{args.corpus}; they are left out", file=sys.stderr)
            golds = [g for g in golds if g not in absent]
        ds = build_dataset(extract_all(articles))
    report = score(ds, golds)
    if args.format == "json":
        import json

        print(json.dumps(report.as_json()))
        return 0
    if args.verbose:
        print(report.details())
        print()
    print(report.table())
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    from .query import canned_queries

    for name, text in canned_queries().items():
        first = text.splitlines()[0].lstrip("# ") if text.startswith("#") else ""
        print(f"{name:12} {first}")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Knowledge graphs of governments, "
                                 "meetings and security threats from French news articles.",
                                 epilog=EPILOG)
    from . import __version__

    ap.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the graph of a set of articles",
                       description="Read articles (.txt, .jsonl or .html files, or folders of "
                       "them) and write DIR/graph.ttl, DIR/graph.trig and DIR/graph.html, "
                       "and/or add them to a persistent store.")
    b.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="article files or folders")
    b.add_argument("--out", type=Path, metavar="DIR",
                   help="output folder for graph.ttl, graph.trig and graph.html")
    b.add_argument("--store", type=Path, metavar="DIR",
                   help="persistent store to add the articles to (created if missing)")
    b.add_argument("--no-validate", action="store_true", help="skip the SHACL check")
    b.add_argument("--force", action="store_true", help="build articles that do not look French")
    b.add_argument("--max-bytes", type=int, default=5_000_000, metavar="N",
                   help="skip input files larger than N bytes (default 5,000,000)")
    b.add_argument("--workers", type=int, default=1, metavar="N",
                   help="parse and extract in N local processes (default 1); same output")
    b.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where articles are parsed: local processes (default) or a Dask cluster")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="the Dask scheduler with --executor dask, e.g. tcp://10.0.0.1:8786")
    b.add_argument("--reparse", action="store_true",
                   help="with --store: parse every article, even those whose text has not changed")
    b.set_defaults(func=cmd_build)

    rm = sub.add_parser("remove", help="take articles out of the store",
                        description="Remove articles (by id) from the persistent store: their "
                        "graphs, and their facts from the merged graph unless another article "
                        "states them too.")
    rm.add_argument("ids", nargs="+", metavar="ID", help="article ids (file names without .txt)")
    rm.add_argument("--store", type=Path, required=True, metavar="DIR", help="the persistent store")
    rm.set_defaults(func=cmd_remove)

    q = sub.add_parser("query", help="run a SPARQL query on a built graph",
                       description="Run SPARQL text, a .rq file or a canned query "
                       "(see `kg queries`) on a Turtle/TriG/N-Triples/JSON-LD graph.")
    q.add_argument("args", nargs="+", metavar="[GRAPH] QUERY",
                   help="graph file (.ttl, .trig, .nt, .jsonld; omitted with --store), then "
                   "SPARQL text, a .rq file or a canned query name")
    q.add_argument("--store", type=Path, metavar="DIR", help="query this persistent store")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to the French string VALUE, \"VALUE\"@fr like the graph's labels "
                   "(by the engine, never spliced into the text)")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json", "turtle", "nt"),
                   default="table", help="output format (default: table; CONSTRUCT and DESCRIBE "
                   "give RDF: Turtle, or N-Triples with nt)")
    q.add_argument("--allow-network", action="store_true",
                   help="let the query fetch from the network (SERVICE, FROM <url>)")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="convert a graph to another RDF syntax",
                       description="Re-serialise a graph as Turtle, TriG, N-Triples, N-Quads or JSON-LD.")
    e.add_argument("graph", type=Path, nargs="?", metavar="GRAPH", help="graph file")
    e.add_argument("--store", type=Path, metavar="DIR", help="export this persistent store")
    e.add_argument("--format", choices=("turtle", "trig", "nt", "nquads", "jsonld"),
                   default="turtle", help="output syntax (default: turtle)")
    e.add_argument("--provenance", action="store_true",
                   help="with turtle or nt: also the provenance records (the source of each fact)")
    e.add_argument("--out", dest="output", type=Path, metavar="FILE",
                   help="write to this file instead of stdout")
    e.add_argument("-o", "--output", dest="output", type=Path,
                   help=argparse.SUPPRESS)  # the old spellings, for one release
    e.set_defaults(func=cmd_export)

    w = sub.add_parser("view", help="render a graph as an interactive HTML page",
                       description="Render any Turtle/TriG/N-Triples/JSON-LD graph as one "
                       "self-contained HTML page (no network needed to open it).")
    w.add_argument("graph", type=Path, metavar="GRAPH", help="graph file")
    w.add_argument("--out", type=Path, required=True, metavar="FILE", help="HTML file to write")
    w.add_argument("--title", help="page title (default: the graph file's name)")
    w.set_defaults(func=cmd_view)

    p = sub.add_parser("push", help="send a graph to a SPARQL Graph Store endpoint",
                       description="PUT a graph file or the store to a SPARQL 1.1 Graph Store "
                       "HTTP Protocol endpoint: the merged graph as the default graph (and the "
                       "article graphs with --graph-per-article); basic auth from "
                       "KG_PUSH_USER/KG_PUSH_PASSWORD or a bearer token from KG_PUSH_TOKEN.")
    p.add_argument("graph", type=Path, nargs="?", metavar="GRAPH", help="graph file (.trig keeps articles)")
    p.add_argument("--store", type=Path, metavar="DIR", help="push this persistent store")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="Graph Store endpoint, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--graph-per-article", action="store_true",
                   help="also one PUT per article graph (idempotent), besides the default graph")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="seconds one request may take (default 30)")
    p.add_argument("--deadline", type=float, default=600.0, metavar="SECONDS",
                   help="seconds the whole push may take (default 600)")
    p.set_defaults(func=cmd_push)

    s = sub.add_parser("serve", help="serve the store as a local SPARQL endpoint",
                       description="Serve the persistent store over HTTP with Oxigraph's server "
                       "(SPARQL 1.1 query and Graph Store reads; update and Graph Store writes "
                       "with --writable and a token), on 127.0.0.1 by default. Requests from "
                       "web pages of other origins are refused.")
    s.add_argument("--store", type=Path, required=True, metavar="DIR", help="the persistent store")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    s.add_argument("--writable", action="store_true",
                   help="accept SPARQL Update and Graph Store writes, with a bearer token "
                   f"(${TOKEN_ENV}, or a random one printed at start)")
    s.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="stop a query after this long (default 30)")
    s.add_argument("--allow-network", action="store_true",
                   help="let queries use SERVICE and LOAD (the server then fetches from the network)")
    s.set_defaults(func=cmd_serve)

    a = sub.add_parser("analyze", help="central actors, communities and strongest ties",
                       description="networkx projections of the graph (co-attendance, "
                       "person-threat, country-threat, country-country), each defined by a "
                       "SPARQL query: degree and betweenness centrality, Louvain communities, "
                       "strongest ties.")
    a.add_argument("graph", type=Path, nargs="?", metavar="GRAPH", help="graph file")
    a.add_argument("--store", type=Path, metavar="DIR", help="analyse this persistent store")
    a.add_argument("--top", type=int, default=10, help="how many top items per list (default 10)")
    a.add_argument("--format", choices=("table", "json"), default="table",
                   help="output format (default: table)")
    a.add_argument("--html", type=Path, metavar="DIR",
                   help="also write each projection as an interactive page (pyvis; offline) "
                   "into DIR, with DIR/index.html linking them")
    a.set_defaults(func=cmd_analyze)

    r = sub.add_parser("report", help="write an HTML report with charts",
                       description="One self-contained HTML report (tables and matplotlib "
                       "charts, each also saved as PNG) of a graph or the store.")
    r.add_argument("graph", type=Path, nargs="?", metavar="GRAPH", help="graph file")
    r.add_argument("--store", type=Path, metavar="DIR", help="report on this persistent store")
    r.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    r.add_argument("--title", default="newskg", help="report title (default: newskg)")
    r.set_defaults(func=cmd_report)

    v = sub.add_parser("validate", help="check a graph against the SHACL shapes",
                       description="Validate a graph file against ontology/shapes.ttl.")
    v.add_argument("graph", type=Path, metavar="GRAPH", help="graph file")
    v.set_defaults(func=cmd_validate)

    ev = sub.add_parser("evaluate", help="score extraction against gold annotations",
                        description="Build the articles of CORPUS and compare the graph with "
                        "their *.gold.json annotations: precision, recall and F1 per category.")
    ev.add_argument("corpus", type=Path, metavar="CORPUS", help="folder of articles and gold files")
    ev.add_argument("--trig", type=Path, help="score this already built graph.trig instead")
    ev.add_argument("-v", "--verbose", action="store_true", help="per-article misses and extras")
    ev.add_argument("--format", choices=("table", "json"), default="table",
                    help="output format (default: table)")
    ev.add_argument("--json", dest="format", action="store_const", const="json",
                    help=argparse.SUPPRESS)  # the old spelling, for one release
    ev.set_defaults(func=cmd_evaluate)

    c = sub.add_parser("queries", help="list the canned queries",
                       description="List the named queries `kg query` accepts.")
    c.set_defaults(func=cmd_queries)
    for name, command in sub.choices.items():
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        command.epilog = "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[name])
    q.usage = "kg query [options] GRAPH QUERY\n       kg query [options] --store DIR QUERY"
    return ap


#: What `kg COMMAND --help` shows last: commands that work on a fresh checkout.
EXAMPLES = {
    "build": ["kg build seeds --out build",
              "kg build articles/ feed.jsonl --store kg-store --workers 2"],
    "remove": ["kg remove --store kg-store 001_conseil-jai-extraordinaire"],
    "query": ["kg query build/graph.ttl roles",
              "kg query build/graph.trig person --param name=\"Gérald Darmanin\"",
              "kg query --store kg-store 'SELECT ?p WHERE { ?p a kgo:Person }' --format csv"],
    "export": ["kg export build/graph.trig --format jsonld --out graph.jsonld",
               "kg export --store kg-store --format trig --out corpus.trig"],
    "view": ["kg view build/graph.ttl --out graph.html --title 'Sommet franco-belge'"],
    "push": ["kg push build/graph.trig --endpoint http://127.0.0.1:7878/store --graph-per-article",
             "KG_PUSH_TOKEN=... kg push --store kg-store --endpoint http://host:7878/store"],
    "serve": ["kg serve --store kg-store --port 7878",
              "KG_SERVE_TOKEN=... kg serve --store kg-store --writable --timeout 10"],
    "analyze": ["kg analyze build/graph.trig --top 5", "kg analyze --store kg-store --format json",
                "kg analyze build/graph.trig --html build/networks"],
    "report": ["kg report build/graph.trig --out report"],
    "validate": ["kg validate build/graph.trig"],
    "evaluate": ["kg evaluate tests/data/dev -v", "kg evaluate tests/data/dev --format json"],
    "queries": ["kg queries"],
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
