"""The build: documents -> posts -> mentions -> facts (with evidence) -> triples -> exports.

Each stage is a plain function of its input; this module only runs them in order and counts.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from graph.export import write_exports
from graph.extract import PostContext, extract_facts
from graph.loader import load_corpus
from graph.mentions import MentionFinder
from graph.model import Fact, Mention, Post, Rejected
from graph.namespace import RC
from graph.nlp import parse
from graph.resolve import resolve
from graph.triples import build_graph
from graph.validate import Report, ontology, validate


class InvalidGraph(Exception):
    """The graph violates the SHACL shapes: no export is written."""

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

    def entity_counts(self) -> dict[str, int]:
        kinds = ["Person", "Company", "Association", "PublicBody", "Media", "School", "Organization", "Place",
                 "Event", "Award", "Work", "Book", "Study", "Blog"]
        counts = {k: len(set(self.graph.subjects(RDF.type, RC[k]))) for k in kinds}
        return {k: n for k, n in counts.items() if n}

    def fact_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.family for f in self.facts).items()))


def extract_corpus(
    posts: list[Post], progress: Callable[[Iterable[Post]], Iterable[Post]] | None = None
) -> tuple[Graph, list[Fact]]:
    """Parse, find mentions and facts post by post (no parse is kept), resolve, and make the graph."""
    finder = MentionFinder()
    post_mentions: list[tuple[Post, list[Mention]]] = []
    facts: list[Fact] = []
    stream = progress(posts) if progress else posts
    for post, doc in zip(stream, parse(posts), strict=True):
        mentions = finder(post, doc)
        post_mentions.append((post, mentions))
        facts.extend(extract_facts(PostContext(post, doc, tuple(mentions))))
    resolver, kept = resolve(post_mentions)
    return build_graph(posts, resolver, kept, facts), facts


def build(
    paths: Iterable[Path],
    out_dir: Path | None,
    progress: Callable[[Iterable[Post]], Iterable[Post]] | None = None,
) -> BuildResult:
    """Read, extract, validate and (when ``out_dir`` is given) write every export."""
    started = time.perf_counter()
    posts, rejected = load_corpus(paths)
    graph, facts = extract_corpus(posts, progress)
    report = validate(graph)
    if not report.conforms:
        raise InvalidGraph(report)
    result = BuildResult(graph, posts, rejected, facts)
    if out_dir is not None:
        result.written = write_exports(graph, out_dir)
        result.written.append(_write_store(graph, out_dir / "store"))
    result.seconds = time.perf_counter() - started
    return result


def _write_store(graph: Graph, path: Path) -> Path:
    # The store holds the ontology too, so that queries can walk rdfs:subClassOf.
    from graph.store import write_store

    return write_store(graph + ontology(), path)
