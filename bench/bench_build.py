"""The whole build against the floor of the design, growth with the corpus, warm rebuilds, stage times.

    .venv/bin/python -m bench.bench_build [--sizes 100 250 500 1000] [--compare-processes 250]

The floor is what no build can avoid: loading the spaCy model and running ``nlp.pipe`` over the
posts' texts, with the batch size and processes the build uses. Both are timed as fresh processes
(interpreter, imports and all), the build with an empty parse cache; ``ratio = build / floor``
(goal: <= 1.25). Then, for synthetic corpora of growing size (``bench/synthetic.py``), the cold build
time, its peak memory (resident set of the main process; parse workers apart) and the rebuild time
with a warm cache; then the time of each build stage with a warm cache, where the non-NLP time goes,
and the functions that take it (cProfile). Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "data" / "corpus"
SIZES = (100, 250, 500, 1000)
# "MentionFinder" is making the finder (it loads the model); "children" is the time the build waits for its
# forked children (validation, the drawn exports) once its own exports are written.
STAGES = ("read_corpus", "MentionFinder", "parse", "mentions", "extract_facts", "resolve", "build_graph",
          "write_exports", "write_store_from", "children")  # fmt: skip


# --- what runs in a fresh process ------------------------------------------------------------------


def floor(texts_file: Path) -> dict:
    """Load the model and parse the texts, as the build would."""
    import spacy

    from graph.nlp import MODEL, processes

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    n_process = processes()
    for _ in spacy.load(MODEL).pipe(texts, batch_size=16, n_process=n_process):
        pass
    return {"processes": n_process}


def whole_build(paths: list[Path], out: Path) -> dict:
    from graph.build import build

    result = build(paths, out)
    return {"posts": len(result.posts), "triples": len(result.graph)}


def stages(paths: list[Path], out: Path) -> dict:
    """Seconds spent in each stage ``graph.build`` calls, by wrapping the names it imported."""
    import graph.build as build_module

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, func: Callable) -> Callable:
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return run

    def timed_parse(posts) -> Iterator:
        docs = parse(posts)
        while True:  # the parse is lazy: time each Doc as the build asks for it
            started = time.perf_counter()
            doc = next(docs, None)
            spent["parse"] += time.perf_counter() - started
            if doc is None:
                return
            yield doc

    parse, finder_class = build_module.parse, build_module.MentionFinder
    start_child = build_module.in_child
    build_module.parse = timed_parse
    build_module.MentionFinder = lambda: timed("mentions", timed("MentionFinder", finder_class)())
    build_module.in_child = lambda *args, **kwargs: timed("children", start_child(*args, **kwargs))
    for name in STAGES:
        if name not in ("MentionFinder", "parse", "mentions", "children"):
            setattr(build_module, name, timed(name, getattr(build_module, name)))
    started = time.perf_counter()
    build_module.build(paths, out)
    return {"total": time.perf_counter() - started, **{name: spent[name] for name in STAGES}}


def profile(paths: list[Path], out: Path) -> dict:
    """The functions with the most own time in a (warm-cache) build, outside spaCy and thinc."""
    from graph.build import build

    profiler = cProfile.Profile()
    profiler.runcall(build, paths, out)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_, calls, own, cumulative, _) in stats.items():
        if "/spacy/" in file or "/thinc/" in file:
            continue
        short = file.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
        rows.append((own, cumulative, calls, f"{short}:{line}({func})"))
    rows.sort(reverse=True)
    return {"top": rows[:25]}


CHILD_TASKS = {"floor": floor, "build": whole_build, "stages": stages, "profile": profile}


def validate_without_stopping(violations: list[str]) -> None:
    """Let builds whose graph fails SHACL go on to write their exports: the bench times the whole path.

    The shapes are still checked (that time counts); failures are noted in ``violations``.
    """
    import graph.build as build_module
    from graph.validate import Report

    start_validation = build_module.validate_in_child

    def validate_in_child(graph) -> Callable[[], Report]:
        wait = start_validation(graph)

        def conforming() -> Report:
            report = wait()
            if not report.conforms:
                violations.append(report.text)
            return Report(True, report.text)

        return conforming

    build_module.validate_in_child = validate_in_child


def child(task: str, args: list[str]) -> None:
    """Run one task and print its figures, with the peak memory, as the last line of output."""
    violations: list[str] = []
    if task == "floor":
        figures = floor(Path(args[0]))
    else:
        validate_without_stopping(violations)
        figures = CHILD_TASKS[task]([Path(a) for a in args[1:]], Path(args[0]))
        figures["nonconforming"] = bool(violations)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["workers_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(figures))


# --- the bench -------------------------------------------------------------------------------------


def run_child(task: str, args: list[str], cache: Path | str, processes: int | None = None) -> dict:
    """Run ``task`` in a fresh process; its figures plus ``seconds``, the process's wall time."""
    env = {**os.environ, "RCKG_CACHE": str(cache)}
    if processes:
        env["RCKG_PROCESSES"] = str(processes)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_build", "--child", task, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"{task} failed:\n{done.stderr[-3000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "seconds": seconds}


def corpus_texts(paths: list[Path], folder: Path) -> tuple[Path, int, int]:
    """The posts' plain texts in a JSON file for the floor; the file, the post and character counts."""
    from graph.loader import load_corpus

    posts, _ = load_corpus(paths)
    texts = [post.plain for post in posts]
    path = folder / "texts.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path, len(texts), sum(map(len, texts))


def measure(paths: list[Path], work: Path, with_floor: bool, processes: int | None = None) -> dict:
    """Cold build and warm rebuild of one corpus (and its floor): the figures of each run."""
    texts, n_posts, n_chars = corpus_texts(paths, work)
    figures: dict = {"posts": n_posts, "chars": n_chars}
    if with_floor:
        figures["floor"] = run_child("floor", [str(texts)], "off", processes)
    for run in ("cold", "warm"):
        figures[run] = run_child("build", [str(work / "out"), *map(str, paths)], work / "cache", processes)
    return figures


def report(name: str, figures: dict) -> None:
    cold, warm = figures["cold"], figures["warm"]
    line = f"{name:<18} {figures['posts']:>5} posts {figures['chars'] / 1e6:>5.2f} M chars | "
    if "floor" in figures:
        floor_run = figures["floor"]
        line += f"floor {floor_run['seconds']:>6.1f} s ({floor_run['processes']} proc) | "
    line += f"build {cold['seconds']:>6.1f} s ({cold['seconds'] / figures['posts'] * 1000:>4.0f} ms/post) | "
    if "floor" in figures:
        line += f"ratio {cold['seconds'] / figures['floor']['seconds']:.2f} | "
    line += (
        f"warm rebuild {warm['seconds']:>5.1f} s | peak {cold['peak_mb']:>4.0f} MB "
        f"(parse workers {cold['workers_peak_mb']:.0f}, warm {warm['peak_mb']:.0f})"
    )
    if cold.get("nonconforming"):
        line += " | graph fails SHACL (timed anyway)"
    print(line, flush=True)


def growth(rows: list[tuple[int, dict]]) -> None:
    """Whether cold build time and peak memory grow linearly between the corpus sizes measured."""
    pairs = list(zip(rows, rows[1:], strict=False))
    slopes = [(b["cold"]["seconds"] - a["cold"]["seconds"]) / (m - n) * 1000 for (n, a), (m, b) in pairs]
    memory = [(b["cold"]["peak_mb"] - a["cold"]["peak_mb"]) / (m - n) for (n, a), (m, b) in pairs]
    print("marginal build time per post between sizes (ms): " + ", ".join(f"{s:.0f}" for s in slopes))
    print("marginal peak memory per post between sizes (MB): " + ", ".join(f"{m:.2f}" for m in memory))
    if slopes and min(slopes) > 0:
        verdict = "linear" if max(slopes) <= 1.5 * min(slopes) else "NOT linear"
        print(f"time growth: {verdict} (largest / smallest marginal cost {max(slopes) / min(slopes):.2f})")


def stage_table(name: str, paths: list[Path], work: Path) -> None:
    """Seconds per build stage with the warm cache of ``work``."""
    figures = run_child("stages", [str(work / "out-stages"), *map(str, paths)], work / "cache")
    rest = figures["total"] - sum(figures[s] for s in STAGES)
    parts = ", ".join(f"{s.strip('_')} {figures[s]:.2f}" for s in STAGES)
    print(f"{name}: build() {figures['total']:.2f} s warm = {parts}, other {rest:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument(
        "--compare-processes",
        type=int,
        default=0,
        metavar="N",
        help="also time N posts with 1 and 2 processes",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child[0], options.child[1:])
        return
    from bench.synthetic import write_synthetic_corpus

    with tempfile.TemporaryDirectory(prefix="rckg-bench-") as tmp:
        work = Path(tmp)
        print("build vs floor, each in a fresh process; build with an empty parse cache, then a warm one")
        seed = work / "seed"
        seed.mkdir()
        report("seed corpus", measure([SEED_CORPUS], seed, with_floor=True))
        sizes = sorted(options.sizes)
        rows = []
        for size in sizes:
            folder = work / f"synthetic-{size}"
            write_synthetic_corpus(folder / "corpus", size)
            figures = measure([folder / "corpus"], folder, with_floor=size == sizes[-1])
            report(f"synthetic {size}", figures)
            rows.append((size, figures))
        growth(rows)
        for processes in (1, 2) if options.compare_processes else ():
            folder = work / f"processes-{processes}"
            write_synthetic_corpus(folder / "corpus", options.compare_processes)
            report(f"{processes} process(es)", measure([folder / "corpus"], folder, True, processes))
        print("\nstages with a warm cache (seconds; parse = reading the cache)")
        stage_table("seed corpus", [SEED_CORPUS], seed)
        if sizes:
            stage_table(f"synthetic {sizes[-1]}", [work / f"synthetic-{sizes[-1]}" / "corpus"],
                        work / f"synthetic-{sizes[-1]}")  # fmt: skip
        print("\nmost own time in a warm-cache seed build (cProfile; spaCy and thinc left out)")
        top = run_child("profile", [str(seed / "out-profile"), str(SEED_CORPUS)], seed / "cache")
        for own, cumulative, calls, where in top["top"]:
            print(f"{own:>7.2f} s own {cumulative:>7.2f} s cum {calls:>9} calls  {where}")


if __name__ == "__main__":
    main()
