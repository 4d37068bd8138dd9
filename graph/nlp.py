"""The French spaCy pipeline: loaded from the installed model package, never downloaded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph.model import Post

MODEL = "fr_core_news_md"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The model, once per process. The lemmatizer and morphologizer stay: rules use POS and lemmas."""
    try:
        return spacy.load(MODEL)
    except OSError as err:  # the package is a declared dependency; say how to get it back
        raise RuntimeError(f"spaCy model {MODEL!r} is not installed: run `make run` to install it") from err


def model_version() -> str:
    nlp = load_nlp()
    return f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"


def parse(posts: Iterable[Post], batch_size: int = 16) -> Iterator[Doc]:
    """One Doc per post, parsed on the post's plain text (same offsets as ``post.text``)."""
    nlp = load_nlp()
    yield from nlp.pipe((post.plain for post in posts), batch_size=batch_size)
