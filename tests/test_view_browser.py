"""The HTML view in a real browser: headless Debian Chromium driven by Playwright.

Nothing here is skipped: without Playwright or Chromium these tests fail and say how to
get them (`make test` installs both). Every page is opened with all requests routed: the
page itself (file:) and data: URLs go through, anything else is aborted and recorded.
"""
from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kg.build import build_dataset
from kg.types import Article, Fact, Node
from kg.view import render_html

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL = ("file", "data", "about")
HOSTILE = ["</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
           "javascript:alert(1)"]


def chromium_path() -> str:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        pytest.fail("Chromium is missing: `make chromium` installs Debian's chromium "
                    "(the browser tests never download one)", pytrace=False)
    return found


@contextmanager
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: `make test` installs it with the test extra "
                    "(.venv/bin/pip install -e '.[test]')", pytrace=False)
    executable = chromium_path()
    with sync_playwright() as p:
        opened = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield opened
        finally:
            opened.close()


class Visit:
    """A page opened with recorders for dialogs, script errors and outside requests."""

    def __init__(self, browser, path: Path) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page = page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: m.type in ("error", "warning") and
                self.errors.append(f"console.{m.type}: {m.text}"))
        page.route("**/*", self._route)
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        if urlparse(route.request.url).scheme in LOCAL:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def search(self, text: str, label: str) -> None:
        """Type in the search box and pick the match whose name is `label`."""
        self.page.fill("#search", text)
        matches = self.page.locator("#matches button")
        names = [b.evaluate("b => b.firstChild.textContent") for b in matches.all()]
        assert label in names, (text, names)
        matches.nth(names.index(label)).click()

    def node_id(self, label: str) -> str:
        ids = self.page.evaluate(
            "l => window.newskg.nodes.get({filter: n => n.label === l}).map(n => n.id)", label)
        assert len(ids) == 1, (label, ids)
        return ids[0]

    def click_node(self, node_id: str) -> None:
        """Click the canvas where the node is drawn, as a user would."""
        self.page.wait_for_timeout(500)  # let the focus animation end
        point = self.page.evaluate("""id => { const n = window.newskg.network;
            return n.canvasToDOM(n.getPositions([id])[id]); }""", node_id)
        box = self.page.locator("#graph canvas").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def shown(self) -> list[str]:
        """The labels of the nodes on display, sorted."""
        return sorted(self.page.evaluate(
            "window.newskg.nodes.get({filter: n => !n.hidden}).map(n => n.label)"))

    def labels(self) -> tuple[int, list]:
        """How many labels are drawn at a readable size (12 px or more on screen), and the
        pairs of them that overlap, as vis-network drew them."""
        return self.page.evaluate("""() => { const n = window.newskg.network, scale = n.getScale();
            const drawn = Object.values(n.body.nodes).filter(x => !x.options.hidden
                && x.options.font.size * scale >= 12).map(x => [x.options.label,
                {...x.labelModule.size, top: x.labelModule.size.top + (x.options.font.vadjust || 0)}]);
            const pairs = [];
            drawn.forEach(([a, p], i) => drawn.slice(i + 1).forEach(([b, q]) => {
                if (p.left < q.left + q.width - 1 && q.left < p.left + p.width - 1 &&
                    p.top < q.top + q.height - 1 && q.top < p.top + p.height - 1) pairs.push([a, b]); }));
            return [drawn.length, pairs]; }""")

    def panel_title(self) -> str:
        return self.page.locator("#panel h2").evaluate("h => h.firstChild.textContent")

    def assert_clean(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


# --- hostile labels ---------------------------------------------------------------------

ROLE = Node("role", "FR/ministre-interieur", "ministre de l'Intérieur")


def hostile_results() -> list[tuple[Article, list[Fact]]]:
    """Three persons named with HTML/JS payloads, each in an article whose id and
    sentence are hostile too."""
    results = []
    for i, name in enumerate(HOSTILE):
        person = Node("person", f"p{i}", name)
        text = f"{name} est ministre de l'Intérieur. Fin."
        end = text.index(" Fin")
        results.append((Article(f"a{i}-<b>{name}", text), [Fact(person, "holdsRole", ROLE, 0, end)]))
    return results


def test_hostile_labels_stay_text(tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render_html(build_dataset(hostile_results()), title=HOSTILE[1]), encoding="utf-8")
    with browser() as b:
        visit = Visit(b, path)
        page = visit.page
        labels = page.evaluate("window.newskg.nodes.get().map(n => n.label)")
        assert set(HOSTILE) <= set(labels)
        for i, name in enumerate(HOSTILE):
            visit.search("alert(1)", name)
            assert page.is_visible("#panel")
            assert visit.panel_title() == name
            panel = page.inner_text("#panel")
            assert f"{name} est ministre de l'Intérieur." in panel  # the sentence, as text
            assert f"a{i}-<b>{name}" in panel  # the article id, as text
            visit.page.click("#panel button.close")
            visit.click_node(visit.node_id(name))  # and through a click on the canvas
            assert page.is_visible("#panel") and visit.panel_title() == name
        # Nothing the labels contain became markup.
        assert page.locator("img, a, iframe, object, embed, #panel script, #panel b").count() == 0
        assert page.locator("script").count() == 3
        assert page.title() == HOSTILE[1]
        visit.assert_clean()


# --- the seed article, built through the real pipeline ---------------------------------

SEED_PERSONS = ["Alexander De Croo", "Jean Castex", "Gérald Darmanin", "Eric Dupond-Moretti",
                "Florence Parly", "Clément Beaune", "Sammy Mahdi"]


@pytest.mark.model
def test_seed_page(tmp_path):
    from kg.pipeline import build

    build([ROOT / "seeds"], tmp_path)
    with browser() as b:
        visit = Visit(b, tmp_path / "graph.html")
        page = visit.page
        persons = page.evaluate(
            "window.newskg.nodes.get({filter: n => n.kgClass === 'Person'}).map(n => n.label)")
        assert set(SEED_PERSONS) <= set(persons), persons

        # At the default zoom, labels are drawn at a readable size on screen (13 px).
        sizes = page.evaluate("""() => { const n = window.newskg.network;
            return Object.values(n.body.nodes).filter(x => !x.options.hidden)
                .map(x => x.options.font.size * n.getScale()); }""")
        assert sizes and min(sizes) >= 12, sizes
        assert visit.labels()[1] == []  # and none covers another

        visit.search("Darmanin", "Gérald Darmanin")
        darmanin = visit.node_id("Gérald Darmanin")
        assert page.evaluate("window.newskg.network.getSelectedNodes()") == [darmanin]
        page.click("#panel button.close")
        assert not page.is_visible("#panel")
        visit.click_node(darmanin)
        assert page.is_visible("#panel") and visit.panel_title() == "Gérald Darmanin"
        facts = page.locator("#panel li.fact").all_inner_texts()
        [holds] = [f for f in facts if "occupe le poste" in f]
        assert "ministre de l'Intérieur" in holds
        assert "Gérald Darmanin" in holds.split("occupe le poste", 1)[1], (
            "no source sentence in the panel: graph.html must be rendered from the build's "
            f"per-article Dataset, which holds the provenance records; panel says {holds!r}")
        assert "000_40aae90e35fefa69" in holds  # the article
        page.screenshot(path=tmp_path / "seed-panel.png")

        # The overview draws his post as a labelled link to his country, without the post,
        # ministry and article nodes; the full view shows them instead of the link.
        links = """l => { const by = new Map(window.newskg.nodes.get().map(n => [n.id, n.label]));
            return window.newskg.edges.get({filter: e => !e.hidden}).map(
                e => [by.get(e.from), e.label, by.get(e.to)]); }"""
        overview = visit.shown()
        assert "ministre de l'Intérieur" not in overview and "Ministère de l'Intérieur" not in overview
        assert ["Gérald Darmanin", "ministre de l'Intérieur", "France"] in page.evaluate(links, None)
        total = page.evaluate("window.newskg.data.nodes.length")
        assert len(overview) < total
        page.check("#full")
        assert len(visit.shown()) == total
        assert ["Gérald Darmanin", "occupe le poste", "ministre de l'Intérieur"] in page.evaluate(links, None)
        assert ["Gérald Darmanin", "ministre de l'Intérieur", "France"] not in page.evaluate(links, None)
        page.uncheck("#full")

        # The neighbourhood button keeps the node and its neighbours only; reset shows all.
        page.click("#panel button.neighbourhood")  # Darmanin's panel is still open
        near = visit.shown()
        assert "Gérald Darmanin" in near and "France" in near and len(near) < len(overview)
        page.click("#reset")
        assert visit.shown() == overview

        # Filters: a country or threat keeps what lies within 2 hops of it (Frontex is
        # only mentioned, so never); unticking a class hides that class.
        page.select_option("#country", label="France")
        assert "Gérald Darmanin" in visit.shown()  # France <- post <- Darmanin
        assert "Frontex" not in visit.shown()
        page.uncheck("#legend input[data-class='Person']")
        assert "Gérald Darmanin" not in visit.shown() and "France" in visit.shown()
        page.click("#reset")
        page.select_option("#threat", label="djihadisme")
        assert "Jean Castex" in visit.shown()  # djihadisme <- meeting <- Castex
        assert "Frontex" not in visit.shown()
        page.click("#reset")
        assert visit.shown() == overview
        visit.assert_clean()


# --- kg analyze --html ------------------------------------------------------------------

def test_projection_pages_open_offline(small_graph, tmp_path):
    from kg.network_pages import write_pages

    pages = write_pages(small_graph, tmp_path / "net")
    with browser() as b:
        for page in pages[:-1]:
            visit = Visit(b, page)
            drawn = visit.page.evaluate("window.newskgProjection.network.body.data.nodes.length")
            assert drawn == len(visit.page.evaluate("window.newskgProjection.data.nodes")) > 0
            assert visit.page.locator("script").count() == 3
            visit.assert_clean()  # no request, no script error
            visit.page.close()
        index = b.new_page()
        outside: list[str] = []
        index.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).scheme
                    in LOCAL else (outside.append(route.request.url), route.abort()))
        index.goto(pages[-1].as_uri())
        index.click("text=coattendance")
        index.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        assert outside == []


