"""`rckg build --scheduler`: parse and extraction on a real Dask cluster, the exports of a local build."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest

from graph.distributed import batches
from graph.model import Post
from tests.conftest import CORPUS, ROOT

EXPORTS = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "graph.graphml", "graph.gexf")


def test_batches_cover_every_post_once_and_spread_over_the_workers():
    assert batches(0, 2) == []
    assert [list(b) for b in batches(5, 2)] == [[0], [1], [2], [3], [4]]
    spread = batches(1000, 2)
    assert [i for b in spread for i in b] == list(range(1000))
    assert max(map(len, spread)) == 32


@pytest.mark.slow
def test_a_build_on_a_local_cluster_of_two_processes_gives_the_local_exports(tmp_path, corpus_build):
    distributed = pytest.importorskip("dask.distributed")
    _, local = corpus_build
    client_cache, worker_cache, out = tmp_path / "client-cache", tmp_path / "worker-cache", tmp_path / "out"
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        env={"RCKG_CACHE": str(worker_cache)},
    )  # fmt: skip
    with cluster:
        env = {**os.environ, "RCKG_CACHE": str(client_cache)}
        command = [sys.executable, "-m", "graph.cli", "build", str(CORPUS), "-o", str(out),
                   "--scheduler", cluster.scheduler_address]  # fmt: skip
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "24 extracted, 24 parsed, 0 from the cache" in done.stdout
    # The workers parsed (into their own cache); the client only cached the results it gathered.
    assert len(list((worker_cache / "parses").rglob("*.doc"))) == 24
    assert not (client_cache / "parses").exists()
    assert len(list((client_cache / "results").rglob("*.pickle"))) == 24
    for name in EXPORTS:
        assert (out / name).read_bytes() == (local / name).read_bytes(), name


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    pytest.importorskip("dask.distributed")
    from graph import distributed

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    run = distributed.cluster_runner("tcp://127.0.0.1:9")
    with pytest.raises(distributed.ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        next(run([Post("a.txt", 0, "Un texte.", 0)], Counter()))
