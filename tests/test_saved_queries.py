"""Every saved competency question returns the rows the hand-made fixture graph must give, on both engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from graph.query import parse_term, run_query, saved_queries
from graph.store import load_graph, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
SAVED = saved_queries()
# The vocabulary the questions may use: /tmp/rdfshape.md and CONTRACT.md.
ALLOWED_PREFIXES = {"rc", "rdf", "rdfs", "skos", "prov", "dcterms", "xsd"}
# The columns that are GROUP_CONCAT lists, with their separators.
LIST_SEPARATORS = {"speakers": ", ", "organizers": ", ", "partners": ", ", "awards": "; "}

# name -> (parameters, rows expected, in order, each row as {variable: value} of bound variables)
EXPECTED: dict[str, tuple[dict[str, str], list[dict[str, str]]]] = {
    "award-winners-by-year": (
        {"year": '"2013"^^xsd:gYear'},
        [
            {
                "year": "2013",
                "award": "Meilleur conseiller client de France",
                "recipient": "Virginie Le Lamer",
                "event": "24 heures de la Relation Client 2013",
            },
            {
                "year": "2013",
                "award": "Meilleur conseiller client de France",
                "rank": "2",
                "recipient": "IAE de Tours",
                "event": "24 heures de la Relation Client 2013",
            },
            {
                "year": "2013",
                "award": "Élu Service Client de l'Année",
                "category": "Informatique",
                "recipient": "Acer",
            },
        ],
    ),
    "award-winners-by-award": (
        {"award": "Élu Service Client de l'Année"},
        [
            {
                "award": "Élu Service Client de l'Année",
                "conferredBy": "Viseo",
                "year": "2013",
                "category": "Informatique",
                "recipient": "Acer",
            },
            {
                "award": "Élu Service Client de l'Année",
                "conferredBy": "Viseo",
                "year": "2014",
                "category": "Informatique",
                "recipient": "Acer",
            },
            {
                "award": "Élu Service Client de l'Année",
                "conferredBy": "Viseo",
                "year": "2014",
                "category": "Énergie",
                "rank": "1",
                "recipient": "GDF SUEZ",
            },
        ],
    ),
    "multi-award-organizations": (
        {},
        [{"organization": "Acer", "wins": "2"}],
    ),
    "organization-people": (
        {"organization": "GDF SUEZ"},
        [
            {
                "organization": "GDF SUEZ",
                "person": "Eric Lestanguet",
                "title": "Directeur de la relation client",
                "unit": "GDF SUEZ",
            },
            {
                "organization": "GDF SUEZ",
                "person": "Virginie Le Lamer",
                "title": "conseillère",
                "unit": "GDF SUEZ DolceVita",
            },
            {
                "organization": "GDF SUEZ",
                "person": "Virginie Le Lamer",
                "title": "téléconseiller",
                "unit": "GDF SUEZ",
            },
        ],
    ),
    "person-career": (
        {"person": "Virginie Le Lamer"},
        [
            {
                "person": "Virginie Le Lamer",
                "title": "téléconseiller",
                "organization": "GDF SUEZ",
                "source": "003_4d8084b24ef4d42f.txt",
            },
            {
                "person": "Virginie Le Lamer",
                "title": "conseillère",
                "organization": "GDF SUEZ DolceVita",
                "source": "003_4d8084b24ef4d42f.txt",
            },
        ],
    ),
    "people-who-moved": (
        {},
        [
            {
                "person": "Virginie Le Lamer",
                "firstOrganization": "GDF SUEZ",
                "firstTitle": "téléconseiller",
                "secondOrganization": "GDF SUEZ DolceVita",
                "secondTitle": "conseillère",
            },
        ],
    ),
    "organization-links": (
        {},
        [
            {
                "child": "GDF SUEZ DolceVita",
                "relation": "subsidiaryOf",
                "parent": "GDF SUEZ",
                "quote": "Je suis Virginie Le Lamer, conseillère GDF SUEZ DolceVita, à Quimper.",
            },
        ],
    ),
    "association-events": (
        {"association": "Association Française de la Relation Client"},
        [
            {
                "association": "Association Française de la Relation Client",
                "event": "24 heures de la Relation Client 2013",
                "start": "2013-06",
                "place": "Paris",
                "speakers": "Eric Lestanguet",
            },
            {
                "association": "Association Française de la Relation Client",
                "event": "Convention AFRC 2013",
                "start": "2013-12-17",
                "place": "Théâtre Edouard VII",
                "speakers": "Eric Dadian, Vincent Cespedes",
            },
        ],
    ),
    "events-calendar": (
        {},
        [
            {
                "start": "2013-06",
                "event": "24 heures de la Relation Client 2013",
                "kind": "AwardCeremony",
                "place": "Paris",
                "organizers": "Association Française de la Relation Client",
            },
            {
                "start": "2013-10-10",
                "event": "Élu Service Client de l'Année 2014",
                "kind": "AwardCeremony",
                "place": "Paris",
                "organizers": "Viseo",
            },
            {
                "start": "2013-12-17",
                "event": "Convention AFRC 2013",
                "kind": "Convention",
                "place": "Théâtre Edouard VII",
                "edition": "27",
                "organizers": "Association Française de la Relation Client",
                "partners": "Viseo",
            },
        ],
    ),
    "most-connected-people": (
        {},
        [
            {"person": "Virginie Le Lamer", "facts": "4", "posts": "1"},
            {"person": "Eric Lestanguet", "facts": "3", "posts": "2"},
            {"person": "Eric Dadian", "facts": "2", "posts": "1"},
            {"person": "Vineet Nayar", "facts": "2", "posts": "1"},
            {"person": "Thierry Spencer", "facts": "2", "posts": "0"},
            {"person": "Jean-Yves Buzaré", "facts": "1", "posts": "0"},
            {"person": "Vincent Cespedes", "facts": "1", "posts": "0"},
        ],
    ),
    "co-mentions": (
        {"first": "GDF SUEZ", "second": "Eric Lestanguet"},
        [{"first": "GDF SUEZ", "second": "Eric Lestanguet", "posts": "2"}],
    ),
    "entities-in-post": (
        {"file": "002_dc0f3a082546275a.txt"},
        [
            {"kind": "Book", "entity": "Les employés d'abord, les clients ensuite"},
            {"kind": "Company", "entity": "Diateino"},
            {"kind": "Company", "entity": "HCLT"},
            {"kind": "Person", "entity": "Dominique Gibert"},
            {"kind": "Person", "entity": "Vineet Nayar"},
        ],
    ),
    "facts-with-evidence": (
        {"fact": "id:position/eric-dadian-afrc"},
        [
            {
                "fact": "id:position/eric-dadian-afrc",
                "kind": "Position",
                "quote": "Eric Dadian, Président de l'AFRC",
                "file": "003_4d8084b24ef4d42f.txt",
                "start": "400",
            },
        ],
    ),
    "works-by-author-and-publisher": (
        {},
        [
            {
                "work": "Les Français et les services",
                "kind": "Study",
                "author": "Association Française de la Relation Client",
                "year": "2013",
            },
            {
                "work": "Les employés d'abord, les clients ensuite",
                "kind": "Book",
                "author": "Vineet Nayar",
                "publisher": "Diateino",
                "year": "2011",
            },
        ],
    ),
    "interviews": (
        {},
        [
            {
                "interviewee": "Virginie Le Lamer",
                "interviewer": "Thierry Spencer",
                "date": "2014-01-06",
                "file": "003_4d8084b24ef4d42f.txt",
            },
        ],
    ),
    "posts": (
        {},
        [
            {
                "file": "002_dc0f3a082546275a.txt",
                "date": "2011-05-22",
                "author": "Thierry Spencer",
                "title": "Les employés d'abord, les clients ensuite : le livre capital de Vineet Nayar",
                "entities": "5",
            },
            {
                "file": "003_4d8084b24ef4d42f.txt",
                "date": "2013-12-01",
                "author": "Thierry Spencer",
                "title": "Agenda Relation client 2013/2014 : conférences, salons et événements à venir",
                "entities": "6",
            },
            {
                "file": "003_4d8084b24ef4d42f.txt",
                "date": "2014-01-06",
                "author": "Thierry Spencer",
                "title": "Le client sera miroir (Tendances relation client 2014 - 1/10)",
                "entities": "6",
            },
        ],
    ),
    "name-index": (
        {"name": "AFRC"},
        [
            {
                "name": "AFRC",
                "entity": "id:org/afrc",
                "kind": "Association",
                "label": "Association Française de la Relation Client",
            }
        ],
    ),
}


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_graph(FIXTURE)


@pytest.fixture(scope="module")
def store(graph: rdflib.Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(graph, tmp_path_factory.mktemp("saved") / "store")


def _normalized(rows: list[dict[str, str]], columns: set[str]) -> list[dict[str, str]]:
    """Rows cut to the expected columns; GROUP_CONCAT lists sorted, as their order is the engine's."""
    return [{k: _sorted_list(k, v) for k, v in row.items() if k in columns} for row in rows]


