"""rckg push, tested against a real `oxigraph serve` process started on a loopback port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.push import DEFAULT_GRAPH, PushError, push
from graph.store import load_graph, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(
    OXIGRAPH is None, reason="the oxigraph server is not installed (pip install oxigraph)"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a fresh Oxigraph server, stopped after the module."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _select(base: str, query: str) -> list[dict[str, str]]:
    request = urllib.request.Request(
        f"{base}/query?" + urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        bindings = json.load(response)["results"]["bindings"]
    return [{name: term["value"] for name, term in row.items()} for row in bindings]


def _count(base: str, graph_iri: str) -> int:
    rows = _select(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"])


def test_push_twice_keeps_only_the_second_version(oxigraph: str, tmp_path: Path) -> None:
    graph = load_graph(FIXTURE)
    assert push(FIXTURE, f"{oxigraph}/store") in (200, 201, 204)
    assert _count(oxigraph, DEFAULT_GRAPH) == len(graph)

    second = tmp_path / "second.nt"
    second.write_text(
        '<https://w3id.org/rckg/id/person/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n'
    )
    assert push(second, f"{oxigraph}/store") in (200, 201, 204)
    assert _count(oxigraph, DEFAULT_GRAPH) == 1
    assert _select(oxigraph, f"SELECT ?label WHERE {{ GRAPH <{DEFAULT_GRAPH}> {{ ?s ?p ?label }} }}") == [
        {"label": "X"}
    ]


def test_push_into_a_chosen_graph_leaves_the_others_alone(oxigraph: str, tmp_path: Path) -> None:
    store = write_store(load_graph(FIXTURE), tmp_path / "store")
    push(store, f"{oxigraph}/store", "https://example.org/rckg/test")
    push(FIXTURE, f"{oxigraph}/store", "https://example.org/rckg/other")
    assert _count(oxigraph, "https://example.org/rckg/test") == _count(
        oxigraph, "https://example.org/rckg/other"
    )
    labels = _select(
        oxigraph,
        "SELECT ?name WHERE { GRAPH <https://example.org/rckg/test> { "
        "<https://w3id.org/rckg/id/org/afrc> <https://w3id.org/rckg/ontology#acronym> ?name } }",
    )
    assert labels == [{"name": "AFRC"}]


def test_the_command_reports_what_it_pushed(oxigraph: str) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", f"{oxigraph}/store", "-i", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert DEFAULT_GRAPH in result.output


def test_errors_say_what_went_wrong(oxigraph: str, tmp_path: Path) -> None:
    with pytest.raises(PushError, match="refused"):
        push(FIXTURE, f"{oxigraph}/no-such-service")
    with pytest.raises(PushError, match="cannot reach"):
        push(FIXTURE, f"http://127.0.0.1:{_free_port()}/store")
    with pytest.raises(PushError, match="rckg build"):
        push(tmp_path / "missing.ttl", f"{oxigraph}/store")
    (tmp_path / "g.docx").write_bytes(b"")
    result = CliRunner().invoke(
        main, ["push", "--endpoint", f"{oxigraph}/store", "-i", str(tmp_path / "g.docx")]
    )
    assert result.exit_code == 1 and "extension" in result.output
