"""Regenerate the screenshots under docs/ from the development corpus.

    .venv/bin/python docs/screenshots.py        (or `make screenshots`)

Builds tests/data/dev into a temporary folder, writes the report and the projection
pages of `kg analyze --html`, and photographs in headless Chromium (Debian's, driven by
Playwright, every request to another host refused): the explorer (its overview at the
default zoom, a search, a country and a threat, a period, an 800×600 window, a FOAF
graph, the aggregated overview of a synthetic 50,000-node graph and one of its groups
opened), the report and the co-attendance network.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"
KG = [sys.executable, "-m", "kg"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def local_only(route) -> None:
    if route.request.url.split(":", 1)[0] in ("file", "data", "about"):
        route.continue_()
    else:
        route.abort()


def shoot(browser, page_file: Path, png: Path, *, full_page: bool, wait,
          size: tuple[int, int] = (1280, 800)) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.route("**/*", local_only)
    page.goto(page_file.as_uri())
    wait(page)
    page.screenshot(path=str(png), full_page=full_page)
    page.close()
    print(f"wrote {png.relative_to(ROOT)}")


def focus_on_a_minister(page) -> None:
    """Search a name, pick it, and open its panel as a user would."""
    ready(page)
    page.fill("#search", "Darmanin")
    page.locator("#matches button").first.click()
    page.wait_for_timeout(1500)  # the focus animation


def filter_country_and_threat(page) -> None:
    ready(page)
    page.select_option("#country", label="Allemagne")
    page.select_option("#threat", label="terrorisme")
    page.wait_for_timeout(800)


def choose_a_period(page) -> None:
    ready(page)
    page.fill("#from", "2015-01")
    page.fill("#to", "2016-12")
    page.wait_for_timeout(800)


def ready(page) -> None:
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)


def open_a_group(page) -> None:
    """Click the biggest group of people with a country, as a user would."""
    ready(page)
    point = page.evaluate("""() => { const n = window.newskg.network;
        const group = window.newskg.nodes.get({filter: g => String(g.id).startsWith("group:Person:")
            && !g.id.endsWith(":autres")}).sort((a, b) => b.value - a.value)[0];
        return n.canvasToDOM(n.getPositions([group.id])[group.id]); }""")
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("body[data-scene='2']", state="attached", timeout=60_000)
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 5)  # no tooltip in the picture
    page.wait_for_timeout(300)


def big_graph(path: Path) -> Path:
    """The view benchmark's synthetic graph: 50,000 nodes, 100,000 links asked for."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from view_bench import synthetic

    from kg.view import render_page

    path.write_bytes(render_page(synthetic(50_000, 100_000), title="50 000 nœuds (synthétiques)"))
    return path


def foaf_graph(path: Path) -> Path:
    """A small FOAF graph, as a foreign user's data would be."""
    from rdflib import RDF, Graph, Literal, Namespace
    from rdflib.namespace import FOAF, SDO

    ex = Namespace("http://example.org/")
    g = Graph()
    people = ["Alice Martin", "Bruno Keller", "Chloé Durand", "David Moreau", "Emma Lambert"]
    for i, name in enumerate(people):
        node = ex[f"p{i}"]
        g.add((node, RDF.type, FOAF.Person))
        g.add((node, FOAF.name, Literal(name)))
        g.add((node, FOAF.knows, ex[f"p{(i + 1) % len(people)}"]))
        g.add((node, SDO.worksFor, ex[f"org{i % 2}"]))
    for i, name in enumerate(["Atelier Nord", "Coopérative Sud"]):
        g.add((ex[f"org{i}"], RDF.type, SDO.Organization))
        g.add((ex[f"org{i}"], SDO.name, Literal(name)))
    g.serialize(path, format="turtle")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run([*KG, "build", str(DEV), "--out", str(out / "dev")], check=True)
        subprocess.run([*KG, "report", str(out / "dev" / "graph.trig"),
                        "--out", str(out / "report"), "--title", "Corpus de développement"],
                       check=True)
        subprocess.run([*KG, "analyze", str(out / "dev" / "graph.trig"), "--html",
                        str(out / "networks")], check=True, stdout=subprocess.DEVNULL)
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            shoot(browser, out / "dev" / "graph.html", ROOT / "docs" / "explorer-overview.png",
                  full_page=False, wait=ready)
            shoot(browser, out / "dev" / "graph.html", ROOT / "docs" / "explorer.png",
                  full_page=False, wait=focus_on_a_minister)
            shoot(browser, out / "dev" / "graph.html", ROOT / "docs" / "explorer-filter.png",
                  full_page=False, wait=filter_country_and_threat)
            shoot(browser, out / "dev" / "graph.html", ROOT / "docs" / "explorer-period.png",
                  full_page=False, wait=choose_a_period)
            shoot(browser, out / "dev" / "graph.html", ROOT / "docs" / "explorer-800x600.png",
                  full_page=False, wait=focus_on_a_minister, size=(800, 600))
            subprocess.run([*KG, "view", str(foaf_graph(out / "foaf.ttl")), "--out",
                            str(out / "foaf.html"), "--title", "Un graphe FOAF"], check=True)
            shoot(browser, out / "foaf.html", ROOT / "docs" / "explorer-foaf.png",
                  full_page=False, wait=ready)
            big = big_graph(out / "big.html")
            shoot(browser, big, ROOT / "docs" / "explorer-50000.png", full_page=False, wait=ready)
            shoot(browser, big, ROOT / "docs" / "explorer-50000-group.png", full_page=False,
                  wait=open_a_group)
            shoot(browser, out / "report" / "report.html", ROOT / "docs" / "report.png",
                  full_page=True,
                  wait=lambda page: page.wait_for_function(
                      "[...document.images].every(i => i.complete && i.naturalWidth > 0)"))
            shoot(browser, out / "networks" / "coattendance.html", ROOT / "docs" / "networks.png",
                  full_page=False, wait=ready)
            browser.close()


if __name__ == "__main__":
    main()
