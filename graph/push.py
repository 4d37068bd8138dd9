"""``rckg push``: send the graph to any SPARQL 1.1 Graph Store Protocol server, into a named graph.

One HTTP ``PUT {endpoint}?graph={iri}`` with the RDF as body: the protocol defines PUT as replacing the
graph's content, and the servers (Fuseki, GraphDB, Virtuoso, QLever, Oxigraph) apply it as a single
transaction, so readers see either the previous version or the new one.

>>> push(Path("exports/graph.ttl"), "http://localhost:7878/store")   # Oxigraph server  # doctest: +SKIP
>>> push(Path("exports/graph.ttl"), "http://localhost:3030/rckg/data")  # Fuseki        # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pyoxigraph as ox

from graph.store import is_store, open_store

DEFAULT_GRAPH = "https://w3id.org/rckg/graph"


class PushError(Exception):
    """The server could not be reached or refused the graph."""


def push(path: Path, endpoint: str, graph_iri: str = DEFAULT_GRAPH, *, timeout: float = 600.0) -> int:
    """Replace the named graph ``graph_iri`` at the Graph Store ``endpoint`` by the graph at ``path``.

    ``path`` is an RDF file (.ttl, .nt, .jsonld ...) or an Oxigraph store folder. Returns the HTTP status.
    """
    body, media_type = _payload(Path(path))
    separator = "&" if "?" in endpoint else "?"
    request = Request(
        endpoint + separator + urlencode({"graph": graph_iri}),
        data=body,
        method="PUT",
        headers={"Content-Type": media_type},
    )
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.status
    except HTTPError as error:
        detail = error.read(500).decode("utf-8", errors="replace").strip()
        raise PushError(f"{endpoint} refused the graph: {error.code} {error.reason}. {detail}") from None
    except URLError as error:
        raise PushError(f"cannot reach {endpoint}: {error.reason}") from None


def _payload(path: Path) -> tuple[bytes, str]:
    """The graph's bytes and media type, as the file has them (a store is dumped as N-Triples)."""
    if is_store(path):
        graph = open_store(path).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return graph, ox.RdfFormat.N_TRIPLES.media_type
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if rdf_format is None:
        raise PushError(f"cannot tell the RDF format of {path} from its extension (use .ttl, .nt or .jsonld)")
    if not path.is_file():
        raise PushError(f"no graph at {path}: run `rckg build` first")
    return path.read_bytes(), rdf_format.media_type
