"""The vocabularies of ``data/rules/awards.yaml``: word sets, and phrase lists matched in the text folded
character by character (so that offsets in the folded text are offsets in the text)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from graph import rules

RULES = "rules/awards"


@cache
def words(field: str) -> frozenset[str]:
    return rules.word_set(RULES, field)


@cache
def words_map(field: str) -> dict[str, int]:
    return {rules.fold(k): v for k, v in rules.load(RULES)[field].items()}


@cache
def _phrases(field: str) -> re.Pattern[str]:
    """A regex matching any phrase of a rules list in folded text, longest first, on word boundaries."""
    return _phrase_regex(rules.load(RULES)[field])


@cache
def rank_phrases() -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple(
        (_phrase_regex(phrases), int(rank)) for rank, phrases in rules.load(RULES)["podium_ranks"].items()
    )


def _phrase_regex(entries: list[str]) -> re.Pattern[str]:
    # Folded as the text is, character by character ("cœur" is "cour" there, "coeur" stays "coeur").
    phrases = sorted({_fold_chars(p) for p in entries}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(_alternative, phrases)) + ")")


def _alternative(phrase: str) -> str:
    """One phrase of an alternation, with word boundaries only where it has a word's edge: a phrase ending
    in an elided article ("suivi d'") runs straight into the next word, ", et" or " et " bring their own.

    Each alternative opens on its first letter, the boundary before it checked just after (the two
    characters behind must not be a word character then that letter): the regex engine skips at once
    an alternative whose first letter is not the one at hand, where a leading lookbehind would be
    evaluated for every alternative at every position (ten times slower, same matches).
    """
    head, rest = re.escape(phrase[:1]), re.escape(phrase[1:])
    before = rf"(?<![\w']{head})" if phrase[:1].isalnum() else ""
    return head + before + rest + (r"(?![\w'])" if phrase[-1:].isalnum() else "")


def find(field: str, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The phrases of a rules list in ``text[start:end]``, matched folded; offsets are offsets in ``text``."""
    return _phrases(field).finditer(folded_text(text), start, len(text) if end is None else end)


def _fold_chars(text: str) -> str:
    """The text folded character by character, so that offsets stay the same."""
    return text.translate(_FOLDED_CHARS)


class _FoldedChars(dict):
    """Character -> the one character it folds to (a space for any space), worked out on first sight."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        self[code] = folded = " " if c.isspace() else (rules.fold(c) or c)[:1]
        return folded


_FOLDED_CHARS = _FoldedChars()


folded_text = lru_cache(maxsize=8)(_fold_chars)


def head_at(text: str, pos: int, field: str = "award_heads") -> re.Match[str] | None:
    """An award head word at ``pos`` (capitalized), as a match in folded text."""
    m = _phrases(field).match(folded_text(text), pos, pos + 40)
    return m if m and (text[pos].isupper() or text[pos] == '"') else None
