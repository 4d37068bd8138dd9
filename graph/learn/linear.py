"""A binary logistic regression over sparse string features: deterministic, small, pure numpy.

Weights are a plain ``{feature: weight}`` map saved as JSON beside the rules, so a build needs no
training library and the same weights give the same graph on every machine.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
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


def fit(
    samples: Sequence[Iterable[str]],
    labels: Sequence[int],
    l2: float = 1.0,
    iterations: int = 400,
    min_count: int = 2,
) -> LinearModel:
    """Fit by full-batch gradient descent with Adam steps: the same data give the same weights.

    Features seen fewer than ``min_count`` times are dropped (they would only memorise a file).
    """
    counts: dict[str, int] = {}
    rows = [sorted(set(s)) for s in samples]
    for row in rows:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    row_ids, col_ids = [], []
    for r, row in enumerate(rows):
        for f in row:
            if f in index:
                row_ids.append(r)
                col_ids.append(index[f])
    rid = np.asarray(row_ids, dtype=np.int64)
    cid = np.asarray(col_ids, dtype=np.int64)
    y = np.asarray(labels, dtype=np.float64)
    n, d = len(rows), len(vocab)
    if n == 0:
        return LinearModel({}, 0.0)
    w = np.zeros(d + 1)  # the last one is the bias
    m = np.zeros(d + 1)
    v = np.zeros(d + 1)
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, iterations + 1):
        z = np.bincount(rid, weights=w[cid], minlength=n) + w[d]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        grad = np.zeros(d + 1)
        grad[:d] = np.bincount(cid, weights=err[rid], minlength=d) / n + l2 * w[:d] / n
        grad[d] = err.mean()
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    return LinearModel({f: float(w[i]) for f, i in index.items()}, float(w[d]))