def _sorted_list(column: str, value: str) -> str:
    separator = LIST_SEPARATORS.get(column)
    return separator.join(sorted(value.split(separator))) if separator else value


def test_there_are_at_least_fifteen_questions_each_saying_what_it_answers() -> None:
    assert len(SAVED) >= 15
    for saved in SAVED.values():
        assert saved.text.startswith("# ") and len(saved.comment) > 30, saved.name


def test_every_question_has_expected_answers() -> None:
    assert set(EXPECTED) == set(SAVED)


@pytest.mark.parametrize("name", sorted(SAVED))
def test_questions_use_only_the_shared_vocabulary(name: str) -> None:
    body = "\n".join(line for line in SAVED[name].text.splitlines() if not line.lstrip().startswith("#"))
    body = re.sub(r'"[^"]*"|<[^>]*>', "", body)  # strings and IRIs are not prefixed names
    assert set(re.findall(r"\b([a-z]+):[A-Za-z]", body)) <= ALLOWED_PREFIXES


@pytest.mark.parametrize("name", sorted(SAVED))
def test_question_gives_its_expected_rows(name: str, graph: rdflib.Graph, store: Path) -> None:
    params, expected = EXPECTED[name]
    bindings = {key: parse_term(value) for key, value in params.items()}
    columns = {column for row in expected for column in row}
    for source in (graph, store):
        rows = run_query(source, SAVED[name].text, bindings, timeout=30).rows()
        assert _normalized(rows, columns) == expected, f"{name} on {type(source).__name__}"


