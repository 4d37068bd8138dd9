"""rckg serve, tested with a real HTTP client (SPARQLWrapper) against a server started on a loopback port."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.server import SparqlServer, make_server, negotiate
from graph.store import load_graph, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
PREFIXES = (
    "PREFIX rc: <https://w3id.org/rckg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
PEOPLE = PREFIXES + "SELECT ?name WHERE { ?p a rc:Person ; rdfs:label ?name } ORDER BY ?name"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    store = write_store(load_graph(FIXTURE), tmp_path_factory.mktemp("server") / "store")
    httpd = make_server(store, port=0, timeout=2, limit=5)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _client(server: SparqlServer, query: str, return_format: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.url, returnFormat=return_format)
    client.setQuery(query)
    client.setMethod(method)
    return client


def _get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_it_listens_on_loopback_by_default(server: SparqlServer) -> None:
    assert server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_as_json(server: SparqlServer, method: str) -> None:
    answer = _client(server, PEOPLE, JSON, method).queryAndConvert()
    assert answer["head"]["vars"] == ["name"]
    assert [row["name"]["value"] for row in answer["results"]["bindings"]][:2] == [
        "Dominique Gibert",
        "Eric Dadian",
    ]


def test_select_posted_directly_as_sparql_query(server: SparqlServer) -> None:
    client = _client(server, PEOPLE, JSON, POST)
    client.setRequestMethod(POSTDIRECTLY)
    assert len(client.queryAndConvert()["results"]["bindings"]) == 5


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_as_xml_csv_and_tsv(server: SparqlServer, method: str) -> None:
    xml = _client(server, PEOPLE, XML, method).queryAndConvert()
    assert xml.getElementsByTagName("literal")[0].firstChild.data == "Dominique Gibert"
    csv_text = _client(server, PEOPLE, CSV, method).queryAndConvert().decode()
    assert csv_text.splitlines()[:2] == ["name", "Dominique Gibert"]
    tsv_text = _client(server, PEOPLE, TSV, method).queryAndConvert().decode()
    assert tsv_text.splitlines()[:2] == ["?name", '"Dominique Gibert"']


@pytest.mark.parametrize("method", ["GET", POST])
def test_ask(server: SparqlServer, method: str) -> None:
    ask = PREFIXES + "ASK { ?x a rc:AwardConferral }"
    assert _client(server, ask, JSON, method).queryAndConvert()["boolean"] is True
    assert "<boolean>true</boolean>" in _client(server, ask, XML, method).query().response.read().decode()


@pytest.mark.parametrize("method", ["GET", POST])
def test_construct_as_turtle_and_json_ld(server: SparqlServer, method: str) -> None:
    construct = PREFIXES + "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a rc:Association ; rdfs:label ?l }"
    turtle = _client(server, construct, TURTLE, method).queryAndConvert()
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    assert set(parsed.objects()) == {rdflib.Literal("Association Française de la Relation Client")}
    as_json_ld = _client(server, construct, JSONLD, method).queryAndConvert()
    assert len(as_json_ld) == 1


def test_content_negotiation_by_accept_header(server: SparqlServer) -> None:
    url = server.url + "?" + urlencode({"query": PEOPLE})
    assert _get(url)[1].startswith("application/sparql-results+json")
    assert _get(url, "text/html,application/xhtml+xml,*/*;q=0.8")[1].startswith(
        "application/sparql-results+json"
    )
    assert _get(url, "text/csv;q=0.5, text/tab-separated-values")[1].startswith("text/tab-separated-values")
    status, content_type, body = _get(url, "text/turtle")
    assert status == 406 and "text/csv" in body.decode()
    construct = server.url + "?" + urlencode({"query": "CONSTRUCT WHERE { ?s a ?o } LIMIT 1"})
    assert _get(construct, "application/ld+json")[1].startswith("application/ld+json")
    assert _get(construct)[1].startswith("text/turtle")


def test_negotiation_prefers_the_highest_quality() -> None:
    assert negotiate("bindings", "text/csv;q=0.2, application/sparql-results+xml;q=0.9") == "xml"
    assert negotiate("graph", "application/n-triples, text/turtle;q=0") == "ntriples"
    assert negotiate("graph", "text/csv") is None


def test_updates_are_refused(server: SparqlServer) -> None:
    update = _client(server, PREFIXES + "INSERT DATA { <urn:x> rdfs:label 'x' }", JSON, POST)
    with pytest.raises(HTTPError) as refused:
        update.query()
    assert refused.value.code == 403 and "read-only" in refused.value.read().decode()
    status, _, body = _get(server.url + "?" + urlencode({"update": "DROP ALL"}))
    assert status == 403
    put = urllib.request.Request(server.url, data=b"", method="PUT")
    with pytest.raises(HTTPError) as not_allowed:
        urllib.request.urlopen(put, timeout=10)
    assert not_allowed.value.code == 405
    assert len(_client(server, PEOPLE, JSON).queryAndConvert()["results"]["bindings"]) == 5


def test_a_malformed_query_gets_400_and_the_parser_message(server: SparqlServer) -> None:
    with pytest.raises(QueryBadFormed) as bad:
        _client(server, "SELECT ?x WHERE {\n ?x ?y }", JSON).query()
    assert re.search(r"line 2, column \d+", str(bad.value))


def test_a_slow_query_is_stopped_at_the_timeout(server: SparqlServer) -> None:
    status, _, body = _get(server.url + "?" + urlencode({"query": CROSS_PRODUCT}))
    assert status == 503 and "2 s" in body.decode()


def test_a_runaway_query_gets_its_503_in_time_while_other_clients_are_answered(server: SparqlServer) -> None:
    runaway: dict[str, float] = {}

    def send_runaway() -> None:
        started = time.perf_counter()
        runaway["status"] = _get(server.url + "?" + urlencode({"query": CROSS_PRODUCT}))[0]
        runaway["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=send_runaway)
    thread.start()
    time.sleep(0.2)  # the runaway now holds a worker
    others = []
    while thread.is_alive():
        started = time.perf_counter()
        status = _get(server.url + "?" + urlencode({"query": PEOPLE}))[0]
        others.append((status, time.perf_counter() - started))
    thread.join()
    assert runaway["status"] == 503 and runaway["seconds"] < 2 + 0.5  # the timeout is 2 s
    assert len(others) >= 5 and all(status == 200 and seconds < 1 for status, seconds in others), others
    assert len(_client(server, PEOPLE, JSON).queryAndConvert()["results"]["bindings"]) == 5  # replaced


def test_answers_are_cut_at_the_result_limit(server: SparqlServer) -> None:
    request = urllib.request.Request(server.url + "?" + urlencode({"query": PEOPLE}))
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["X-Result-Limit-Reached"] == "true"
        assert len(json.load(response)["results"]["bindings"]) == 5


def test_the_query_page_works_offline(server: SparqlServer) -> None:
    status, content_type, body = _get(server.url.removesuffix("sparql"))
    page = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert "award-winners-by-year" in page  # the saved questions are built in
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # no external script or style
    assert "@import" not in page
