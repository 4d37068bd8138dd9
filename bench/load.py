"""A bounded HTTP load: ``requests`` GETs from ``clients`` concurrent keep-alive clients, timed one by one.

>>> load("http://127.0.0.1:8000/sparql", ["ASK { ?s ?p ?o }"], requests=1000, clients=32)  # doctest: +SKIP
"""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

ACCEPT = "application/sparql-results+json"


@dataclass(frozen=True)
class Load:
    """What a load gave: the time of every request that was answered 200, and how many were not."""

    latencies: tuple[float, ...]
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return (len(self.latencies) + self.errors) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")

    def line(self, name: str) -> str:
        return (
            f"{name:28} {self.per_second:>10.0f} {self.percentile(50) * 1000:>8.1f} "
            f"{self.percentile(99) * 1000:>8.1f} {self.errors:>7}"
        )


HEADER = f"{'server':28} {'requests/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"


def load(
    url: str, queries: list[str], requests: int = 1000, clients: int = 32, timeout: float = 30.0
) -> Load:
    """Send ``requests`` queries (round-robin over ``queries``) from ``clients`` threads; each waits at most
    ``timeout`` seconds for an answer, so that the whole load is bounded."""
    parts = urlsplit(url)
    paths = [f"{parts.path}?{urlencode({'query': query})}" for query in queries]
    counter = itertools.count()
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        while (number := next(counter)) < requests:
            started = time.perf_counter()
            ok = _get(connection, paths[number % len(paths)])
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
            if not ok:
                connection.close()
        connection.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(tuple(latencies), errors[0], time.perf_counter() - started)


def _get(connection: http.client.HTTPConnection, path: str) -> bool:
    try:
        connection.request("GET", path, headers={"Accept": ACCEPT})
        response = connection.getresponse()
        response.read()
        return response.status == 200
    except (OSError, http.client.HTTPException):
        return False
