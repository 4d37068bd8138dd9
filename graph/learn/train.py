"""``rckg train``: the deciders' weights from answer keys and their texts, with leave-files-out figures.

Every keyed file is read, parsed and run through the mentions and the rules (as the build does); each
family's decider makes its candidates, labelled by the key. Files are split into folds: a model trained
on the other folds scores each fold's candidates, so that the figures compare the rules and the model on
files neither was fitted to. The model takes over a family only where its cross-validated F1 beats the
rules'; the weights are then fitted on every file and written to ``data/weights/<family>.json``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.tokens import Doc

from graph.extract import PostContext, extract_facts
from graph.learn.deciders import RULE, WEIGHTS, Candidate, load_deciders
from graph.learn.entities import (
    KEEP,
    KINDS,
    correct,
    entity_candidates,
    entity_features,
    keep_label,
    passes_through,
    person_label,
)
from graph.learn.keys import KeyFacts, read_key
from graph.learn.linear import LinearModel, fit, fit_ranker
from graph.learn.prizes import NAME, prize_examples
from graph.loader import load_corpus
from graph.mentions import MentionFinder
from graph.model import WEAK, Mention, Post
from graph.nlp import parse
from graph.rules import name_key

MANIFEST = Path(__file__).resolve().parents[2] / "data" / "training.yaml"

FOLDS = 5
THRESHOLDS = [i / 20 for i in range(4, 17)]
THRESHOLD_SLACK = 0.01
# The rules' candidates may be kept on less confidence than the model's alone: a rule read them already.
RULE_THRESHOLDS = [i / 20 for i in range(1, 17)]
# The L2 penalties tried for each decider: families differ in how many candidates and how many rare words
# they have, and out-of-fold F1 picks the one that serves each best (the strongest of equal ones).
L2_GRID = (1.0, 10.0, 50.0, 100.0)
# The prize ranker's: the share of recipients whose right prize it ranks first, out of fold, picks one.
RANKER_L2_GRID = (3.0, 10.0, 30.0)


@dataclass
class Example:
    source: str
    candidate: Candidate
    label: int
    names: tuple[str, ...] = ()  # how the decider keys the candidate, when not by its mentions' names


@dataclass
class FileFacts:
    """One keyed file's gold facts and the rules' facts, as name tuples of one family."""

    key: KeyFacts
    gold: set[tuple[str, ...]] = field(default_factory=set)
    rules: set[tuple[str, ...]] = field(default_factory=set)
    resolve: Callable[[KeyFacts, tuple[str, ...]], tuple[str, ...]] = field(
        default=lambda k, n: _resolved(k, n)
    )


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


@dataclass
class Parsed:
    """One keyed post, parsed once for every stage of training, with the finder's mentions."""

    key: KeyFacts
    source: str  # the text's path: two sets may hold files of the same name
    post: Post
    doc: Doc
    mentions: tuple[Mention, ...]


def parse_keyed(pairs: list[tuple[KeyFacts, Path]]) -> list[Parsed]:
    posts, owner = [], []
    for key, text in pairs:
        for post in load_corpus([text])[0]:
            posts.append(post)
            owner.append((key, str(text)))
    finder = MentionFinder()
    return [
        Parsed(key, source, post, doc, tuple(finder(post, doc)))
        for (key, source), post, doc in zip(owner, posts, parse(posts), strict=True)
    ]


def collect_entities(
    items: list[Parsed],
) -> tuple[list[Example], dict[str, FileFacts], list[tuple[list, int]]]:
    """Entity candidates labelled by the keys' entity lists; the finder's own entities as the rules'."""
    examples, kinds = [], []
    per_file: dict[str, FileFacts] = {}
    for it in items:
        ctx = PostContext(it.post, it.doc, it.mentions)
        ff = per_file.setdefault(it.source, FileFacts(it.key, {(e,) for e in it.key.kind_of}))
        firm = [m for m in it.mentions if m.source != WEAK and not passes_through(m, list(it.mentions))]
        ff.rules |= {_resolved(it.key, (name_key(m.text),)) for m in firm}
        for m in entity_candidates(it.post, it.doc, list(it.mentions)):
            feats = tuple(entity_features(ctx, m))
            examples.append(Example(it.source, Candidate((m,), feats), keep_label(m, it.key)))
            person = person_label(m, it.key)
            if person is not None:
                kinds.append((list(feats), person))
    return examples, per_file, kinds


