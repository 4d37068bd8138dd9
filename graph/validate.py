"""SHACL validation of the built graph against ``ontology/shapes.ttl`` (the ontology gives the class tree)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str


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
    conforms, _, text = shacl_validate(
        graph, shacl_graph=shapes(), ont_graph=ontology(), inference="none", inplace=in_place
    )
    return Report(bool(conforms), str(text))
