"""The command line: a thin shell that parses options, calls one library function and prints."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
from collections import Counter
from pathlib import Path

import click

from graph import push as graph_store_protocol
from graph import query as sparql
from graph import server as sparql_server


@click.group()
@click.version_option(package_name="rckg")
def main() -> None:
    """rckg: the knowledge graph of French customer relations."""


_GRAPH_HELP = "a store folder or an RDF file (.ttl, .nt, .jsonld)  [default: exports/store, else graph.ttl]"


def _open_graph(graph_path: Path | None) -> sparql.Source:
    try:
        return sparql.open_source(graph_path or sparql.default_graph_path())
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.argument("query", required=False)
@click.option("-g", "--graph", "graph_path", type=click.Path(path_type=Path), help=_GRAPH_HELP)
@click.option("-f", "--format", "output_format", type=click.Choice(sparql.OUTPUT_FORMATS), default="table")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="bind a selected variable; limit=N / offset=N set the page (limit=all: the whole answer)",
)
@click.option("--timeout", type=float, default=60.0, show_default=True, help="seconds before it is stopped")
@click.option("--list", "list_saved", is_flag=True, help="list the saved questions and what they answer")
def query(
    query: str | None,
    graph_path: Path | None,
    output_format: str,
    params: tuple[str, ...],
    timeout: float,
    list_saved: bool,
) -> None:
    """Run SPARQL QUERY: inline text, a .rq file, or the name of a saved question (see --list)."""
    if list_saved:
        for saved in sparql.saved_queries().values():
            click.echo(f"{click.style(saved.name, bold=True)}\n    {saved.comment}")
        return
    if not query:
        raise click.ClickException("give a query: inline SPARQL, a .rq file or a saved question (see --list)")
    try:
        text = sparql.resolve_query(query)
        bindings = dict(sparql.parse_param(param) for param in params)
        answer = sparql.run_query(_open_graph(graph_path), text, bindings, timeout=timeout)
        output = answer.render(output_format)
    except (sparql.QueryError, sparql.QueryTimeout, LookupError, FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(output, nl=False)


@main.command()
@click.option("-g", "--graph", "graph_path", type=click.Path(path_type=Path), help=_GRAPH_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (0.0.0.0: all)")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--timeout", type=float, default=30.0, show_default=True, help="seconds allowed per query")
@click.option("--limit", type=int, default=10_000, show_default=True, help="most rows or triples per answer")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 2, show_default=True,
              help="queries evaluated at once (each worker process keeps the graph open)")
def serve(graph_path: Path | None, host: str, port: int, timeout: float, limit: int, workers: int) -> None:
    """A read-only SPARQL 1.1 Protocol endpoint over the graph, with a query page at /."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        httpd = sparql_server.make_server(
            _open_graph(graph_path), host, port, timeout=timeout, limit=limit, workers=workers
        )
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}; try --port") from None
    click.echo(f"SPARQL endpoint at {httpd.url} (query page at /); Ctrl-C stops it")
    with httpd:
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped")


@main.command()
@click.option("--endpoint", required=True, help="Graph Store URL, e.g. http://localhost:7878/store")
@click.option("--graph", "graph_iri", default=graph_store_protocol.DEFAULT_GRAPH, show_default=True)
@click.option(
    "-i",
    "--input",
    "input_path",
    type=click.Path(path_type=Path),
    default=Path("exports/graph.ttl"),
    show_default=True,
    help="the RDF file (or store folder) to send",
)
def push(endpoint: str, graph_iri: str, input_path: Path) -> None:
    """Send the graph into a named graph of a SPARQL 1.1 Graph Store, replacing its previous version."""
    try:
        status = graph_store_protocol.push(input_path, endpoint, graph_iri)
    except graph_store_protocol.PushError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"pushed {input_path} into <{graph_iri}> at {endpoint} (HTTP {status})")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Folder the exports are written to.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Parse and extract on a Dask cluster (e.g. tcp://10.0.0.5:8786); needs `pip install "
                   "'rckg[dask]'`. The exports are the same as a local build's.")