# --- a foreign graph ----------------------------------------------------------------------

def test_a_foaf_graph_shows_its_names_and_classes_and_no_filter_that_cannot_apply(tmp_path):
    from rdflib import RDF, Graph, Literal, Namespace
    from rdflib.namespace import FOAF

    ex = Namespace("http://example.org/")
    g = Graph()
    for who, name in (("alice", "Alice"), ("bob", "Bob"), ("carol", "Carol")):
        g.add((ex[who], RDF.type, FOAF.Person))
        g.add((ex[who], FOAF.name, Literal(name)))
    g.add((ex.alice, FOAF.knows, ex.bob))
    g.add((ex.bob, FOAF.knows, ex.carol))
    path = tmp_path / "foaf.html"
    path.write_text(render_html(g, title="FOAF"), encoding="utf-8")
    with browser() as b:
        visit = Visit(b, path)
        page = visit.page
        labels = page.evaluate("window.newskg.nodes.get().map(n => n.label)")
        assert sorted(labels) == ["Alice", "Bob", "Carol"]
        assert page.inner_text("#legend").split() == ["Person", "(3)"]
        for control in ("#country", "#threat", "#quiet", "#period", "#full"):
            assert not page.is_visible(control), control
        visit.search("bo", "Bob")
        assert visit.panel_title() == "Bob"
        page.screenshot(path=tmp_path / "foaf.png")
        visit.assert_clean()


