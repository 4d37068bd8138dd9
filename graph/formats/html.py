"""HTML pages -> posts: a post's own page through trafilatura, archive and label pages split by post.

A page that holds one article (a post's page, a magazine's article) is read by trafilatura: its main
text without menus, sidebars, "articles populaires" widgets and comments, its title, author, canonical
URL and date (htmldate). A Blogger or WordPress archive or label page repeats several posts, each in its
own block (``div.post``/``.hentry`` on Blogger, ``article.post`` on WordPress); each block gives one post:
the title and permalink of its heading, its date (``abbr.published``, ``time[datetime]``, the Blogger date
header above it), its author and labels, and the text of its body element only, so the widgets and
comment threads around it never reach the post.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree

from graph.formats.base import Article, Reading, UnreadableFile, clean, iso_date, make_posts, one_line
from graph.formats.markup import html_to_text

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its own messages; the reason is ours



def _has_class(*names: str) -> str:
    """An XPath test: the element has one of these classes."""
    return " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in names)


# Post blocks of the archive pages of the blog engines; not the comments (WordPress writes each one as an
# <article>) nor the cards of widgets, sidebars and related posts.
_NOT_A_POST = _has_class(
    "comment", "comments", "comment-body", "comments-area", "sidebar", "widget-area", "related-posts",
    "jp-relatedposts", "widget_recent_entries", "popular-posts",
)  # fmt: skip
_BLOCK = (
    f"//*[({_has_class('hentry')} or (self::div and ({_has_class('post')})) or self::article)"
    f" and not(ancestor-or-self::*[{_NOT_A_POST} or @id = 'comments' or @id = 'sidebar'])"
    " and not(ancestor::aside or ancestor::footer)]"
)
_TITLE = ".//*[contains(@class, 'post-title') or contains(@class, 'entry-title')] | .//h1 | .//h2 | .//h3"
_BODY = (
    ".//*[contains(@class, 'post-body') or contains(@class, 'entry-content')"
    " or contains(@class, 'entry-summary') or @itemprop = 'articleBody']"
)
_AUTHOR = (
    ".//*[contains(@class, 'post-author') or contains(@class, 'byline') or contains(@class, 'author')]"
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]"
    " | .//*[@rel = 'author'] | .//*[@itemprop = 'author']"
)
_LABELS = (
    ".//*[contains(@class, 'post-labels') or contains(@class, 'cat-links')"
    " or contains(@class, 'tags-links')]//a"
    " | .//a[contains(concat(' ', @rel, ' '), ' tag ')]"
)
# Parts of a post block that are not its text: sharing buttons, related posts, comments, its footer.
_NOT_BODY = (
    ".//script | .//style | .//*[contains(@class, 'share') or contains(@class, 'sharedaddy')"
    " or contains(@class, 'relatedposts') or contains(@class, 'comments') or @id = 'comments'"
    " or contains(@class, 'post-footer') or contains(@class, 'entry-meta')"
    " or contains(@class, 'entry-footer')"
    " or contains(@class, 'date-header')]"
)
# A line of text that reads as a sentence: four words at least, closed by a punctuation mark.
_SENTENCE = re.compile(r"(?:\w+\W+){3,}\w+\W*[.!?…»\")]\s*$")
_READ_MORE = re.compile(r"\n(?:Lire la suite|Continuer la lecture|Read more|Plus d'infos)\W*$", re.IGNORECASE)


def read_html(path: Path, data: bytes, source_file: str) -> Reading:
    """The posts of an HTML page: one for an article page, one per block for an archive page."""
    from graph.loader import decode  # the text files' decoding rule: BOM, strict UTF-8, else cp1252

    markup = decode(data)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise UnreadableFile(f"not HTML: {error}") from None
    blocks = _outermost(tree.xpath(_BLOCK))
    if len(blocks) >= 2:
        articles = [_block_article(block) for block in blocks]
        return Reading(posts=make_posts(articles, source_file))
    article = _page_article(markup, blocks[0] if blocks else None)
    return Reading(posts=make_posts([article], source_file))


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """The elements not inside another one of the list, in document order."""
    chosen = set(elements)
    return [element for element in elements if not any(a in chosen for a in element.iterancestors())]


def _page_article(markup: str, block: etree._Element | None) -> Article:
    """The one article of a page, by trafilatura; the post block, if any, fills what it lacks."""
    found = trafilatura.bare_extraction(
        lxml.html.document_fromstring(markup),
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        favor_precision=True,
    )
    text = clean(getattr(found, "text", None))
    if not any(_SENTENCE.search(line) for line in text.split("\n")):
        raise UnreadableFile("no article found in the page (no paragraph of text outside menus and widgets)")
    title = one_line(getattr(found, "title", None))
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if title and paragraphs and one_line(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]  # trafilatura repeats the heading as the first line
    if not paragraphs:
        raise UnreadableFile("no article found in the page (a title without text)")
    in_block = _block_article(block) if block is not None else Article(body="")
    labels = [*(getattr(found, "categories", None) or []), *(getattr(found, "tags", None) or [])]
    return Article(
        body="\n\n".join(paragraphs),
        title=title or in_block.title,
        date=iso_date(getattr(found, "date", None)) or in_block.date,
        author=_first_author(getattr(found, "author", None)) or in_block.author,
        url=getattr(found, "url", None) or in_block.url,
        labels=tuple(labels) or in_block.labels,
    )


def _first_author(authors: str | None) -> str | None:
    """trafilatura joins several authors with "; ": the post's author is the first."""
    return one_line(authors.split(";")[0]) if authors else None