def build(paths: tuple[Path, ...], out_dir: Path, scheduler: str | None) -> None:
    """Read documents (files or folders; default data/corpus), extract, validate and write the exports.

    Text and Markdown files, HTML pages (a post's page, archive and label pages), RSS and Atom feeds,
    Blogger and WordPress exports, JSON Lines; each post once, however many files repeat it. Each
    post's extraction is cached (.cache/rckg, or RCKG_CACHE): a rebuild extracts only new or changed
    posts, and an interrupted build goes on where it stopped.
    """
    from graph.build import InvalidGraph
    from graph.build import build as run_build
    from graph.progress import Progress

    sources = list(paths) or [Path("data/corpus")]
    missing = [str(p) for p in sources if not p.exists()]
    if missing:
        raise click.ClickException(f"no such file or folder: {', '.join(missing)}")

    # A plain kill (SIGTERM) stops the build as Ctrl-C does: what is finished stays cached.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        if scheduler:
            from graph.distributed import ClusterError, cluster_runner

            try:
                result = run_build(sources, out_dir, Progress(), cluster_runner(scheduler))
            except ClusterError as err:
                raise click.ClickException(str(err)) from None
        else:
            result = run_build(sources, out_dir, Progress())
        # The graph and the posts live until the process ends: frozen, the collector does not walk their
        # millions of objects again as the interpreter exits (15 s of 16 after a build of 10,000 posts).
        gc.freeze()
    except InvalidGraph as err:
        click.echo(err.report.text, err=True)
        raise click.ClickException(f"{err}; no export written") from err
    except KeyboardInterrupt:
        click.echo("\ninterrupted: the posts extracted so far are cached; build again to go on "
                   f"(the exports in {out_dir} are unchanged)", err=True)
        sys.exit(130)
    for rejected in result.rejected:
        click.echo(f"rejected {rejected.path}: {rejected.reason}", err=True)
    for node in result.broken:
        click.echo(f"left out {node}: it broke ontology/shapes.ttl (an extraction error; please report it)",
                   err=True)
    click.echo(summary(result))
    if result.rejected:
        sys.exit(1)


def summary(result) -> str:
    """The closing lines of a build: what was read, found and written, and how long it took."""
    files = len({p.source_file for p in result.posts})
    tally = result.tally
    lines = [
        f"posts read: {len(result.posts)} from {files} file(s); files rejected: {len(result.rejected)}",
        *_reading_lines(result),
        "entities: " + ", ".join(f"{k} {n}" for k, n in result.entity_counts().items()),
        "facts: " + (", ".join(f"{k} {n}" for k, n in result.fact_counts().items()) or "none"),
        f"triples: {len(result.graph)}",
        f"written: {', '.join(str(p) for p in result.written)}" if result.written else "written: nothing",
        f"time: {result.seconds:.1f} s ({len(result.posts)} posts: {tally['extracted']} extracted, "
        f"{tally['parsed']} parsed, {tally['cached']} from the cache)",
    ]
    return "\n".join(lines)


def _reading_lines(result) -> list[str]:
    """What the reading merged and left out, when it did (nothing is said for plain text corpora)."""
    lines = []
    if result.merged:
        by = Counter(copy.by for copy in result.merged)
        files = Counter(copy.source_file for copy in result.merged)
        lines.append(
            f"duplicates merged: {len(result.merged)} ("
            + ", ".join(f"{n} by {how}" for how, n in sorted(by.items()))
            + "), copies from "
            + ", ".join(f"{name} {n}" for name, n in sorted(files.items()))
        )
    if result.left_out:
        lines.append("left out: " + ", ".join(f"{kind} {n}" for kind, n in sorted(result.left_out.items())))
    return lines


@main.command()
@click.option("-g", "--graph", "graph_path", type=click.Path(dir_okay=False), default="exports/graph.ttl",
              show_default=True, help="an RDF file (.ttl, .nt, .jsonld)")
