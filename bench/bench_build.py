"""The whole build against the floor of the design, growth with the corpus, incremental rebuilds, stages.

    .venv/bin/python -m bench.bench_build [--sizes 1000 10000] [--floor-from-smallest] [--stages 1000]

The floor is what no build can avoid: loading the spaCy model and running ``nlp.pipe`` over the
posts' texts, with the batch size and processes the build uses. Both are timed as fresh processes
(interpreter, imports and all), the build with an empty cache; ``ratio = build / floor`` (goal:
<= 1.25). For synthetic corpora of growing size (``bench/synthetic.py``, same generator and post size
as the seeds): the cold build, its peak memory (main process, and the largest child: the parser),
the marginal cost per post between sizes (goal: flat), and the incremental rebuild once 10 new posts
are dropped into the corpus (goal: <= the floor of those 10 posts + 20% of the first build's non-parse
time, ``build - floor``). ``--floor-from-smallest`` does not parse the larger corpora twice: their floor
is the smallest corpus's, its ``nlp.pipe`` time scaled by the characters (said so in the output). Then
the time of each build stage with every parse cached and no extraction result (where the non-NLP time
goes), and the functions that take it (cProfile). Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "data" / "corpus"
SIZES = (1000, 10000)
ADDED_POSTS = 10  # dropped into the corpus after its first build
# "MentionFinder" is making the finder (it loads the model); "children" is the time the build waits for its
# forked children (validation, the drawn exports) once its own exports are written.
STAGES = ("read_corpus", "MentionFinder", "parse", "mentions", "extract_facts", "resolve", "build_graph",
          "write_exports", "write_store_from", "children")  # fmt: skip
EXTRACTION_STAGES = ("MentionFinder", "parse", "mentions", "extract_facts")  # names in graph.incremental


# --- what runs in a fresh process ------------------------------------------------------------------


def floor(texts_file: Path) -> dict:
    """Load the model and parse the texts, as the build would."""
    import spacy

    from graph.nlp import BATCH_SIZE, MODEL, processes

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    n_process = processes()
    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=n_process):
        pass
    return {"processes": n_process, "pipe_seconds": time.perf_counter() - started}


def whole_build(paths: list[Path], out: Path) -> dict:
    from graph.build import build

    result = build(paths, out)
    gc.freeze()  # as `rckg build` does: the interpreter's exit does not walk the graph's objects again
    sizes = {path.name: path.stat().st_size / 1e6 for path in out.glob("graph.*")}
    return {"posts": len(result.posts), "triples": len(result.graph), "export_mb": sizes}


def stages(paths: list[Path], out: Path) -> dict:
    """Seconds spent in each stage ``graph.build`` calls, by wrapping the names it imported."""
    import graph.build as build_module
    import graph.incremental as incremental

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, func: Callable) -> Callable:
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return run

    def timed_parse(posts, **options) -> Iterator:
        docs = parse(posts, **options)
        while True:  # the parse is lazy: time each Doc as the build asks for it
            started = time.perf_counter()
            doc = next(docs, None)
            spent["parse"] += time.perf_counter() - started
            if doc is None:
                return
            yield doc

    parse, finder_class = incremental.parse, incremental.MentionFinder
    start_child = build_module.in_child
    incremental.parse = timed_parse
    incremental.MentionFinder = lambda: timed("mentions", timed("MentionFinder", finder_class)())
    incremental.extract_facts = timed("extract_facts", incremental.extract_facts)
    build_module.in_child = lambda *args, **kwargs: timed("children", start_child(*args, **kwargs))
    for name in STAGES:
        if name not in (*EXTRACTION_STAGES, "children"):
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


def corpus_texts(paths: list[Path], folder: Path, name: str = "texts") -> tuple[Path, int, int]:
    """The posts' plain texts in a JSON file for the floor; the file, the post and character counts."""
    from graph.loader import load_corpus

    posts, _ = load_corpus(paths)
    texts = [post.plain for post in posts]
    path = folder / f"{name}.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path, len(texts), sum(map(len, texts))


