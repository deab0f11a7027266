"""Pushing to, and serving from, a real Oxigraph server on 127.0.0.1."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.articles import read_articles
from kg.build import build_dataset
from kg.errors import RemoteError, UsageError
from kg.pipeline import build, extract_all
from kg.remote import push
from kg.serve import oxigraph_command
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


# --- kg serve: safe by default -------------------------------------------------------------

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("served") / "store"
    build(DEV, store=store)
    return store


def start_serve(store: Path, *options: str):
    port = free_port()
    env = {**os.environ, "KG_SERVE_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store),
                                "--port", str(port), *options], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/query?query=ASK%7B%7D", process)
    return process, base


@pytest.fixture
def served(built_store):
    process, base = start_serve(built_store)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(10)


def call(url: str, body: str | None = None, kind: str = "query", **headers) -> tuple[int, str]:
    data = None if body is None else body.encode()
    request_headers = {"Accept": "application/sparql-results+json", **headers}
    if data is not None:
        request_headers.setdefault("Content-Type", f"application/sparql-{kind}")
    request = urllib.request.Request(url, data=data, headers=request_headers,
                                     method=headers.pop("method", None) or ("POST" if data else "GET"))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def rows(base: str, sparql: str) -> list[tuple]:
    from kg.build import PREFIXES

    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    prologue += "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    status, text = call(base + "/query", prologue + sparql)
    assert status == 200, text
    result = json.loads(text)
    names = result["head"]["vars"]
    return sorted((tuple(b.get(n, {}).get("value") for n in names)
                   for b in result["results"]["bindings"]), key=repr)


def test_a_served_store_refuses_writes_by_default(served):
    status, text = call(served + "/update", "DROP ALL", kind="update")
    assert status == 403 and "read-only" in text
    status, _ = call(served + "/store?default", "<a:s> <a:p> <a:o> .", method="PUT",
                     **{"Content-Type": "application/n-triples"})
    assert status == 403
    assert rows(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0][0] != "0"


def test_a_cross_origin_request_is_refused(served):
    for path, body, kind in (("/query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "query"),
                             ("/update", "DROP ALL", "update")):
        status, text = call(served + path, body, kind=kind, Origin="http://evil.example")
        assert status == 403 and "cross-origin" in text
    status, _ = call(served + "/query?query=ASK%7B%7D", **{"Sec-Fetch-Site": "cross-site"})
    assert status == 403


def test_service_is_refused(served):
    status, text = call(served + "/query",
                        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in text


def test_a_runaway_query_is_stopped(built_store):
    process, base = start_serve(built_store, "--timeout", "1")
    try:
        started = time.monotonic()
        status, text = call(base + "/query", "SELECT (COUNT(*) AS ?n) WHERE "
                            "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        assert time.monotonic() - started < 25
        assert status != 200 or "cancelled" in text or "timeout" in text.lower()
    finally:
        process.terminate()
        process.wait(10)


def test_kg_query_answers_while_the_store_is_served(served, built_store):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--store", str(built_store),
                           "persons", "--format", "csv"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Gérald Darmanin" in done.stdout


def test_writes_need_the_token_and_keep_the_merged_graph_in_step(tmp_path):
    store = tmp_path / "store"
    build(DEV, store=store)
    process, base = start_serve(store, "--writable")
    try:
        article = str(KGR[f"article/{DEV[0].stem}"])
        target = f"{base}/store?graph={urllib.parse.quote(article, safe='')}"
        facts = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}"
        own = set(rows(base, facts))
        merged_before = set(rows(base, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))
        assert own and own <= merged_before
        assert call(target, method="DELETE")[0] == 401
        assert call(target, method="DELETE", Authorization="Bearer wrong")[0] == 401
        assert call(target, method="DELETE", Authorization=f"Bearer {TOKEN}")[0] in (200, 204)
        others = set(rows(base, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"))
        merged_after = set(rows(base, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))
        assert merged_after == others  # the merged graph is the union of what is left
        assert own - others and not (own - others) & merged_after
    finally:
        process.terminate()
        process.wait(10)


def test_canned_queries_over_a_pushed_endpoint_equal_the_local_ones(server, built_store):
    from kg.query import canned_queries, run_store
    from kg.store import GraphStore

    done = subprocess.run([sys.executable, "-m", "kg.cli", "push", "--store", str(built_store),
                           "--endpoint", server + "/store", "--graph-per-article"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with GraphStore(built_store, read_only=True) as store:
        for name in ("roles", "attendance", "persons", "meetings", "mandates"):
            text = canned_queries()[name]
            local = sorted(run_store(store, text).rows, key=repr)
            assert local, name
            assert rows(server, text) == local, name


# --- push: bounded, one-line errors ----------------------------------------------------------

def _fake_server(answer: bytes | None):
    """A TCP server that answers every connection with `answer` (None: never answers)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held = []

    def run():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            if answer is not None:
                conn.sendall(answer)
                conn.settimeout(5)
                try:
                    while conn.recv(65536):  # read what the client sends, answered already
                        pass
                except OSError:
                    pass
                conn.close()

    threading.Thread(target=run, daemon=True).start()
    return listener, f"http://127.0.0.1:{listener.getsockname()[1]}/store"


def test_a_server_that_does_not_speak_http_is_one_clear_error(dev):
    listener, url = _fake_server(b"SSH-2.0-OpenSSH_9.2\r\n")
    try:
        with pytest.raises(RemoteError, match="not an HTTP answer"):
            push(dev, url, per_article=False)
    finally:
        listener.close()


def test_an_unresponsive_server_is_given_up_on_in_time(dev):
    listener, url = _fake_server(None)
    try:
        started = time.monotonic()
        with pytest.raises(RemoteError, match=r"no answer within 0\.5 s|took longer than"):
            push(dev, url, per_article=False, timeout=0.5, deadline=2)
        assert time.monotonic() - started < 10
    finally:
        listener.close()


def test_an_endpoint_that_is_not_a_url_is_a_usage_error(dev):
    with pytest.raises(UsageError, match="expected an http"):
        push(dev, "notaurl")


@pytest.mark.parametrize("command", [["push", "--store", "{typo}", "--endpoint", "http://127.0.0.1:9/store"],
                                     ["query", "--store", "{typo}", "roles"],
                                     ["export", "--store", "{typo}"]])
def test_a_missing_store_is_never_created_by_a_reader(tmp_path, command):
    typo = tmp_path / "typo"
    args = [a.replace("{typo}", str(typo)) for a in command]
    done = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [f"kg: error: {typo}: no such store "
                                                "(kg build --store creates one)"]
    assert not typo.exists()


def test_a_writer_waits_for_a_served_store_and_readers_do_not(tmp_path):
    store = tmp_path / "store"
    build(DEV[:2], store=store)
    process, _base = start_serve(store, "--writable")  # Oxigraph holds the store's lock
    try:
        read = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--store", str(store),
                               "persons", "--format", "csv"], capture_output=True, text=True)
        assert read.returncode == 0 and read.stdout.count("\n") > 1, read.stderr
        writer = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(DEV[2]),
                                   "--store", str(store)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        first = writer.stderr.readline()
        assert "in use by another process" in first and "waiting" in first
        assert writer.poll() is None  # still waiting, nothing parsed yet
    finally:
        process.terminate()
        process.wait(10)
    assert writer.wait(120) == 0
    assert "built 1" in writer.stderr.read()
