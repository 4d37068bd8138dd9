"""rckg query: resolving queries, binding parameters, formats, errors and time limits, on both engines."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from xml.dom.minidom import parseString

import pytest
import rdflib
from click.testing import CliRunner

from graph.cli import main
from graph.query import (
    QueryError,
    QueryTimeout,
    ReadOnlyError,
    parse_param,
    parse_term,
    resolve_query,
    run_query,
)
from graph.store import load_graph, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
PEOPLE = "SELECT ?name WHERE { ?p a rc:Person ; rdfs:label ?name } ORDER BY ?name"
POSITIONS = """SELECT ?person ?organization
WHERE { ?p rc:holder/rdfs:label ?person ; rc:organization/rdfs:label ?organization }"""
# Four nested scans of the whole graph: far too slow to finish, the way runaway queries are.
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_graph(FIXTURE)


@pytest.fixture(scope="module")
def store(graph: rdflib.Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(graph, tmp_path_factory.mktemp("query") / "store")


@pytest.fixture(params=["rdflib", "oxigraph"])
def source(request: pytest.FixtureRequest, graph: rdflib.Graph, store: Path) -> rdflib.Graph | Path:
    return graph if request.param == "rdflib" else store


# --- which query is meant


def test_a_saved_name_a_file_and_inline_text_are_all_queries(tmp_path: Path) -> None:
    assert "rc:AwardConferral" in resolve_query("award-winners-by-year")
    (tmp_path / "mine.rq").write_text(PEOPLE, encoding="utf-8")
    assert resolve_query(str(tmp_path / "mine.rq")) == PEOPLE
    assert resolve_query(PEOPLE) == PEOPLE


def test_an_unknown_name_says_how_to_list_the_saved_ones() -> None:
    with pytest.raises(LookupError, match="--list"):
        resolve_query("no-such-question")
    with pytest.raises(FileNotFoundError):
        resolve_query("missing.rq")


# --- parameters


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("GDF SUEZ", rdflib.Literal("GDF SUEZ")),
        ("id:org/gdf-suez", rdflib.URIRef("https://w3id.org/rckg/id/org/gdf-suez")),
        ("<https://w3id.org/rckg/id/org/afrc>", rdflib.URIRef("https://w3id.org/rckg/id/org/afrc")),
        ("https://w3id.org/rckg/id/org/afrc", rdflib.URIRef("https://w3id.org/rckg/id/org/afrc")),
        ('"2014"^^xsd:gYear', rdflib.Literal("2014", datatype=rdflib.XSD.gYear)),
        ('"client"@fr', rdflib.Literal("client", lang="fr")),
        ("Relation client : l'année", rdflib.Literal("Relation client : l'année")),
    ],
)
def test_parameter_values_read_as_rdf_terms(value: str, term: rdflib.term.Identifier) -> None:
    assert parse_term(value) == term


def test_a_parameter_needs_a_name_and_a_value() -> None:
    assert parse_param("?organization=GDF SUEZ") == ("organization", rdflib.Literal("GDF SUEZ"))
    with pytest.raises(ValueError, match="name=value"):
        parse_param("GDF SUEZ")


def test_a_parameter_narrows_the_answer(source: rdflib.Graph | Path) -> None:
    rows = run_query(source, POSITIONS, {"organization": rdflib.Literal("GDF SUEZ")}).rows()
    assert sorted(row["person"] for row in rows) == ["Eric Lestanguet", "Virginie Le Lamer"]


def test_a_parameter_cannot_change_the_query(source: rdflib.Graph | Path) -> None:
    """The value is bound as one literal: text that would break out of a pasted string does nothing."""
    hostile = rdflib.Literal('GDF SUEZ" } UNION { ?p ?x ?organization } #')
    assert run_query(source, POSITIONS, {"organization": hostile}).rows() == []


def test_binding_a_variable_the_query_does_not_select_is_refused(source: rdflib.Graph | Path) -> None:
    with pytest.raises(QueryError, match=r"\?nickname"):
        run_query(source, PEOPLE, {"nickname": rdflib.Literal("x")})


# --- answers and formats


def test_select_rows_on_both_engines(source: rdflib.Graph | Path) -> None:
    answer = run_query(source, PEOPLE)
    assert answer.kind == "bindings" and answer.variables == ["name"]
    assert [row["name"] for row in answer.rows()][:3] == [
        "Dominique Gibert",
        "Eric Dadian",
        "Eric Lestanguet",
    ]


def test_select_formats(source: rdflib.Graph | Path) -> None:
    answer = run_query(source, PEOPLE)
    results = json.loads(answer.render("json"))
    assert results["head"]["vars"] == ["name"]
    assert results["results"]["bindings"][0]["name"] == {"type": "literal", "value": "Dominique Gibert"}
    assert list(csv.reader(io.StringIO(answer.render("csv").decode())))[:2] == [
        ["name"],
        ["Dominique Gibert"],
    ]
    assert answer.render("tsv").decode().splitlines()[:2] == ["?name", '"Dominique Gibert"']
    xml = parseString(answer.render("xml"))
    assert xml.getElementsByTagName("literal")[0].firstChild.data == "Dominique Gibert"
    table = answer.render("table").decode()
    assert table.splitlines()[0] == "name" and table.rstrip().endswith("(8 rows)")


def test_ask_and_construct(source: rdflib.Graph | Path) -> None:
    assert run_query(source, "ASK { ?x a rc:AwardConferral }").boolean is True
    assert json.loads(run_query(source, "ASK { ?x a rc:Planet }").render("json")) == {
        "head": {},
        "boolean": False,
    }
    answer = run_query(source, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a rc:Person ; rdfs:label ?l }")
    assert answer.kind == "graph"
    parsed = rdflib.Graph().parse(data=answer.render("turtle"), format="turtle")
    assert len(parsed) == 8
    assert len(rdflib.Graph().parse(data=answer.render("jsonld"), format="json-ld")) == 8
    with pytest.raises(ValueError, match="graph"):
        answer.render("csv")


def test_typed_values_keep_their_datatype(source: rdflib.Graph | Path) -> None:
    answer = run_query(
        source, "SELECT ?year WHERE { <https://w3id.org/rckg/id/conferral/acer-2014> rc:year ?year }"
    )
    binding = json.loads(answer.render("json"))["results"]["bindings"][0]["year"]
    assert binding == {
        "type": "literal",
        "value": "2014",
        "datatype": "http://www.w3.org/2001/XMLSchema#gYear",
    }


def test_the_result_limit_cuts_and_says_so(source: rdflib.Graph | Path) -> None:
    answer = run_query(source, PEOPLE, limit=3)
    assert len(answer.rows()) == 3 and answer.truncated
    assert "cut at the result limit" in answer.render("table").decode()
    assert not run_query(source, PEOPLE, limit=8).truncated


# --- errors and time limits


def test_a_malformed_query_reports_line_and_column(source: rdflib.Graph | Path) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(source, 'SELECT ?name\nWHERE {\n  ?p rdfs:label "unterminated .\n}', timeout=10)
    assert caught.value.line == 3 and caught.value.column is not None
    assert str(caught.value).startswith("line 3, column ")


def test_updates_are_refused(source: rdflib.Graph | Path) -> None:
    for update in ("INSERT DATA { id:x rdfs:label 'x' }", "# comment\nPREFIX ex: <http://ex/>\nDROP ALL"):
        with pytest.raises(ReadOnlyError, match="read-only"):
            run_query(source, update)


def test_federated_queries_are_refused(source: rdflib.Graph | Path) -> None:
    # An endpoint must never be made to fetch other URLs; "service" inside a string is fine.
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(source, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    run_query(source, 'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "SERVICE client")) }')


def test_a_runaway_query_stops_at_its_timeout(source: rdflib.Graph | Path) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="1 s"):
        run_query(source, CROSS_PRODUCT, timeout=1)
    assert time.monotonic() - started < 5


def test_a_timed_query_answers_like_an_untimed_one(source: rdflib.Graph | Path) -> None:
    assert run_query(source, PEOPLE, timeout=10) == run_query(source, PEOPLE)


# --- the command


def test_cli_lists_the_saved_questions_with_what_they_answer() -> None:
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    assert "award-winners-by-year\n    Who won which award" in result.output


@pytest.mark.parametrize("graph_file", [FIXTURE, "store"])
def test_cli_runs_a_saved_question_with_a_parameter(graph_file: Path | str, store: Path) -> None:
    graph_path = store if graph_file == "store" else graph_file
    args = [
        "query",
        "organization-people",
        "-g",
        str(graph_path),
        "--param",
        "organization=GDF SUEZ",
        "-f",
        "csv",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(row["person"], row["title"]) for row in rows} == {
        ("Eric Lestanguet", "Directeur de la relation client"),
        ("Virginie Le Lamer", "conseillère"),
        ("Virginie Le Lamer", "téléconseiller"),
    }


def test_cli_turns_user_errors_into_messages(tmp_path: Path) -> None:
    runner = CliRunner()
    malformed = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x ?y }", "-g", str(FIXTURE)])
    assert malformed.exit_code == 1 and "line 1, column" in malformed.output
    missing = runner.invoke(main, ["query", "posts", "-g", str(tmp_path / "nothing.ttl")])
    assert missing.exit_code == 1 and "rckg build" in missing.output
    slow = runner.invoke(main, ["query", CROSS_PRODUCT, "-g", str(FIXTURE), "--timeout", "0.5"])
    assert slow.exit_code == 1 and "--timeout" in slow.output
    wrong_format = runner.invoke(main, ["query", PEOPLE, "-g", str(FIXTURE), "-f", "turtle"])
    assert wrong_format.exit_code == 1 and "table" in wrong_format.output
