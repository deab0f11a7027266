"""The persistent store: incremental builds, idempotence, merging, crash safety."""
from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS
from rdflib.compare import isomorphic

from kg.articles import read_articles
from kg.build import build_dataset
from kg.pipeline import build, extract_all
from kg.store import GraphStore, union_graph
from kg.store import load as load_file
from kg.vocab import KGO, KGR

pytestmark = pytest.mark.model

HERE = Path(__file__).parent
DEV_DIR = HERE / "data" / "dev"
DEV = sorted(DEV_DIR.glob("*.txt"))[:10]  # the ten first dev articles: a corpus for plumbing
SEEDS = HERE.parent / "seeds"


@pytest.fixture(scope="module")
def dev_at_once():
    return build_dataset(extract_all(read_articles(DEV)))


def test_one_article_at_a_time_gives_the_graph_built_at_once(tmp_path, dev_at_once):
    for path in DEV:
        build([path], store=tmp_path / "store")
    store = GraphStore(tmp_path / "store")
    assert isomorphic(union_graph(store.dataset()), union_graph(dev_at_once))
    assert store.articles() == sorted(str(g.identifier) for g in dev_at_once.graphs() if len(g))


def test_rebuilding_an_article_replaces_it(tmp_path):
    build(DEV, store=tmp_path / "store")
    with GraphStore(tmp_path / "store") as store:
        before = len(store)
    build([DEV_DIR / "006_calais-manche.txt"], store=tmp_path / "store")
    build(DEV, store=tmp_path / "store")
    with GraphStore(tmp_path / "store") as store:
        assert len(store) == before


def test_people_shared_by_articles_are_one_node(tmp_path):
    build([SEEDS, *DEV], store=tmp_path / "store")
    with GraphStore(tmp_path / "store") as store:
        g = union_graph(store.dataset())
    for person, name, count in (("gerald-darmanin", "Gérald Darmanin", 3),
                                ("charles-michel", "Charles Michel", 2),
                                ("alexander-de-croo", "Alexander De Croo", 3)):
        node = KGR[f"person/{person}"]
        assert len(set(g.subjects(KGO.mentions, node))) == count
        assert [str(label) for label in g.objects(node, RDFS.label)] == [name]
    persons = {str(label) for p in g.subjects(None, KGO.Person) for label in g.objects(p, RDFS.label)}
    assert len(persons) == len(set(g.subjects(None, KGO.Person)))  # one node per name


# A build that kills itself (SIGKILL, no clean-up) just after the store took its k-th
# article, or in the middle of writing its (k+1)-th.
_KILLED_BUILD = """
import os, signal, sys
import kg.store
from kg.cli import main

k, where = int(sys.argv[1]), sys.argv[2]
real_update, count = kg.store.GraphStore.replace_chunks, [0]

def replace_chunks(self, chunks):
    if count[0] == k:
        if where == "inside":  # the update runs in a thread while the process dies
            import threading
            threading.Timer(0.005, os.kill, (os.getpid(), signal.SIGKILL)).start()
            real_update(self, chunks)
        os.kill(os.getpid(), signal.SIGKILL)
    count[0] += 1
    return real_update(self, chunks)

kg.store.GraphStore.replace_chunks = replace_chunks
main(sys.argv[3:])
"""


def test_a_killed_build_leaves_whole_articles_only(tmp_path):
    reference = tmp_path / "reference"
    build([SEEDS], store=reference)
    build(DEV, store=reference)
    with GraphStore(reference) as store:
        whole = store.dataset()
    expected = {str(g.identifier): g for g in whole.graphs() if len(g)}
    store_dir = tmp_path / "store"
    build([SEEDS], store=store_dir)
    for k, where in ((3, "after"), (6, "inside")):
        run = subprocess.run([sys.executable, "-c", _KILLED_BUILD, str(k), where, "build",
                              *map(str, DEV), "--store", str(store_dir)], capture_output=True)
        assert run.returncode == -signal.SIGKILL
        with GraphStore(store_dir) as store:
            ds, articles = store.dataset(), store.articles()
        assert len(articles) >= 1 + k  # the seed and the k articles written before the kill
        for article in articles:
            if article in expected:
                assert isomorphic(ds.graph(article), expected[article]), article
        assert str(KGR["article/000_40aae90e35fefa69"]) in articles


def test_flushing_and_reopening_the_store_midway_changes_nothing(tmp_path, monkeypatch):
    import kg.store

    build(DEV[:5], store=tmp_path / "once")
    monkeypatch.setattr(kg.store, "FLUSH_EVERY", 1)   # flush after every article
    monkeypatch.setattr(kg.store, "REOPEN_EVERY", 2 * 200_000)  # and reopen every few
    build(DEV[:5], store=tmp_path / "often")
    with GraphStore(tmp_path / "once", read_only=True) as once, \
            GraphStore(tmp_path / "often", read_only=True) as often:
        assert once.articles() == often.articles()
        assert isomorphic(once.merged(), often.merged())
        assert isomorphic(union_graph(once.dataset()), union_graph(often.dataset()))


