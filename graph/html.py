"""The HTML page readers open: the network view drawn with Pyvis (vis-network), searchable, offline, safe.

Pyvis holds the nodes, edges and options; the page is our own template (``templates/network.html``)
because Pyvis's template fetches Bootstrap and tom-select from CDNs and renders tooltips as HTML.
Here everything is inline (vis-network's JS and CSS come from the pyvis package), a Content
Security Policy forbids any fetch and any script but ours (by hash), and all document text travels
as JSON inside a ``<script type="application/json">`` block and is only ever put in the page as text
(``textContent``), so a name like ``<img src=x onerror=alert(1)>`` is shown, never run.

>>> write_html(rdflib.Graph().parse("tests/fixtures/view_graph.ttl"), Path("graph.html"))  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import jinja2
import networkx as nx
import pyvis
import rdflib
from pyvis.network import Network

from graph.view import OTHER, Quote, Source, communities, importance, network_view

_HERE = Path(__file__).parent
_VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TITLE = "Relation client: who is connected to whom"
T = TypeVar("T")


@dataclass(frozen=True)
class KindStyle:
    """How a kind of node looks: its legend label, its colour and its vis-network shape."""

    label: str
    color: str
    shape: str


# Shapes are those vis-network draws with the label below, so node size stays meaningful.
KIND_STYLES = {
    "person": KindStyle("Person", "#e15759", "dot"),
    "company": KindStyle("Company", "#4e79a7", "square"),
    "association": KindStyle("Association", "#59a14f", "hexagon"),
    "public_body": KindStyle("Public body", "#76b7b2", "diamond"),
    "media": KindStyle("Media", "#f28e2b", "triangle"),
    "school": KindStyle("School", "#9c755f", "hexagon"),
    "organization": KindStyle("Other organization", "#8f8f8f", "square"),
    "event": KindStyle("Event", "#b07aa1", "diamond"),
    "award": KindStyle("Award", "#e8b70e", "star"),
    "work": KindStyle("Work", "#ff9da7", "triangleDown"),
    "place": KindStyle("Place", "#6b6b6b", "dot"),
    OTHER: KindStyle("Other", "#c7c7c7", "dot"),
}
# Above this many nodes the page trades polish for speed (see :func:`_options`).
BIG = 1000


class Sources:
    """The quotes and posts the page cites, each written once: nodes and edges cite them by number.

    On a big corpus an organization is named in thousands of posts and an event's quotes are cited by every
    edge to it: written out at each, they made a page of gigabytes.
    """

    def __init__(self) -> None:
        self.quotes: list[list[str]] = []
        self.posts: list[list[str]] = []
        self._quote_numbers: dict[Quote, int] = {}
        self._post_numbers: dict[Source, int] = {}

    def cite(self, evidence: Iterable[Quote]) -> list[int]:
        return [_number(quote, self._quote_numbers, self.quotes, _quote) for quote in evidence]

    def name(self, posts: Iterable[Source]) -> list[int]:
        return [_number(post, self._post_numbers, self.posts, _post) for post in posts]


def _number(item: T, numbers: dict[T, int], table: list[list[str]], row: Callable[[T], list[str]]) -> int:
    """``item``'s number in ``table``, where it is written (as ``row(item)``) the first time it is cited."""
    number = numbers.get(item)
    if number is None:
        number = numbers[item] = len(table)
        table.append(row(item))
    return number


