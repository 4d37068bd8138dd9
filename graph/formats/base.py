"""What every format reader shares: the result of reading one file, and how a post is put together.

A reader turns the bytes of one file into :class:`Reading`: its posts, the parts it could not read
(each a one-line reason, with the line when the format has lines) and what it left out on purpose
(comments, pages, drafts, ...), counted by kind. A file that gives nothing at all raises
:class:`UnreadableFile`.

Posts of structured formats (pages, feeds, exports, JSON Lines) are made by :func:`make_post`: the
title, a blank line, then the body; their offsets count from the start of the file's *reading text*,
the posts' texts one after the other, as if the file had been a text file holding them.
"""

from __future__ import annotations

import datetime
import email.utils
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from graph.model import Post


class UnreadableFile(Exception):
    """A corpus file that yields no text; ``str(error)`` is the one-line reason."""


@dataclass
class Reading:
    """What one file gave: its posts, the parts not read (reasons) and the items left out, by kind."""

    posts: list[Post] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Article:
    """One post as a structured source gives it, before it becomes a :class:`Post`."""

    body: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    labels: tuple[str, ...] = ()


def clean(text: str | None) -> str:
    """Line endings as "\\n", Unicode NFC, no spaces at the ends of lines, at most one blank line."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def one_line(text: str | None) -> str | None:
    """A title, author or label on one line, or None when empty."""
    flat = " ".join(clean(text).split())
    return flat or None


def make_posts(articles: Iterable[Article], source_file: str) -> list[Post]:
    """The posts of a file's articles, in order; articles without body text are skipped."""
    posts: list[Post] = []
    offset = 0
    for article in articles:
        body = clean(article.body)
        if not body:
            continue
        title = one_line(article.title)
        head = f"{title}\n\n" if title else ""
        text = f"{head}{body}\n"
        labels = tuple(dict.fromkeys(label for raw in article.labels if (label := one_line(raw))))
        posts.append(
            Post(
                source_file=source_file,
                index=len(posts),
                text=text,
                offset=offset,
                title=title,
                date=article.date,
                author=one_line(article.author),
                body_start=len(head),
                url=one_line(article.url),
                labels=labels,
            )
        )
        offset += len(text)
    return posts


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD of a date as sources write it (ISO 8601, RFC 822, a struct_time), None if none.

    The date is the one the post states in its own time zone: "2013-12-18T23:30:00-05:00" is the 18th.
    """
    if value is None:
        return None
    if hasattr(value, "tm_year"):
        value = f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"  # type: ignore[attr-defined]
    text = str(value).strip()
    match = re.match(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
    if match:
        try:
            return datetime.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None  # "0000-00-00" of a draft
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# --- XML ---------------------------------------------------------------------------------------------

_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def fix_declared_encoding(data: bytes) -> tuple[bytes, list[str]]:
    """The bytes of an XML document with a declaration that tells the truth, and what was wrong.

    Feeds and exports made by hand often declare one encoding and hold another: UTF-8 bytes declared
    ISO-8859-1 (read by the declaration, every accent would turn into two characters), or Windows-1252
    bytes declared (or taken by default as) UTF-8. Both are read by what the bytes are, and named.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data, []  # UTF-16 with its byte order mark: the mark decides
    declared = _DECLARED.match(data)
    name = declared[1].decode("ascii") if declared else "UTF-8"
    try:
        data.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as error:
        utf8 = False
        line = data[: error.start].count(b"\n") + 1
    if name.lower().replace("_", "-") in ("utf-8", "utf8"):
        if utf8:
            return data, []
        problem = f"line {line}: bytes that are not UTF-8 as declared; read as Windows-1252"
        text = data.decode("cp1252", errors="replace")
    elif utf8 and not data.isascii():
        problem = f"line 1: declared encoding {name}, but the bytes are UTF-8; read as UTF-8"
        text = data.decode("utf-8")
    else:
        return data, []
    fixed = text.encode("utf-8")
    if declared:
        start, end = declared.span(1)
        # The declaration is ASCII, so its offsets are the same in the re-encoded bytes.
        fixed = fixed[:start] + b"utf-8" + fixed[end:]
    return fixed, [problem]


def parse_xml(data: bytes) -> tuple[etree._Element, list[str]]:
    """The root of an XML document, and the problems of its declared encoding (see above).

    External entities and the network are never touched. Malformed XML raises ``UnreadableFile`` with
    the line of the first error.
    """
    data, problems = fix_declared_encoding(data)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(f"malformed XML, line {error.lineno}: {error.msg}") from None
    if root is None:
        raise UnreadableFile("malformed XML: no root element")
    return root, problems


def xml_text(element: etree._Element | None) -> str | None:
    """The text of an element (None when absent)."""
    if element is None:
        return None
    return "".join(element.itertext())