def collect(
    contexts: list[tuple[Parsed, PostContext]],
) -> tuple[dict[str, list[Example]], dict[str, dict[str, FileFacts]]]:
    """Labelled candidates and per-file fact sets of every family, from every keyed post."""
    deciders = load_deciders()
    examples: dict[str, list[Example]] = {f: [] for f in deciders}
    per_file: dict[str, dict[str, FileFacts]] = {f: {} for f in deciders}
    confirmed: dict[str, dict[str, set]] = {f: {} for f in deciders}
    for it, ctx in contexts:
        facts = extract_facts(ctx, learned=False)
        for family, d in deciders.items():
            mine = [f for f in facts if f.family == d.family]
            resolve = d.resolve or _resolved
            ff = per_file[family].setdefault(it.source, FileFacts(it.key, d.gold(it.key), resolve=resolve))
            ff.rules |= {resolve(it.key, names) for names in filter(None, map(d.fact_keys, mine))}
            for c in d.candidates(ctx, mine):
                label = d.label(c, it.key) or 0
                if label and d.confirms is not None:
                    if d.confirms(ctx, c, it.key):
                        confirmed[family].setdefault(it.source, set()).add(resolve(it.key, d.names(c)))
                    else:
                        label = 0
                examples[family].append(Example(it.source, c, label, d.names(c)))
    for family, d in deciders.items():
        if d.confirms is not None:  # the facts no candidate can state right are no facts to find
            for source, ff in per_file[family].items():
                ff.gold &= confirmed[family].get(source, set())
    return examples, per_file


def train_prize_names(contexts: list[tuple[Parsed, PostContext]], out_dir: Path) -> dict:
    """The prize ranker, from the key's award names of every recipient the posts name; its figure is the
    share of those recipients whose first-ranked prize is one of their award names, out of fold."""
    rows: list[tuple[str, int, list[tuple[list[str], int]]]] = []  # (file, recipient #, examples)
    for it, ctx in contexts:
        awarded: dict[str, list[str]] = {}
        for rid, award in it.key.awards:
            awarded.setdefault(rid, []).append(award)
        for i, m in enumerate(ctx.mentions):
            names = awarded.get(it.key.entity(m.text) or "")
            if names:
                rows.append((it.source, i, prize_examples(ctx, m, names)))
    rows = [r for r in rows if r[2]]

    def top_is_right(model: LinearModel, examples: list[tuple[list[str], int]]) -> bool:
        return max(examples, key=lambda x: model.probability(x[0]))[1] == 1

    def right_first(l2: float) -> int:
        right = 0
        for k in range(FOLDS):
            model = fit_ranker([ex for src, _, ex in rows if _fold(src) != k], l2=l2)
            right += sum(top_is_right(model, ex) for src, _, ex in rows if _fold(src) == k)
        return right

    right, l2 = max((right_first(l2), l2) for l2 in RANKER_L2_GRID)
    fitted = fit_ranker([ex for _, _, ex in rows], l2=l2)
    cv = {
        "recipients": len(rows),
        "reachable": sum(any(y for _, y in ex) for _, _, ex in rows),
        "model_top1": round(right / max(1, len(rows)), 3),
        "l2": l2,
        "takes_over": True,
    }
    LinearModel(fitted.weights, fitted.bias, 0.5, cv).save(out_dir / f"{NAME}.json")
    return cv


def _resolved(key: KeyFacts, names: tuple[str, ...]) -> tuple[str, ...]:
    """Names as the key's entity ids; a name the key does not know stays a private (never matching) id."""
    return tuple(key.entity_of.get(n) or f"?{n}" for n in names)


def _fold(source: str) -> int:
    """A text's fold, from its folder's and its own name: the same wherever the project is checked out."""
    path = Path(source)
    return int(hashlib.sha1(f"{path.parent.name}/{path.name}".encode()).hexdigest(), 16) % FOLDS


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def _score(sets: dict[str, tuple[set, set]]) -> dict[str, float]:
    tp = sum(len(s & g) for s, g in sets.values())
    return _prf(tp, sum(len(s) for s, _ in sets.values()), sum(len(g) for _, g in sets.values()))


def cross_validate(
    examples: list[Example], per_file: dict[str, FileFacts], additive: bool = False
) -> tuple[dict, dict[str, float], float]:
    """Rules against model on held-out folds (an additive model: rules and model together); the L2 penalty
    and the thresholds (the model's, and its own for the rules' candidates) that serve it best out of fold."""
    rules = _score({s: (ff.rules, ff.gold) for s, ff in per_file.items()})
    tried = [(l2, *_out_of_fold(examples, per_file, additive, l2)) for l2 in L2_GRID]
    l2, curve, best_t, rule_curve, rule_t = max(tried, key=lambda x: (x[3][x[4]]["F1"], x[0]))
    return {
        "rules": rules,
        "model": rule_curve[rule_t],
        "threshold": best_t,
        "rule_threshold": rule_t,
        "l2": l2,
        "curve": {f"{t:.2f}": r["F1"] for t, r in curve.items()},
        "rule_curve": {f"{t:.2f}": r["F1"] for t, r in rule_curve.items()},
        "files": len(per_file),
        "examples": len(examples),
        "positives": sum(e.label for e in examples),
    }, ({RULE: rule_t} if rule_t != best_t else {}), l2