# --- small windows ------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("size", [(800, 600), (390, 800), (1400, 900)])
def test_the_panel_never_hides_the_chosen_node(tmp_path, size):
    from kg.pipeline import build

    build([ROOT / "seeds"], tmp_path)
    with browser() as b:
        visit = Visit(b, tmp_path / "graph.html")
        page = visit.page
        page.set_viewport_size({"width": size[0], "height": size[1]})
        visit.search("Darmanin", "Gérald Darmanin")
        page.wait_for_timeout(600)  # the focus animation
        darmanin = visit.node_id("Gérald Darmanin")
        point = page.evaluate("""id => { const n = window.newskg.network;
            return n.canvasToDOM(n.getPositions([id])[id]); }""", darmanin)
        canvas = page.locator("#graph canvas").bounding_box()
        x, y = canvas["x"] + point["x"], canvas["y"] + point["y"]
        assert 0 <= x <= size[0] and 0 <= y <= size[1], (x, y)
        for box in ("#panel", "#controls"):
            r = page.locator(box).bounding_box()
            inside = r["x"] <= x <= r["x"] + r["width"] and r["y"] <= y <= r["y"] + r["height"]
            assert not inside, (box, x, y, r)
        page.screenshot(path=tmp_path / f"panel-{size[0]}x{size[1]}.png")
        visit.assert_clean()