def measure(
    paths: list[Path], work: Path, floor_from: dict | None = None, processes: int | None = None
) -> dict:
    """Floor, cold build, and (for a synthetic corpus) the rebuild after adding posts: each run's figures.

    ``floor_from``: the figures of a smaller corpus whose floor is scaled to this one instead of measured.
    """
    texts, n_posts, n_chars = corpus_texts(paths, work)
    figures: dict = {"posts": n_posts, "chars": n_chars}
    if floor_from is None:
        figures["floor"] = run_child("floor", [str(texts)], "off", processes)
    else:
        small = floor_from["floor"]
        pipe = small["pipe_seconds"] * n_chars / floor_from["chars"]
        figures["floor"] = {**small, "seconds": small["seconds"] - small["pipe_seconds"] + pipe,
                            "pipe_seconds": pipe, "scaled_from": floor_from["posts"]}  # fmt: skip
    figures["cold"] = run_child("build", [str(work / "out"), *map(str, paths)], work / "cache", processes)
    if paths[0].name == "corpus" and paths[0].parent == work:
        from bench.synthetic import write_synthetic_corpus

        added = work / "added"
        (written,) = write_synthetic_corpus(added, ADDED_POSTS, seed=n_posts + 1)
        written.rename(paths[0] / "added_000.txt")  # a new file beside the others, as a user drops one
        added_texts, _, _ = corpus_texts([paths[0] / "added_000.txt"], work, "added")
        figures["added_floor"] = run_child("floor", [str(added_texts)], "off", processes)
        figures["incremental"] = run_child(
            "build", [str(work / "out"), *map(str, paths)], work / "cache", processes
        )
    return figures


def report(name: str, figures: dict) -> None:
    cold, floor_run = figures["cold"], figures["floor"]
    line = f"{name:<18} {figures['posts']:>5} posts {figures['chars'] / 1e6:>5.2f} M chars | "
    scaled = f", scaled from {floor_run['scaled_from']} posts" if "scaled_from" in floor_run else ""
    line += f"floor {floor_run['seconds']:>6.1f} s ({floor_run['processes']} proc{scaled}) | "
    line += f"build {cold['seconds']:>6.1f} s ({cold['seconds'] / figures['posts'] * 1000:>4.0f} ms/post) | "
    line += f"ratio {cold['seconds'] / floor_run['seconds']:.2f} | "
    line += f"peak {cold['peak_mb']:>4.0f} MB (largest child {cold['workers_peak_mb']:.0f} MB)"
    exports = cold.get("export_mb", {})
    if exports:  # the N-Triples grow with the corpus; the drawn HTML page with edges times their quotes
        nt, html = exports.get("graph.nt", 0), exports.get("graph.html", 0)
        line += f" | graph.nt {nt:.0f} MB, graph.html {html:.0f} MB"
    if cold.get("nonconforming"):
        line += " | graph fails SHACL (timed anyway)"
    print(line, flush=True)
    if "incremental" in figures:
        again, added = figures["incremental"], figures["added_floor"]["seconds"]
        non_parse = cold["seconds"] - floor_run["seconds"]
        goal = added + 0.2 * non_parse
        verdict = "met" if again["seconds"] <= goal else "NOT met"
        print(f"{'':<18} + {ADDED_POSTS} posts: rebuild {again['seconds']:.1f} s "
              f"(peak {again['peak_mb']:.0f} MB)"
              f" | goal <= floor of the {ADDED_POSTS} ({added:.1f} s) + 20% of build - floor "
              f"({non_parse:.1f} s) = {goal:.1f} s: {verdict}", flush=True)  # fmt: skip


