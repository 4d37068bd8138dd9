"""Every saved question on the graph of the seed corpus, with rows that the seed posts must give."""

from __future__ import annotations

import pytest
import rdflib

from graph.query import run_query, saved_queries

pytestmark = pytest.mark.slow

# For each saved question, cells that one row of its answer must hold (what the posts say).
EXPECTED = {
    "association-events": {"association": "Association pour le MAnagement de la Réclamation Client",
                           "event": "Convention AMARC 2012", "start": "2012-06-29"},
    "award-winners-by-award": {"award": "Directrice Client de l’année", "year": "2016",
                               "recipient": "Céline Sarrazin"},
    "award-winners-by-year": {"year": "2016", "recipient": "Céline Sarrazin",
                              "event": "Palmes de la Relation Client 2016"},
    "co-mentions": {"first": "Association Française de la Relation Client", "second": "Eric Dadian"},
    "entities-in-post": {"file": "002_dc0f3a082546275a.txt", "entity": "Stéphane Treppoz"},
    "events-calendar": {"event": "Elu service client de l'année 2014", "organizers": "Viseo"},
    "facts-with-evidence": {"file": "003_4d8084b24ef4d42f.txt"},
    "interviews": {"interviewee": "Stéphane Treppoz", "interviewer": "Thierry Spencer", "date": "2011-05-20"},
    "most-connected-people": {"person": "Stéphane Treppoz"},
    "multi-award-organizations": {"organization": "KFC", "wins": "2"},
    "name-index": {"name": "AFRC", "label": "Association Française de la Relation Client"},
    "organization-links": {"child": "Free", "relation": "subsidiaryOf", "parent": "Groupe Iliad"},
    "organization-people": {"organization": "Association Française de la Relation Client",
                            "person": "Eric Dadian", "title": "Président"},
    "people-who-moved": {"person": "Stéphane Treppoz", "secondOrganization": "Sarenza"},
    "person-career": {"person": "Angélique Berge", "title": "Directrice de la relation abonné",
                      "organization": "Free"},
    "posts": {"file": "002_dc0f3a082546275a.txt", "date": "2011-05-20", "author": "Thierry Spencer",
              "title": "Stéphane Treppoz (Sarenza) et le Sens du client"},
    "works-by-author-and-publisher": {"work": "L'Art de l'enchantement", "author": "Guy Kawasaki",
                                      "publisher": "Editions Diateino",
                                      "translator": "Marylène Delbourg-Delphis"},
}


def test_every_saved_question_has_expectations():
    assert set(EXPECTED) == set(saved_queries())


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def source(request, corpus_build):
    """The built graph as the default store, and as the Turtle export read by rdflib (the simple path)."""
    _, out = corpus_build
    return out / "store" if request.param == "oxigraph" else rdflib.Graph().parse(out / "graph.ttl")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_question_answers_on_the_seed_corpus(source, name):
    text = saved_queries()[name].text
    rows = run_query(source, text, {"limit": rdflib.Literal("all")}).rows()  # the whole answer
    expected = EXPECTED[name]
    assert any(all(row.get(k) == v for k, v in expected.items()) for row in rows), (expected, rows[:10])
    if "# page" in text:  # the default is a page of the whole answer (else it is the whole answer)
        page = run_query(source, text).rows()
        assert page == rows or all(row in rows for row in page), name
