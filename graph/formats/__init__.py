"""The formats a corpus file can come in, each read by its own small module, found by suffix or sniffing.

| format | module | recognised by |
|---|---|---|
| plain text, Markdown | ``graph.loader`` (date lines, titles) | ``.txt``, ``.md``, any other suffix |
| HTML pages (a post's, archive, label pages) | ``graph.formats.html`` (trafilatura) | ``.html``, ``.htm`` |
| RSS 2.0, Atom feeds | ``graph.formats.feed`` (feedparser) | an ``<rss>``/``<feed>`` root |
| Blogger exports, both schemas | ``graph.formats.blogger`` | the kind categories, the 2018 namespace |
| WordPress exports (WXR 1.0-1.2) | ``graph.formats.wxr`` | the ``wordpress.org/export/`` namespace |
| JSON Lines | ``graph.formats.jsonl`` | ``.jsonl``, ``.ndjson`` |

Every reader is a function ``(path, data, source_file) -> Reading``; :func:`reader_for` picks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from graph.formats import blogger, feed, html, jsonl, wxr
from graph.formats.base import Article, Reading, UnreadableFile, parse_xml

Reader = Callable[[Path, bytes, str], Reading]

# Readers by suffix; files with an XML suffix (or an XML start) are sniffed among the XML formats.
BY_SUFFIX: dict[str, Reader] = {
    ".html": html.read_html,
    ".htm": html.read_html,
    ".jsonl": jsonl.read_jsonl,
    ".ndjson": jsonl.read_jsonl,
}
XML_SUFFIXES = frozenset({".xml", ".atom", ".rss"})
TEXT_SUFFIXES = frozenset({".txt", ".md"})
# The suffixes a folder walk reads.
SUFFIXES = TEXT_SUFFIXES | XML_SUFFIXES | set(BY_SUFFIX)
# XML formats, the most specific first: a Blogger export is an Atom feed, a WXR file an RSS one.
SNIFFED: tuple[tuple[str, Callable[[bytes], bool], Reader], ...] = (
    ("Blogger export (2018)", blogger.is_new_export, blogger.read_blogger),
    ("Blogger export", blogger.is_old_export, blogger.read_blogger),
    ("WordPress export", wxr.is_wxr, wxr.read_wxr),
    ("feed", lambda head: re.search(rb"<(?:rss|feed|rdf:RDF)[\s>]", head) is not None, feed.read_feed),
)
_HEAD = 64 * 1024  # how much of a file sniffing looks at
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:\?xml|rss|feed|rdf:RDF)[\s>?]")


def reader_for(path: Path, data: bytes) -> Reader | None:
    """The reader of a file, or None for the text files (read by ``graph.loader``)."""
    suffix = path.suffix.lower()
    if suffix in BY_SUFFIX:
        return BY_SUFFIX[suffix]
    if suffix in TEXT_SUFFIXES or not (suffix in XML_SUFFIXES or _XML_START.match(data[:512])):
        return None
    head = data[:_HEAD]
    for _, sniff, reader in SNIFFED:
        if sniff(head):
            return reader
    return _unknown_xml


def _unknown_xml(path: Path, data: bytes, source_file: str) -> Reading:
    parse_xml(data)  # malformed XML is named with its line first
    raise UnreadableFile("XML that is neither a feed (RSS, Atom) nor a Blogger or WordPress export")


__all__ = ["Article", "Reading", "Reader", "UnreadableFile", "reader_for", "SUFFIXES"]
