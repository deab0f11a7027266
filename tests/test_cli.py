"""The `kg` command as users run it: build, query, export, validate, errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph

from kg.cli import main, parser
from kg.store import load
from kg.vocab import KGO, KGR

SEEDS = Path(__file__).parent.parent / "seeds"


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_every_command_has_help():
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.description, f"kg {name} has no description"
        for action in command._actions:
            if action.dest != "help":
                assert action.help, f"kg {name} {action.dest} has no help"
        assert sub._choices_actions and any(c.dest == name and c.help for c in sub._choices_actions)


@pytest.mark.model
def test_same_input_gives_byte_identical_files(tmp_path):
    outs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / seed
        run = kg("build", str(SEEDS), "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr
        outs.append(out)
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


@pytest.mark.model
def test_turtle_loads_into_another_store_with_the_same_triples(seed_build):
    import pyoxigraph
    out, report = seed_build
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(out / "graph.ttl")) == report.triples


@pytest.mark.model
@pytest.mark.parametrize("name", ["roles", "attendance", "threats"])
def test_canned_query_rows_match_pyoxigraph(seed_build, name, capsys):
    import pyoxigraph

    from kg.query import canned_queries

    out, _ = seed_build
    assert main(["query", str(out / "graph.ttl"), name, "--format", "json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    result = store.query(canned_queries()[name])
    names = [v.value for v in result.variables]
    theirs = [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]
    assert ours and ours == theirs


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(seed_build, fmt, capsys):
    out, _ = seed_build
    assert main(["query", str(out / "graph.trig"), "roles", "--format", fmt]) == 0
    text = capsys.readouterr().out
    assert "Gérald Darmanin" in text
    if fmt == "csv":
        assert text.splitlines()[0] == "person,role,country,organization"


@pytest.mark.model
@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("nt", "nt"), ("trig", "trig"),
                                           ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_round_trips(seed_build, tmp_path, fmt, parse_as):
    out, report = seed_build
    target = tmp_path / f"export.{fmt}"
    assert main(["export", str(out / "graph.ttl"), "--format", fmt, "-o", str(target)]) == 0
    ds = Dataset()
    ds.parse(target, format=parse_as)
    assert len(set(ds.quads((None, None, None, None)))) == report.triples


@pytest.mark.model
def test_turtle_and_trig_have_a_prefix_per_kind_of_resource_and_no_escaped_slash(seed_build):
    out, _ = seed_build
    for name in ("graph.ttl", "graph.trig"):
        text = (out / name).read_text(encoding="utf-8")
        assert "\\/" not in text, name
        assert "person:gerald-darmanin" in text and "country:BE" in text
        assert "role-FR:ministre-interieur" in text and "ministry-FR:interieur" in text


@pytest.mark.model
def test_validate_command(seed_build, capsys):
    out, _ = seed_build
    assert main(["validate", str(out / "graph.ttl")]) == 0
    assert "conforms" in capsys.readouterr().out
    # the provenance records, which builds leave out of each article's check, conform too
    assert main(["validate", str(out / "graph.trig")]) == 0
    assert "conforms" in capsys.readouterr().out


def test_sparql_from_a_file(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    graph.write_text('<https://w3id.org/newskg/resource/person/a> '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "A"@fr .\n', encoding="utf-8")
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?l WHERE { ?s rdfs:label ?l }", encoding="utf-8")
    assert main(["query", str(graph), str(query), "--format", "tsv"]) == 0
    assert capsys.readouterr().out == "l\nA\n"


@pytest.mark.parametrize("args, message", [
    (["build", "no-such-folder", "--out", "OUT"], "no-such-folder: no such file or folder"),
    (["query", "missing.ttl", "roles"], "missing.ttl: no such graph file"),
    (["query", "GRAPH", "SELECT WHERE {"], "invalid SPARQL"),
    (["query", "GRAPH", "nonsense"], "neither SPARQL nor a canned query"),
    (["query", "graph.xyz", "roles"], "unknown graph format"),
    (["query", "BROKEN", "roles"], "not valid turtle"),
    (["query", "GRAPH", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }"],
     "SERVICE would fetch from the network; refused"),
    (["query", "GRAPH", "SELECT * FROM <http://127.0.0.1:9/g.ttl> WHERE { ?s ?p ?o }"],
     "FROM would fetch from the network; refused"),
    (["query", "GRAPH", 'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }'],
     "invalid SPARQL"),
    (["query", "REMOTE_CONTEXT", "roles"], "would be fetched from the network"),
    (["query", "GRAPH", "person"], "this query needs --param name=VALUE"),
    (["query", "GRAPH", "roles", "--param", "nom=Jean"], "--param nom: the query has no variable ?nom"),
    (["query", "GRAPH", "mandates"], "a Turtle file does not keep; give the .trig file or --store"),
    (["query", "GRAPH", "sources", "--param", "name=A"], "a Turtle file does not keep"),
    (["query", "GRAPH", "SELECT ?s WHERE { ?s ?p ?o }", "--format", "turtle"],
     "--format turtle is for CONSTRUCT and DESCRIBE queries"),
    (["analyze", "GRAPH"], "no meeting, person or threat to analyse"),
    (["remove", "--store", "OUT", "x"], "no such store"),
])
def test_user_mistakes_give_one_line_and_non_zero_exit(tmp_path, args, message):
    graph = tmp_path / "g.ttl"
    graph.write_text("<a:b> <a:c> <a:d> .\n", encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a:b> <a:c> .\n", encoding="utf-8")
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "a:b", '
                      '"a:c": "d"}', encoding="utf-8")
    args = [a.replace("GRAPH", str(graph)).replace("BROKEN", str(broken))
             .replace("REMOTE_CONTEXT", str(remote)).replace("OUT", str(tmp_path / "out"))
            for a in args]
    run = kg(*args)
    assert run.returncode != 0
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "Traceback" not in run.stderr


def test_nothing_to_build_leaves_earlier_output_untouched(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_text(" date 2021-13 Le ministre est venu.", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    run = kg("build", str(corpus), "--out", str(out))
    assert run.returncode == 2
    assert "bad.txt: bad month in date header" in run.stderr
    assert "nothing to build" in run.stderr.splitlines()[-1]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]


@pytest.mark.model
def test_an_article_naming_no_country_still_builds(tmp_path):
    article = tmp_path / "sans-pays.txt"
    article.write_text(" date 2022-05-02 Le ministre de l'Intérieur, Jean Dupont, a réuni lundi "
                       "les préfets à Lille pour parler de terrorisme.", encoding="utf-8")
    run = kg("build", str(article), "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    roles = set(load(tmp_path / "out" / "graph.ttl").subjects(RDF.type, KGO.Role))
    assert KGR["role/article-sans-pays/ministre-interieur"] in roles


# A build that kills itself (SIGKILL) at a chosen point of writing its outputs: at the
# n-th call of `os.chmod` (n files staged, none renamed) or of `os.replace` (n renamed).
_KILLED_WRITE = """
import os, signal, sys
from kg.cli import main

