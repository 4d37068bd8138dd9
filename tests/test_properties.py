"""Any text in, no exception out: posts, mentions and facts on generated text, offsets always inside it.

The texts mix fragments that the rules react to (dates, titles, names, prizes, typographic quotes,
markup) with arbitrary Unicode, so that the extractors' paths are walked with odd neighbours.
"""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.extract import PostContext, extract_facts
from graph.loader import split_posts
from graph.mentions import MentionFinder
from graph.model import Post
from graph.nlp import parse_texts

FRAGMENTS = [
    "12 mars 2013",
    "31 février 2012",
    "\n\n",
    "\n",
    "\r\n",
    " ",
    "\u00a0",
    "\u202f",
    "Marie Dupont",
    "Thierry Spencer",
    "Président de l'AFRC",
    "directrice de la relation client de la SNCF",
    " a reçu la Palme d'or ",
    "Palme Innovation Sociale",
    "Trophées de la Relation Client",
    " lors de la 27e convention, à Paris, le 5 juin 2012. ",
    "l\u2019équipe d\u2019Orange",
    "\u00ab Le Livre blanc \u00bb, publié chez Dunod",
    "Interview de Jean Martin par Relation Client Magazine :",
    "1er",
    "2ème prix",
    "- ",
    "\u2022 ",
    "# ",
    "Billet écrit par Thierry Spencer du Sens du client",
    "<script>alert(1)</script>",
    '"; DROP',
    "} . ?s ?p ?o {",
    '"""',
    "\\",
    "e\u0301",  # a combining accent: two characters for one letter
    "\U0001f600",
    "\u200b",
    "(",
    ")",
    ".",
    ",",
]
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def finder() -> MentionFinder:
    return MentionFinder()


def contexts(text: str) -> list[PostContext]:
    """Each post of ``text`` with its parse and mentions, as the build makes them."""
    posts = split_posts(text, "generated.txt")
    docs = parse_texts([post.plain for post in posts])
    return [PostContext(post, doc, tuple(finder()(post, doc))) for post, doc in zip(posts, docs, strict=True)]


def assert_inside(post: Post, start: int, end: int) -> None:
    assert 0 <= start <= end <= len(post.text)


@PROPERTY
@given(TEXTS)
def test_posts_cover_any_text(text: str):
    posts = split_posts(text, "generated.txt")
    assert "".join(post.text for post in posts) == (text if text.strip() else "")
    for post in posts:
        assert text[post.offset : post.offset + len(post.text)] == post.text
        assert 0 <= post.body_start <= len(post.text)


@PROPERTY
@given(TEXTS)
def test_mentions_of_any_text_are_slices_of_it(text: str):
    for context in contexts(text):
        for mention in context.mentions:
            assert_inside(context.post, mention.start, mention.end)
            assert mention.text == context.post.text[mention.start : mention.end]


@PROPERTY
@given(TEXTS)
def test_every_fact_quotes_its_post_verbatim(text: str):
    for context in contexts(text):
        for fact in extract_facts(context):
            evidence = fact.evidence
            assert evidence.post_id == context.post.id
            assert_inside(context.post, evidence.start, evidence.end)
            assert evidence.quote == context.post.text[evidence.start : evidence.end]
