"""The logistic model: it learns a separable toy problem, the same data give the same weights, and the
weights survive a save and a load. The ranker puts each group's right candidate first."""

from __future__ import annotations

from graph.learn.linear import LinearModel, fit, fit_ranker

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
    saved = LinearModel(model.weights, model.bias, 0.4, {"takes_over": True}, {"rule": 0.1})
    saved.save(tmp_path / "w.json")
    loaded = LinearModel.load(tmp_path / "w.json")
    assert loaded.threshold == 0.4 and loaded.meta == {"takes_over": True} and loaded.cuts == {"rule": 0.1}
    assert abs(loaded.probability(["win"]) - saved.probability(["win"])) < 1e-4


def test_a_candidate_with_a_cut_feature_is_judged_at_its_own_threshold():
    unsure = LinearModel({"rule": 0.0}, bias=-1.0, threshold=0.5, cuts={"rule": 0.2})  # p = 0.27
    assert unsure.accepts(["rule", "win"]) and not unsure.accepts(["win"])
    assert unsure.cut(["win"]) == 0.5 and unsure.cut(["rule"]) == 0.2


# Each group is one recipient's prizes: the named one wins over the nearer one, whichever comes first.
GROUPS = [
    [(["named", "far"], 1), (["near"], 0)],
    [(["near"], 0), (["named", "near"], 1), (["far"], 0)],
    [(["far"], 0), (["named"], 1)],
    [(["near"], 0), (["far"], 0)],  # no right prize: nothing to learn from
] * 3


def test_ranker_puts_the_right_candidate_first():
    model = fit_ranker(GROUPS)
    for group in GROUPS[:3]:
        best = max(group, key=lambda c: model.probability(c[0]))
        assert best[1] == 1
    assert fit_ranker(GROUPS).weights == model.weights


def test_ranker_of_no_right_candidate_learns_nothing():
    assert fit_ranker([[(["near"], 0), (["far"], 0)]] * 3).weights == {}
