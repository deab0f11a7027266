"""How fast the HTML view of a big graph renders and opens.

Generates a synthetic kgo Dataset shaped like a build's (one named graph per article,
labels, types, meeting dates, a `kgo:FactProvenance` record with a sentence per fact, hidden "mentionne"
links), renders it with `kg.view.render_html`, opens the page in headless Chromium
through Playwright, and prints:

- render time (Python, `render_html`) and file size;
- time until the page says `data-ready="1"` (layout stabilised, physics off), measured
  in the page from navigation start, and as seen by the driver;
- what the first scene draws (a big graph opens on its aggregated overview), and how long
  opening its biggest group takes until laid out;
- the cost of one full redraw and of opening a node's panel from the search box, once
  ready (what "usable" means here);
- requests to anything but the page itself (file:, data:, about:): must be 0.

    .venv/bin/python benchmarks/view_bench.py [--nodes 5000] [--edges 10000] [--keep FILE]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import PROV, XSD

from kg.view import render_html, view_data
from kg.vocab import KGO, KGR, KGT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
THREATS = ["Terrorism", "Jihadism", "Radicalisation", "ViolentExtremism", "HybridThreat",
           "CyberThreat", "Disinformation", "IrregularMigration", "MigrantSmuggling",
           "HumanTrafficking", "OrganisedCrime", "DrugTrafficking", "ArmsTrafficking",
           "Espionage", "MoneyLaundering"]
#: predicate, subject kind, object kinds, weight
LINKS = [
    (KGO.holdsRole, "person", ("role",), 20), (KGO.heldRole, "person", ("role",), 5),
    (KGO.ofMinistry, "role", ("ministry",), 8), (KGO.ofOrganization, "role", ("org",), 3),
    (KGO.ofCountry, "role", ("country",), 6), (KGO.ofCountry, "ministry", ("country",), 3),
    (KGO.ofCountry, "meeting", ("country",), 6), (KGO.attends, "person", ("meeting",), 22),
    (KGO.concerns, "meeting", ("threat",), 8), (KGO.heldIn, "meeting", ("place",), 5),
    (KGO.mentions, "article", ("person", "meeting", "country", "org", "place"), 14),
]
CLASSES = {"article": KGO.Article, "person": KGO.Person, "role": KGO.Role,
           "ministry": KGO.Ministry, "country": KGO.Country, "org": KGO.Organization,
           "place": KGO.Place, "meeting": KGO.Meeting, "threat": KGO.Threat}


def _kinds(n: int) -> dict[str, int]:
    """How many nodes of each kind: fixed shares, persons taking the rest."""
    counts = {"article": max(1, n // 50), "threat": min(15, n), "country": max(1, min(60, n // 50)),
              "meeting": n // 10, "place": n // 20, "org": n // 25, "ministry": n // 20, "role": n // 5}
    counts["person"] = max(1, n - sum(counts.values()))
    return counts


def synthetic(n_nodes: int, n_edges: int, seed: int = 1) -> Dataset:
    """A Dataset of `n_nodes` drawn nodes and `n_edges` drawn edges (mentions included)."""
    rng = random.Random(seed)
    nodes: dict[str, list[URIRef]] = {}
    for kind, count in _kinds(n_nodes).items():
        nodes[kind] = [KGT[THREATS[i]] for i in range(count)] if kind == "threat" else \
            [KGR[f"{kind}/{kind}-{i}"] for i in range(count)]
    ds = Dataset()
    articles = nodes["article"]
    for a in articles:
        g = ds.graph(a)
        g.add((a, RDF.type, KGO.Article))
        g.add((a, RDFS.label, Literal(a.split("/")[-1], lang="fr")))
    for kind, iris in nodes.items():
        for i, node in enumerate(iris):
            if kind == "article":
                continue
            g = ds.graph(articles[i % len(articles)])
            g.add((node, RDF.type, CLASSES[kind]))
            if kind == "country":
                g.add((node, RDFS.label, Literal(f"Pays {i}", lang="fr")))
            elif kind != "threat":  # a threat is named by the threat scheme
                label = f"{kind.capitalize()} {i} <{rng.randrange(10**6)}>"
                g.add((node, RDFS.label, Literal(label, lang="fr")))
            if kind == "meeting":  # over three years, as a corpus of a few years' news
                day = f"{rng.randrange(2022, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                g.add((node, KGO.date, Literal(day, datatype=XSD.date)))
    weights = [w for *_, w in LINKS]
    seen: set[tuple] = set()
    attempts = 0
    while len(seen) < n_edges and attempts < 50 * n_edges:
        attempts += 1
        pred, subject_kind, object_kinds, _ = rng.choices(LINKS, weights)[0]
        s = rng.choice(nodes[subject_kind])
        o = rng.choice(nodes[rng.choice(object_kinds)])
        if (s, pred, o) in seen:
            continue
        seen.add((s, pred, o))
        article = s if subject_kind == "article" else rng.choice(articles)
        _add_fact(ds.graph(article), article, (s, pred, o), len(seen))
    return ds


def _add_fact(g, article: URIRef, triple: tuple, n: int) -> None:
    """The fact in its article's graph, with a provenance record and a sentence."""
    g.add(triple)
    record = KGR[f"provenance/{article.split('/')[-1]}/{n}"]
    sentence = (f"Phrase {n} : {triple[0].split('/')[-1]} et {triple[2].split('/')[-1]}, "
                "selon un communiqué publié à l'issue de la réunion des ministres.")
    for p, o in ((RDF.type, KGO.FactProvenance), (RDF.subject, triple[0]), (RDF.predicate, triple[1]),
                 (RDF.object, triple[2]), (PROV.wasDerivedFrom, article),
                 (KGO.sentenceStart, Literal(n * 100, datatype=XSD.integer)),
                 (KGO.sentenceEnd, Literal(n * 100 + len(sentence), datatype=XSD.integer)),
                 (KGO.sentence, Literal(sentence))):
        g.add((record, p, o))


