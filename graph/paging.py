"""Pages of an answer: ``--param limit=N`` and ``--param offset=N`` set the page, ``limit=all`` lifts it.

>>> paged("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100", {"offset": Literal("100")})[0]
'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100 OFFSET 100\n'

The page is the query's last LIMIT / OFFSET, or the one on a line ending with ``# page`` (a saved question
that pages a sub-select, the cheap part, before fetching the details of the rows kept). A question narrowed
by any other ``--param`` answers in full (its page is for browsing), unless ``limit`` is given too. Page
sizes are whole numbers, checked before they are written into the query: they cannot change what it does.

A ``LIMIT`` on a line ending with ``# candidates`` bounds what the default pages rank (co-mentions: the pairs
of the most-named entities only, and of those tied with them); it is lifted with the page (``limit=all``) and
for a narrowed question, which then rank or list everything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Identifier

PAGE_PARAMS = ("limit", "offset")
_MARKED_PAGE = re.compile(r"(?im)^([ \t]*)(?:(?:LIMIT|OFFSET)[ \t]+\d+[ \t]*)+(#[ \t]*page[ \t]*)$")
_CANDIDATES = re.compile(r"(?im)^([ \t]*)LIMIT[ \t]+\d+[ \t]*(#[ \t]*candidates[ \t]*)$")
_LAST_PAGE = re.compile(r"(?i)(?:\s+(?:LIMIT|OFFSET)\s+\d+)*\s*\Z")
_PAGE_SIZE = "--param {} takes a whole number of rows (or limit=all for the whole answer), not {!r}"


def paged(query: str, params: Mapping[str, Identifier]) -> tuple[str, dict[str, Identifier]]:
    """``query`` with the page ``params`` asks for, and the other params (those the engine binds)."""
    page = {name: str(value) for name, value in params.items() if name in PAGE_PARAMS}
    others = {name: value for name, value in params.items() if name not in PAGE_PARAMS}
    if others and "limit" not in page:  # a narrowed question answers in full, unless a page is asked for
        page["limit"] = "all"
    if not page:
        return query, others
    if others or page.get("limit", "").lower() == "all":
        query = _CANDIDATES.sub(r"\1\2", query)
    limit, offset = _current_page(query)
    limit = _page_number("limit", page.get("limit", limit))
    offset = _page_number("offset", page.get("offset", offset))
    modifiers = " ".join(
        f"{keyword} {value}" for keyword, value in (("LIMIT", limit), ("OFFSET", offset)) if value
    )
    return _with_page(query, modifiers), others


def _current_page(query: str) -> tuple[str | None, str | None]:
    found = _MARKED_PAGE.search(query) or _LAST_PAGE.search(query)
    words = found[0].upper().split() if found else []
    limit = words[words.index("LIMIT") + 1] if "LIMIT" in words else None
    offset = words[words.index("OFFSET") + 1] if "OFFSET" in words else None
    return limit, offset


def _page_number(name: str, value: str | None) -> str | None:
    """The page size as the query writes it; None for no clause (limit=all, offset=0)."""
    if value is None or (name == "limit" and value.lower() == "all"):
        return None
    if not re.fullmatch(r"\d+", value):
        raise ValueError(_PAGE_SIZE.format(name, value))
    return None if name == "offset" and int(value) == 0 else str(int(value))


def _with_page(query: str, modifiers: str) -> str:
    marked = _MARKED_PAGE.search(query)
    if marked:
        replacement = f"{marked[1]}{modifiers} {marked[2]}" if modifiers else f"{marked[1]}{marked[2]}"
        return query[: marked.start()] + replacement + query[marked.end() :]
    body = _LAST_PAGE.sub("", query)
    return f"{body} {modifiers}".rstrip() + "\n" if modifiers else body + "\n"

