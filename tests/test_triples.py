"""Facts to triples: n-ary nodes merged by identity, roles checked against the ontology's ranges."""

from __future__ import annotations

from rdflib import RDF, Literal
from rdflib.namespace import PROV, XSD

from graph.model import Evidence, Fact, Mention, Post, Ref
from graph.namespace import RC
from graph.resolve import resolve
from graph.triples import build_graph, literal_for, string_literal

TEXT = "Eric Dadian, Président de l'AFRC, ouvrait la soirée avec Jean Martin."
POST = Post("t.txt", 0, TEXT, 0, title=None, date="2013-12-17")


def mention(name: str, kind: str) -> Mention:
    start = TEXT.index(name)
    return Mention(start, start + len(name), name, kind)


def graph_of(*facts: Fact):
    names = (("Eric Dadian", "Person"), ("AFRC", "Association"), ("Jean Martin", "Person"))
    mentions = [mention(name, kind) for name, kind in names]
    resolver, kept = resolve([(POST, mentions)])
    return build_graph([POST], resolver, kept, list(facts))


def position(title: str, start: int = 0) -> Fact:
    roles = (("holder", Ref("Eric Dadian", "Person")), ("organization", Ref("AFRC", "Association")),
             ("title", title))
    identity = ("holder", "organization", "title")
    return Fact("positions", "Position", roles, Evidence.of(POST, start, 33), identity)


def test_one_fact_found_twice_is_one_node_with_two_evidences():
    g = graph_of(position("Président"), position("Président", 1))
    [node] = g.subjects(RDF.type, RC.Position)
    assert len(set(g.objects(node, PROV.wasDerivedFrom))) == 2
    assert g.value(node, RC.title) == Literal("Président")


def test_a_role_that_resolves_to_the_wrong_kind_is_left_out():
    # "Jean Martin" is a person: he cannot be an event's partner (rdfs:range rc:Organization).
    roles = (("label", "Soirée AFRC 2013"), ("partner", Ref("Jean Martin", "Company")),
             ("organizer", Ref("AFRC", "Association")))
    fact = Fact("events", "Conference", roles, Evidence.of(POST, 0, len(TEXT)), ("label",))
    g = graph_of(fact)
    [event] = g.subjects(RDF.type, RC.Conference)
    assert g.value(event, RC.partner) is None
    assert g.value(event, RC.organizer) is not None


def test_a_place_fills_an_event_s_location_and_nothing_else():
    # A list line "2. Banque X" whose name the parser read as a town: no award goes to a place.
    roles = (("recipient", Ref("Jean Martin", "Place")), ("award", "Prix AFRC"))
    won = Fact("awards", "AwardConferral", roles, Evidence.of(POST, 0, len(TEXT)), ("recipient", "award"))
    held = Fact("events", "Conference", (("label", "Soirée AFRC 2013"), ("location", Ref("Lyon", "Place"))),
                Evidence.of(POST, 0, len(TEXT)), ("label",))
    g = graph_of(won, held)
    assert not list(g.subjects(RDF.type, RC.AwardConferral))
    [event] = g.subjects(RDF.type, RC.Conference)
    assert (g.value(event, RC.location), RDF.type, RC.Place) in g


def test_two_conferrals_whose_identities_slug_alike_are_one_node_with_one_award():
    def won(award: str, *year: tuple[str, int]) -> Fact:
        roles = (("recipient", Ref("Jean Martin", "Person")), ("award", award), *year)
        identity = ("recipient", "award", "year")
        return Fact("awards", "AwardConferral", roles, Evidence.of(POST, 0, len(TEXT)), identity)

    g = graph_of(won("Prix AFRC", ("year", 2013)), won("Prix AFRC 2013"))
    [node] = g.subjects(RDF.type, RC.AwardConferral)
    assert len(list(g.objects(node, RC.award))) == 1


def test_a_fact_without_its_required_role_is_dropped():
    fact = Fact("positions", "Position", (("holder", Ref("Directeur Général", "Person")), ("title", "PDG")),
                Evidence.of(POST, 0, 10), ("holder", "title"))
    assert not list(graph_of(fact).subjects(RDF.type, RC.Position))


def test_literals_of_the_wrong_shape_are_left_out():
    assert literal_for("startDate", "2013-12-17").datatype == XSD.date
    assert literal_for("startDate", "2013-12").datatype == XSD.gYearMonth
    assert literal_for("startDate", "17 décembre") is None
    assert literal_for("rank", "deux") is None
    assert literal_for("year", "2014").datatype == XSD.gYear


def test_a_dated_post_carries_the_contract_s_dcterms_date():
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, XSD

    from graph.build import build_graph
    from graph.model import Post
    from graph.resolve import resolve

    post = Post("p.txt", 0, "Titre\n\nCorps.", 0, title="Titre", date="2014-05-06", body_start=7)
    resolver, kept = resolve([(post, [])])
    graph = build_graph([post], resolver, kept, [])
    assert (None, DCTERMS.date, Literal("2014-05-06", datatype=XSD.date)) in graph


def test_string_literals_are_rdflibs():
    for text in ("Eric Dadian", "", "2013", "true", "« Palme » \u00a0d'or", "\ud800"):
        made = string_literal(text)
        assert (made, hash(made), made.n3(), made.value, made.datatype) == (
            Literal(text), hash(Literal(text)), Literal(text).n3(), Literal(text).value, None
        )
