"""Median latency of every saved competency question, rdflib in memory against the Oxigraph store.

    .venv/bin/python -m bench.bench_query [--triples 1000000] [--repeat 3] [--graph exports/graph.ttl]
    .venv/bin/python -m bench.bench_query --oxigraph-only   # the saved questions on Oxigraph alone, ~1 min

The synthetic graph replicates the seed graph (``exports/graph.ttl`` when built, else the hand-made
test fixture) with every IRI under ``id:`` renamed per copy, until it holds about ``--triples``
triples: the same shapes and fan-outs, many times over. Ontology triples are kept once. Both engines
get the same triples; each question runs ``--repeat`` times on each (loading is not timed), with its
default parameters (its default page, when it has one). The machine's load average is printed beside the
times: on a shared machine they mean little without it.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDFS, SKOS

from graph.namespace import ID, RC
from graph.query import QueryTimeout, run_query, saved_queries
from graph.store import open_store, write_store_from

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench" / "output"
FIXTURE = ROOT / "tests" / "fixtures" / "query_graph.ttl"


def synthetic_ntriples(seed: rdflib.Graph, triples: int) -> bytes:
    """N-Triples of ``seed`` copied until about ``triples`` triples, IRIs under id: renamed per copy."""
    lines = seed.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    instance = [line for line in lines if f"<{ID}" in line]
    schema = [line for line in lines if line and f"<{ID}" not in line]
    copies = max(1, (triples - len(schema)) // max(1, len(instance)))
    body = "\n".join(instance)
    for name in (RDFS.label, SKOS.altLabel, RC.acronym):  # distinct names, so copies stay distinct entities
        body = re.sub(f'(<{re.escape(str(name))}> "[^\n]*)" \\.$', r'\1 #COPY" .', body, flags=re.MULTILINE)
    replicated = (
        body.replace(f"<{ID}", f"<{ID}c{copy}/").replace("#COPY", str(copy)) for copy in range(copies)
    )
    return ("\n".join([*schema, *replicated]) + "\n").encode("utf-8")


def seed_graph_path(graph: Path) -> Path:
    """The graph to replicate: ``graph`` when built, else the hand-made test fixture."""
    return graph.resolve() if graph.is_file() else FIXTURE


def synthetic_store(graph: Path, triples: int) -> Path:
    """An Oxigraph store of about ``triples`` triples replicated from ``graph``, under bench/output."""
    data = synthetic_ntriples(rdflib.Graph().parse(seed_graph_path(graph)), triples)
    return write_store_from(data, ox.RdfFormat.N_TRIPLES, OUTPUT / "bench-store")


def median_seconds(
    source: rdflib.Graph | ox.Store, query: str, repeat: int, budget: float | None
) -> float | None:
    """Median time of ``repeat`` runs; None when the first run takes longer than ``budget`` seconds."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            run_query(source, query, timeout=budget)
        except QueryTimeout:
            return None
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds allowed per rdflib run")
    parser.add_argument("--graph", type=Path, default=ROOT / "exports" / "graph.ttl")
    parser.add_argument("--oxigraph-only", action="store_true", help="time Oxigraph alone (no rdflib)")
    args = parser.parse_args()

    seed_path = seed_graph_path(args.graph)
    data = synthetic_ntriples(rdflib.Graph().parse(seed_path), args.triples)
    started = time.perf_counter()
    graph = None if args.oxigraph_only else rdflib.Graph().parse(data=data, format="nt")
    rdflib_load = time.perf_counter() - started
    started = time.perf_counter()
    store_path = write_store_from(data, ox.RdfFormat.N_TRIPLES, OUTPUT / "bench-store")
    oxigraph_load = time.perf_counter() - started
    store = open_store(store_path)
    print(f"seed {seed_path.relative_to(ROOT)}; synthetic graph: {len(store):,} triples")
    rdflib_line = "rdflib skipped" if graph is None else f"rdflib {rdflib_load:.1f} s"
    print(f"load: {rdflib_line}, Oxigraph store (bulk load + optimize) {oxigraph_load:.1f} s")
    print(f"machine load average (1, 5, 15 min): {_load()}\n")

    print(f"{'question':32} {'rows':>8} {'rdflib s':>10} {'Oxigraph s':>11} {'ratio':>7}")
    ratios = []
    times: dict[str, float] = {}
    for name, saved in saved_queries().items():
        rows = len(run_query(store, saved.text).rows())
        # rdflib runs in a forked child so that it can be stopped at the budget; Oxigraph in-process
        fast = times[name] = median_seconds(store, saved.text, args.repeat, None)
        if graph is None:
            print(f"{name:32} {rows:>8,} {'-':>10} {fast:>11.3f}", flush=True)
            continue
        slow = median_seconds(graph, saved.text, args.repeat, args.budget)
        if slow is None:
            over = f">{args.budget:g}"
            print(f"{name:32} {rows:>8,} {over:>10} {fast:>11.3f} {f'>{args.budget / fast:.0f}':>6}x")
            continue
        ratios.append(slow / fast)
        print(f"{name:32} {rows:>8,} {slow:>10.3f} {fast:>11.3f} {slow / fast:>6.0f}x", flush=True)
    within = sum(seconds <= 1.0 for seconds in times.values())
    slowest = max(times, key=times.__getitem__)
    print(
        f"\nOxigraph: {within} of {len(times)} saved questions within 1 s with their default parameters, "
        f"slowest {slowest} {times[slowest]:.3f} s; machine load average {_load()}"
    )
    if ratios:
        mean = statistics.geometric_mean(ratios)
        finished = len(ratios)
        print(f"rdflib / Oxigraph, geometric mean over the {finished} questions rdflib finished: {mean:.0f}x")


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
