"""Small helpers over a post's plain text shared by the positions and interviews extractors."""

from __future__ import annotations

import re

from graph import rules
from graph.model import PERSON, Mention

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\n")


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or line) holding ``text[start:end]``: cut at ". ", "! ", "? " and line breaks."""
    end = start if end is None else end
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        s = m.end()
    stop = _SENTENCE_END.search(text, end)
    return s, stop.start() if stop else len(text)


def clip(start: int, end: int, limit: int = 200) -> tuple[int, int]:
    """At most ``limit`` characters of a passage, keeping its start (evidence stays short)."""
    return start, min(end, start + limit)


def has_cue(text: str, cues: frozenset[str]) -> bool:
    """Whether the folded text contains one of the folded cue phrases, as whole words."""
    folded = f" {rules.fold(text)} "
    # An elided cue ("j'", "m'") is glued to the next word; others end at a word boundary.
    return any(re.search(rf"(?<![\w']){re.escape(cue)}" + ("" if cue.endswith("'") else r"(?!\w)"), folded)
               for cue in cues)


def full_people(mentions: tuple[Mention, ...] | list[Mention]) -> list[Mention]:
    """Person mentions that give a full name (lone first names are left to the resolver)."""
    return [m for m in mentions if m.kind == PERSON and m.source != "partial"]
