"""Scores against the answer keys (graph built from the annotated files alone).

tests/gold/ holds the keys the rules were first written against; tests/gold-dev/ keys written blind
for the other seed files. Both must meet the issues' targets: every family F1 >= 0.7, overall fact
F1 >= 0.85, entity F1 >= 0.9.
"""

from __future__ import annotations

import pytest

from graph.evaluate import FACT_FAMILIES, evaluate
from tests.conftest import GOLD, GOLD_DEV, ROOT

pytestmark = pytest.mark.slow

TARGET_FAMILY_F1 = 0.7
FLOORS = {
    "entities": 0.9,
    "positions": 0.7,
    "awards": 0.7,
    "events": 0.7,
    "speakers": 0.7,
    "hosts": 0.7,
    "organizers": 0.7,
    "org_links": 0.7,
    "works": 0.7,
    "authorship": 0.7,
    "interviews": 0.7,
}
OVERALL_FLOOR = 0.85


@pytest.fixture(scope="module", params=["gold", "dev"])
def scores(request):
    keys = {"gold": GOLD, "dev": GOLD_DEV}[request.param]
    _, out = request.getfixturevalue(f"{request.param}_build")
    return evaluate([str(p) for p in keys], [str(out / "graph.ttl")], str(ROOT / "ontology"))


@pytest.mark.parametrize("family", ["entities", *FACT_FAMILIES])
def test_family_f1_stays_above_its_floor(scores, family):
    results, errors = scores
    assert results[family]["F1"] >= FLOORS[family], (results[family], errors.get(family, [])[:15])


def test_overall_fact_f1(scores):
    results, _ = scores
    assert results["overall"]["F1"] >= OVERALL_FLOOR, results["overall"]


# Keyed test posts written for the suite (tests/gold-*/corpus), by writers of other styles than the blog's:
# gold-fresh and gold-heldout were then used to generalise the rules (by sentence shape); gold-heldout2 was
# scored once, blind, and is kept out of the work list; gold-synth (108 posts by helper sessions that never
# saw the code, every style of the field) was scored blind once and is in no training set (README: why);
# gold-written (40 posts by helper sessions: awards, people and groups, events and studies) is the twentieth
# round's work list.
# Their floors guard against regressions only.
KEYED_SETS = {"gold-fresh": 0.85, "gold-heldout": 0.55, "gold-heldout2": 0.35, "gold-synth": 0.40,
              "gold-written": 0.65}


@pytest.mark.parametrize(("name", "floor"), sorted(KEYED_SETS.items()))
def test_keyed_test_posts_stay_above_their_floor(tmp_path, name, floor):
    from graph.build import build

    folder = ROOT / "tests" / name
    build([folder / "corpus"], tmp_path)
    keys = [str(p) for p in sorted(folder.glob("*.yaml"))]
    results, _ = evaluate(keys, [str(tmp_path / "graph.ttl")], str(ROOT / "ontology"))
    assert results["overall"]["F1"] >= floor, results["overall"]


# Real excerpts of the field's writing (../shared/corpus-real, not ours to copy: the keys in tests/ are facts
# only). tests/gold-real (40 files) is what the learned deciders were tuned on; tests/gold-real-heldout (a
# random third) was kept out of all rule and model work. Floors guard against regressions only; README
# "Measured quality" gives the figures.
REAL_TEXTS = ROOT.parent / "shared" / "corpus-real"
REAL_SETS = {"gold-real": 0.42, "gold-real-heldout": 0.40}


@pytest.mark.skipif(not REAL_TEXTS.is_dir(), reason="../shared/corpus-real is not beside the project")
@pytest.mark.parametrize(("name", "floor"), sorted(REAL_SETS.items()))
def test_real_posts_stay_above_their_floor(tmp_path, name, floor):
    import shutil

    import yaml

    from graph.build import build

    keys = sorted((ROOT / "tests" / name).glob("*.yaml"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for key in keys:
        shutil.copy(REAL_TEXTS / yaml.safe_load(key.read_text(encoding="utf-8"))["source"], corpus)
    build([corpus], tmp_path / "out")
    graph = str(tmp_path / "out" / "graph.ttl")
    results, _ = evaluate([str(k) for k in keys], [graph], str(ROOT / "ontology"))
    assert results["overall"]["F1"] >= floor, results["overall"]
