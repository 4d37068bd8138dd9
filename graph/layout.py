"""The layout of a post: the lines that are items of a list, read apart from the prose around them.

Rankings, winners' lists and boards come as lines ("1. Atelier Brun", "- Boulangeries Léa : 90,4", "3) Maison
Durand (mode)"): the item's rank, and the name it starts with, up to what follows a name (a colon, a
score, a parenthesis, "avec"). Entities and the families read the same items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from graph.rules import load

# "1. ", "2) ", "3e ", "1er – ": a rank (a dash or colon may follow it); "- ", "• ": a bullet
_MARK = re.compile(
    r"[ \t]*(?:(\d{1,3})\s*(?:[.)°]|e\b|er\b|ère\b|ème\b)(?:[ \t]*[-–—:](?=[ \t]))?|[-•*–—·▪►])[ \t]+"
)
_WORD = re.compile(r"\S+")
# "Catégorie Banque : Maison Durand": a field and its value, one per line in a winners' list or a card.
_FIELD = re.compile(r"[^:\n]{2,45}:\s")
MAX_NAME_WORDS = 7


@dataclass(frozen=True)
class Item:
    """One list line: where it stands, its rank when numbered, and the name it starts with."""

    start: int
    end: int
    rank: int | None
    name_start: int
    name_end: int
    block: int  # items of one list (consecutive lines, blank lines between allowed) share a block


@cache
def _name_ends() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load("rules/layout")["name_ends"])
    return re.compile(rf"\s*(?:[:(\[,;|=]|[-–—]\s|\d|(?:{words})\b)", re.IGNORECASE)


def _name_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name an item starts with: capitalised (or a web name: "vente-privee.com"), at most a few words."""
    if not (
        text[start : start + 1].isupper()
        or text[start : start + 1].isdigit()
        or re.match(r"[a-z][\w-]*\.[a-z]{2,4}\b", text[start:end])
    ):
        return None
    pos = start
    words = 0
    while pos < end and words < MAX_NAME_WORDS:
        if _name_ends().match(text, pos) and pos > start:
            break
        word = _WORD.match(text, pos, end)
        if not word:
            break
        pos, words = word.end(), words + 1
        if word.group()[-1] in ",;:":
            break
        while pos < end and text[pos] in " \t":
            pos += 1
    stop = pos
    while stop > start and text[stop - 1] in " \t.,;:":
        stop -= 1
    if words >= MAX_NAME_WORDS and pos < end and not _name_ends().match(text, pos):
        return None  # a sentence, not a name
    return (start, stop) if stop > start else None


@lru_cache(maxsize=8)
def list_items(text: str) -> tuple[Item, ...]:
    """Every line of ``text`` that is a numbered or bulleted item starting with a name."""
    items: list[Item] = []
    pos, block, gap = 0, 0, True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        mark = _MARK.match(text, start, end)
        span = _name_span(text, mark.end(), end) if mark else None
        if not span:
            gap = gap or bool(line.strip())
            continue
        block += gap
        gap = False
        rank = int(mark.group(1)) if mark and mark.group(1) else None
        items.append(Item(start, end, rank, *span, block))
    return tuple(items)


def block_of(text: str, item: Item) -> list[Item]:
    return [it for it in list_items(text) if it.block == item.block]


def item_at(text: str, pos: int) -> Item | None:
    """The list item whose name starts at ``pos``."""
    return next((it for it in list_items(text) if it.name_start == pos), None)


def unwrap(text: str) -> str:
    """The text with the line breaks of hard-wrapped paragraphs read as spaces (same length, same offsets).

    Archives and press databases break paragraphs at a fixed width ("le salon des métiers du" / "conseil
    a fermé"): inside a block of several lines of nearly one width, a break after a full line is no
    line of its own, so names and sentences run across it. Lists, headings and short lines keep theirs.
    """
    rules = load("rules/layout")["hard_wrap"]
    out = list(text)
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, line))
        start += len(line) + 1
    block: list[tuple[int, str]] = []
    for at, line in [*lines, (len(text) + 1, "")]:
        if line.strip():
            block.append((at, line))
            continue
        _unwrap_block(block, out, rules)
        block = []
    return "".join(out)


def _unwrap_block(block: list[tuple[int, str]], out: list[str], rules: dict) -> None:
    if len(block) < rules["min_lines"]:
        return
    # The block's width: nearly its longest line (one overlong line, a pasted link, does not set it).
    lengths = sorted(len(line) for _, line in block)
    width = lengths[int(rules["width_rank"] * (len(lengths) - 1))]
    full = [len(line) >= rules["full_share"] * width for _, line in block[:-1]]
    if not rules["min_width"] <= width <= rules["max_width"] or sum(full) < rules["full_lines"] * len(full):
        return
    for (at, line), (_, following), is_full in zip(block, block[1:], full, strict=False):
        # a break after a sentence's end may be a paragraph's: it stays, costing nothing where it is not;
        # so does one between two lines that each give a field and its value
        ended = line.rstrip().endswith((".", "!", "?", ":"))
        fields = _FIELD.match(line) and _FIELD.match(following)
        if is_full and not _MARK.match(following) and not ended and not fields:
            out[at + len(line)] = " "