@pytest.mark.parametrize("name", sorted(SAVED))
def test_both_engines_give_the_same_unbound_answer(name: str, graph: rdflib.Graph, store: Path) -> None:
    rdflib_rows, oxigraph_rows = (run_query(source, SAVED[name].text).rows() for source in (graph, store))
    columns = set().union(*rdflib_rows) if rdflib_rows else set()
    assert _normalized(rdflib_rows, columns) == _normalized(oxigraph_rows, columns)
    assert rdflib_rows, f"{name} finds nothing in the fixture"


PAGED = sorted(name for name, saved in SAVED.items() if "# page" in saved.text)


def _page_size(rows: int) -> int:
    """Pages small enough to cut the answer in about six (and ties across page ends), few enough that the
    slowest question runs a handful of times on rdflib."""
    return max(2, -(-rows // 6))


def test_the_questions_that_can_be_long_answer_a_page_by_default() -> None:
    long_ones = {"co-mentions", "entities-in-post", "facts-with-evidence", "name-index", "person-career"}
    assert long_ones <= set(PAGED)


@pytest.mark.parametrize("name", PAGED)
def test_pages_cover_the_whole_answer(name: str, graph: rdflib.Graph, store: Path) -> None:
    def rows(source: rdflib.Graph | Path, page: dict[str, str]) -> list[dict[str, str]]:
        answer = run_query(source, SAVED[name].text, {k: rdflib.Literal(v) for k, v in page.items()}).rows()
        return _normalized(answer, {column for row in answer for column in row})

    for source in (graph, store):
        whole = rows(source, {"limit": "all"})
        first = rows(source, {})  # the fixture fits in one page, but for co-mentions' 20 pairs
        assert first == whole or set(map(repr, first)) < set(map(repr, whole)) and len(first) == 20
        seen: list[dict[str, str]] = []
        size = _page_size(len(whole))
        for offset in range(0, 1000, size):
            page = rows(source, {"limit": str(size), "offset": str(offset)})
            if not page:
                break
            seen += page
        assert set(map(repr, whole)) == set(map(repr, seen)), f"{name} on {type(source).__name__}"


# name -> the numeric columns a ranked question pages by, most first
RANKED = {
    "co-mentions": ("posts",),
    "most-connected-people": ("facts", "posts"),
    "multi-award-organizations": ("wins",),
}


@pytest.mark.parametrize("name", sorted(RANKED))
def test_ranked_pages_follow_the_ranking_across_pages(name: str, graph: rdflib.Graph, store: Path) -> None:
    """Pages are cut from one global order (the ranking, then a fixed order of ties)."""
    for source in (graph, store):
        whole = run_query(source, SAVED[name].text, {"limit": rdflib.Literal("all")}).rows()
        keys: list[tuple[int, ...]] = []
        size = _page_size(len(whole))
        for offset in range(0, 1000, size):
            page = {"limit": rdflib.Literal(str(size)), "offset": rdflib.Literal(str(offset))}
            rows = run_query(source, SAVED[name].text, page).rows()
            if not rows:
                break
            keys += [tuple(int(row[column]) for column in RANKED[name]) for row in rows]
        assert keys == sorted(keys, reverse=True), f"{name} on {type(source).__name__}"
        assert len(keys) == len(whole)
