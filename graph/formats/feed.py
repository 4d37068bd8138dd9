"""RSS 2.0 and Atom feeds -> posts, through feedparser.

Each item is a post: its full content (``content:encoded`` in RSS, ``<content>`` in Atom) when the feed
carries it, else its summary; its title, link, publication date, author and categories. A feed that is
not well-formed XML is rejected with the line of the first error; a wrong declared encoding is named
(feedparser reads the bytes by what they are).
"""

from __future__ import annotations

import xml.sax
from pathlib import Path

import feedparser

from graph.formats.base import Article, Reading, UnreadableFile, fix_declared_encoding, iso_date, make_posts
from graph.formats.markup import html_to_text


def read_feed(path: Path, data: bytes, source_file: str) -> Reading:
    data, problems = fix_declared_encoding(data)
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    error = parsed.get("bozo_exception")
    if isinstance(error, xml.sax.SAXParseException):
        raise UnreadableFile(f"malformed XML, line {error.getLineNumber()}: {error.getMessage()}")
    if isinstance(error, feedparser.CharacterEncodingOverride):
        problems.append(f"line 1: wrong declared encoding ({error}); read as {parsed.get('encoding')}")
    elif error is not None and not parsed.entries:
        raise UnreadableFile(f"not a feed: {error}")
    if parsed.get("version", "") == "" and not parsed.entries:
        raise UnreadableFile("not an RSS or Atom feed")
    articles = [_article(entry) for entry in parsed.entries]
    return Reading(posts=make_posts(articles, source_file), problems=problems)


def _article(entry: feedparser.FeedParserDict) -> Article:
    contents = entry.get("content") or []
    full = max((part.get("value", "") for part in contents), key=len, default="")
    markup = full or entry.get("summary", "")
    return Article(
        body=html_to_text(markup) if markup else "",
        title=entry.get("title"),
        date=_date(entry),
        author=(entry.get("author_detail") or {}).get("name") or entry.get("author"),
        url=entry.get("link"),
        labels=tuple(tag.get("term", "") for tag in entry.get("tags", []) or []),
    )


def _date(entry: feedparser.FeedParserDict) -> str | None:
    # The date as written first (its own time zone), then feedparser's UTC reading of it.
    for key in ("published", "updated"):
        if date := iso_date(entry.get(key)):
            return date
    return iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
