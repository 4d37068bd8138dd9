"""Blogger exports -> posts, in both schemas that users hold.

- The older export (an Atom feed): every entry is typed by a category of scheme
  ``http://schemas.google.com/g/2005#kind`` (``...kind#post``, ``#comment``, ``#template``, ``#settings``,
  ``#page``); a draft carries ``<app:control><app:draft>yes</app:draft></app:control>``; the post's URL is
  its ``link rel="alternate"``, its labels the categories of scheme ``http://www.blogger.com/atom/ns#``.
- The current export (namespace ``http://schemas.google.com/blogger/2018``): ``blogger:type`` POST, PAGE
  or COMMENT, ``blogger:status`` LIVE, DRAFT or SOFT_TRASHED, ``blogger:filename`` the post's path on
  the blog (its URL with the blog's address, when the export gives it).

Only live posts are read; the other entries are counted by kind.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from graph.formats.base import Article, Reading, UnreadableFile, iso_date, make_posts, parse_xml, xml_text
from graph.formats.markup import html_to_text

ATOM = "http://www.w3.org/2005/Atom"
APP = "http://purl.org/atom/app#"
BLOGGER_2018 = "http://schemas.google.com/blogger/2018"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
_NS = {"a": ATOM, "app": APP, "b": BLOGGER_2018}


def is_old_export(head: bytes) -> bool:
    return KIND_SCHEME.encode() in head and b"schemas.google.com/blogger/2008/kind#" in head


def is_new_export(head: bytes) -> bool:
    return BLOGGER_2018.encode() in head


def read_blogger(path: Path, data: bytes, source_file: str) -> Reading:
    """The live posts of a Blogger export of either schema; the other entries counted."""
    root, problems = parse_xml(data)
    if root.tag != f"{{{ATOM}}}feed":
        raise UnreadableFile(f"not a Blogger export: the root element is {root.tag}, not an Atom feed")
    reading = Reading(problems=problems)
    articles: list[Article] = []
    new_schema = root.find("a:entry/b:type", _NS) is not None
    blog_url = root.xpath("string(a:link[@rel='alternate']/@href)", namespaces=_NS) or None
    for entry in root.iterfind("a:entry", _NS):
        kind = _new_kind(entry) if new_schema else _old_kind(entry)
        if kind == "post":
            articles.append(_article(entry, blog_url))
        else:
            reading.left_out[kind] += 1
    reading.posts = make_posts(articles, source_file)
    return reading


def _old_kind(entry: etree._Element) -> str:
    """post, draft, comment, page, template, settings, ... of an entry of the older export."""
    term = entry.xpath("string(a:category[@scheme=$scheme]/@term)", namespaces=_NS, scheme=KIND_SCHEME)
    kind = term.rsplit("#", 1)[-1] or "entry without kind"
    if kind == "post" and entry.xpath("string(app:control/app:draft)", namespaces=_NS).strip() == "yes":
        return "draft"
    return kind


_STATUS = {"LIVE": "post", "DRAFT": "draft", "SOFT_TRASHED": "trashed post"}


def _new_kind(entry: etree._Element) -> str:
    """post, draft, trashed post, page, comment of an entry of the current export."""
    kind = (entry.findtext("b:type", default="", namespaces=_NS) or "").strip().upper()
    if kind != "POST":
        return kind.lower() or "entry without type"
    status = (entry.findtext("b:status", default="LIVE", namespaces=_NS) or "").strip().upper()
    return _STATUS.get(status, f"{status.lower()} post")


def _article(entry: etree._Element, blog_url: str | None) -> Article:
    content = entry.find("a:content", _NS)
    markup = xml_text(content) or ""
    body = markup if content is not None and content.get("type") == "text" else html_to_text(markup)
    url = entry.xpath("string(a:link[@rel='alternate']/@href)", namespaces=_NS) or None
    filename = (entry.findtext("b:filename", default="", namespaces=_NS) or "").strip()
    if url is None and filename and blog_url:
        url = urljoin(blog_url, filename)
    labels = entry.xpath("a:category[not(@scheme) or @scheme=$s]/@term", namespaces=_NS, s=LABEL_SCHEME)
    return Article(
        body=body,
        title=entry.findtext("a:title", namespaces=_NS),
        date=iso_date(entry.findtext("a:published", namespaces=_NS)),
        author=entry.findtext("a:author/a:name", namespaces=_NS),
        url=url,
        labels=tuple(labels),
    )
