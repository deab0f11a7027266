"""The HTML report of a small hand-made graph: PNG charts, one offline file, rendered in Chromium."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kg.query import run
from kg.report import report_data, write_report

pytestmark = pytest.mark.browser

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
CHARTS = ["threats_per_month.png", "country_pairs.png", "central_persons.png",
          "meetings_timeline.png"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def dev(small_graph):
    return small_graph


@pytest.fixture(scope="module")
def report(dev, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return write_report(lambda q: run(dev, q), out, title="Corpus <dev> & co")


def test_charts_are_valid_pngs(report):
    from PIL import Image

    for name in CHARTS:
        data = (report.parent / name).read_bytes()
        assert data.startswith(PNG_MAGIC), name
        with Image.open(report.parent / name) as im:
            im.verify()
            assert im.size == (900, 500), name


def test_report_is_self_contained_and_escaped(report):
    html = report.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count('src="data:image/png;base64,') == len(CHARTS)
    assert "http://" not in html and "https://" not in html
    assert "Corpus &lt;dev&gt; &amp; co" in html and "<dev>" not in html
    assert "Alexander De Croo" in html and "BE–FR" in html


def test_report_data_on_a_small_graph(dev):
    data = report_data(dev)
    assert data["counts"]["meetings"] == 4 and data["counts"]["articles"] == 4
    assert data["country_pairs"][0][:2] == ("BE–FR", 2)
    assert sum(data["threats_per_month"]["2023-05"].values()) == 2
    assert "Conseil à Berlin (2016)" in data["year_only"]


def test_report_is_deterministic(dev, report, tmp_path):
    again = write_report(dev, tmp_path, title="Corpus <dev> & co")
    for name in ["report.html", *CHARTS]:
        assert (again.parent / name).read_bytes() == (report.parent / name).read_bytes(), name


def test_report_renders_offline_in_chromium(report, tmp_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: `make test` installs it with the test extra",
                    pytrace=False)
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Chromium is missing: `make chromium` installs Debian's chromium",
                    pytrace=False)
    outside: list[str] = []

    def route(r):
        if urlparse(r.request.url).scheme in ("file", "data"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.route("**/*", route)
            page.goto(report.as_uri())
            page.wait_for_load_state("load")
            widths = page.eval_on_selector_all(
                "img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert outside == []
    assert len(widths) == len(CHARTS) and all(w == 900 for w in widths), widths
    assert (tmp_path / "report.png").read_bytes().startswith(PNG_MAGIC)
