"""The build: documents -> posts -> mentions -> facts (with evidence) -> triples -> exports.

Each stage is a plain function of its input; this module only runs them in order and counts.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef

from graph.collector import without_collection
from graph.export import DRAWN, EXPORTS, Exported, write_exports
from graph.formats.dedup import Merged
from graph.incremental import Runner, extract_locally, extract_posts
from graph.loader import read_corpus
from graph.model import Fact, Post, Rejected
from graph.namespace import RC
from graph.nlp import as_forked_child
from graph.progress import Progress
from graph.resolve import resolve
from graph.store import write_store_from
from graph.triples import NODE_SEGMENTS, build_graph
from graph.validate import Report, ontology, validate

_FORK = multiprocessing.get_context("fork")
T = TypeVar("T")


class InvalidGraph(Exception):
    """The graph violates the SHACL shapes where leaving facts out does not mend it: no export is written."""

    def __init__(self, report: Report):
        super().__init__("the graph does not conform to ontology/shapes.ttl")
        self.report = report


@dataclass
class BuildResult:
    graph: Graph
    posts: list[Post]
    rejected: list[Rejected]
    facts: list[Fact]
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)  # copies of posts met more than once
    left_out: Counter[str] = field(default_factory=Counter)  # comments, pages, drafts of feeds and exports
    tally: Counter = field(default_factory=Counter)  # posts cached, extracted, parsed
    broken: list[str] = field(default_factory=list)  # fact nodes left out: they broke a shape

    def entity_counts(self) -> dict[str, int]:
        kinds = ["Person", "Company", "Association", "PublicBody", "Media", "School", "Organization", "Place",
                 "Event", "Award", "Work", "Book", "Study", "Blog"]
        counts = {k: len(set(self.graph.subjects(RDF.type, RC[k]))) for k in kinds}
        return {k: n for k, n in counts.items() if n}

    def fact_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.family for f in self.facts).items()))


def extract_corpus(
    posts: list[Post], progress: Progress | None = None, runner: Runner = extract_locally
) -> tuple[Graph, list[Fact], Counter]:
    """Each post's mentions and facts (cached per post, see ``graph.incremental``), resolved into the graph.

    ``runner`` extracts the posts the cache lacks: here by default, on a Dask cluster with
    ``graph.distributed``. Returns the graph, the facts and the tally of posts cached, extracted, parsed.
    """
    progress = progress or Progress(enabled=False)
    results, tally = extract_posts(posts, runner, progress)
    with without_collection():
        with progress.stage("resolve"):
            named = [(post, list(r.mentions)) for post, r in zip(posts, results, strict=True)]
            resolver, kept = resolve(named)
        facts = [fact for result in results for fact in result.facts]
        with progress.stage("triples"):
            graph = build_graph(posts, resolver, kept, facts)
    return graph, facts, tally


def build(
    paths: Iterable[Path],
    out_dir: Path | None,
    progress: Progress | None = None,
    runner: Runner = extract_locally,
) -> BuildResult:
    """Read, extract, validate and (when ``out_dir`` is given) write every export."""
    started = time.perf_counter()
    progress = progress or Progress(enabled=False)
    with progress.stage("read"):
        corpus = read_corpus(paths)
    try:
        graph, facts, tally = extract_corpus(corpus.posts, progress, runner)
        result = BuildResult(graph, corpus.posts, corpus.rejected, facts, merged=corpus.merged,
                             left_out=corpus.left_out, tally=tally)
        with progress.stage("validate and export"):
            report, result.written = validate_and_export(graph, out_dir)
            for _ in range(LEAVE_OUT_ROUNDS):
                dropped = [] if report.conforms else leave_out_facts(graph, report.focus)
                if not dropped:
                    break
                result.broken.extend(dropped)
                report, result.written = validate_and_export(graph, out_dir)
    finally:
        gc.unfreeze()  # what the build froze (see graph.collector) is the collector's again
    if not report.conforms:
        raise InvalidGraph(report)
    result.seconds = time.perf_counter() - started
    return result


# One misread fact must not cost a whole corpus its exports: a fact node that breaks a shape is left out
# (and reported), then the rest validated again; a graph still broken after this many rounds is refused.
LEAVE_OUT_ROUNDS = 3


def leave_out_facts(graph: Graph, focus: tuple[str, ...]) -> list[str]:
    """Remove the fact nodes (positions, conferrals, interviews, events, works, link statements) among the
    nodes that broke a shape, with every triple that names them; entities stay. Returns those removed."""
    facts = {RC[name] for name in NODE_SEGMENTS} | {RDF.Statement}
    removed = []
    for iri in focus:
        node = URIRef(iri)
        if not facts & set(graph.objects(node, RDF.type)):
            continue
        stated = tuple(graph.value(node, part) for part in (RDF.subject, RDF.predicate, RDF.object))
        if None not in stated:
            graph.remove(stated)  # the link a statement gives evidence for goes with it
        graph.remove((node, None, None))
        graph.remove((None, None, node))
        removed.append(iri)
    return removed


def validate_and_export(graph: Graph, out_dir: Path | None) -> tuple[Report, list[Path]]:
    """Validate ``graph`` and, if it conforms and ``out_dir`` is given, write every export there.

    Validation, the drawn exports and the RDF ones each take seconds: forked children validate and
    draw (the graph is shared, not copied) while this process writes the RDF exports and the store,
    all of them aside; they replace the old ones only if the graph conforms. Returns the report and
    the paths written.
    """
    # What the build made so far lives until it ends: frozen, the garbage collector stops walking it
    # again and again, and the children do not copy the memory pages it would touch (``build`` unfreezes).
    gc.freeze()
    pending = validate_in_child(graph)
    if out_dir is None:
        return pending(), []
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=_made(out_dir)))
    try:
        exported = Exported(graph)
        drawn = in_child(lambda: write_exports(exported, staging, DRAWN))
        staged = write_exports(exported, staging, set(EXPORTS) - DRAWN)
        # The store holds the ontology too, so that queries can follow the class and property trees.
        tree = ontology().serialize(format="nt", encoding="utf-8")
        store = write_store_from(exported.ntriples, ox.RdfFormat.N_TRIPLES, staging / "store", tree)
        staged.append(store)
        staged += drawn()
        report = pending()
        return report, [_move_into(path, out_dir) for path in staged] if report.conforms else []
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def validate_in_child(graph: Graph) -> Callable[[], Report]:
    """Start validating ``graph`` in a forked process; the returned function waits for the report."""
    # The child's copy of the graph is its own to change: the ontology is mixed into it, not into a copy.
    return in_child(lambda: validate(graph, in_place=True), fallback=lambda: validate(graph))


def in_child(task: Callable[[], T], fallback: Callable[[], T] | None = None) -> Callable[[], T]:
    """Start ``task`` in a forked process; the returned function waits for its result.

    When the child dies without one, ``fallback`` (by default the task itself) runs here instead, so
    that its error, if any, is raised in this process.
    """
    receiver, sender = _FORK.Pipe(duplex=False)
    child = _FORK.Process(target=_send_result, args=(task, sender), daemon=True)
    child.start()
    sender.close()

    def wait() -> T:
        try:
            result = receiver.recv()
        except EOFError:
            result = (fallback or task)()
        child.join()
        return result

    return wait


def _send_result(task: Callable[[], object], sender) -> None:
    as_forked_child()
    sender.send(task())
    sender.close()


def _made(folder: Path) -> Path:
    """``folder``, created if missing, without what killed builds left staged there."""
    folder.mkdir(parents=True, exist_ok=True)
    for left in folder.glob(".staging-*-*"):
        pid = left.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _move_into(path: Path, folder: Path) -> Path:
    """Move a staged file or folder into ``folder``, replacing what is there with one rename."""
    target = folder / path.name
    if path.is_dir() and target.exists():
        old = folder / f".{path.name}.old-{os.getpid()}"
        os.replace(target, old)
        os.replace(path, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(path, target)
    return target
