"""``rckg serve`` against ``oxigraph serve-read-only``, and every saved question's time on ~1M triples.

    .venv/bin/python -m bench.bench_serve [--store exports/store] [--requests 1000] [--clients 32]
                                          [--rounds 3] [--triples 1000000]

Both servers answer the same saved questions (their default page) from the same store (Oxigraph's from
a copy, so that neither holds the other's files), on the loopback: ``--requests`` GETs from ``--clients``
concurrent keep-alive clients, each request waiting at most ``--request-timeout`` seconds. The servers
take turns for ``--rounds`` rounds (the machine's other load shifts between rounds); the median round
of each is compared. Then every saved question runs with its default parameters on the ~``--triples``
store of ``bench.bench_query`` (in process, the median of ``--repeat`` runs), against the 1 s target.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.bench_query import median_seconds, synthetic_store
from bench.load import HEADER, Load, load
from graph.query import run_query, saved_queries
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QUESTIONS = ("award-winners-by-year", "events-calendar", "multi-award-organizations")
TARGET_SECONDS = 1.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(command: list[str], port: int) -> Iterator[None]:
    """A server started with ``command``, once it accepts connections on ``port``; stopped afterwards."""
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, server)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{server.args[0]} stopped with code {server.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds:g} s")


def compare_servers(store: Path, args: argparse.Namespace) -> None:
    """Both servers up at once, taking turns under the same load; a line per round, then the medians."""
    queries = [saved_queries()[name].text for name in QUESTIONS]
    rckg_port, oxigraph_port = free_port(), free_port()
    with tempfile.TemporaryDirectory() as scratch:
        copy = shutil.copytree(store, Path(scratch) / "store")
        rckg = [str(BIN / "rckg"), "serve", "-g", str(store), "--port", str(rckg_port)]
        oxigraph = [
            str(BIN / "oxigraph"),
            "serve-read-only",
            "-l",
            str(copy),
            "-b",
            f"127.0.0.1:{oxigraph_port}",
        ]
        with running(rckg, rckg_port), running(oxigraph, oxigraph_port):
            urls = {
                "rckg serve": f"http://127.0.0.1:{rckg_port}/sparql",
                "oxigraph serve-read-only": f"http://127.0.0.1:{oxigraph_port}/query",
            }
            _report(_take_turns(urls, queries, args))


def _take_turns(urls: dict[str, str], queries: list[str], args: argparse.Namespace) -> dict[str, list[Load]]:
    print(
        f"same {len(queries)} saved questions ({', '.join(QUESTIONS)}), {args.requests:,} requests "
        f"from {args.clients} clients a round\n\n{'round':6} {HEADER}"
    )
    for url in urls.values():  # warm both up: first connections, first reads of the store
        load(url, queries, requests=args.clients * 2, clients=args.clients, timeout=args.request_timeout)
    rounds: dict[str, list[Load]] = {name: [] for name in urls}
    for number in range(1, args.rounds + 1):
        for name, url in urls.items():
            result = load(url, queries, args.requests, args.clients, args.request_timeout)
            rounds[name].append(result)
            print(f"{number:<6} {result.line(name)}", flush=True)
    return rounds


def _report(rounds: dict[str, list[Load]]) -> None:
    medians = {
        name: sorted(loads, key=lambda r: r.per_second)[(len(loads) - 1) // 2]
        for name, loads in rounds.items()
    }
    print(f"\n{'median':6} {HEADER}")
    for name, result in medians.items():
        print(f"{'':6} {result.line(name)}")
    ours, theirs = medians["rckg serve"], medians["oxigraph serve-read-only"]
    errors = sum(result.errors for loads in rounds.values() for result in loads)
    print(
        f"\nrckg serve / oxigraph: {ours.per_second / theirs.per_second:.2f} of the throughput "
        f"(target >= 0.67), {errors} errors in all rounds (target 0)"
    )


def time_questions(args: argparse.Namespace) -> None:
    """Every saved question with its default parameters on the ~1M-triple store, against the 1 s target."""
    started = time.perf_counter()
    store = open_store(synthetic_store(args.graph, args.triples))
    built = time.perf_counter() - started
    print(
        f"\nsaved questions on {len(store):,} triples (store built in {built:.0f} s), default parameters, "
        f"median of {args.repeat}\n\n{'question':32} {'rows':>8} {'seconds':>8}"
    )
    over = []
    for name, saved in saved_queries().items():
        rows = len(run_query(store, saved.text).rows())
        seconds = median_seconds(store, saved.text, args.repeat, None) or 0.0
        if seconds > TARGET_SECONDS:
            over.append(name)
        print(f"{name:32} {rows:>8,} {seconds:>8.3f}", flush=True)
    verdict = f"over {TARGET_SECONDS:g} s: {', '.join(over)}" if over else f"all within {TARGET_SECONDS:g} s"
    print(f"\n{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, default=ROOT / "exports" / "store")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--request-timeout", type=float, default=30.0, help="seconds a client waits")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--graph", type=Path, default=ROOT / "exports" / "graph.ttl", help="seed to replicate"
    )
    parser.add_argument("--skip-questions", action="store_true", help="only the two servers")
    args = parser.parse_args()
    compare_servers(args.store, args)
    if not args.skip_questions:
        time_questions(args)


if __name__ == "__main__":
    main()
