"""The built graph's store answers as rdflib's Memory store does: same matches, counts, prefixes, SHACL."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.memory import ONE_GRAPH
from graph.namespace import RC, bind_prefixes
from graph.validate import validate

NODES = [URIRef(f"https://example.org/n{i}") for i in range(4)]
PREDICATES = [RDF.type, RDFS.label, URIRef("https://example.org/p")]
OBJECTS = [*NODES, Literal("a"), Literal("1", datatype=XSD.integer)]

triples = st.tuples(st.sampled_from(NODES), st.sampled_from(PREDICATES), st.sampled_from(OBJECTS))
patterns = st.tuples(
    st.sampled_from([None, *NODES]), st.sampled_from([None, *PREDICATES]), st.sampled_from([None, *OBJECTS])
)


def both(added: list[tuple]) -> tuple[Graph, Graph]:
    ours, theirs = Graph(store=ONE_GRAPH), Graph()
    for triple in added:
        ours.add(triple)
        theirs.add(triple)
    return ours, theirs


@settings(max_examples=200, deadline=None)
@given(st.lists(triples, max_size=30), st.lists(patterns, max_size=4), st.lists(patterns, max_size=8))
def test_matches_counts_and_removals_are_rdflibs(added, removed, asked):
    ours, theirs = both(added)
    for pattern in removed:
        ours.remove(pattern)
        theirs.remove(pattern)
    assert len(ours) == len(theirs)
    assert sorted(ours) == sorted(theirs)
    for pattern in asked:
        assert sorted(ours.triples(pattern)) == sorted(theirs.triples(pattern))
        assert (pattern in ours) == (pattern in theirs)


def test_a_graph_may_change_while_it_is_read():
    graph, _ = both([(NODES[0], RDFS.label, Literal(str(i))) for i in range(5)])
    for s, p, o in graph.triples((NODES[0], None, None)):
        graph.remove((s, p, o))
        graph.add((NODES[1], p, o))
    assert len(graph) == 5
    assert set(graph.subjects()) == {NODES[1]}


def test_prefixes_follow_rdflibs_rules():
    ours, theirs = both([])
    for graph in (ours, theirs):
        bind_prefixes(graph)
        graph.bind("ex", "https://example.org/")
        graph.bind("ex", "https://example.org/other#", override=False)
    assert sorted(ours.namespaces()) == sorted(theirs.namespaces())


def test_pyshacl_reports_on_it_as_on_memory():
    position, person = URIRef("https://w3id.org/rckg/id/position/x"), URIRef("https://w3id.org/rckg/id/person/y")
    broken = [
        (position, RDF.type, RC.Position),
        (position, RC.holder, Literal("not a person")),
        (person, RDF.type, RC.Person),
        (person, RDFS.label, Literal("Y")),
    ]
    ours, theirs = both(broken)
    mine, rdflibs = validate(ours, in_place=True), validate(theirs, in_place=True)
    assert not mine.conforms
    assert (mine.conforms, mine.focus, mine.text) == (rdflibs.conforms, rdflibs.focus, rdflibs.text)
