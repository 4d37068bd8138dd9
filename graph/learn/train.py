"""``rckg train``: the deciders' weights from answer keys and their texts, with leave-files-out figures.

Every keyed file is read, parsed and run through the mentions and the rules (as the build does); each
family's decider makes its candidates, labelled by the key. Files are split into folds: a model trained
on the other folds scores each fold's candidates, so that the figures compare the rules and the model on
files neither was fitted to. The model takes over a family only where its cross-validated F1 beats the
rules'; the weights are then fitted on every file and written to ``data/weights/<family>.json``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.extract import PostContext, extract_facts
from graph.learn.deciders import WEIGHTS, Candidate, Decider, load_deciders
from graph.learn.keys import KeyFacts, read_key
from graph.learn.linear import LinearModel, fit
from graph.loader import load_corpus
from graph.mentions import MentionFinder
from graph.nlp import parse

MANIFEST = Path(__file__).resolve().parents[2] / "data" / "training.yaml"

FOLDS = 5
THRESHOLDS = [i / 20 for i in range(4, 17)]


@dataclass
class Example:
    source: str
    candidate: Candidate
    label: int


@dataclass
class FileFacts:
    """One keyed file's gold facts and the rules' facts, as name tuples of one family."""

    key: KeyFacts
    gold: set[tuple[str, ...]] = field(default_factory=set)
    rules: set[tuple[str, ...]] = field(default_factory=set)


def keyed_texts(key_paths: Iterable[Path], corpora: list[Path]) -> list[tuple[KeyFacts, Path]]:
    """Each key with its text: ``<key folder>/corpus/<source>`` first, then the first corpus holding it."""
    pairs = []
    for path in sorted(Path(p) for p in key_paths):
        key = read_key(path)
        folders = [path.parent / "corpus", *corpora]
        text = next((d / key.source for d in folders if (d / key.source).is_file()), None)
        if text:
            pairs.append((key, text))
    return pairs


def training_sets(manifest: Path = MANIFEST) -> list[tuple[KeyFacts, Path]]:
    """The keys and texts ``data/training.yaml`` lists (paths relative to the project root)."""
    root = manifest.parents[1]
    pairs = []
    for entry in yaml.safe_load(manifest.read_text(encoding="utf-8"))["sets"]:
        keys = sorted(root.glob(entry["keys"]))
        pairs += keyed_texts(keys, [(root / entry["texts"]).resolve()])
    return pairs


def collect(
    pairs: list[tuple[KeyFacts, Path]],
) -> tuple[dict[str, list[Example]], dict[str, dict[str, FileFacts]]]:
    """Labelled candidates and per-file fact sets of every family, from every keyed text."""
    deciders = load_deciders()
    posts, owner = [], []
    for key, text in pairs:
        for post in load_corpus([text])[0]:
            posts.append(post)
            owner.append((key, str(text)))
    finder = MentionFinder()
    examples: dict[str, list[Example]] = {f: [] for f in deciders}
    per_file: dict[str, dict[str, FileFacts]] = {f: {} for f in deciders}
    for (key, source), post, doc in zip(owner, posts, parse(posts), strict=True):
        ctx = PostContext(post, doc, tuple(finder(post, doc)))
        facts = extract_facts(ctx, learned=False)
        for family, d in deciders.items():
            mine = [f for f in facts if f.family == family]
            ff = per_file[family].setdefault(source, FileFacts(key, d.gold(key)))
            ff.rules |= {_resolved(key, names) for names in filter(None, map(d.fact_keys, mine))}
            for c in d.candidates(ctx, mine):
                examples[family].append(Example(source, c, d.label(c, key) or 0))
    return examples, per_file


def _resolved(key: KeyFacts, names: tuple[str, ...]) -> tuple[str, ...]:
    """Names as the key's entity ids; a name the key does not know stays a private (never matching) id."""
    return tuple(key.entity_of.get(n) or f"?{n}" for n in names)


def _fold(source: str) -> int:
    return int(hashlib.sha1(source.encode()).hexdigest(), 16) % FOLDS


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def _score(sets: dict[str, tuple[set, set]]) -> dict[str, float]:
    tp = sum(len(s & g) for s, g in sets.values())
    return _prf(tp, sum(len(s) for s, _ in sets.values()), sum(len(g) for _, g in sets.values()))


def cross_validate(d: Decider, examples: list[Example], per_file: dict[str, FileFacts]) -> tuple[dict, float]:
    """Rules against model on held-out folds; the threshold that serves the model best out of fold."""
    scored: list[tuple[Example, float]] = []
    for k in range(FOLDS):
        train = [e for e in examples if _fold(e.source) != k]
        model = fit([e.candidate.features for e in train], [e.label for e in train])
        scored += [(e, model.probability(e.candidate.features)) for e in examples if _fold(e.source) == k]
    rules = _score({s: (ff.rules, ff.gold) for s, ff in per_file.items()})
    best_t, best = 0.5, None
    for t in THRESHOLDS:
        found: dict[str, set] = {s: set() for s in per_file}
        for e, p in scored:
            if p >= t:
                found[e.source].add(_resolved(per_file[e.source].key, e.candidate.names))
        result = _score({s: (found[s], ff.gold) for s, ff in per_file.items()})
        if best is None or result["F1"] > best["F1"]:
            best_t, best = t, result
    return {
        "rules": rules,
        "model": best,
        "threshold": best_t,
        "files": len(per_file),
        "examples": len(examples),
        "positives": sum(e.label for e in examples),
    }, best_t


def train(
    pairs: list[tuple[KeyFacts, Path]], out_dir: Path = WEIGHTS, families: Iterable[str] | None = None
) -> dict[str, dict]:
    """Cross-validate and fit every family's decider; write the weights; return the figures."""
    examples, per_file = collect(pairs)
    report = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for family, d in sorted(load_deciders().items()):
        if families and family not in families:
            continue
        cv, threshold = cross_validate(d, examples[family], per_file[family])
        cv["takes_over"] = cv["model"]["F1"] > cv["rules"]["F1"]
        fitted = fit([e.candidate.features for e in examples[family]], [e.label for e in examples[family]])
        LinearModel(fitted.weights, fitted.bias, threshold, cv).save(out_dir / f"{family}.json")
        report[family] = cv
    return report