def network_page(view: nx.MultiDiGraph) -> tuple[Network, Sources]:
    """The Pyvis network of ``view``: styled nodes sized by importance, labelled edges, options.

    Besides vis-network's own fields, nodes and edges carry what the side panel shows (``kind``,
    ``names``, ``years``, ``facts``, and the numbers of their ``evidence`` quotes and of the ``posts``
    naming them in the returned :class:`Sources`) as plain JSON values.
    """
    net = Network(directed=True, cdn_resources="in_line")
    sources = Sources()
    scores = importance(view)
    top = max(scores.values(), default=0.0) or 1.0
    positions = seed_positions(view)
    for node in sorted(view):
        data = view.nodes[node]
        style = KIND_STYLES.get(data["kind"], KIND_STYLES[OTHER])
        x, y = positions[node]
        net.add_node(
            node,
            label=data["label"],
            shape=style.shape,
            color=style.color,
            size=round(8 + 30 * math.sqrt(scores[node] / top), 2),
            x=x,
            y=y,
            kind=data["kind"],
            type=data["type"],
            names=list(data["names"]),
            years=list(data["years"]),
            facts=[list(fact) for fact in data["facts"]],
            evidence=sources.cite(data["evidence"]),
            posts=sources.name(data["posts"]),
        )
    parallel: dict[tuple[str, str], int] = {}
    for number, (source, target, key) in enumerate(sorted(view.edges(keys=True))):
        data = view.edges[source, target, key]
        pair = (min(source, target), max(source, target))
        rank = parallel[pair] = parallel.get(pair, -1) + 1
        extra = {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.25 * rank}} if rank else {}
        net.add_edge(
            source,
            target,
            id=f"e{number}",
            label=data["label"],
            relation=data["relation"],
            years=list(data["years"]),
            facts=[list(fact) for fact in data["facts"]],
            evidence=sources.cite(data["evidence"]),
            **extra,
        )
    net.options = _options(len(view))
    return net, sources


def seed_positions(view: nx.MultiDiGraph, spacing: float = 45.0) -> dict[str, tuple[float, float]]:
    """Starting positions: each community a sunflower-seed disc, the discs on a larger sunflower.

    Linked nodes start close, so the physics only has to refine a sensible picture: it settles in
    few iterations even on thousands of nodes, and the same view always starts (and ends) the same.
    """
    positions: dict[str, tuple[float, float]] = {}
    scores = importance(view)
    placed_area = 0
    for number, group in enumerate(communities(view)):
        group = sorted(group, key=lambda node: -scores[node])  # hubs in the middle, ties by label
        # The disc of this group sits just outside the area taken by the larger groups before it.
        distance = spacing * math.sqrt(placed_area + len(group) / 2) * 1.4
        center_x, center_y = _sunflower(number, distance)
        for rank, node in enumerate(group):
            x, y = _sunflower(rank, spacing * math.sqrt(rank + 0.5))
            positions[node] = (round(center_x + x, 1), round(center_y + y, 1))
        placed_area += len(group)
    return positions


def _sunflower(rank: int, distance: float) -> tuple[float, float]:
    angle = rank * math.pi * (3 - math.sqrt(5))  # the golden angle spreads points evenly
    return distance * math.cos(angle), distance * math.sin(angle)


def render_html(view: nx.MultiDiGraph, title: str = TITLE) -> str:
    """The whole page as one self-contained HTML string; the same view gives the same text."""
    return "".join(html_chunks(view, title))


def html_chunks(view: nx.MultiDiGraph, title: str = TITLE) -> Iterator[str]:
    """The page of :func:`render_html` in pieces, the graph's data node by node and edge by edge.

    On a big corpus the data runs to hundreds of megabytes: written piece by piece, it is never held
    whole (as one JSON string, then escaped copies of it, then the page) in memory.
    """
    net, sources = network_page(view)
    nodes, edges = net.nodes, net.edges
    kinds_present = {node["kind"] for node in nodes}
    years = sorted({year for item in (*nodes, *edges) for year in item["years"]})
    data = {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "options": net.options,
        "kinds": [
            {"key": key, "label": style.label, "color": style.color, "shape": style.shape,
             "count": sum(node["kind"] == key for node in nodes)}
            for key, style in KIND_STYLES.items() if key in kinds_present
        ],
        "years": [years[0], years[-1]] if years else [],
        "quotes": sources.quotes,
        "posts": sources.posts,
    }
    vis_js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    page_js = (_HERE / "static" / "view.js").read_text(encoding="utf-8")
    page = _templates().get_template("network.html").render(
        title=title,
        data=_DATA_MARK,
        vis_css=(_VIS / "vis-network.css").read_text(encoding="utf-8"),
        page_css=(_HERE / "static" / "view.css").read_text(encoding="utf-8"),
        vis_js=vis_js,
        page_js=page_js,
        script_hashes=" ".join(_csp_hash(script) for script in (vis_js, page_js)),
    )
    head, tail = page.split(f'"{_DATA_MARK}"')
    yield head
    yield from (_html_safe(chunk) for chunk in json_chunks(data))
    yield tail


