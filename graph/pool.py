"""A pool of long-lived query workers for the endpoint: a query costs what the engine takes, not a process.

>>> pool = WorkerPool(Path("exports/store"), size=2, timeout=30, limit=10_000)   # doctest: +SKIP
>>> pool.run("ASK { ?s ?p ?o }").boolean                                         # doctest: +SKIP
True

Each :class:`~graph.query.Worker` keeps the graph open and answers one query at a time. Oxigraph cannot
cancel a query midway, so one still running at the timeout has its worker killed, and a fresh worker takes
its place; the other workers keep answering meanwhile.
"""

from __future__ import annotations

import queue
import threading

from graph.query import Answer, Source, Worker, check_query


class PoolBusy(Exception):
    """Every worker stayed busy for as long as a query may take."""

    def __str__(self) -> str:
        return "the endpoint is busy: try again shortly"


class WorkerPool:
    """``size`` workers over ``source``; each query gets ``timeout`` seconds and at most ``limit`` results."""

    def __init__(self, source: Source, size: int, timeout: float, limit: int | None) -> None:
        if size < 1:
            raise ValueError(f"a pool needs at least one worker, not {size}")
        self.source, self.timeout, self.limit = source, timeout, limit
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(Worker(source))

    def run(self, query: str) -> Answer:
        """The answer to ``query`` from the first free worker (:class:`PoolBusy` if none frees in time).

        Raises what :func:`~graph.query.run_query` raises: ReadOnlyError, QueryError, QueryTimeout.
        """
        check_query(query)
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy from None
        try:
            return worker.ask(query, {}, self.limit, self.timeout)
        finally:
            self._give_back(worker)

    def _give_back(self, worker: Worker) -> None:
        with self._lock:
            if self._closed:
                worker.stop()
            else:
                self._idle.put(worker if worker.alive else Worker(self.source))

    def close(self) -> None:
        """Stop every worker (those answering stop when they are given back)."""
        with self._lock:
            self._closed = True
            while not self._idle.empty():
                self._idle.get_nowait().stop()
