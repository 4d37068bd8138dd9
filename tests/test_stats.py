"""`rckg stats` tells what the graph holds; GraphML and GEXF carry the view to Gephi, byte-stable."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from graph.cli import main
from graph.stats import flat_view, stats_report, write_gexf, write_graphml
from graph.view import network_view

FIXTURE = Path(__file__).parent / "fixtures" / "view_graph.ttl"
ID = "https://w3id.org/rckg/id/"


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURE)


def test_report_counts_kinds_ranks_people_and_organizations_and_lists_communities(graph) -> None:
    report = stats_report(network_view(graph), top=2)
    assert report.splitlines()[0] == "11 nodes, 10 links"
    assert "  Person                    3" in report
    people = report.split("Most central people")[1].split("Most central organizations")[0]
    assert "1. Jean Martin  (2)" in people and "2. Marie Durand  (2)" in people
    assert "Thierry Spencer" not in people  # linked to nobody
    organizations = report.split("Most central organizations")[1].split("Communities")[0]
    assert "1. Association Française de la Relation Client  (2)" in organizations
    assert organizations.count(". ") == 2
    assert "3 members: Banque Azur, Marie Durand, Groupe Azur" in report


def test_flat_view_has_only_plain_attribute_values(graph) -> None:
    flat = flat_view(network_view(graph))
    values = [value for _, data in flat.nodes(data=True) for key, value in data.items() if key != "viz"]
    values += [value for *_, data in flat.edges(data=True) for value in data.values()]
    assert all(isinstance(value, str | int | float) for value in values)
    marie = flat.nodes[ID + "person/marie-durand"]
    assert (marie["names"], marie["years"], marie["first_year"], marie["evidence"]) == (
        "Marie Durand | M. Durand", "2013", 2013, 1)


@pytest.mark.parametrize(("write", "read"), [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_exports_read_back_and_are_byte_identical_from_run_to_run(graph, tmp_path, write, read) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(graph, first)
    write(graph, second)
    assert first.read_bytes() == second.read_bytes()
    back = read(first)
    assert back.number_of_nodes() == 11 and back.number_of_edges() == 10
    holds = back.get_edge_data(ID + "person/marie-durand", ID + "org/banque-azur")
    holds = holds.get("label") or next(iter(holds.values()))["label"]
    assert holds == "holds: Directrice de la Relation Client"


def test_gexf_colours_nodes_by_kind_and_carries_no_date(graph, tmp_path) -> None:
    write_gexf(graph, tmp_path / "graph.gexf")
    text = (tmp_path / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert '<viz:color r="225" g="87" b="89"' in text  # a person


def test_stats_command_prints_the_report_and_explains_a_missing_graph(tmp_path) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["stats", "-g", str(FIXTURE), "-n", "1"])
    assert done.exit_code == 0, done.output
    assert "Most central people" in done.output and "1. Jean Martin" in done.output
    missing = runner.invoke(main, ["stats", "-g", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 1 and "rckg build" in missing.output