# Stands for the data in the rendered template (``{{ data|tojson }}``), which is then written in pieces.
_DATA_MARK = "rckg-graph-data-goes-here"


def json_chunks(data: dict) -> Iterator[str]:
    """``json.dumps(data, sort_keys=True)`` in pieces: each item of the dict's lists is a piece.

    >>> "".join(json_chunks({"b": [1, {"y": 2, "x": 3}], "a": "z"}))
    '{"a": "z", "b": [1, {"x": 3, "y": 2}]}'
    """
    yield "{"
    for number, (key, value) in enumerate(sorted(data.items())):
        yield f"{', ' if number else ''}{json.dumps(key)}: "
        if isinstance(value, list):
            yield "["
            for position, item in enumerate(value):
                yield f"{', ' if position else ''}{json.dumps(item, sort_keys=True)}"
            yield "]"
        else:
            yield json.dumps(value, sort_keys=True)
    yield "}"


def _html_safe(text: str) -> str:
    """What Jinja's ``tojson`` does to JSON, so that it cannot close the ``<script>`` block it is in."""
    for character, escaped in _HTML_UNSAFE:
        text = text.replace(character, escaped)
    return text


_HTML_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def write_html(g: rdflib.Graph, path: Path) -> None:
    """Write the page for the RDF graph ``g`` to ``path`` (e.g. ``exports/graph.html``)."""
    write_view_html(network_view(g), path)


def write_view_html(view: nx.MultiDiGraph, path: Path) -> None:
    """Write the page for an already built view."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for chunk in html_chunks(view):
            out.write(chunk)


def _options(size: int) -> dict:
    """vis-network options: a layout that settles in bounded time, then physics stops (in view.js)."""
    big = size > BIG
    return {
        # Nodes come with seed positions (see seed_positions); vis-network's own pre-layout is too slow.
        "layout": {"improvedLayout": False},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.012,
                                 "springLength": 110, "springConstant": 0.08, "damping": 0.5},
            "minVelocity": 1.5 if big else 0.75,
            # Slow moves keep the communities of the seed layout on graphs too big to settle fully.
            "maxVelocity": 8 if size > 300 else 50,
            # An iteration costs about linear time in the nodes: bound the total work, not the count.
            "stabilization": {"enabled": True, "iterations": max(25, min(1000, 100_000 // max(size, 1))),
                              "updateInterval": 10, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#222222",
                                             "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#a0a8b0", "highlight": "#333333", "hover": "#555555"},
                  "font": {"size": 10, "face": "system-ui, sans-serif", "color": "#555555",
                           "strokeWidth": 3, "strokeColor": "#ffffff", "align": "horizontal"},
                  "smooth": False, "width": 1},
    }


def _quote(quote: Quote) -> list[str]:
    return [quote.text, quote.source.title, quote.source.date, quote.source.file, *_url(quote.source)]


def _post(post: Source) -> list[str]:
    return [post.title, post.date, post.file, *_url(post)]


def _url(source) -> list[str]:
    """The post's URL as a last item, only when it has one (a corpus of text files keeps its bytes)."""
    return [source.url] if source.url else []


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"), autoescape=True, keep_trailing_newline=True
    )
