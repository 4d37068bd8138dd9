"""What ``rckg stats`` prints, and the GraphML / GEXF exports that open in Gephi.

Both come from the network view (:mod:`graph.view`). Gephi, like networkx's writers, wants plain
str/int/float attributes: :func:`flat_view` turns tuples of years, names, facts and quotes into
strings and counts, and adds each node's importance and community so Gephi can use them at once.

>>> print(stats_report(network_view(load_graph(Path("exports/graph.ttl")))))  # doctest: +SKIP
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import rdflib
from networkx.readwrite.gexf import GEXFWriter

from graph.html import KIND_STYLES
from graph.store import load_graph
from graph.view import (
    ORGANIZATIONS,
    OTHER,
    PEOPLE,
    communities,
    importance,
    kind_counts,
    most_central,
    network_view,
)


def stats_report(view: nx.MultiDiGraph, top: int = 10) -> str:
    """Counts by kind, the ``top`` most central people and organizations, the largest communities."""
    scores = importance(view)
    lines = [f"{len(view)} nodes, {view.number_of_edges()} links", "", "By kind:"]
    lines += [f"  {KIND_STYLES.get(kind, KIND_STYLES[OTHER]).label:<20} {count:>6}"
              for kind, count in kind_counts(view).items()]
    for title, kinds in (("people", PEOPLE), ("organizations", ORGANIZATIONS)):
        ranked = [node for node, _ in most_central(view, kinds, top)]
        lines += ["", f"Most central {title} (linked to how many others):"]
        lines += [f"  {rank:>2}. {view.nodes[node]['label']}  ({_neighbours(view, node)})"
                  for rank, node in enumerate(ranked, 1)] or ["  none"]
    groups = [group for group in communities(view) if len(group) > 1]
    lines += ["", f"Communities of linked nodes: {len(groups)} (the {min(top, len(groups))} largest)"]
    for rank, group in enumerate(groups[:top], 1):
        members = sorted(group, key=lambda node: (-scores[node], view.nodes[node]["label"]))
        names = ", ".join(view.nodes[node]["label"] for node in members[:6])
        more = f", and {len(group) - 6} more" if len(group) > 6 else ""
        lines.append(f"  {rank:>2}. {len(group)} members: {names}{more}")
    return "\n".join(lines)


def flat_view(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The view with plain attributes only, sorted, plus ``importance``, ``community`` and GEXF ``viz``."""
    scores = importance(view)
    top = max(scores.values(), default=0.0) or 1.0
    community_of = {node: number for number, group in enumerate(communities(view)) for node in group}
    flat = nx.MultiDiGraph()
    for node in sorted(view):
        data = view.nodes[node]
        color = KIND_STYLES.get(data["kind"], KIND_STYLES[OTHER]).color
        flat.add_node(
            node,
            label=data["label"],
            kind=data["kind"],
            type=data["type"],
            names=" | ".join(data["names"]),
            importance=round(scores[node], 6),
            community=community_of[node],
            evidence=len(data["evidence"]),
            posts=len(data["posts"]),
            **_year_attributes(data["years"]),
            **({"facts": _facts(data["facts"])} if data["facts"] else {}),
            viz={"color": _rgb(color), "size": round(5 + 30 * math.sqrt(scores[node] / top), 3)},
        )
    for number, (source, target, key) in enumerate(sorted(view.edges(keys=True))):
        data = view.edges[source, target, key]
        flat.add_edge(
            source,
            target,
            key=key,
            id=f"e{number}",
            relation=data["relation"],
            label=data["label"],
            evidence=len(data["evidence"]),
            **_year_attributes(data["years"]),
            **({"facts": _facts(data["facts"])} if data["facts"] else {}),
        )
    return flat


def write_graphml(g: rdflib.Graph, path: Path) -> None:
    """Write the network view of ``g`` as GraphML (e.g. ``exports/graph.graphml``)."""
    write_flat_graphml(flat_view(network_view(g)), path)


def write_flat_graphml(flat: nx.MultiDiGraph, path: Path) -> None:
    """Write a :func:`flat_view` as GraphML (on a copy: the flat view is left as it is)."""
    graphml = flat.copy()
    for _, data in graphml.nodes(data=True):
        del data["viz"]  # a GEXF-only structure; GraphML has no place for it
    for *_, data in graphml.edges(data=True):
        del data["id"]  # GraphML uses the edge key as its id
    nx.write_graphml(graphml, Path(path), named_key_ids=True)


def write_gexf(g: rdflib.Graph, path: Path) -> None:
    """Write the network view of ``g`` as GEXF 1.2, coloured by kind (e.g. ``exports/graph.gexf``)."""
    write_flat_gexf(flat_view(network_view(g)), path)


def write_flat_gexf(flat: nx.MultiDiGraph, path: Path) -> None:
    """Write a :func:`flat_view` as GEXF 1.2, coloured by kind."""
    writer = GEXFWriter(version="1.2draft")
    # networkx stamps today's date; the same graph must give the same bytes.
    del writer.xml.find("meta").attrib["lastmodifieddate"]
    writer.add_graph(flat)
    with open(path, "wb") as out:
        writer.write(out)


def _neighbours(view: nx.MultiDiGraph, node: str) -> int:
    return len((set(view.successors(node)) | set(view.predecessors(node))) - {node})


def _year_attributes(years: tuple[int, ...]) -> dict[str, object]:
    """Years as text, plus first and last year as numbers so Gephi can filter on them."""
    if not years:
        return {}
    return {"years": " ".join(str(year) for year in years), "first_year": years[0], "last_year": years[-1]}


def _facts(facts: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{name}: {value}" for name, value in facts)


def _rgb(color: str) -> dict[str, float]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16), "a": 1.0}


def graph_stats(path: Path | str, top: int = 10) -> str:
    """:func:`stats_report` for the RDF file at ``path`` (what ``rckg stats`` prints)."""
    return stats_report(network_view(load_graph(Path(path))), top)