@click.option("-n", "--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="how many people, organizations and communities to list")
def stats(graph_path: str, top: int) -> None:
    """Counts by kind, the most central people and organizations, and communities."""
    from graph.stats import graph_stats  # networkx and pyvis load only for this command

    try:
        click.echo(graph_stats(graph_path, top))
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(f"{error} (run `rckg build` first, or give -g FILE)") from None


@main.command()
@click.option("--gold", "gold", multiple=True, required=True, type=click.Path(exists=True, path_type=Path),
              help="A gold answer key (YAML); repeat for several.")
@click.option("-g", "--graph", "graph_path", default="exports/graph.ttl", show_default=True,
              type=click.Path(exists=True, path_type=Path), help="The graph to score (Turtle, N-Triples...).")
@click.option("--show-errors", default=20, show_default=True, help="Misses and false facts shown per family.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the scores as JSON.")
@click.argument("more_gold", nargs=-1, type=click.Path(exists=True, path_type=Path))
def evaluate(
    gold: tuple[Path, ...],
    graph_path: Path,
    show_errors: int,
    json_out: Path | None,
    more_gold: tuple[Path, ...],
) -> None:
    """Precision, recall and F1 of the graph against gold answer keys, per family and overall.

    `rckg evaluate --gold a.yaml b.yaml` scores against both keys (the files after --gold are keys too).
    """
    import json

    gold = gold + more_gold
    from graph.evaluate import evaluate as run_evaluate
    from graph.evaluate import format_report

    try:
        results, errors = run_evaluate([str(p) for p in gold], [str(graph_path)], "ontology")
    except (KeyError, TypeError, ValueError) as err:
        raise click.ClickException(f"cannot score: {err} (format: tests/gold/GUIDELINES.md)") from err
    click.echo(format_report(results, errors, show_errors))
    if json_out:
        json_out.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")



@main.command()
@click.option("--gold", "gold", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Answer keys (YAML); repeat the option or list more keys after the options "
                   "(default: the sets of data/training.yaml).")
@click.option("--corpus", "corpora", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folders holding the keyed texts, after each key's own corpus/ folder "
                   "(default: data/corpus).")
@click.option("-o", "--out", "out_dir", default=None, type=click.Path(path_type=Path),
              help="Where the weights go (default: data/weights).")
@click.option("--clusters", is_flag=True,
              help="First recompute the word clusters (k-means over the French model's vectors).")
@click.argument("more_gold", nargs=-1, type=click.Path(exists=True, path_type=Path))
def train(
    gold: tuple[Path, ...], corpora: tuple[Path, ...], out_dir: Path | None, clusters: bool,
    more_gold: tuple[Path, ...],
) -> None:
    """Train the extraction's learned deciders from answer keys and their texts; write their weights.

    Prints, per family, the rules and the model cross-validated on files left out of training; the model
    takes over a family only where it wins there.
    """
    from graph.learn.train import WEIGHTS, keyed_texts, training_sets
    from graph.learn.train import train as train_deciders

    if clusters:
        from graph.learn.clusters import write_clusters
        from graph.nlp import load_nlp

        click.echo(f"word clusters: {write_clusters(load_nlp().vocab)}")
    keys = [*gold, *more_gold]
    pairs = keyed_texts(keys, list(corpora) or [Path("data/corpus")]) if keys else training_sets()
    if not pairs:
        raise click.UsageError("no answer key has its text in the given folders")
    report = train_deciders(pairs, out_dir or WEIGHTS)
    click.echo(f"{'family':<12}{'files':>6}{'cands':>7}{'pos':>5}  {'rules P/R/F1':<20}{'model P/R/F1':<20}"
               f"{'thr':>5}  takes over")
    for family, cv in report.items():
        if "rules" not in cv:  # the prize ranker: how often its first choice is right, out of fold
            click.echo(f"{family:<12} {cv['recipients']} recipients, a right prize among the candidates for "
                       f"{cv['reachable']}, ranked first for {cv['model_top1']:.0%}")
            continue
        r, m = cv["rules"], cv["model"]
        click.echo(f"{family:<12}{cv['files']:>6}{cv['examples']:>7}{cv['positives']:>5}  "
                   f"{r['P']:.2f}/{r['R']:.2f}/{r['F1']:.2f}      {m['P']:.2f}/{m['R']:.2f}/{m['F1']:.2f}"
                   f"      {cv['threshold']:>5.2f}  {'yes' if cv['takes_over'] else 'no'}")


if __name__ == "__main__":
    main()
