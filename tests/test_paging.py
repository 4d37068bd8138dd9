"""Pages of an answer: --param limit / offset rewrite the page clause, and only with whole numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from graph.paging import paged
from graph.query import run_query
from graph.store import load_graph, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
LISTING = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100\n"
SUB_SELECT = """SELECT ?x ?label WHERE {
  { SELECT ?x WHERE { ?x a ?kind } ORDER BY ?x
    LIMIT 20  # page
  }
  ?x rdfs:label ?label
} ORDER BY ?label ?x
"""
PEOPLE = "SELECT ?name WHERE { ?p a rc:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 3"


@pytest.mark.parametrize(
    ("params", "page"),
    [
        ({}, "LIMIT 100"),
        ({"offset": "100"}, "LIMIT 100 OFFSET 100"),
        ({"limit": "10", "offset": "20"}, "LIMIT 10 OFFSET 20"),
        ({"limit": "all"}, ""),
        ({"offset": "0"}, "LIMIT 100"),
    ],
)
def test_the_last_limit_is_the_page(params: dict[str, str], page: str) -> None:
    query, others = paged(LISTING, {name: Literal(value) for name, value in params.items()})
    assert query == f"SELECT ?s WHERE {{ ?s ?p ?o }} ORDER BY ?s {page}".rstrip() + "\n" and others == {}


def test_a_marked_sub_select_limit_is_the_page_and_other_params_are_kept() -> None:
    query, others = paged(
        SUB_SELECT, {"offset": Literal("20"), "limit": Literal("20"), "label": Literal("x")}
    )
    assert "LIMIT 20 OFFSET 20 # page" in query and query.endswith("} ORDER BY ?label ?x\n")
    assert others == {"label": Literal("x")}
    assert "LIMIT" not in paged(SUB_SELECT, {"limit": Literal("all")})[0]


def test_a_narrowed_question_answers_in_full_unless_a_page_is_asked_for() -> None:
    assert paged(LISTING, {"s": Literal("x")}) == (
        "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n",
        {"s": Literal("x")},
    )
    assert "LIMIT 5" in paged(LISTING, {"s": Literal("x"), "limit": Literal("5")})[0]


@pytest.mark.parametrize("value", ["-1", "10 OFFSET 5", "1; DROP ALL", "ten"])
def test_a_page_is_a_whole_number(value: str) -> None:
    with pytest.raises(ValueError, match="whole number"):
        paged(LISTING, {"limit": Literal(value)})


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_pages_follow_each_other_on_both_engines(engine: str, tmp_path: Path) -> None:
    graph = load_graph(FIXTURE)
    source = graph if engine == "rdflib" else write_store(graph, tmp_path / "store")
    everyone = [row["name"] for row in run_query(source, PEOPLE, {"limit": Literal("all")}).rows()]
    pages = [run_query(source, PEOPLE, {"offset": Literal(str(start))}).rows() for start in (0, 3, 6)]
    assert len(everyone) == 8 and [row["name"] for page in pages for row in page] == everyone


RANKED = """SELECT ?x WHERE {
  { SELECT ?x WHERE { ?x a ?kind } ORDER BY ?x
    LIMIT 50  # candidates
  }
} ORDER BY ?x
LIMIT 10  # page
"""


def test_candidates_bound_the_default_pages_only() -> None:
    assert paged(RANKED, {"offset": Literal("10")})[0].count("LIMIT") == 2
    assert "LIMIT 50" not in paged(RANKED, {"limit": Literal("all")})[0]
    narrowed = paged(RANKED, {"kind": Literal("x"), "limit": Literal("5")})[0]
    assert "LIMIT 50" not in narrowed and "LIMIT 5 # page" in narrowed
