"""SHACL validation of the built graph against ``ontology/shapes.ttl`` (the ontology gives the class tree).

pyshacl checks every member of an ``sh:or`` for every value and writes a full violation report for each
member a value fails, even when another member accepts it: "a string or a language-tagged string" on
every quote and label of a big graph costs most of the validation. Such a disjunction of string
datatypes can only fail on a value that is neither; when no object of its path in the graph (the
ontology mixed in) is one, it cannot fail on any focus node, and it is left out of the shapes pyshacl
runs. Any other value keeps the constraint, so the verdict and the report are pyshacl's either way.
pyshacl is imported when a graph is validated (a build does it in a forked child).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
# The datatypes of the disjunctions checked here, each as pyshacl's sh:datatype accepts a value.
STRING_TYPES = (XSD.string, RDF.langString)


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str
    focus: tuple[str, ...] = ()  # the nodes that broke a shape


@lru_cache(maxsize=1)
def ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_DIR / "rckg.ttl", format="turtle")
    return g


@lru_cache(maxsize=1)
def shapes() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    return g


def validate(graph: Graph, in_place: bool = False) -> Report:
    """Whether ``graph`` conforms to the shapes, and pyshacl's report when it does not.

    pyshacl mixes the ontology into a copy of the graph, which takes seconds on a big graph; with
    ``in_place`` it mixes it into ``graph`` itself, for a graph nobody uses afterwards.
    """
    from pyshacl import validate as shacl_validate

    conforms, results, text = shacl_validate(
        graph, shacl_graph=shapes_for(graph), ont_graph=ontology(), inference="none", inplace=in_place
    )
    focus = tuple(sorted({str(node) for node in results.objects(None, SH.focusNode)}))
    return Report(bool(conforms), str(text), focus)


def shapes_for(graph: Graph) -> Graph:
    """The shapes without the string disjunctions that no value of ``graph`` can fail (see the module)."""
    passing = [
        (shape, choice)
        for shape, path, choice in string_disjunctions()
        if all(is_string(value) for g in (graph, ontology()) for value in g.objects(None, path))
    ]
    if not passing:
        return shapes()
    reduced = Graph()
    for prefix, namespace in shapes().namespaces():
        reduced.bind(prefix, namespace)
    for triple in shapes():
        reduced.add(triple)
    for shape, choice in passing:
        reduced.remove((shape, SH["or"], choice))
    return reduced


@lru_cache(maxsize=1)
def string_disjunctions() -> tuple[tuple[Node, URIRef, Node], ...]:
    """(shape, path, list) of each ``sh:or`` of a property shape with a plain path whose members are
    ``[ sh:datatype xsd:string ]`` and ``[ sh:datatype rdf:langString ]``, nothing else."""
    found = []
    g = shapes()
    for shape, choice in sorted(g.subject_objects(SH["or"])):
        path = g.value(shape, SH.path)
        datatypes = [_only_datatype(g, member) for member in Collection(g, choice)]
        if isinstance(path, URIRef) and len(datatypes) == 2 and set(datatypes) == set(STRING_TYPES):
            found.append((shape, path, choice))
    return tuple(found)


def _only_datatype(g: Graph, member: Node) -> Node | None:
    """The datatype of a member shape that says nothing but ``sh:datatype``; None for any other member."""
    said = [(p, o) for p, o in g.predicate_objects(member) if p != RDF.type]
    return said[0][1] if isinstance(member, BNode) and len(said) == 1 and said[0][0] == SH.datatype else None


def is_string(value: Node) -> bool:
    """Whether ``sh:datatype xsd:string`` or ``rdf:langString`` accepts ``value`` (as pyshacl decides)."""
    if not isinstance(value, Literal) or not isinstance(value.value, str | bytes):
        return False
    if value.datatype in STRING_TYPES:
        return getattr(value, "ill_typed", None) is not True
    return value.datatype is None
