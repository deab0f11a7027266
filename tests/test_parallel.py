"""Local worker processes and a Dask cluster build the same bytes as a serial build."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.articles import read_corpus
from kg.assemble import Assembly
from kg.errors import InputError, UsageError
from kg.pipeline import article_chunks, build

pytestmark = pytest.mark.model

DEV_DIR = Path(__file__).parent / "data" / "dev"
DEV = sorted(DEV_DIR.glob("*.txt"))[:10]  # the ten first dev articles: a corpus for plumbing
SEEDS = Path(__file__).parent.parent / "seeds"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    build([*DEV, SEEDS], out)
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_two_worker_processes_give_identical_files(serial, tmp_path):
    build([*DEV, SEEDS], tmp_path, workers=2)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == serial[name], name


def test_chunks_arriving_in_any_order_assemble_the_same(tmp_path):
    articles = read_corpus(DEV).articles
    chunks = list(article_chunks(articles))
    outputs = []
    for order in (chunks, chunks[::-1], chunks[1::2] + chunks[::2]):
        with Assembly(tmp_path) as assembly:
            for chunk in order:
                assembly.add(chunk)
            outputs.append((assembly.merged_ntriples(),
                            b"".join(c.nquads for c in assembly.chunks())))
    assert outputs[0] == outputs[1] == outputs[2]
    assert not list(tmp_path.iterdir())  # the spool is gone


def test_a_dask_local_cluster_gives_identical_files(serial, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        build([*DEV, SEEDS], tmp_path, executor="dask", scheduler=cluster.scheduler_address)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == serial[name], name


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        build([SEEDS], tmp_path, executor="dask", scheduler="tcp://127.0.0.1:9")
    assert not list(tmp_path.iterdir())


def test_bad_worker_options_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="--scheduler"):
        build([SEEDS], tmp_path, executor="dask")
    with pytest.raises(UsageError, match="--workers 0"):
        build([SEEDS], tmp_path, workers=0)