def growth(rows: list[tuple[int, dict]]) -> None:
    """Whether cold build time and peak memory grow linearly between the corpus sizes measured."""
    pairs = list(zip(rows, rows[1:], strict=False))
    slopes = [(b["cold"]["seconds"] - a["cold"]["seconds"]) / (m - n) * 1000 for (n, a), (m, b) in pairs]
    memory = [(b["cold"]["peak_mb"] - a["cold"]["peak_mb"]) / (m - n) for (n, a), (m, b) in pairs]
    print("build time per post at each size (ms): "
          + ", ".join(f"{n}: {f['cold']['seconds'] / n * 1000:.0f}" for n, f in rows))  # fmt: skip
    print("marginal build time per post between sizes (ms): " + ", ".join(f"{s:.0f}" for s in slopes))
    print("marginal peak memory per post between sizes (MB): " + ", ".join(f"{m:.3f}" for m in memory))
    if slopes and min(slopes) > 0:
        first = rows[0][1]["cold"]["seconds"] / rows[0][0] * 1000
        verdict = "flat" if max(slopes) <= 1.2 * first else "NOT flat"
        print(f"marginal cost: {verdict} (largest marginal / cost per post at {rows[0][0]}: "
              f"{max(slopes) / first:.2f})")  # fmt: skip


def stage_table(name: str, paths: list[Path], work: Path) -> None:
    """Seconds per build stage, every parse of ``work``'s cache kept and its extraction results dropped."""
    shutil.rmtree(work / "cache" / "results", ignore_errors=True)
    figures = run_child("stages", [str(work / "out-stages"), *map(str, paths)], work / "cache")
    rest = figures["total"] - sum(figures[s] for s in STAGES)
    parts = ", ".join(f"{s.strip('_')} {figures[s]:.2f}" for s in STAGES)
    print(f"{name}: build() {figures['total']:.2f} s = {parts}, other {rest:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--floor-from-smallest", action="store_true",
                        help="scale the smallest corpus's floor to the larger ones, not parsing them twice")
    parser.add_argument("--stages", type=int, nargs="*", default=None, metavar="SIZE",
                        help="the sizes to time stage by stage (default: the smallest)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile of the seed build")
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
        print("build vs floor, each in a fresh process, the build with an empty cache; then 10 posts added")
        seed = work / "seed"
        seed.mkdir()
        report("seed corpus", measure([SEED_CORPUS], seed))
        sizes = sorted(options.sizes)
        rows: list[tuple[int, dict]] = []
        for size in sizes:
            folder = work / f"synthetic-{size}"
            write_synthetic_corpus(folder / "corpus", size)
            smallest = rows[0][1] if rows and options.floor_from_smallest else None
            figures = measure([folder / "corpus"], folder, smallest)
            report(f"synthetic {size}", figures)
            rows.append((size, figures))
        growth(rows)
        for processes in (1, 2) if options.compare_processes else ():
            folder = work / f"processes-{processes}"
            write_synthetic_corpus(folder / "corpus", options.compare_processes)
            report(f"{processes} process(es)", measure([folder / "corpus"], folder, None, processes))
        print("\nstages, every parse cached and no extraction result (seconds; parse = reading the cache)")
        stage_table("seed corpus", [SEED_CORPUS], seed)
        for size in options.stages if options.stages is not None else sizes[:1]:
            folder = work / f"synthetic-{size}"
            stage_table(f"synthetic {size}", [folder / "corpus"], folder)
        if not options.no_profile:
            print("\nmost own time in a seed build from cached parses (cProfile; spaCy and thinc left out)")
            shutil.rmtree(seed / "cache" / "results", ignore_errors=True)
            top = run_child("profile", [str(seed / "out-profile"), str(SEED_CORPUS)], seed / "cache")
            for own, cumulative, calls, where in top["top"]:
                print(f"{own:>7.2f} s own {cumulative:>7.2f} s cum {calls:>9} calls  {where}")


if __name__ == "__main__":
    main()
