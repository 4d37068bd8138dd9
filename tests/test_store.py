"""The on-disk Oxigraph store holds exactly the triples of the graph it was written from."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from graph.query import run_query
from graph.store import is_store, load_graph, open_store, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_graph(FIXTURE)


def test_store_has_the_same_triples_as_the_graph(graph: rdflib.Graph, tmp_path: Path) -> None:
    path = write_store(graph, tmp_path / "store")
    store = open_store(path)
    assert len(store) == len(graph)
    assert {str(q.subject) for q in store} == {f"<{s}>" for s in graph.subjects(unique=True)}


@pytest.mark.parametrize(
    "query",
    [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "SELECT ?label WHERE { ?x a rc:Person ; rdfs:label ?label } ORDER BY ?label",
        "SELECT ?year WHERE { ?c rc:year ?year } ORDER BY STR(?year)",
        'SELECT ?quote WHERE { ?e rc:quote ?quote FILTER(CONTAINS(?quote, "é")) } ORDER BY ?quote',
    ],
)
def test_rdflib_and_oxigraph_agree(graph: rdflib.Graph, tmp_path: Path, query: str) -> None:
    path = write_store(graph, tmp_path / "store")
    assert run_query(path, query).rows() == run_query(graph, query).rows()


def test_writing_again_replaces_the_store_and_leaves_no_temporary_folder(
    graph: rdflib.Graph, tmp_path: Path
) -> None:
    write_store(graph, tmp_path / "store")
    smaller = rdflib.Graph()
    smaller.add((rdflib.URIRef("https://w3id.org/rckg/id/person/x"), rdflib.RDFS.label, rdflib.Literal("X")))
    write_store(smaller, tmp_path / "store")
    assert len(open_store(tmp_path / "store")) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_a_store_can_be_opened_by_several_readers(graph: rdflib.Graph, tmp_path: Path) -> None:
    path = write_store(graph, tmp_path / "store")
    first, second = open_store(path), open_store(path)
    assert len(first) == len(second) == len(graph)


def test_only_a_store_folder_is_taken_for_a_store(tmp_path: Path) -> None:
    assert not is_store(tmp_path)
    with pytest.raises(FileNotFoundError, match="rckg build"):
        open_store(tmp_path / "missing")


def test_rdf_files_load_by_extension(graph: rdflib.Graph, tmp_path: Path) -> None:
    for name, rdf_format in (("g.nt", "nt"), ("g.jsonld", "json-ld")):
        graph.serialize(tmp_path / name, format=rdf_format, encoding="utf-8")
        assert len(load_graph(tmp_path / name)) == len(graph)
    (tmp_path / "g.unknown").write_text("")
    with pytest.raises(ValueError, match="extension"):
        load_graph(tmp_path / "g.unknown")