name, n = sys.argv[1], int(sys.argv[2])
real, calls = getattr(os, name), [0]

def dying(*args, **kwargs):
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    calls[0] += 1
    return real(*args, **kwargs)

setattr(os, name, dying)
main(sys.argv[3:])
"""


@pytest.mark.model
def test_a_killed_build_leaves_each_output_old_or_new(tmp_path):
    import signal

    dev = sorted((Path(__file__).parent / "data" / "dev").glob("*.txt"))[:6]
    reference = tmp_path / "reference"
    assert kg("build", *map(str, dev), "--out", str(reference)).returncode == 0
    new = {n: (reference / n).read_bytes() for n in ("graph.ttl", "graph.trig", "graph.html")}
    out = tmp_path / "out"
    for point in (("chmod", 1), ("replace", 0), ("replace", 1), ("replace", 2)):
        assert kg("build", str(SEEDS), "--out", str(out)).returncode == 0
        old = {n: (out / n).read_bytes() for n in new}
        run = subprocess.run([sys.executable, "-c", _KILLED_WRITE, *map(str, point), "build",
                              *map(str, dev), "--out", str(out)], capture_output=True)
        assert run.returncode == -signal.SIGKILL, point
        now = {n: (out / n).read_bytes() for n in new}
        assert all(now[n] in (old[n], new[n]) for n in new), point
        assert now != new  # killed before the last rename
        assert (now == old) == (point in (("chmod", 1), ("replace", 0))), point
    leftovers = [p.name for p in out.iterdir() if p.name not in new]
    assert leftovers and all(name.endswith(".tmp") for name in leftovers)


@pytest.mark.parametrize("command", [["query", "{graph}", "roles"],
                                     ["export", "{graph}", "--format", "nt"],
                                     ["query", "--store", "{store}", "persons"]])
def test_reading_a_built_graph_never_imports_spacy(seed_build, tmp_path, command):
    out, _ = seed_build
    store = tmp_path / "store"
    if "{store}" in command:
        assert kg("build", str(SEEDS), "--store", str(store)).returncode == 0
    args = [a.format(graph=out / "graph.trig", store=store) for a in command]
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", *args],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-500:]
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines()
                if line.startswith("import time:")}
    assert "rdflib" in imported  # the report is there
    assert not {m for m in imported if m.split(".")[0] in ("spacy", "thinc", "torch")}


def test_construct_prints_rdf(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    graph.write_text('<https://w3id.org/newskg/resource/person/a> a '
                     '<https://w3id.org/newskg/ontology#Person> .\n', encoding="utf-8")
    construct = "CONSTRUCT { ?p a kgo:Person } WHERE { ?p a kgo:Person }"
    assert main(["query", str(graph), construct]) == 0
    assert "person:a a kgo:Person ." in capsys.readouterr().out
    assert main(["query", str(graph), construct, "--format", "nt"]) == 0
    assert capsys.readouterr().out == ("<https://w3id.org/newskg/resource/person/a> "
                                       "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                                       "<https://w3id.org/newskg/ontology#Person> .\n")


def test_version_and_examples_in_every_help():
    from kg import __version__

    run = kg("--version")
    assert run.returncode == 0 and run.stdout.strip() == f"newskg {__version__}"
    for name, command in parser()._subparsers._group_actions[0].choices.items():
        assert "examples:\n  kg " + name in command.format_help(), name


@pytest.mark.model
def test_exported_turtle_is_the_built_turtle_and_json_ld_is_compact(seed_build, tmp_path):
    import json

    import pyoxigraph

    from kg.jsonld import context

    out, _ = seed_build
    turtle = tmp_path / "export.ttl"
    assert main(["export", str(out / "graph.trig"), "--format", "turtle", "--out", str(turtle)]) == 0
    assert set(Graph().parse(turtle)) == set(Graph().parse(out / "graph.ttl"))
    assert "\\/" not in turtle.read_text(encoding="utf-8")
    jsonld = tmp_path / "export.jsonld"
    assert main(["export", str(out / "graph.trig"), "--format", "jsonld", "--out", str(jsonld)]) == 0
    document = json.loads(jsonld.read_text(encoding="utf-8"))
    assert document["@context"] == context()["@context"]
    assert '"person:gerald-darmanin"' in jsonld.read_text(encoding="utf-8")
    built = Dataset()
    built.parse(out / "graph.trig", format="trig")
    expected = set(built.quads((None, None, None, None)))
    back = Dataset()
    back.parse(jsonld, format="json-ld")
    assert set(back.quads((None, None, None, None))) == expected
    quads = list(pyoxigraph.parse(path=str(jsonld), format=pyoxigraph.RdfFormat.JSON_LD))
    assert len(set(quads)) == len(expected)


def test_the_published_json_ld_context_is_current():
    from kg import jsonld

    assert jsonld.TARGET.read_text(encoding="utf-8") == jsonld.render(), \
        "ontology/context.jsonld is stale: run `make vocab`"
