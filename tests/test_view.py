"""The network view draws the entities a reader looks for and the relations a reader expects."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from graph.view import ORGANIZATIONS, PEOPLE, communities, importance, kind_counts, most_central, network_view

FIXTURE = Path(__file__).parent / "fixtures" / "view_graph.ttl"
ID = "https://w3id.org/rckg/id/"
PREFIXES = """
@prefix rc: <https://w3id.org/rckg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/rckg/id/> .
"""


@pytest.fixture(scope="module")
def view():
    return network_view(rdflib.Graph().parse(FIXTURE))


def edge(view, source: str, target: str) -> dict:
    """The only edge from ``source`` to ``target`` (ids without the id: prefix)."""
    edges = view.get_edge_data(ID + source, ID + target)
    assert edges is not None and len(edges) == 1, f"no single edge {source} -> {target}: {edges}"
    return next(iter(edges.values()))


def turtle(body: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + body, format="turtle")


def test_entities_are_nodes_and_documents_evidence_and_nary_facts_are_not(view) -> None:
    kinds = dict(view.nodes(data="kind"))
    assert kinds[ID + "person/marie-durand"] == "person"
    assert kinds[ID + "org/afrc"] == "association"
    assert kinds[ID + "event/palmes-2013"] == "event"
    assert kinds[ID + "award/palme-innovation-sociale"] == "award"
    assert kinds[ID + "work/le-client-roi"] == "work"
    assert kinds[ID + "place/paris"] == "place"
    hidden = ("doc/", "evidence/", "position/", "conferral/", "statement/")
    assert not [node for node in view if node.removeprefix(ID).startswith(hidden)]
    assert view.nodes[ID + "event/palmes-2013"]["type"] == "Award ceremony"


def test_position_is_an_edge_from_the_person_to_the_organization_with_the_title(view) -> None:
    holds = edge(view, "person/marie-durand", "org/banque-azur")
    assert holds["label"] == "holds: Directrice de la Relation Client"
    assert holds["relation"] == "holds"
    [quote] = holds["evidence"]
    assert quote.text == "Marie Durand, Directrice de la Relation Client de Banque Azur"
    assert (quote.source.title, quote.source.date) == ("Les Palmes de la Relation Client 2013", "2013-12-18")
    assert holds["years"] == (2013,)


def test_award_conferral_is_recipient_won_award_at_event(view) -> None:
    won = edge(view, "person/marie-durand", "award/palme-innovation-sociale")
    assert won["label"] == "won (2013)"
    assert ("category", "Banque") in won["facts"] and ("rank", "1") in won["facts"]
    assert ("event", "Palmes de la Relation Client 2013") in won["facts"]
    assert edge(view, "award/palme-innovation-sociale", "event/palmes-2013")["label"] == "at"
    assert edge(view, "org/afrc", "award/palme-innovation-sociale")["label"] == "confers"


def test_event_work_and_organization_links_read_as_sentences(view) -> None:
    assert edge(view, "org/afrc", "event/palmes-2013")["label"] == "organizer"
    assert edge(view, "person/jean-martin", "event/palmes-2013")["label"] == "speaker"
    assert edge(view, "event/palmes-2013", "place/paris")["label"] == "in"
    assert edge(view, "person/jean-martin", "work/le-client-roi")["label"] == "author"
    assert edge(view, "org/editions-dunod", "work/le-client-roi")["label"] == "publisher"
    subsidiary = edge(view, "org/banque-azur", "org/groupe-azur")
    assert subsidiary["label"] == "subsidiary of"
    assert [quote.text for quote in subsidiary["evidence"]] == ["Banque Azur, filiale du Groupe Azur"]


def test_nodes_carry_names_facts_evidence_posts_and_years(view) -> None:
    marie = view.nodes[ID + "person/marie-durand"]
    assert marie["names"] == ("Marie Durand", "M. Durand")
    assert [post.title for post in marie["posts"]] == ["Les Palmes de la Relation Client 2013"]
    assert marie["evidence"][0].source.file == "002_palmes.txt"
    event = view.nodes[ID + "event/palmes-2013"]
    assert ("start date", "2013-12-17") in event["facts"] and ("edition", "10") in event["facts"]
    assert not [name for name, _ in event["facts"] if name in ("location", "organizer", "speaker")]
    # Years come from the facts a node takes part in and the posts that name it.
    assert view.nodes[ID + "person/jean-martin"]["years"] == (2011, 2013)
    assert view.nodes[ID + "person/thierry-spencer"]["years"] == ()


def test_communities_are_worked_out_once_per_view_until_it_changes(monkeypatch) -> None:
    import networkx as nx

    view = network_view(rdflib.Graph().parse(FIXTURE))
    louvain, calls = nx.community.louvain_communities, []

    def counted(*args, **options):
        calls.append(1)
        return louvain(*args, **options)

    monkeypatch.setattr(nx.community, "louvain_communities", counted)
    first = communities(view)
    first[0].clear()  # a caller's list: the view's own stays whole
    assert communities(view)[0] and len(calls) == 1
    view.add_node("lonely", label="Lonely", kind="person")
    assert ["lonely"] in communities(view) and len(calls) == 2


def test_importance_communities_and_most_central(view) -> None:
    scores = importance(view)
    assert scores[ID + "person/thierry-spencer"] == 0
    assert max(scores, key=scores.get) == ID + "event/palmes-2013"
    groups = communities(view)
    assert {ID + "person/marie-durand", ID + "org/banque-azur", ID + "org/groupe-azur"} in map(set, groups)
    assert groups == communities(view)
    people = [node for node, _ in most_central(view, PEOPLE)]
    assert people == [ID + "person/jean-martin", ID + "person/marie-durand"]
    assert most_central(view, ORGANIZATIONS, n=1)[0][0] == ID + "org/afrc"
    assert kind_counts(view)["person"] == 3


def test_interview_is_an_edge_from_interviewer_to_interviewee() -> None:
    view = network_view(turtle("""
        <person/a> a rc:Person ; rdfs:label "Anne Petit" .
        <person/b> a rc:Person ; rdfs:label "Bruno Roux" .
        <interview/i> a rc:Interview ; rc:interviewer <person/a> ; rc:interviewee <person/b> ;
            rc:date "2011-05-20"^^xsd:date .
    """))
    [(source, target, data)] = view.edges(data=True)
    assert (source, target) == (ID + "person/a", ID + "person/b")
    assert (data["label"], data["years"]) == ("interviewed", (2011,))


def test_classes_unknown_here_take_the_kind_of_their_superclass_when_the_ontology_says() -> None:
    view = network_view(turtle("""
        rc:Bank rdfs:subClassOf rc:Company .
        <org/x> a rc:Bank ; rdfs:label "Banque X" .
        <org/y> a rc:Gizmo ; rdfs:label "Gizmo Y" .
        <org/z> a rc:Company, rc:Organization ; rdfs:label "Z" .
    """))
    kinds = dict(view.nodes(data="kind"))
    assert kinds == {ID + "org/x": "company", ID + "org/y": "other", ID + "org/z": "company"}


def test_hostile_text_is_kept_verbatim_for_the_page_to_escape() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    view = network_view(turtle(f'<person/h> a rc:Person ; rdfs:label "{hostile}" .'))
    assert view.nodes[ID + "person/h"]["label"] == hostile


def test_empty_graph_gives_an_empty_view() -> None:
    view = network_view(rdflib.Graph())
    assert len(view) == 0 and importance(view) == {} and communities(view) == []


def test_a_fact_with_several_values_is_drawn_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """rdflib lists a graph's triples in set order, which changes with PYTHONHASHSEED."""
    events = " , ".join(f"<event/e{n}>" for n in range(6))
    path = tmp_path / "graph.ttl"
    turtle(f"""
        <person/a> a rc:Person ; rdfs:label "A" .
        <award/p> a rc:Award ; rdfs:label "P" .
        <conferral/c> a rc:AwardConferral ; rc:recipient <person/a> ; rc:award <award/p> ; rc:event {events} .
        {" ".join(f'<event/e{n}> a rc:Event ; rdfs:label "E{n}" .' for n in range(6))}
    """).serialize(path, format="turtle")
    script = (
        "import sys, rdflib; from graph.view import network_view; "
        "print(list(network_view(rdflib.Graph().parse(sys.argv[1])).edges(keys=True)))"
    )
    drawn = {
        subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed}, cwd=Path(__file__).parent.parent,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }  # fmt: skip
    assert len(drawn) == 1
