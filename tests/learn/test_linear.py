"""The logistic model: it learns a separable toy problem, the same data give the same weights, and the
weights survive a save and a load."""

from __future__ import annotations

from graph.learn.linear import LinearModel, fit

SAMPLES = [["win", "prize"], ["win"], ["prize", "win", "rank"], ["talk"], ["talk", "city"], ["city"]] * 3
LABELS = [1, 1, 1, 0, 0, 0] * 3


def test_fit_separates_what_the_features_separate():
    model = fit(SAMPLES, LABELS)
    assert model.accepts(["win"]) and not model.accepts(["talk"])
    assert model.probability(["win", "prize"]) > model.probability(["city"])


def test_fit_is_deterministic():
    assert fit(SAMPLES, LABELS).weights == fit(SAMPLES, LABELS).weights


def test_rare_features_are_not_learned():
    model = fit([*SAMPLES, ["once"]], [*LABELS, 1])
    assert "once" not in model.weights


def test_weights_round_trip(tmp_path):
    model = fit(SAMPLES, LABELS)
    saved = LinearModel(model.weights, model.bias, 0.4, {"takes_over": True})
    saved.save(tmp_path / "w.json")
    loaded = LinearModel.load(tmp_path / "w.json")
    assert loaded.threshold == 0.4 and loaded.meta == {"takes_over": True}
    assert abs(loaded.probability(["win"]) - saved.probability(["win"])) < 1e-4