def open_page(path: Path, timeout_s: float) -> dict:
    """Open the page in headless Chromium and measure it; every request to anything but
    the page itself is aborted and counted."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))

        def route(r):
            if urlparse(r.request.url).scheme in ("file", "data", "about"):
                return r.continue_()
            outside.append(r.request.url)
            return r.abort()

        page.route("**/*", route)
        start = time.perf_counter()
        page.goto(path.as_uri(), timeout=timeout_s * 1000)
        page.wait_for_selector("body[data-ready='1']", timeout=timeout_s * 1000, state="attached")
        seen_ready = time.perf_counter() - start
        in_page = int(page.get_attribute("body", "data-ready-ms"))
        redraw = page.evaluate("""() => { const n = window.newskg.network, t = performance.now();
            for (let i = 0; i < 5; i++) n.redraw(); return (performance.now() - t) / 5; }""")
        scene = page.evaluate("""() => ({nodes: window.newskg.nodes.length,
            status: document.getElementById("status").textContent})""")
        group = page.evaluate("""() => { const d = window.newskg, drawn = +document.body.dataset.scene;
            const g = d.nodes.get({filter: n => String(n.id).startsWith("group:")})
                .sort((a, b) => b.value - a.value)[0];
            if (!g) return null;
            window.openedAt = performance.now();
            d.network.emit("click", {nodes: [g.id], edges: []});
            return [g.label, drawn + 1]; }""")
        opened = None
        if group:
            page.wait_for_selector(f"body[data-scene='{group[1]}']", state="attached")
            opened = (group[0], page.evaluate("performance.now() - window.openedAt") / 1000)
        start = time.perf_counter()
        page.fill("#search", "Person 1")
        page.click("#matches button")
        page.wait_for_selector("#panel:not([hidden]) h2")
        panel = time.perf_counter() - start
        heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")
        browser.close()
    return {"ready_in_page_s": in_page / 1000, "ready_seen_s": seen_ready, "redraw_ms": redraw,
            "scene": scene, "opened": opened,
            "search_to_panel_s": panel, "heap_mb": heap / 1e6, "outside": outside, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for the page")
    parser.add_argument("--keep", type=Path, help="write the page here instead of a temp file")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    ds = synthetic(args.nodes, args.edges)
    generated = time.perf_counter() - start
    data = view_data(ds)
    start = time.perf_counter()
    page = render_html(ds, title="view_bench")
    rendered = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size
        measured = open_page(path.resolve(), args.timeout)
    shown = sum(1 for e in data["edges"] if not e.get("hidden"))
    print(f"graph        {len(data['nodes'])} nodes, {len(data['edges'])} edges "
          f"({shown} shown, {len(data['edges']) - shown} 'mentionne' hidden), "
          f"{sum(1 for _ in ds.quads((None, None, None, None)))} quads; generated in {generated:.1f} s")
    print(f"render_html  {rendered:.2f} s")
    print(f"file size    {size / 1e6:.2f} MB")
    print(f"data-ready   {measured['ready_in_page_s']:.2f} s after navigation start "
          f"({measured['ready_seen_s']:.2f} s seen by the driver)")
    print(f"first scene  {measured['scene']['nodes']} nodes drawn: {measured['scene']['status']}")
    if measured["opened"]:
        print(f"open a group « {measured['opened'][0]} » laid out in {measured['opened'][1]:.2f} s")
    print(f"redraw       {measured['redraw_ms']:.0f} ms per full frame once ready")
    print(f"search→panel {measured['search_to_panel_s']:.2f} s; JS heap {measured['heap_mb']:.0f} MB")
    print(f"requests     {len(measured['outside'])} to other hosts")
    print(f"page errors  {len(measured['errors'])}" + "".join(f"\n  {e}" for e in measured["errors"][:5]))
    return 1 if measured["outside"] or measured["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
