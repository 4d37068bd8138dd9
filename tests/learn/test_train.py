"""``rckg train`` end to end: weights and leave-files-out figures from keys and their texts, the same
bytes on every run, and the shipped weights are exactly what the shipped keys give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.learn.clusters import CLUSTERS
from graph.learn.train import L2_GRID, MANIFEST, training_sets
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
FRESH = sorted((ROOT / "tests" / "gold-fresh").glob("*.yaml"))


def _train(out: Path, *args: str):
    return CliRunner().invoke(main, ["train", *args, "-o", str(out)], catch_exceptions=False)


def test_train_writes_weights_and_compares_the_model_with_the_rules(tmp_path):
    result = _train(tmp_path / "a", *(f"--gold={k}" for k in FRESH))
    assert result.exit_code == 0, result.output
    assert "positions" in result.output and "takes over" in result.output
    meta = json.loads((tmp_path / "a" / "positions.json").read_text(encoding="utf-8"))["meta"]
    assert {"rules", "model", "threshold", "l2", "takes_over"} <= set(meta)
    assert meta["l2"] in L2_GRID  # the penalty is chosen out of fold, like the threshold
    again = _train(tmp_path / "b", *(f"--gold={k}" for k in FRESH))
    assert again.exit_code == 0
    for path in sorted((tmp_path / "a").glob("*.json")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_a_key_without_its_text_is_a_usage_error(tmp_path):
    lonely = tmp_path / "k.yaml"
    lonely.write_text("source: missing.txt\nentities: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", f"--gold={lonely}", "--corpus", str(tmp_path)])
    assert result.exit_code != 0 and "no answer key" in result.output


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus-pool").is_dir(), reason="../shared is not beside")
def test_the_shipped_weights_are_what_the_training_sets_give(tmp_path):
    assert len(training_sets(MANIFEST)) > 200
    result = _train(tmp_path)
    assert result.exit_code == 0, result.output
    for path in sorted((ROOT / "data" / "weights").glob("*.json")):
        if path.stem == CLUSTERS:  # an input of training (`rckg train --clusters`), not an output
            continue
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), path.name
