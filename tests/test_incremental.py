"""Incremental builds: a post is extracted once per version of model, rules, gazetteer, weights and code."""

from __future__ import annotations

import shutil
import sys

import pytest

from graph import rules
from graph.build import build
from graph.fingerprint import PACKAGE, modules_from
from graph.incremental import EXTRACTION_CODE, Extracted, ResultCache, fingerprint, versioned_inputs
from graph.model import Evidence, Fact, Mention, Post

POSTS = [
    "12 mars 2013\n\nLa soirée\n\nMarie Dupont, directrice de la relation client de la SNCF, est primée.\n",
    "4 avril 2014\n\nLa convention\n\nL'AFRC organise sa convention annuelle à Paris avec BearingPoint.\n",
    "9 mai 2015\n\nUn départ\n\nJean Martin rejoint Orange comme directeur de la relation client.\n",
]
NEW_POST = "3 juin 2016\n\nUn prix\n\nPaul Durand, président de l'AMARC, remet le prix à Sophie Leroy.\n"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RCKG_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def write_posts(folder, texts):
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"post{i}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_new_post_is_the_only_one_parsed_and_extracted(tmp_path, cache_dir):
    corpus = write_posts(tmp_path / "corpus", POSTS)
    first = build([corpus], tmp_path / "a")
    assert (first.tally["extracted"], first.tally["parsed"], first.tally["cached"]) == (3, 3, 0)
    write_posts(corpus, [*POSTS, NEW_POST])
    second = build([corpus], tmp_path / "b")
    assert (second.tally["extracted"], second.tally["parsed"], second.tally["cached"]) == (1, 1, 3)
    # The same graph as a build that extracts everything afresh.
    shutil.rmtree(cache_dir)
    fresh = build([corpus], tmp_path / "c")
    assert fresh.tally["extracted"] == 4
    assert (tmp_path / "b" / "graph.nt").read_bytes() == (tmp_path / "c" / "graph.nt").read_bytes()


def test_a_build_whose_every_post_is_cached_does_not_load_the_model(tmp_path, cache_dir):
    import subprocess

    corpus = write_posts(tmp_path / "corpus", POSTS)
    build([corpus], tmp_path / "a")
    code = (f"from pathlib import Path\nfrom graph.build import build\nfrom graph.nlp import load_nlp\n"
            f"result = build([Path({str(corpus)!r})], Path({str(tmp_path / 'b')!r}))\n"
            f"print(result.tally['cached'], load_nlp.cache_info().currsize)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["3", "0"]
    assert (tmp_path / "a" / "graph.nt").read_bytes() == (tmp_path / "b" / "graph.nt").read_bytes()


def test_a_changed_rules_file_re_extracts_every_post_without_parsing(tmp_path, cache_dir, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(rules.DATA_DIR, data, ignore=shutil.ignore_patterns("corpus"))
    monkeypatch.setattr(rules, "DATA_DIR", data)
    fingerprint.cache_clear()
    corpus = write_posts(tmp_path / "corpus", POSTS)
    try:
        before = fingerprint()
        build([corpus], tmp_path / "a")
        with open(data / "rules" / "awards.yaml", "a", encoding="utf-8") as rules_file:
            rules_file.write("\n# a changed rule\n")
        fingerprint.cache_clear()
        assert fingerprint() != before
        again = build([corpus], tmp_path / "b")
    finally:
        fingerprint.cache_clear()
    assert (again.tally["extracted"], again.tally["parsed"], again.tally["cached"]) == (3, 0, 0)


def test_the_fingerprint_covers_model_rules_gazetteer_weights_and_extraction_code():
    names = set(versioned_inputs())
    assert "model" in names
    assert {"data:rules/awards.yaml", "data:rules/entities.yaml", "data:data/gazetteer.yaml"} <= names
    assert "data:weights/positions.json" in names
    code = {str(p.relative_to(PACKAGE)) for p in modules_from(EXTRACTION_CODE)}
    # What extraction imports counts; what comes after resolution does not.
    assert {"extract/awards/__init__.py", "learn/deciders.py", "learn/entities.py", "mentions.py", "rules.py",
            "gazetteer.py"} <= code
    assert not {"export.py", "triples.py", "resolve.py", "build.py", "cli.py", "loader.py", "learn/train.py",
                "formats/html.py"} & code  # fmt: skip


def test_a_cached_result_is_cited_from_the_post_that_asks(tmp_path):
    store = ResultCache(tmp_path, "f" * 64)
    here = Post("a.txt", 0, "Marie Dupont parle.", 0)
    elsewhere = Post("b.txt", 3, "Marie Dupont parle.", 120)
    fact = Fact("interviews", "Interview", (), Evidence.of(here, 0, 12))
    store.put(here, Extracted((Mention(0, 12, "Marie Dupont", "Person"),), (fact,)))
    found = store.get(elsewhere)
    assert found is not None and found.facts[0].evidence.post_id == "b.txt#3"
    assert found.mentions == (Mention(0, 12, "Marie Dupont", "Person"),)


def test_a_damaged_result_file_is_a_miss(tmp_path):
    store = ResultCache(tmp_path, "f" * 64)
    post = Post("a.txt", 0, "Un texte.", 0)
    store.put(post, Extracted((), ()))
    store.path(post).write_bytes(b"\x80\x05garbage")
    assert store.get(post) is None


def test_dask_is_not_imported_without_the_scheduler_option():
    import pkgutil
    import subprocess

    import graph

    modules = [f"graph.{m.name}" for m in pkgutil.walk_packages(graph.__path__) if m.name != "distributed"]
    code = f"import sys\nfor m in {modules!r}: __import__(m)\nprint(sorted(m for m in sys.modules if "
    code += "m.split('.')[0] in ('dask', 'distributed')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
