"""End-to-end figures on the real excerpts, each scored by a model that never saw it.

The 40 texts of tests/gold-real are split into 5 folds (by file name): for each fold, the deciders are
trained on every training set of data/training.yaml but that fold's texts, the fold's texts are built with
those weights, and the gold scorer's rules (graph/evaluate.py) score them. The 20 texts of
tests/gold-real-heldout, never in any training set, are built with the shipped weights. The sums over the
60 files give the cross-validated figure of the whole real set. With --pool the 150 keyed texts of
../shared/corpus-pool (tests/gold-pool) join the folds too: a wider figure, on texts no rule was picked from.

    .venv/bin/python -m bench.cv_real [--folds 5] [--only FOLD ...] [--no-heldout] [--pool] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from graph.evaluate import FACT_FAMILIES, evaluate

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "corpus-real"
POOL_TEXTS = ROOT.parent / "shared" / "corpus-pool"


def _fold(name: str, folds: int) -> int:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % folds


def _source(key: Path) -> str:
    return yaml.safe_load(key.read_text(encoding="utf-8"))["source"]


def _build_and_score(keys: list[Path], weights: Path | None, work: Path, texts: Path = TEXTS) -> dict:
    corpus, out = work / "corpus", work / "out"
    corpus.mkdir(parents=True)
    for key in keys:
        shutil.copy(texts / _source(key), corpus)
    env = dict(os.environ, **({"RCKG_WEIGHTS": str(weights)} if weights else {}))
    subprocess.run([sys.executable, "-m", "graph.cli", "build", str(corpus), "-o", str(out)], env=env,
                   check=False, capture_output=True)
    results, _ = evaluate([str(k) for k in keys], [str(out / "graph.ttl")], str(ROOT / "ontology"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-heldout", action="store_true",
                        help="leave the held-out third out (rule and model work must not look at it)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep each fold's corpus, weights and graph in DIR (to read its errors)")
    parser.add_argument("--only", type=int, nargs="*", metavar="FOLD",
                        help="run these folds only (a quicker, partial figure)")
    parser.add_argument("--pool", action="store_true",
                        help="fold the keyed pool texts (tests/gold-pool) in as well, built apart")
    args = parser.parse_args()
    from graph.learn.train import train, training_sets

    dev = sorted((ROOT / "tests" / "gold-real").glob("*.yaml"))
    held = sorted((ROOT / "tests" / "gold-real-heldout").glob("*.yaml"))
    pool = sorted((ROOT / "tests" / "gold-pool").glob("*.yaml")) if args.pool else []
    sets = training_sets()
    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(args.keep) if args.keep else scratch
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
        runs, scored = [], 0
        for k in range(args.folds) if args.only is None else args.only:
            fold_keys = [p for p in dev if _fold(p.name, args.folds) == k]
            pool_keys = [p for p in pool if _fold("pool/" + p.name, args.folds) == k]
            left_out = {str((TEXTS / _source(p)).resolve()) for p in fold_keys}
            left_out |= {str((POOL_TEXTS / _source(p)).resolve()) for p in pool_keys}
            pairs = [(key, text) for key, text in sets if str(text.resolve()) not in left_out]
            scored += len(fold_keys) + len(pool_keys)
            weights = Path(tmp) / f"w{k}"
            train(pairs, weights)
            runs.append((f"fold {k} ({len(fold_keys)} files, trained on {len(pairs)})",
                         _build_and_score(fold_keys, weights, Path(tmp) / f"b{k}")))
            if pool_keys:
                runs.append((f"fold {k}, pool ({len(pool_keys)} files)",
                             _build_and_score(pool_keys, weights, Path(tmp) / f"p{k}", POOL_TEXTS)))
        if not args.no_heldout:
            scored += len(held)
            runs.append((f"held-out third ({len(held)} files, shipped weights)",
                         _build_and_score(held, None, Path(tmp) / "held")))
    for label, results in runs:
        o = results["overall"]
        print(f"{label:<48} facts P/R/F1 {o['P']:.3f}/{o['R']:.3f}/{o['F1']:.3f}  "
              f"entities {o['entity_F1']:.3f}")
        for fam in ["entities", *FACT_FAMILIES]:
            r = results[fam]
            sums = totals.setdefault(fam, [0, 0, 0, 0])
            for i, name in enumerate(("gold", "system", "tp_system", "tp_gold")):
                sums[i] += r[name]
    which = "All" if args.only is None else "These"
    print(f"\n{which} {scored} real files, each scored by weights that never saw it:")
    fact = [0, 0, 0, 0]
    for fam, (g, s, tps, tpg) in totals.items():
        p, r = (tps / s if s else 1.0), (tpg / g if g else 1.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {fam:<12} {p:.3f} / {r:.3f} / {f:.3f}")
        if fam != "entities":
            fact = [a + b for a, b in zip(fact, (g, s, tps, tpg), strict=True)]
    p, r = fact[2] / fact[1], fact[3] / fact[0]
    print(f"  {'overall':<12} {p:.3f} / {r:.3f} / {2 * p * r / (p + r):.3f}")


if __name__ == "__main__":
    main()
