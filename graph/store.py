"""The persistent on-disk store: an Oxigraph (RocksDB) copy of the graph that queries open read-only.

``rckg build`` writes it with :func:`write_store_from`, from the N-Triples it exports; ``rckg query`` and
``rckg serve`` open the result with :func:`open_store`. rdflib in memory (:func:`load_graph`) stays the
simple path, for any RDF file.

>>> write_store(graph, Path("exports/store"))          # doctest: +SKIP
>>> len(open_store(Path("exports/store")))              # doctest: +SKIP
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import rdflib

# RocksDB writes this file in every database directory: it tells a store from any other folder.
_STORE_MARKER = "CURRENT"


def is_store(path: Path) -> bool:
    """True if ``path`` is a directory holding an Oxigraph store."""
    return (path / _STORE_MARKER).is_file()


def write_store(g: rdflib.Graph, path: Path) -> Path:
    """Replace the store at ``path`` with exactly the triples of ``g``.

    The store is built in a sibling temporary directory and renamed into place, so a reader never
    sees a half-written store (only, for an instant, no store at all).
    """
    return write_store_from(g.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES, path)


def write_store_from(data: bytes, rdf_format: ox.RdfFormat, path: Path, *more: bytes) -> Path:
    """Like :func:`write_store`, from a serialization (faster for big graphs: no rdflib in between).

    ``more``: other serializations in the same format, loaded too (rather than joined to ``data``: a
    copy of a big graph's bytes).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.new-{os.getpid()}")
    stale = path.with_name(f".{path.name}.old-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    store = ox.Store(str(fresh))
    for part in (data, *more):
        store.bulk_load(part, rdf_format)
    store.optimize()
    store.flush()
    del store  # dropping the last reference closes RocksDB and releases its lock before the rename
    if path.exists():
        os.replace(path, stale)
    os.replace(fresh, path)
    shutil.rmtree(stale, ignore_errors=True)
    return path


def open_store(path: Path) -> ox.Store:
    """Open the store at ``path`` read-only (several readers may open it at once)."""
    if not is_store(Path(path)):
        raise FileNotFoundError(f"no Oxigraph store at {path}: run `rckg build` first")
    return ox.Store.read_only(str(path))


def load_graph(path: Path) -> rdflib.Graph:
    """Parse an RDF file (.ttl, .nt, .jsonld, .rdf ...) into an in-memory rdflib graph."""
    path = Path(path)
    rdf_format = rdflib.util.guess_format(str(path)) or ("json-ld" if path.suffix == ".jsonld" else None)
    if rdf_format is None:
        raise ValueError(
            f"cannot tell the RDF format of {path} from its extension (use .ttl, .nt or .jsonld)"
        )
    return rdflib.Graph().parse(path, format=rdf_format)
