"""Coordination: the members of "X, Y et Z" fill one role together. A decider's verdict on one member is
the verdict on each: "Kalibank, Monabank et Zetabank montent sur le podium" gives three recipients where the
model, which judges each mention alone, may keep only the one whose words it has seen before.

Two mentions are coordinated when nothing but commas and a conjunction (``coordination_glue`` in
``data/rules/features.yaml``) stands between them on one line, or when the parse joins them by ``conj``
links within one sentence with no verb between them. Both are people, or both organizations: "Marc
Dufresne, Textalis" names a man and his firm.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from graph import rules
from graph.extract import PostContext
from graph.learn.features import span_of
from graph.model import PERSON, PLACE, Mention

RULES = "rules/features"


@cache
def _glue() -> re.Pattern[str]:
    words = rules.longest_first(rules.fold(w) for w in rules.load(RULES)["coordination_glue"])
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"[ \t]*(?:,[ \t]*(?:(?:{alternation})[ \t]*)?|(?:{alternation})[ \t]*)")


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _joined(ctx: PostContext, a: Mention, b: Mention) -> bool:
    """Whether ``a``, then ``b``, are two members of one coordination."""
    if a.end > b.start:
        return False
    between = ctx.text[a.end : b.start]
    if "\n" not in between and _glue().fullmatch(rules.fold(between)) is not None:
        return True
    sa, sb = span_of(ctx.doc, a), span_of(ctx.doc, b)
    if sa is None or sb is None or sa.root.sent != sb.root.sent or sa.root == sb.root:
        return False
    if "conj" not in (sa.root.dep_, sb.root.dep_) or _first_conjunct(sa.root) != _first_conjunct(sb.root):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[sa.end : sb.start])


def coordination_groups(ctx: PostContext) -> dict[Mention, frozenset[Mention]]:
    """Each mention of the post with the members of its coordination (itself included)."""
    return ctx.once("coordination.groups", _groups)


def _alike(a: Mention, b: Mention) -> bool:
    """Two people, or two organizations: "Marc Dufresne, Textalis" names a man and his firm."""
    return (a.kind == PERSON) == (b.kind == PERSON) and PLACE not in (a.kind, b.kind)


def _groups(ctx: PostContext) -> dict[Mention, frozenset[Mention]]:
    # Members of a coordination are consecutive mentions: one pass cuts the post's mentions into runs.
    runs: list[list[Mention]] = []
    for m in sorted(ctx.mentions, key=lambda m: (m.start, m.end)):
        prev = runs[-1][-1] if runs else None
        if prev is not None and _alike(prev, m) and _joined(ctx, prev, m):
            runs[-1].append(m)
        else:
            runs.append([m])
    return {m: frozenset(run) for run in runs for m in run}
