"""Pushing to, and serving from, a real Oxigraph server on 127.0.0.1."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.articles import read_articles
from kg.build import build_dataset
from kg.pipeline import build, extract_all
from kg.remote import RemoteError, oxigraph_command, push
from kg.vocab import KGR

pytestmark = pytest.mark.model

DEV_DIR = Path(__file__).parent / "data" / "dev"
DEV = sorted(DEV_DIR.glob("*.txt"))[:10]  # the ten first dev articles: a corpus for plumbing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


def count(base: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = urllib.request.Request(f"{base}/query", data=query.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def server(tmp_path):
    port = free_port()
    process = subprocess.Popen(oxigraph_command(tmp_path / "remote", "127.0.0.1", port),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def dev():
    return build_dataset(extract_all(read_articles(DEV)))


def test_push_is_idempotent(server, dev):
    quads = len(set(dev.quads((None, None, None, None))))
    assert push(dev, server + "/store") == 10
    assert count(server) == quads
    push(dev, server + "/store")
    assert count(server) == quads


def test_refusal_is_a_clear_error(server, dev):
    with pytest.raises(RemoteError, match=r"refused with HTTP 4\d\d"):
        push(dev, server + "/no-such-service")


def test_unreachable_store(dev):
    with pytest.raises(RemoteError, match="cannot reach the store"):
        push(dev, f"http://127.0.0.1:{free_port()}/store")


def test_kg_serve_answers_sparql_over_http(tmp_path):
    build(DEV, store=tmp_path / "store")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store",
                                str(tmp_path / "store"), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        query = urllib.parse.quote("SELECT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> "
                                   "\"Gérald Darmanin\"@fr }")
        request = urllib.request.Request(f"{base}/query?query={query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            found = json.load(response)["results"]["bindings"]
        # the merged graph: one row, though two articles name him
        assert [b["p"]["value"] for b in found] == [str(KGR["person/gerald-darmanin"])]
    finally:
        process.terminate()
        process.wait(10)
