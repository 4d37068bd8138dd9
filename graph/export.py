"""Exports of the graph: Turtle, N-Triples, JSON-LD, HTML, GraphML and GEXF views.

Every export is a registered writer ``(Exported, path) -> None``; each file is written atomically (to a
temporary file in the same folder, then renamed), so a crash never leaves half a file behind. What
several writers need is made once and shared: the sorted N-Triples (read back as Oxigraph terms by the
writers of Turtle and JSON-LD: Oxigraph writes them many times faster than rdflib) and the network view
the HTML, GraphML and GEXF exports draw. The triples are written in N-Triples order (by subject, predicate,
object), so the same triples always give the same bytes. The drawing modules (NetworkX, Pyvis, Jinja)
are imported by the drawn exports only: a build draws in a forked child, and starts parsing sooner.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.plugins.serializers.nt import _nt_row

from graph.files import atomic_writer, write_atomic
from graph.namespace import ID

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Exported:
    """What the writers export: the RDF graph, and what is made from it on first use."""

    graph: Graph

    @cached_property
    def ntriples(self) -> bytes:
        """The graph as N-Triples, one triple a line, the lines sorted."""
        # The lines rdflib's N-Triples serializer writes, one a triple, sorted as they are made: not the
        # whole serialization first, then its lines, then the sorted bytes (three copies of a big graph).
        return b"".join(sorted(_nt_row(triple).encode() for triple in self.graph))

    def triples(self) -> Iterator[ox.Triple]:
        """The triples as Oxigraph terms, in the order of :attr:`ntriples`.

        Read again from the N-Triples by each writer that asks (Oxigraph parses them in about a second a
        million): a list of them would hold another copy of a big graph, as Python objects.
        """
        return iter(ox.parse(self.ntriples, ox.RdfFormat.N_TRIPLES))

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """The graph's prefixes that the triples use, for Turtle.

        Entity IRIs stay whole: their local names hold slashes, which Turtle would escape (id:person\\/x).
        """
        return {
            prefix: str(namespace)
            for prefix, namespace in sorted(self.graph.namespaces())
            if str(namespace) != str(ID) and f"<{namespace}".encode() in self.ntriples
        }

    @cached_property
    def view(self) -> nx.MultiDiGraph:
        from graph.view import network_view

        return network_view(self.graph)

    @cached_property
    def flat(self) -> nx.MultiDiGraph:
        """The view with plain attributes, for GraphML and GEXF."""
        from graph.stats import flat_view

        return flat_view(self.view)


Writer = Callable[[Exported, Path], None]
_RDF_TYPE = ox.NamedNode(str(RDF.type))
EXPORTS: dict[str, Writer] = {}
# The exports drawn from the network view; the others are serializations of the RDF graph.
DRAWN: set[str] = set()


def register_export(file_name: str, drawn: bool = False) -> Callable[[Writer], Writer]:
    def add(writer: Writer) -> Writer:
        EXPORTS[file_name] = writer
        if drawn:
            DRAWN.add(file_name)
        return writer

    return add


@register_export("graph.ttl")
def write_turtle(exported: Exported, path: Path) -> None:
    def write(tmp: Path) -> None:
        triples = _types_first(exported.triples())
        ox.serialize(triples, tmp, format=ox.RdfFormat.TURTLE, prefixes=exported.prefixes)

    atomic_writer(write, path)


def _types_first(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    """The triples of each subject with its rdf:type first, as a reader looks for it ("<x> a rc:Award ;")."""
    for _, group in itertools.groupby(triples, key=operator.attrgetter("subject")):
        described = list(group)
        yield from (triple for triple in described if triple.predicate == _RDF_TYPE)
        yield from (triple for triple in described if triple.predicate != _RDF_TYPE)


@register_export("graph.nt")
def write_ntriples(exported: Exported, path: Path) -> None:
    write_atomic(path, exported.ntriples)


@register_export("graph.jsonld")
def write_jsonld(exported: Exported, path: Path) -> None:
    # Expanded JSON-LD, one node object a line (readable diffs): each subject's triples serialized alone
    # give a one-node array, whose brackets are dropped.
    # Written node by node: the whole document is never held in memory.
    def write(tmp: Path) -> None:
        by_subject = itertools.groupby(exported.triples(), key=operator.attrgetter("subject"))
        with open(tmp, "wb") as out:
            out.write(b"[\n")
            for number, (_, triples) in enumerate(by_subject):
                if number:
                    out.write(b",\n")
                out.write(ox.serialize(triples, format=ox.RdfFormat.JSON_LD).strip()[1:-1])
            out.write(b"\n]\n")

    atomic_writer(write, path)


@register_export("graph.html", drawn=True)
def write_html_view(exported: Exported, path: Path) -> None:
    from graph.html import write_view_html

    atomic_writer(lambda tmp: write_view_html(exported.view, tmp), path)


@register_export("graph.graphml", drawn=True)
def write_graphml_view(exported: Exported, path: Path) -> None:
    from graph.stats import write_flat_graphml

    atomic_writer(lambda tmp: write_flat_graphml(exported.flat, tmp), path)


@register_export("graph.gexf", drawn=True)
def write_gexf_view(exported: Exported, path: Path) -> None:
    from graph.stats import write_flat_gexf

    atomic_writer(lambda tmp: write_flat_gexf(exported.flat, tmp), path)


def write_exports(exported: Exported, out_dir: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Write the registered exports (those ``names``, by default all) into ``out_dir``; the paths written."""
    written = []
    for file_name in sorted(EXPORTS if names is None else names):
        path = out_dir / file_name
        EXPORTS[file_name](exported, path)
        written.append(path)
    return written
