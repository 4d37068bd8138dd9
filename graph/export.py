"""Exports of the graph: Turtle, N-Triples, JSON-LD (rdflib serializers), HTML, GraphML and GEXF views.

Every export is a registered writer ``(Exported, path) -> None``; each file is written atomically (to a
temporary file in the same folder, then renamed), so a crash never leaves half a file behind. The
network view the HTML, GraphML and GEXF exports draw is built once and shared.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from graph.html import write_view_html
from graph.stats import write_view_gexf, write_view_graphml
from graph.view import network_view


@dataclass
class Exported:
    """What the writers export: the RDF graph, and its network view made on first use."""

    graph: Graph

    @cached_property
    def view(self) -> nx.MultiDiGraph:
        return network_view(self.graph)


Writer = Callable[[Exported, Path], None]
READABLE = 0o644  # mkstemp makes private files; exports are for everyone to read
EXPORTS: dict[str, Writer] = {}


def register_export(file_name: str) -> Callable[[Writer], Writer]:
    def add(writer: Writer) -> Writer:
        EXPORTS[file_name] = writer
        return writer

    return add


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, READABLE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_writer(write: Callable[[Path], None], path: Path) -> None:
    """Run a writer that takes a path, on a temporary path renamed into place when it succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, READABLE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@register_export("graph.ttl")
def write_turtle(exported: Exported, path: Path) -> None:
    # rdflib's Turtle serializer orders subjects and predicates itself: same triples, same bytes.
    write_atomic(path, exported.graph.serialize(format="turtle", encoding="utf-8"))


@register_export("graph.nt")
def write_ntriples(exported: Exported, path: Path) -> None:
    lines = exported.graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    write_atomic(path, b"".join(sorted(line for line in lines if line.strip())))


@register_export("graph.jsonld")
def write_jsonld(exported: Exported, path: Path) -> None:
    # rdflib's JSON-LD follows set order, which changes from run to run: sort every array.
    document = _sorted_json(json.loads(exported.graph.serialize(format="json-ld")))
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def _sorted_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


@register_export("graph.html")
def write_html_view(exported: Exported, path: Path) -> None:
    atomic_writer(lambda tmp: write_view_html(exported.view, tmp), path)


@register_export("graph.graphml")
def write_graphml_view(exported: Exported, path: Path) -> None:
    atomic_writer(lambda tmp: write_view_graphml(exported.view, tmp), path)


@register_export("graph.gexf")
def write_gexf_view(exported: Exported, path: Path) -> None:
    atomic_writer(lambda tmp: write_view_gexf(exported.view, tmp), path)


def write_exports(graph: Graph, out_dir: Path) -> list[Path]:
    """Write every registered export of ``graph`` into ``out_dir``; return the paths written."""
    written = []
    exported = Exported(graph)
    for file_name, writer in sorted(EXPORTS.items()):
        path = out_dir / file_name
        writer(exported, path)
        written.append(path)
    return written
