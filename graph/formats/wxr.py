"""WordPress exports (WXR, "WordPress eXtended RSS", versions 1.0 to 1.2) -> posts.

An RSS 2.0 document whose items carry the ``wp:`` namespace (``http://wordpress.org/export/1.2/``):
``wp:post_type`` (post, page, attachment, nav_menu_item, ...), ``wp:status`` (publish, draft, pending,
private, trash, ...), the body in ``content:encoded``, the author in ``dc:creator``, the date in
``wp:post_date``, the URL in ``<link>``, the categories and tags in ``<category domain=...>``, the
comments in ``wp:comment``. Published posts are read; everything else is counted by kind. A WXR of an
unknown version (a ``wp:`` namespace this reader does not know) is rejected rather than half read.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from graph.formats.base import Article, Reading, UnreadableFile, iso_date, make_posts, parse_xml
from graph.formats.markup import autop, html_to_text

KNOWN = ("1.0", "1.1", "1.2")
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
_WP = re.compile(r"^https?://wordpress\.org/export/([^/]+)/$")


def is_wxr(head: bytes) -> bool:
    return b"wordpress.org/export/" in head


def read_wxr(path: Path, data: bytes, source_file: str) -> Reading:
    root, problems = parse_xml(data)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise UnreadableFile(f"not a WordPress export: the root element is {root.tag}, not rss/channel")
    wp = _wp_namespace(root)
    reading = Reading(problems=problems)
    articles: list[Article] = []
    authors = {
        (author.findtext(f"{{{wp}}}author_login") or "").strip(): author.findtext(
            f"{{{wp}}}author_display_name"
        )
        for author in channel.iterfind(f"{{{wp}}}author")
    }
    for item in channel.iterfind("item"):
        reading.left_out["comment"] += len(item.findall(f"{{{wp}}}comment"))
        kind = _kind(item, wp)
        if kind == "post":
            articles.append(_article(item, wp, authors))
        else:
            reading.left_out[kind] += 1
    reading.posts = make_posts(articles, source_file)
    return reading


def _wp_namespace(root: etree._Element) -> str:
    """The ``wp:`` namespace of the export; an unknown one rejects the file, naming it and its line."""
    declared = {uri for e in root.iter() for uri in e.nsmap.values() if "wordpress.org/export/" in uri}
    known = [uri for uri in declared if (m := _WP.match(uri)) and m[1] in KNOWN and "excerpt" not in uri]
    if known:
        return sorted(known)[-1]
    for element in root.iter():
        found = (uri for uri in element.nsmap.values() if "wordpress.org/export/" in uri)
        unknown = sorted(found, key=lambda uri: "excerpt" in uri)  # the wp: namespace before excerpt:
        if unknown:
            raise UnreadableFile(
                f"line {element.sourceline}: unknown WordPress export namespace {unknown[0]} "
                f"(known: WXR {', '.join(KNOWN)})"
            )
    raise UnreadableFile("not a WordPress export: no wp: namespace (http://wordpress.org/export/1.2/)")


def _kind(item: etree._Element, wp: str) -> str:
    post_type = (item.findtext(f"{{{wp}}}post_type") or "post").strip()
    status = (item.findtext(f"{{{wp}}}status") or "publish").strip()
    if post_type != "post":
        return post_type.replace("_", " ")
    if status == "publish":
        return "post"
    return {"draft": "draft", "trash": "trashed post", "auto-draft": "draft"}.get(status, f"{status} post")


def _article(item: etree._Element, wp: str, authors: dict[str, str | None]) -> Article:
    labels = [
        element.text or ""
        for element in item.iterfind("category")
        if element.get("domain") in ("category", "post_tag", None)
    ]
    login = (item.findtext(f"{{{DC}}}creator") or "").strip()
    date = iso_date(item.findtext(f"{{{wp}}}post_date")) or iso_date(item.findtext("pubDate"))
    return Article(
        body=html_to_text(autop(item.findtext(f"{{{CONTENT}}}encoded") or "")),
        title=item.findtext("title"),
        date=date,
        author=authors.get(login) or login,
        url=item.findtext("link"),
        labels=tuple(labels),
    )
