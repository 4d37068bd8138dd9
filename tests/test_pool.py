"""The endpoint's worker pool: long-lived workers over one store, a worker that overruns replaced."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.pool import PoolBusy, WorkerPool
from graph.query import QueryError, QueryTimeout, ReadOnlyError, Worker
from graph.store import load_graph, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
PEOPLE = "SELECT ?name WHERE { ?p a rc:Person ; rdfs:label ?name } ORDER BY ?name"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(load_graph(FIXTURE), tmp_path_factory.mktemp("pool") / "store")


@pytest.fixture()
def pool(store: Path) -> Iterator[WorkerPool]:
    workers = WorkerPool(store, size=2, timeout=1, limit=3)
    yield workers
    workers.close()


def test_a_worker_answers_many_queries_from_one_open_store(store: Path) -> None:
    with Worker(store) as worker:
        answers = [worker.ask(PEOPLE, {}, None, timeout=10) for _ in range(20)]
        assert worker.alive
    assert len({answer.payload for answer in answers}) == 1 and len(answers[0].rows()) == 8
    assert not worker.alive


def test_the_pool_cuts_at_the_limit_and_refuses_what_the_endpoint_refuses(pool: WorkerPool) -> None:
    answer = pool.run(PEOPLE)
    assert len(answer.rows()) == 3 and answer.truncated
    with pytest.raises(ReadOnlyError):
        pool.run("DROP ALL")
    with pytest.raises(QueryError):
        pool.run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_a_query_past_the_timeout_loses_its_worker_and_a_new_one_takes_its_place(pool: WorkerPool) -> None:
    with pytest.raises(QueryTimeout):
        pool.run(CROSS_PRODUCT)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(pool.run(PEOPLE))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 4


def test_a_pool_whose_workers_stay_busy_says_so(store: Path) -> None:
    pool = WorkerPool(store, size=1, timeout=0.5, limit=None)
    stopped: list[str] = []

    def send_runaway() -> None:
        # Stopped at its timeout; or, on a loaded machine where the worker comes back late, turned away
        # while waiting for it: either way no answer, and the pool stays usable.
        with pytest.raises((QueryTimeout, PoolBusy)):
            pool.run(CROSS_PRODUCT)
        stopped.append("runaway")

    runaways = [threading.Thread(target=send_runaway) for _ in range(2)]
    try:
        for runaway in runaways:  # the first holds the only worker, the second waits for it, then holds it
            runaway.start()
            time.sleep(0.1)
        with pytest.raises(PoolBusy):
            pool.run(PEOPLE)
        for runaway in runaways:
            runaway.join()
        assert stopped == ["runaway", "runaway"] and pool.run(PEOPLE).rows()
    finally:
        pool.close()