def _block_article(block: etree._Element) -> Article:
    """One post of an archive page, from its block alone."""
    from graph.loader import parse_date_line, post_author

    title_element = next(
        (element for element in block.xpath(_TITLE) if parse_date_line(_text(element)) is None), None
    )
    title = one_line(_text(title_element)) if title_element is not None else None
    date = _block_date(block)
    bodies = _outermost(block.xpath(_BODY))
    if bodies:
        body = "\n\n".join(_fragment_text(element) for element in bodies)
    else:  # a bare <article>: everything but its title, dates and meta
        body = _fragment_text(block, drop=title_element)
        body = "\n".join(line for line in body.split("\n") if parse_date_line(line) is None)
    body = _READ_MORE.sub("", clean(body))
    authors = [one_line(_text(element)) for element in block.xpath(_AUTHOR)]
    author = next((name for name in authors if name), None) or post_author(body)
    labels = tuple(label for element in block.xpath(_LABELS) if (label := one_line(_text(element))))
    return Article(body=body, title=title, date=date, author=author, url=_permalink(block, title_element),
                   labels=labels)  # fmt: skip


def _block_date(block: etree._Element) -> str | None:
    """The post's date: a machine-readable one in its block, else a date line in it or just above it."""
    from graph.loader import parse_date_line

    for value in block.xpath(
        ".//abbr[contains(@class, 'published')]/@title | .//time/@datetime"
        " | .//*[@itemprop = 'datePublished']/@content | .//*[@itemprop = 'datePublished']/@datetime"
    ):
        if date := iso_date(value):
            return date
    for element in block.iter("h2", "h3", "h4", "span", "p", "div", "time", "abbr"):
        if date := parse_date_line(_text(element)):
            return date
    # Blogger puts one date header above the posts of the same day: the nearest one before the block.
    for header in block.xpath("preceding::*[contains(@class, 'date-header')][1]"):
        if date := parse_date_line(_text(header)):
            return date
    return None


def _permalink(block: etree._Element, title_element: etree._Element | None) -> str | None:
    links = []
    if title_element is not None:
        links += title_element.xpath("self::a/@href | .//a/@href | ancestor::a/@href")
    links += block.xpath(
        ".//a[contains(@class, 'timestamp-link') or @rel = 'bookmark' or contains(@class, 'permalink')]/@href"
    )
    return next((link.strip() for link in links if link.strip()), None)


def _fragment_text(element: etree._Element, drop: etree._Element | None = None) -> str:
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))
    for part in copy.xpath(_NOT_BODY):
        if part is not copy and part.getparent() is not None:
            part.drop_tree()
    if drop is not None:
        for part in copy.xpath(f".//{drop.tag}"):
            if _text(part) == _text(drop):
                part.drop_tree()
                break
    return html_to_text(lxml.html.tostring(copy, encoding="unicode"))


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""
