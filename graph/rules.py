"""Rules kept as data: YAML files under ``data/`` loaded once, and the text folding they are matched with."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(os.environ.get("RCKG_DATA", Path(__file__).resolve().parent.parent / "data"))


class DuplicateKey(ValueError):
    """A rules file names the same key twice: YAML would silently keep the last one."""


class _StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a mapping with a key written twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise DuplicateKey(f"{node.start_mark.name}, line {key_node.start_mark.line + 1}: "
                                   f"{key!r} is already a key of this mapping")
            seen.add(key)
        return super().construct_mapping(node, deep)


@cache
def load(name: str) -> Any:
    """The parsed YAML file ``data/<name>.yaml`` (e.g. ``rules/entities``, ``gazetteer``)."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass


class _Unaccented(dict):
    """Character -> its NFKD decomposition without combining marks, worked out on first sight.

    Decomposing character by character gives the same letters as decomposing the whole text: the
    only reordering NFKD does is among combining marks, which are dropped.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        self[code] = unaccented = "".join(c for c in decomposed if not unicodedata.combining(c))
        return unaccented


_UNACCENTED = _Unaccented()
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


# Extraction folds millions of strings per corpus, mostly the same few thousand words and names again
# and again: a bounded memo turns most calls into one dictionary lookup. Only short strings are kept
# (sentences and passages seldom come back), so that the memo stays a few megabytes.
_MEMO_LENGTH = 64


def fold(text: str) -> str:
    """Lowercase, accents stripped, apostrophes unified, spaces collapsed: the form rules match on."""
    return _fold_short(text) if len(text) <= _MEMO_LENGTH else _fold(text)


def name_key(text: str) -> str:
    """Identity key of a name: folded, with everything but letters and digits dropped.

    "GDF SUEZ" and "GDF Suez", "Bearing Point" and "BearingPoint", "KP/AM" and "KPAM" share a key.
    """
    return _name_key_short(text) if len(text) <= _MEMO_LENGTH else _name_key(text)


def _fold(text: str) -> str:
    if not text.isascii():  # rules fold hundreds of thousands of words: ASCII needs no decomposition
        text = text.translate(_UNACCENTED).replace("\u2019", "'")
    text = text.lower()
    if not text.isascii():
        text = text.replace("\u0153", "oe")
    return " ".join(text.split())


def _name_key(text: str) -> str:
    return _NOT_ALNUM.sub("", fold(text))


_fold_short = lru_cache(maxsize=1 << 16)(_fold)
_name_key_short = lru_cache(maxsize=1 << 16)(_name_key)


@cache
def word_set(name: str, field: str) -> frozenset[str]:
    """A list of words in a rules file, folded, as a set."""
    return frozenset(fold(w) for w in load(name)[field])


@cache
def cue_table(name: str, field: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``{kind: [cue, ...]}`` from a rules file, folded, in file order."""
    return tuple((kind, tuple(fold(c) for c in cues)) for kind, cues in load(name)[field].items())


def longest_first(phrases: Iterable[str], piece: Callable[[str], str] = re.escape) -> list[str]:
    """``phrases`` by the length of their regex (``piece``), longest first, ties in their order: the order
    an alternation of them tries them in."""
    return sorted(phrases, key=lambda p: len(piece(p)), reverse=True)


def caseless_alternation(phrases: list[str], piece: Callable[[str], str] = re.escape) -> str:
    """The regex alternation ``"|".join(piece(p) for p in phrases)`` for a case-insensitive pattern, grouped
    by first letter: "d(?:irecteur|g)|p(?:résident|dg)". ``piece`` writes a phrase as a regex character by
    character (``piece(a + b) == piece(a) + piece(b)``): escaped by default.

    Ignoring case, the regex engine tries a flat alternation's phrases one by one at every position; a
    group whose letter is not the one at hand fails at once. Phrases keep their order within a group and
    phrases of different groups cannot match at the same place, so the matches are the same.
    """
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[:1].lower(), []).append(phrase)
    letters = list(groups)
    if any(re.fullmatch(piece(a), b, re.IGNORECASE) for a in letters for b in letters if a != b):
        raise ValueError(f"first letters that match each other ignoring case: {letters}")
    return "|".join(piece(letter) + "(?:" + "|".join(piece(p[1:]) for p in group) + ")"
                    for letter, group in groups.items())  # fmt: skip
