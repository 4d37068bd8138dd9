"""End to end on the real corpus: evidence, round trips, determinism, stale exports, bad files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from graph.namespace import RC, mint
from graph.validate import ontology
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow
RCKG = [sys.executable, "-m", "graph.cli"]
FACT_CLASSES = [RC.AwardConferral, RC.Position, RC.Interview, RC.Event, RC.Work]


def rckg(*args: str, seed: str = "0", cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([*RCKG, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600)


def test_every_quote_is_verbatim_at_its_offsets(gold_build):
    result, _ = gold_build
    texts = {mint("doc", post.id): post.text for post in result.posts}
    g = result.graph
    evidences = list(g.subjects(RDF.type, RC.Evidence))
    assert evidences
    for ev in evidences:
        quote = str(g.value(ev, RC.quote))
        text = texts[g.value(ev, RC.document)]
        start, end = int(g.value(ev, RC.startOffset)), int(g.value(ev, RC.endOffset))
        assert text[start:end] == quote


def test_every_fact_node_has_evidence(gold_build):
    result, _ = gold_build
    g = result.graph
    tree = ontology()
    for cls in FACT_CLASSES:
        for kind in tree.transitive_subjects(RDFS.subClassOf, cls):
            for node in g.subjects(RDF.type, kind):
                assert any(g.objects(node, PROV.wasDerivedFrom)), node
    for statement in g.subjects(RDF.type, RDF.Statement):
        assert any(g.objects(statement, PROV.wasDerivedFrom)), statement


@pytest.mark.parametrize(
    "name,fmt", [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")]
)
def test_exports_parse_back_into_an_isomorphic_graph(gold_build, name, fmt):
    result, out = gold_build
    assert isomorphic(Graph().parse(out / name, format=fmt), result.graph)


def test_two_builds_give_the_same_bytes(tmp_path):
    small = [str(CORPUS / "001_be8f52dd04c99cb0.txt"), str(CORPUS / "004_c688e75252bc4fb4.txt")]
    first, second = tmp_path / "a", tmp_path / "b"
    assert rckg("build", *small, "-o", str(first), seed="1").returncode == 0
    assert rckg("build", *small, "-o", str(second), seed="2").returncode == 0
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "graph.graphml", "graph.gexf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_committed_exports_are_up_to_date(corpus_build):
    """exports/ holds the build of data/corpus: rebuild with `make run` when this fails."""
    _, out = corpus_build
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "graph.graphml", "graph.gexf"):
        committed = ROOT / "exports" / name
        assert committed.exists(), f"{committed} is missing: run `make run`"
        assert committed.read_bytes() == (out / name).read_bytes(), f"{name} is stale: run `make run`"


def test_bad_files_are_named_and_the_rest_still_builds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "post.txt").write_text(
        "12 mars 2013\n\nUn titre\n\nEric Dadian, Président de l'AFRC, ouvrait la soirée.\n", encoding="utf-8"
    )
    done = rckg("build", str(corpus), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "empty.txt: empty file" in done.stderr
    assert "image.txt: binary content" in done.stderr
    assert "posts read: 1" in done.stdout
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert any("Eric Dadian" in str(label) for label in g.objects(None, None))


def test_missing_path_is_a_clear_error(tmp_path):
    done = rckg("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert done.returncode != 0
    assert "no such file or folder" in done.stderr


def test_a_graph_that_violates_the_shapes_writes_no_export(tmp_path, monkeypatch):
    from graph import build as build_module
    from graph.validate import Report

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "post.txt").write_text("Un titre\n\nEric Dadian préside l'AFRC.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the previous export\n", encoding="utf-8")
    monkeypatch.setattr(build_module, "validate", lambda graph, in_place=False: Report(False, "a violation"))
    with pytest.raises(build_module.InvalidGraph):
        build_module.build([corpus], out)
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# the previous export\n"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]  # nothing staged is left behind


def _flagging(cls):
    """A validation that finds every node of ``cls`` broken (as a misread fact would be)."""
    from graph.validate import Report

    def validate(graph, in_place=False):
        broken = tuple(sorted(str(n) for n in graph.subjects(RDF.type, RC[cls])))
        return Report(not broken, "a violation", broken)

    return validate


def test_a_fact_that_breaks_a_shape_is_left_out_and_the_rest_exported(tmp_path, monkeypatch):
    from graph import build as build_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "post.txt").write_text("Un titre\n\nEric Dadian, président de l'AFRC, ouvre la séance.\n",
                                     encoding="utf-8")
    monkeypatch.setattr(build_module, "validate", _flagging("Position"))
    result = build_module.build([corpus], tmp_path / "out")
    assert result.broken and all("/position/" in iri for iri in result.broken)
    exported = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert not list(exported.subjects(RDF.type, RC.Position))
    assert list(exported.subjects(RDF.type, RC.Person))  # the entities stay


def test_an_entity_that_breaks_a_shape_still_stops_the_build(tmp_path, monkeypatch):
    from graph import build as build_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "post.txt").write_text("Un titre\n\nEric Dadian préside l'AFRC.\n", encoding="utf-8")
    monkeypatch.setattr(build_module, "validate", _flagging("Person"))
    with pytest.raises(build_module.InvalidGraph):
        build_module.build([corpus], tmp_path / "out")


def test_a_task_in_a_child_gives_its_result_here():
    from graph.build import in_child

    assert in_child(os.getpid)() != os.getpid()


def test_a_task_whose_child_dies_runs_here():
    from graph.build import in_child

    parent = os.getpid()

    def task() -> str:
        if os.getpid() != parent:
            os._exit(1)  # the child dies without answering
        return "done here"

    assert in_child(task)() == "done here"


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    from graph import build as build_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "post.txt").write_text("Un titre\n\nEric Dadian, président de l'AFRC, ouvre la séance.\n",
                                     encoding="utf-8")
    with pytest.raises(build_module.InvalidGraph), pytest.MonkeyPatch.context() as patch:  # an error too
        patch.setattr(build_module, "validate", _flagging("Person"))
        build_module.build([corpus], tmp_path / "broken")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    result = build_module.build([corpus], tmp_path / "out")
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the graph can be collected once let go of
    assert len(result.graph)


def test_no_collection_while_the_graph_is_made_and_what_it_made_is_frozen():
    import gc

    from graph.collector import without_collection

    gc.unfreeze()
    with without_collection():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(made)
    gc.unfreeze()