def _out_of_fold(
    examples: list[Example], per_file: dict[str, FileFacts], additive: bool, l2: float
) -> tuple[dict[float, dict[str, float]], float, dict[float, dict[str, float]], float]:
    """Each fold scored by a model fitted on the others: the F1 curve over thresholds and the one the model
    picks, then the curve over thresholds for the candidates the rules state too (the first one fixed) and the
    one it picks there."""
    scored: list[tuple[Example, float]] = []
    for k in range(FOLDS):
        train = [e for e in examples if _fold(e.source) != k]
        model = fit([_learned(e) for e in train], [e.label for e in train], l2=l2)
        scored += [(e, model.probability(e.candidate.features)) for e in examples if _fold(e.source) == k]

    def kept(cut: float, rule_cut: float) -> dict[str, float]:
        found: dict[str, set] = {s: set(ff.rules) if additive else set() for s, ff in per_file.items()}
        for e, p in scored:
            if p >= (rule_cut if RULE in e.candidate.features else cut):
                ff = per_file[e.source]
                found[e.source].add(ff.resolve(ff.key, e.names or e.candidate.names))
        return _score({s: (found[s], ff.gold) for s, ff in per_file.items()})

    curve = {t: kept(t, t) for t in THRESHOLDS}
    best_t = _flat_top(curve, 0.5)
    if additive:  # the rules' facts stay whatever the model says: a cut of their own would choose among ties
        return curve, best_t, {best_t: curve[best_t]}, best_t
    rule_curve = {t: kept(best_t, t) for t in RULE_THRESHOLDS}
    return curve, best_t, rule_curve, _flat_top(rule_curve, best_t)


def _learned(example: Example) -> list[str]:
    """The features a model is fitted on: the candidate's, without the rules' verdict on it.

    The rules were written on these very keyed texts, where they state 70% of the right award-recipient
    candidates and 67% of the right position candidates; on texts nobody tuned them on they state few (5% of
    the recipients' candidates), and a model that leaned on their verdict rejected the rest. The marker stays
    on the candidate for the rules' own threshold."""
    return [f for f in example.candidate.features if f != RULE]


def _flat_top(curve: dict[float, dict[str, float]], centre: float) -> float:
    """Out-of-fold F1 is flat near its top: of the thresholds within THRESHOLD_SLACK of the best, the one
    nearest ``centre`` (the logistic model's own cut, 0.5), so that noise between folds does not move it."""
    top = max(r["F1"] for r in curve.values())
    near_top = [t for t, r in curve.items() if r["F1"] >= top - THRESHOLD_SLACK]
    return min(near_top, key=lambda t: (abs(t - centre), t))


def _fit_and_save(
    name: str, examples: list[Example], per_file: dict[str, FileFacts], out_dir: Path, additive: bool = False
) -> tuple[dict, LinearModel]:
    cv, cuts, l2 = cross_validate(examples, per_file, additive)
    cv["takes_over"] = cv["model"]["F1"] > cv["rules"]["F1"]
    fitted = fit([_learned(e) for e in examples], [e.label for e in examples], l2=l2)
    model = LinearModel(fitted.weights, fitted.bias, cv["threshold"], cv, cuts)
    model.save(out_dir / f"{name}.json")
    return cv, model


def train(pairs: list[tuple[KeyFacts, Path]], out_dir: Path = WEIGHTS) -> dict[str, dict]:
    """Cross-validate and fit the entity corrector, then every family's decider on the mentions it leaves;
    write the weights; return the figures."""
    out_dir.mkdir(parents=True, exist_ok=True)
    items = parse_keyed(pairs)
    examples, per_file, kinds = collect_entities(items)
    report = {}
    report[KEEP], keep = _fit_and_save(KEEP, examples, per_file, out_dir)
    kind_model = fit([f for f, _ in kinds], [y for _, y in kinds])
    kind_model = LinearModel(
        kind_model.weights, kind_model.bias, 0.5, {"takes_over": report[KEEP]["takes_over"]}
    )
    kind_model.save(out_dir / f"{KINDS}.json")
    if report[KEEP]["takes_over"]:
        contexts = [
            (
                it,
                PostContext(
                    it.post,
                    it.doc,
                    tuple(correct(PostContext(it.post, it.doc, it.mentions), keep, kind_model)),
                ),
            )
            for it in items
        ]
    else:
        contexts = [(it, PostContext(it.post, it.doc, it.mentions)) for it in items]
    report[NAME] = train_prize_names(contexts, out_dir)
    fact_examples, fact_files = collect(contexts)
    for name, d in sorted(load_deciders().items()):
        report[name], _ = _fit_and_save(name, fact_examples[name], fact_files[name], out_dir, d.additive)
    return report
