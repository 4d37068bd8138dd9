"""The on-disk cache of spaCy parses: one file per parsed text, keyed by a hash of the text and the model.

A rebuild after a rule change then parses nothing, and adding a post parses only that post. The key
covers everything the parse depends on (the model name and version, the spaCy version, the pipeline's
components and the text itself), so a new model or spaCy release never reads an old parse.

The folder is ``.cache/rckg/`` in the working directory, or the one named by the ``RCKG_CACHE``
environment variable; ``RCKG_CACHE=off`` turns the cache off. Files are written atomically, and a
file that cannot be read back (truncated, corrupt, from another format) counts as a miss and is
rewritten. The cache is an optimisation only: a folder that cannot be written never fails a build.
Beside the parses it keeps pickled values on shelves (``Shelf``): each post's extraction result
(``graph.incremental``), each file's reading (``graph.loader``), and what every build works out alike
from the model (``cached_value``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc
from spacy.vocab import Vocab

from graph.files import write_atomic

CACHE_ENV = "RCKG_CACHE"
DEFAULT_FOLDER = Path(".cache") / "rckg"
OFF = "off"
# The tensor is the shared tok2vec output: large (96 floats per token) and unused after the pipeline ran.
EXCLUDED = ("tensor", "user_data")
T = TypeVar("T")


def cache_folder() -> Path | None:
    """The cache root from the environment: ``RCKG_CACHE`` if set, else ``.cache/rckg``; None when off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() == OFF:
        return None
    return Path(value) if value else DEFAULT_FOLDER


class _Folder:
    """A cache folder, written until it turns out unwritable: then it warns once and is only read."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._writable = True

    def _write(self, path: Path, data: Callable[[], bytes]) -> None:
        if not self._writable:
            return
        try:
            write_atomic(path, data())
        except OSError as error:
            self._writable = False
            warnings.warn(f"cache {self.folder} is not writable ({error}); nothing is kept", stacklevel=3)


class ParseCache(_Folder):
    """Parsed Docs stored under ``root/parses/<model>/<hash[:2]>/<hash>.doc`` (zlib-compressed msgpack)."""

    def __init__(self, root: Path, model: str):
        self.model = model
        # One folder per model, so that parses of an old model can be deleted as a whole.
        super().__init__(Path(root) / "parses" / re.sub(r"[^\w.+-]+", "_", model))

    def key(self, text: str) -> str:
        """The content hash of ``text`` for this model."""
        # surrogatepass: any str, even one with lone surrogates, has a key.
        data = f"{self.model}\0{text}".encode("utf-8", "surrogatepass")
        return hashlib.sha256(data).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.doc"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def get(self, key: str, text: str, vocab: Vocab) -> Doc | None:
        """The cached parse of ``text``, or None when it is missing or unreadable."""
        try:
            doc = Doc(vocab).from_bytes(zlib.decompress(self.path(key).read_bytes()))
        except Exception:  # a damaged file fails in zlib, msgpack or spaCy, each its own way: all are misses
            return None
        return doc if doc.text == text else None

    def put(self, key: str, doc: Doc, serialized: bytes | None = None) -> None:
        """Store ``doc`` under ``key``; warn once and stop writing if the folder is not writable.

        ``serialized``: ``doc.to_bytes(exclude=EXCLUDED)`` when the caller has it already.
        """
        def data() -> bytes:
            data = doc.to_bytes(exclude=EXCLUDED) if serialized is None else serialized
            return zlib.compress(data, 1)  # level 1: 5x smaller, nearly free

        self._write(self.path(key), data)


def cached_value(kind: str, fingerprint: str, make: Callable[[], T]) -> T:
    """``make()``, kept in the cache folder (a :class:`Shelf` of ``kind``): what every build works out alike
    from the model and the code, which ``fingerprint`` must cover, read back in milliseconds. The cache
    turned off, a missing or unreadable file or an unwritable folder only cost the work."""
    folder = cache_folder()
    if folder is None:
        return make()
    shelf = Shelf(folder, kind, fingerprint)
    key = shelf.key(kind)
    found = shelf.get(key)
    if found is None:
        found = make()
        shelf.put(key, found)
    return found  # type: ignore[return-value]


class Shelf(_Folder):
    """Pickled values under ``root/<kind>/<fingerprint[:32]>/<key[:2]>/<key>.pickle``, one file a value.

    A key is the hash of the fingerprint and the value's input (:meth:`key`), so a new fingerprint never
    reads an old value. A file that cannot be read back is a miss; an unwritable folder warns once, then
    the values are no longer kept.
    """

    def __init__(self, root: Path, kind: str, fingerprint: str):
        super().__init__(Path(root) / kind / fingerprint[:32])
        self.fingerprint = fingerprint

    def key(self, content: object) -> str:
        """The key of a value made from ``content`` (anything JSON can write, strings with lone
        surrogates too)."""
        data = json.dumps([self.fingerprint, content]).encode("utf-8", "surrogatepass")
        return hashlib.sha256(data).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> object | None:
        try:
            return pickle.loads(self.path(key).read_bytes())
        except Exception:  # missing, truncated or from another release: a miss either way
            return None

    def put(self, key: str, value: object) -> None:
        self._write(self.path(key), lambda: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