# --- filters that keep the story -------------------------------------------------------------

def page_of(graph, tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(render_html(graph), encoding="utf-8")
    return path


def test_a_country_and_a_threat_keep_the_meetings_that_connect_them(small_graph, tmp_path):
    with browser() as b:
        visit = Visit(b, page_of(small_graph, tmp_path))
        page = visit.page
        page.select_option("#country", label="BE")
        page.select_option("#threat", label="terrorisme")
        assert visit.shown() == sorted([
            "BE", "terrorisme", "Réunion à Bruxelles (2021-12)", "Réunion à Paris (2023-05-05)",
            "Alexander De Croo", "Emmanuel Macron", "Gérald Darmanin", "Bruxelles", "Paris"])
        status = page.inner_text("#status")
        assert "BE · terrorisme : 2 réunion(s), 3 personne(s)" in status, status
        # Every node kept is linked to the story: no stranded node.
        stranded = page.evaluate("""() => { const d = window.newskg;
            const shown = new Set(d.nodes.get({filter: n => !n.hidden}).map(n => n.id));
            const linked = new Set(d.edges.get({filter: e => !e.hidden && shown.has(e.from)
                && shown.has(e.to)}).flatMap(e => [e.from, e.to]));
            return [...shown].filter(id => !linked.has(id)); }""")
        assert stranded == []
        page.select_option("#country", label="NL")  # the Netherlands met about drugs only
        assert visit.shown() == ["NL", "terrorisme"]
        assert "0 réunion(s)" in page.inner_text("#status")
        page.click("#reset")
        visit.assert_clean()


def test_a_period_keeps_its_meetings_and_what_they_link(small_graph, tmp_path):
    with browser() as b:
        visit = Visit(b, page_of(small_graph, tmp_path))
        page = visit.page
        assert page.get_attribute("#from", "min") == "2016-01"
        assert page.get_attribute("#to", "max") == "2023-05"
        page.fill("#from", "2023-01")
        page.fill("#to", "2023-12")
        kept = visit.shown()
        assert {"Sommet à Anvers (2023-02-17)", "Réunion à Paris (2023-05-05)", "Mark Rutte",
                "Alexander De Croo", "Gérald Darmanin"} <= set(kept)
        assert not {"Conseil à Berlin (2016)", "Réunion à Bruxelles (2021-12)", "Olaf Scholz",
                    "Emmanuel Macron"} & set(kept)
        assert "réunions depuis 2023-01 jusqu'à 2023-12 : 2" in page.inner_text("#status")
        page.fill("#from", "2016-06")  # "2016" is the whole year: it overlaps
        page.fill("#to", "2016-06")
        assert "Conseil à Berlin (2016)" in visit.shown()
        page.click("#reset")
        assert page.input_value("#from") == ""
        visit.assert_clean()


# --- a big graph: a scene at a time ----------------------------------------------------------

THREATS = ["Terrorism", "CyberThreat", "DrugTrafficking", "Espionage", "HybridThreat"]


@pytest.fixture(scope="module")
def big_graph():
    """2,805 nodes, past the page's `big` mark: 24 countries of 40 office holders each (a
    post apiece), 400 meetings over 36 months (2022-01 to 2024-12; the first four months
    get 12, the others 11) and one more, alone in 2021-06, each between two countries,
    about one of five threats, held in one of 30 cities, attended by one holder from each
    country; an article per meeting."""
    from kg.types import Date

    countries = [Node("country", "X" + chr(65 + i), f"Pays {chr(65 + i)}") for i in range(24)]
    holders = [[Node("person", f"p-{chr(97 + c)}-{j}", f"Personne {chr(65 + c)}{j}") for j in range(40)]
               for c in range(24)]
    results = []
    for c, country in enumerate(countries):
        facts = []
        for j, person in enumerate(holders[c]):
            role = Node("role", f"{country.key}/ministre-{j}", f"ministre {j}")
            facts += [Fact(person, "holdsRole", role), Fact(role, "ofCountry", country)]
        results.append((Article(f"b{c}", "Les ministres."), facts))
    for i in range(401):
        month = i % 36
        date = f"{2022 + month // 12}-{month % 12 + 1:02d}-{i % 28 + 1:02d}" if i < 400 else "2021-06-15"
        a, b = i % 24, (7 * i + 1) % 24
        b = b if b != a else (a + 1) % 24
        meeting = Node("meeting", f"reunion-{i}", f"Réunion {i}")
        facts = [Fact(meeting, "date", Date(date)), Fact(meeting, "ofCountry", countries[a]),
                 Fact(meeting, "ofCountry", countries[b]),
                 Fact(meeting, "concerns", Node("threat", THREATS[i % 5], THREATS[i % 5])),
                 Fact(meeting, "heldIn", Node("place", f"ville-{i % 30}", f"Ville {i % 30}")),
                 Fact(holders[a][i % 40], "attends", meeting),
                 Fact(holders[b][(3 * i) % 40], "attends", meeting)]
        results.append((Article(f"a{i}", f"Réunion {i}.", date), facts))
    return build_dataset(results)


def scene(visit: Visit, n: int) -> dict:
    """Wait for the n-th scene to be laid out; its node labels, and its links by their ends'
    labels with the number of the graph's links each stands for."""
    visit.page.wait_for_selector(f"body[data-scene='{n}']", state="attached", timeout=60_000)
    return visit.page.evaluate("""() => { const d = window.newskg;
        const label = new Map(d.nodes.get().map(n => [n.id, n.label]));
        return {nodes: [...label.values()].sort(), links: d.edges.get().map(
            e => [label.get(e.from), label.get(e.to), e.value || 1])}; }""")


def test_a_big_graph_opens_on_groups_that_open_into_detail(big_graph, tmp_path):
    with browser() as b:
        visit = Visit(b, page_of(big_graph, tmp_path))
        page = visit.page
        overview = scene(visit, 1)
        # The few (countries, threats, cities) node by node, and the 40 most connected of the
        # rest (meetings: six links each); the others in groups: holders by country,
        # meetings by month, save the one alone in its month (a group of one is its member).
        assert "vue d'ensemble : 60 groupes et 100 nœuds seuls" in page.inner_text("#status")
        assert len(overview["nodes"]) == 160
        assert {f"Pays {chr(65 + i)}" for i in range(24)} | {"Ville 7", "Personne · Pays D (40)"} \
            <= set(overview["nodes"])
        alone = [n for n in overview["nodes"] if re.fullmatch(r"Réunion \d+", n)]
        months = {m[1]: int(m[2]) for n in overview["nodes"]
                  if (m := re.fullmatch(r"Réunion · (\d{4}-\d\d) \((\d+)\)", n))}
        assert len(alone) == 41 and "Réunion 400" in alone
        assert len(months) == 36 and sum(months.values()) == 400 - 40
        # Labels are drawn where they fit without covering one another.
        readable, overlapping = visit.labels()
        assert readable >= 60 and overlapping == [], (readable, overlapping)
        # A group's link to its country stands for its 40 posts; every node drawn is linked.
        assert ["Personne · Pays D (40)", "Pays D", 40] in overview["links"]
        linked = {end for link in overview["links"] for end in link[:2]}
        assert linked == set(overview["nodes"])

        # A click on a group opens it: its members, what they link to, and its panel.
        group = page.evaluate("() => window.newskg.nodes.get().find(n => n.label.startsWith('Personne · Pays D')).id")
        visit.click_node(group)
        detail = scene(visit, 2)
        assert visit.panel_title() == "Personne · Pays D"
        assert page.locator("#panel li.fact button.link").count() == 40
        assert "groupe « Personne · Pays D » : ses 40 membres" in page.inner_text("#status")
        assert {f"Personne D{j}" for j in range(40)} | {"Pays D"} <= set(detail["nodes"])
        assert len(detail["nodes"]) <= 300 and not any("(" in n for n in detail["nodes"])
        # The scene is fitted into what the panel leaves free: no node under it.
        under = page.evaluate("""() => { const n = window.newskg.network;
            const canvas = document.querySelector("#graph canvas").getBoundingClientRect();
            const panel = document.getElementById("panel").getBoundingClientRect();
            return Object.values(n.getPositions()).map(p => n.canvasToDOM(p))
                .map(p => [canvas.left + p.x, canvas.top + p.y])
                .filter(([x, y]) => x >= panel.left && x <= panel.right && y >= panel.top && y <= panel.bottom)
                .length; }""")
        assert under == 0

        # A member chosen from the panel: straight to its neighbourhood, panel focused.
        page.locator("#panel button.link", has_text="Personne D3").first.click()
        near = scene(visit, 3)
        assert visit.panel_title() == "Personne D3"
        assert page.evaluate("document.activeElement.tagName") == "H2"
        assert "Pays D" in near["nodes"] and "Personne D3" in near["nodes"]
        meetings = [n for n in near["nodes"] if n.startswith("Réunion")]
        assert meetings and len(near["nodes"]) == 2 + len(meetings)

        # Search goes there too, from anywhere; "Tout afficher" goes back to the overview.
        visit.search("Personne K1", "Personne K17")
        assert "Personne K17" in scene(visit, 4)["nodes"]
        page.click("#reset")
        assert scene(visit, 5)["nodes"] == overview["nodes"]

        # The search finds the groups on display too: the keyboard can open them.
        page.fill("#search", "Personne · Pays K")
        matches = page.evaluate("""() => [...document.querySelectorAll("#matches button")].map(
            b => [b.firstChild.textContent, b.querySelector(".kind").textContent])""")
        assert matches == [["Personne · Pays K", "groupe de 40"]]
        page.keyboard.press("Enter")
        assert "Personne K17" in scene(visit, 6)["nodes"]
        assert visit.panel_title() == "Personne · Pays K"
        visit.assert_clean()


def test_a_big_graph_filtered_to_a_story_or_a_period_is_drawn_node_by_node(big_graph, tmp_path):
    with browser() as b:
        visit = Visit(b, page_of(big_graph, tmp_path))
        page = visit.page
        scene(visit, 1)
        page.select_option("#country", label="Pays D")
        page.select_option("#threat", label="terrorisme")
        story = scene(visit, 3)
        meetings = [n for n in story["nodes"] if n.startswith("Réunion")]
        assert meetings and not any("(" in n for n in story["nodes"])
        assert f"Pays D · terrorisme : {len(meetings)} réunion(s)" in page.inner_text("#status")
        linked = {end for link in story["links"] for end in link[:2]}
        assert linked == set(story["nodes"])
        page.click("#reset")
        scene(visit, 4)
        page.fill("#from", "2023-04")
        page.fill("#to", "2023-04")
        april = scene(visit, 6)
        assert sorted(n for n in april["nodes"] if n.startswith("Réunion")) == sorted(
            f"Réunion {i}" for i in range(400) if i % 36 == 15)
        visit.assert_clean()


# --- the keyboard ---------------------------------------------------------------------------

def test_the_keyboard_alone_walks_the_graph(small_graph, tmp_path):
    with browser() as b:
        visit = Visit(b, page_of(small_graph, tmp_path))
        page = visit.page
        active = "() => document.activeElement.id || document.activeElement.textContent"
        page.keyboard.press("/")
        assert page.evaluate(active) == "search"
        page.keyboard.type("r")  # Rutte, Réunion…, terrorisme, …: several matches
        page.keyboard.press("ArrowDown")
        first = page.evaluate(active)
        page.keyboard.press("ArrowDown")
        second = page.evaluate(active)
        assert first != second and page.evaluate("document.activeElement.closest('#matches') !== null")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        assert page.evaluate(active) == "search"
        page.fill("#search", "Darmanin")
        page.keyboard.press("Enter")
        assert visit.panel_title() == "Gérald Darmanin"
        assert page.evaluate("document.activeElement.tagName") == "H2"  # the panel has the focus
        # Tab reaches the other ends of his facts; Enter on one opens its panel.
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('link')"):
                break
        target = page.evaluate("document.activeElement.textContent")
        page.keyboard.press("Enter")
        assert visit.panel_title() == target != "Gérald Darmanin"
        page.keyboard.press("Escape")
        assert not page.is_visible("#panel") and page.evaluate(active) == "search"
        # The graph itself takes the focus; then the arrow keys pan it.
        assert page.get_attribute("#graph", "aria-label")
        page.focus("#graph .vis-network")
        before = page.evaluate("window.newskg.network.getViewPosition()")
        page.keyboard.down("ArrowRight")
        page.wait_for_timeout(300)
        page.keyboard.up("ArrowRight")
        assert page.evaluate("window.newskg.network.getViewPosition()")["x"] != before["x"]
        # Every control is labelled.
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select')].filter(
            e => !e.labels.length && !e.getAttribute('aria-label')).map(e => e.id)""")
        assert unlabelled == []
        visit.assert_clean()
