"""JSON Lines -> posts: one post per line, as scrapers write them.

Each line is an object with ``text`` or ``html`` (the post's body) and, when known, ``url``, ``title``,
``date``, ``author`` and ``labels`` (or ``tags``/``categories``). A broken line (not JSON, not an object,
no text) is named with its number; the other lines are still read.
"""

from __future__ import annotations

import json
from pathlib import Path

from graph.formats.base import Article, Reading, UnreadableFile, iso_date, make_posts
from graph.formats.markup import html_to_text


def read_jsonl(path: Path, data: bytes, source_file: str) -> Reading:
    from graph.loader import decode, parse_date_line

    reading = Reading()
    articles: list[Article] = []
    for number, line in enumerate(decode(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            reading.problems.append(f"line {number}: not JSON ({error.msg}, column {error.colno})")
            continue
        if not isinstance(record, dict):
            reading.problems.append(f"line {number}: not a JSON object")
            continue
        text, markup = record.get("text"), record.get("html")
        if not (isinstance(text, str) and text.strip()) and not (isinstance(markup, str) and markup.strip()):
            reading.problems.append(f"line {number}: no \"text\" nor \"html\"")
            continue
        body = text if isinstance(text, str) and text.strip() else html_to_text(str(markup))
        date = record.get("date")
        labels = record.get("labels") or record.get("tags") or record.get("categories") or []
        articles.append(
            Article(
                body=body,
                title=_string(record.get("title")),
                date=iso_date(date) or (parse_date_line(date) if isinstance(date, str) else None),
                author=_string(record.get("author")),
                url=_string(record.get("url")),
                labels=tuple(str(label) for label in labels) if isinstance(labels, list) else (str(labels),),
            )
        )
    reading.posts = make_posts(articles, source_file)
    if not reading.posts and reading.problems:
        raise UnreadableFile(f"no post read; {reading.problems[0]}")
    return reading


def _string(value: object) -> str | None:
    if isinstance(value, dict):  # {"name": ...} as some scrapers write authors
        value = value.get("name")
    return str(value) if value not in (None, "") else None
