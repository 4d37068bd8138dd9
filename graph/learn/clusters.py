"""Word clusters: the French model's word vectors grouped by k-means, one class per word as a feature.

A model trained on a few hundred posts sees a few thousand words; the clusters let what it learns of
"Dior" carry to "Guerlain", of "remporter" to "décrocher". The table (vector row -> cluster) is computed
once from the pinned model by ``rckg train --clusters`` and shipped in ``data/weights/word_clusters.json``,
so that training and builds read the same classes on every machine.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token
from spacy.vocab import Vocab

from graph.learn.deciders import WEIGHTS

CLUSTERS = "word_clusters"
K = 200
ROUNDS = 25


def compute_clusters(vectors: np.ndarray, k: int = K, rounds: int = ROUNDS) -> list[int]:
    """Spherical k-means over the vector rows, started from evenly spaced rows: deterministic."""
    x = vectors.astype(np.float64)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    centres = x[np.linspace(0, len(x) - 1, k).astype(int)].copy()
    assign = np.zeros(len(x), dtype=int)
    for _ in range(rounds):
        assign = (x @ centres.T).argmax(axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / max(np.linalg.norm(c), 1e-9)
    return [int(a) for a in assign]


def write_clusters(vocab: Vocab, out_dir: Path = WEIGHTS) -> Path:
    path = out_dir / f"{CLUSTERS}.json"
    rows = compute_clusters(np.asarray(vocab.vectors.data))
    path.write_text(json.dumps({"k": K, "rows": rows}, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


@cache
def _rows() -> tuple[int, ...]:
    # Always the shipped table (not RCKG_WEIGHTS): the classes are part of the features, not the weights.
    path = WEIGHTS / f"{CLUSTERS}.json"
    if not path.exists():
        return ()
    return tuple(json.loads(path.read_text(encoding="utf-8"))["rows"])


def row_cluster(row: int) -> str | None:
    rows = _rows()
    return f"c{rows[row]}" if 0 <= row < len(rows) else None


def cluster(token: Token) -> str | None:
    """The cluster of a token's word (``token.rank`` is its row in the vector table), None without one."""
    return row_cluster(token.rank) if token.has_vector else None


def word_cluster(vocab: Vocab, word: str) -> str | None:
    return row_cluster(vocab.vectors.find(key=word)) if word in vocab.strings else None
