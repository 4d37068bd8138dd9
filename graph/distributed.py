"""Parse and extraction on a Dask cluster (``rckg build --scheduler ADDRESS``).

The client (the build) sends batches of posts to the cluster's workers; each worker process loads the
model once and runs the same extraction as a local build (``graph.incremental.extract_locally``), with
its own parse cache (its ``RCKG_CACHE``, or ``.cache/rckg`` in its working folder). The results come
back as batches finish; the build caches them and, once every post is in, resolves and exports on the
client, in post order: the exports are the same bytes as a local build's.

A worker checks that its rckg extracts as the client's does (same model, rules, gazetteer, weights and
code: the fingerprint of ``graph.incremental``) and refuses the batch otherwise. Only this module imports
Dask, and only ``--scheduler`` imports this module.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator

from graph.incremental import Extracted, Runner, extract_locally, fingerprint
from graph.model import Post

CONNECT_TIMEOUT = "20s"  # how long to wait for the scheduler before saying it cannot be reached
BATCH_POSTS = 32  # posts per task at most: enough to keep a worker busy, few enough to spread the load
# spaCy's pipeline is not meant to run in several threads at once: one batch at a time per worker process.
_ONE_AT_A_TIME = threading.Lock()


class ClusterError(Exception):
    """The cluster cannot be reached or cannot run the extraction; the message says what to do."""


def extract_batch(posts: list[Post], expected: str) -> tuple[list[Extracted], int]:
    """On a worker: the results of ``posts`` in order, and how many of them were parsed (not cached)."""
    if fingerprint() != expected:
        raise ClusterError(
            "this worker's rckg extracts differently from the client's (another model, rules, gazetteer, "
            "weights or code): install the same rckg on the client and every worker"
        )
    tally: Counter = Counter()
    with _ONE_AT_A_TIME:
        # No parsing process beside this one: a worker process may not fork children of its own.
        results = [result for _, result in extract_locally(posts, tally, background=False)]
    return results, tally["parsed"]


def batches(n_posts: int, n_workers: int, most: int = BATCH_POSTS) -> list[range]:
    """Ranges of post indices: at least about four per worker, each of at most ``most`` posts."""
    size = max(1, min(most, -(-n_posts // max(1, 4 * n_workers))))
    return [range(start, min(start + size, n_posts)) for start in range(0, n_posts, size)]


def cluster_runner(address: str) -> Runner:
    """A runner (see ``graph.incremental``) that extracts on the Dask scheduler at ``address``."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError as error:
        raise ClusterError(
            f"Dask is not installed ({error.name}): pip install 'rckg[dask]' (or 'dask[distributed]')"
        ) from None

    def run(posts: list[Post], tally: Counter) -> Iterator[tuple[int, Extracted]]:
        if not posts:
            return
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        with client:
            expected = fingerprint()
            n_workers = max(1, len(client.scheduler_info().get("workers", {})))
            todo = batches(len(posts), n_workers)
            futures = {
                client.submit(extract_batch, [posts[i] for i in batch], expected, pure=False): batch
                for batch in todo
            }
            for future in as_completed(futures):
                results, parsed = future.result()
                tally["parsed"] += parsed
                yield from zip(futures.pop(future), results, strict=True)
                future.release()

    return run