def test_canned_queries_run_in_the_store(tmp_path, capsys):
    from kg.cli import main

    build([SEEDS, *DEV], store=tmp_path / "store")
    assert main(["query", "--store", str(tmp_path / "store"), "mandates", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert any(r.startswith("Gérald Darmanin,ministre de l'Intérieur,FR,2021-11-28,2023-05-05,3")
               for r in rows), rows


def _normalized(result, text: str) -> list[tuple]:
    """Rows in order-free form: sorted, GROUP_CONCAT cells with their items sorted."""
    import re

    concat = dict((name, sep) for sep, name in
                  re.findall(r'GROUP_CONCAT\(.*?separator\s*=\s*"(.*?)"\)\s*AS\s*\?(\w+)', text))
    rows = []
    for row in result.rows:
        rows.append(tuple(sep.join(sorted(cell.split(sep))) if cell and (sep := concat.get(col))
                          else cell for col, cell in zip(result.columns, row)))
    return sorted(rows, key=repr)


def test_the_store_answers_every_canned_query_as_the_built_files(tmp_path):
    """The store's default graph is the merged graph: each triple once, however many
    articles state it (a union of the article graphs would repeat rows)."""
    from kg.query import canned_queries, run, run_store
    from kg.store import load

    build([SEEDS, *DEV], out=tmp_path / "out", store=tmp_path / "store")
    files = load(tmp_path / "out" / "graph.trig")
    params = {"name": "Gérald Darmanin", "threat": "terrorisme"}
    meeting = {"name": "Conseil à Bruxelles (2015-11-20)"}
    with GraphStore(tmp_path / "store") as store:
        assert isomorphic(store.merged(), union_graph(files))
        for name, text in canned_queries().items():
            bound = {k: v for k, v in (meeting if name == "meeting" else params).items()
                     if f"--param {k}=" in text}
            in_store = run_store(store, text, bound)
            assert in_store.rows, name
            assert _normalized(in_store, text) == _normalized(run(files, text, bound), text), name


def test_replacing_an_article_keeps_the_triples_other_articles_state(tmp_path):
    for path in DEV:
        build([path], store=tmp_path / "store")
    shorter = tmp_path / "edited" / "006_calais-manche.txt"  # same id, half the text
    shorter.parent.mkdir()
    text = (DEV_DIR / "006_calais-manche.txt").read_text(encoding="utf-8")
    shorter.write_text(text[:len(text) // 2], encoding="utf-8")
    with GraphStore(tmp_path / "store") as store:
        before = store.merged()
    build([shorter], store=tmp_path / "store")
    with GraphStore(tmp_path / "store") as store:
        after = store.merged()
        assert len(after) < len(before)
        assert isomorphic(after, union_graph(store.dataset()))
    build(DEV, store=tmp_path / "store")
    with GraphStore(tmp_path / "store") as store:
        assert isomorphic(store.merged(), before)


def test_a_store_of_article_graphs_only_gets_its_merged_graph_when_opened(tmp_path):
    import pyoxigraph

    build([SEEDS, *DEV], out=tmp_path / "out")
    raw = pyoxigraph.Store(str(tmp_path / "store"))
    raw.bulk_load(path=str(tmp_path / "out" / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    raw.flush()
    del raw
    with GraphStore(tmp_path / "store") as store:
        assert isomorphic(store.merged(), union_graph(load_file(tmp_path / "out" / "graph.trig")))


def test_an_unchanged_article_is_not_parsed_again(tmp_path, monkeypatch):
    import kg.pipeline

    store = tmp_path / "store"
    first = build(DEV[:3], store=store)
    assert (first.articles, first.unchanged) == (3, 0)
    parsed = []
    real = kg.pipeline.parse

    def counting(articles):
        for article, doc in real(articles):
            parsed.append(article.id)
            yield article, doc

    monkeypatch.setattr(kg.pipeline, "parse", counting)
    again = build(DEV[:3], store=store)
    assert (again.articles, again.unchanged, parsed) == (0, 3, [])
    edited = tmp_path / DEV[0].name
    edited.write_text(DEV[0].read_text(encoding="utf-8") + "\n\nUne phrase de plus.",
                      encoding="utf-8")
    third = build([edited, *DEV[1:3]], store=store)
    assert (third.articles, third.unchanged, parsed) == (1, 2, [DEV[0].stem])
    forced = build(DEV[1:3], store=store, reparse=True)
    assert forced.articles == 2


def test_removing_an_article_takes_its_facts_out_of_the_merged_graph(tmp_path, capsys):
    from kg.cli import main

    store = tmp_path / "store"
    build(DEV[:3], store=store)
    build(DEV[1:3], store=tmp_path / "without-first")
    assert main(["remove", "--store", str(store), DEV[0].stem]) == 0
    with GraphStore(store, read_only=True) as removed, \
            GraphStore(tmp_path / "without-first", read_only=True) as expected:
        assert removed.articles() == expected.articles()
        assert isomorphic(removed.merged(), expected.merged())
    assert main(["remove", "--store", str(store), "no-such-article"]) == 1
    assert "no article 'no-such-article'" in capsys.readouterr().err
    build(DEV[:1], store=store)  # and it comes back when built again
    with GraphStore(store, read_only=True) as back:
        assert len(back.articles()) == 3


def test_a_very_long_article_goes_in_as_quads_with_the_same_result(tmp_path, monkeypatch):
    import kg.store

    build(DEV[:4], store=tmp_path / "text")
    monkeypatch.setattr(kg.store, "BIG_CHUNK", 0)  # every article through the streaming path
    monkeypatch.setattr(kg.store, "BIG_BATCH", 7)  # in many transactions
    build(DEV[:4], store=tmp_path / "quads")
    build(DEV[:2], store=tmp_path / "quads", reparse=True)  # and replaced through it
    with GraphStore(tmp_path / "text", read_only=True) as text, \
            GraphStore(tmp_path / "quads", read_only=True) as quads:
        assert text.articles() == quads.articles()
        assert len(text) == len(quads)
        assert isomorphic(text.merged(), quads.merged())
