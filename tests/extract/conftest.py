"""Shared fixtures of the extractor tests: one parse of a hand-made French post, as the build does it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.extract import PostContext
from graph.mentions import MentionFinder
from graph.model import Post
from graph.nlp import load_nlp

MakeContext = Callable[..., PostContext]


@pytest.fixture(scope="session")
def finder() -> MentionFinder:
    """The mention finder (loads the spaCy model and the gazetteer once per session)."""
    return MentionFinder()


@pytest.fixture(scope="session")
def context(finder: MentionFinder) -> MakeContext:
    """``context(body, title=None, author=None, date=None)``: the PostContext of a one-post text.

    The title, when given, is the post's first line, as in the corpus files.
    """

    def make(body: str, title: str | None = None, author: str | None = None, date: str | None = None
             ) -> PostContext:
        head = f"{title}\n\n" if title else ""
        text = head + body
        post = Post("test.txt", 0, text, 0, title=title, date=date, author=author, body_start=len(head))
        doc = load_nlp()(post.plain)
        return PostContext(post, doc, tuple(finder(post, doc)))

    return make
