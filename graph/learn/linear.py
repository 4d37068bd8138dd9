"""A binary logistic regression over sparse string features: deterministic, small, pure numpy.

Weights are a plain ``{feature: weight}`` map saved as JSON beside the rules, so a build needs no
training library and the same weights give the same graph on every machine.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class LinearModel:
    """``probability(features) = sigmoid(bias + sum of the features' weights)``."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)
    # A candidate carrying one of these features is cut at its own threshold: the rules' candidates
    # ("rule") are right more often than the model's words alone can tell.
    cuts: dict[str, float] = field(default_factory=dict)

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def cut(self, features: Iterable[str]) -> float:
        """The threshold for a candidate with these features."""
        found = set(features)
        return min((t for f, t in self.cuts.items() if f in found), default=self.threshold)

    def accepts(self, features: Iterable[str]) -> bool:
        features = set(features)
        return self.probability(features) >= self.cut(features)

    def save(self, path: Path) -> None:
        data = {
            "meta": self.meta,
            "threshold": round(self.threshold, 4),
            **({"cuts": {f: round(t, 4) for f, t in sorted(self.cuts.items())}} if self.cuts else {}),
            "bias": round(self.bias, 6),
            "weights": {f: round(w, 6) for f, w in sorted(self.weights.items()) if abs(w) >= 1e-4},
        }
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            dict(data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
            dict(data.get("meta", {})),
            {f: float(t) for f, t in data.get("cuts", {}).items()},
        )


def _sparse(samples: Sequence[Iterable[str]], min_count: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The features seen at least ``min_count`` times, and each sample's (row, column) entries over them."""
    counts: dict[str, int] = {}
    rows = [sorted(set(s)) for s in samples]
    for row in rows:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    entries = [(r, index[f]) for r, row in enumerate(rows) for f in row if f in index]
    rid = np.asarray([r for r, _ in entries], dtype=np.int64)
    cid = np.asarray([c for _, c in entries], dtype=np.int64)
    return vocab, rid, cid


def _descend(gradient: Callable[[np.ndarray], np.ndarray], size: int, iterations: int) -> np.ndarray:
    """Full-batch gradient descent with Adam steps from zero: the same data give the same weights."""
    w, m, v = np.zeros(size), np.zeros(size), np.zeros(size)
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, iterations + 1):
        grad = gradient(w)
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    return w


def fit(
    samples: Sequence[Iterable[str]],
    labels: Sequence[int],
    l2: float = 1.0,
    iterations: int = 400,
    min_count: int = 2,
) -> LinearModel:
    """A logistic regression. Features seen fewer than ``min_count`` times are dropped (they would only
    memorise a file)."""
    vocab, rid, cid = _sparse(samples, min_count)
    y = np.asarray(labels, dtype=np.float64)
    n, d = len(y), len(vocab)
    if n == 0:
        return LinearModel({}, 0.0)

    def gradient(w: np.ndarray) -> np.ndarray:  # the last weight is the bias
        z = np.bincount(rid, weights=w[cid], minlength=n) + w[d]
        err = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))) - y
        grad = np.zeros(d + 1)
        grad[:d] = np.bincount(cid, weights=err[rid], minlength=d) / n + l2 * w[:d] / n
        grad[d] = err.mean()
        return grad

    w = _descend(gradient, d + 1, iterations)
    return LinearModel({f: float(w[i]) for i, f in enumerate(vocab)}, float(w[d]))


def fit_ranker(
    groups: Sequence[Sequence[tuple[Iterable[str], int]]],
    l2: float = 10.0,
    iterations: int = 400,
    min_count: int = 2,
) -> LinearModel:
    """A ranker: each group is one question's candidates (features, right or not); a softmax over the
    group is fitted to put its mass on the right ones. Trained on the choice itself, it ranks better than
    a logistic regression that judges each candidate alone (prize names: the right prize first for 48% of
    recipients out of fold, not 39%). The weights score like a ``LinearModel``'s; only the order counts."""
    groups = [g for g in groups if any(y for _, y in g)]
    samples = [f for g in groups for f, _ in g]
    vocab, rid, cid = _sparse(samples, min_count)
    gid = np.asarray([k for k, g in enumerate(groups) for _ in g], dtype=np.int64)
    y = np.asarray([y for g in groups for _, y in g], dtype=np.float64)
    n, d, size = len(y), len(vocab), len(groups)
    if size == 0:
        return LinearModel({}, 0.0)

    def gradient(w: np.ndarray) -> np.ndarray:
        z = np.bincount(rid, weights=w[cid], minlength=n)
        top = np.full(size, -np.inf)
        np.maximum.at(top, gid, z)
        e = np.exp(z - top[gid])
        p = e / np.bincount(gid, weights=e, minlength=size)[gid]
        right = e * y
        q = right / np.bincount(gid, weights=right, minlength=size)[gid]
        return np.bincount(cid, weights=(p - q)[rid], minlength=d) / size + l2 * w / size

    w = _descend(gradient, d, iterations)
    return LinearModel({f: float(w[i]) for i, f in enumerate(vocab)}, 0.0)
