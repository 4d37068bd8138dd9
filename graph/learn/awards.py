"""Awards, learned: in a post that speaks of prizes, every person or organization named is a candidate
recipient; the model reads the frame around it (a win verb it is the subject of, a rank, a winners' line).

A kept recipient the rules did not place gets the prize series named last before it in the post (or
first after it), the year of the post's series or date, and the rank its own line or clause states.
"""

from __future__ import annotations

import re

from graph.evaluate import covers
from graph.extract import PostContext
from graph.extract.awards import IDENTITY, clause_rank, setting_of
from graph.extract.awards.names import names_its_giver, singular_head
from graph.layout import item_at, list_items
from graph.learn.deciders import Candidate, Decider, attach_rule_facts, decider, entity_role, weights
from graph.learn.features import (
    classes_in,
    clause_bounds,
    doc_features,
    evidence_of,
    line_bounds,
    mention_features,
)
from graph.learn.keys import KeyFacts
from graph.learn.prizes import CANDIDATE_BANDS, NAME, choose, placement, prize_text, prizes
from graph.model import PLACE, Fact, Mention, Ref
from graph.rules import name_key

FAMILY = "awards"


def _clause_features(ctx: PostContext, m: Mention) -> list[str]:
    s, e = clause_bounds(ctx.text, m.start, m.end)
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    classes = classes_in(ctx, span)
    feats = [f"clause={c}" for c in sorted(c for c in classes if c)]
    same = [o for o in ctx.mentions if s <= o.start < e and o is not m and o.kind != PLACE]
    feats.append(f"clause_mentions={min(len(same), 3)}")
    ls, le = line_bounds(ctx.text, m.start)
    if clause_rank(ctx.text, ls, le) is not None and le - ls < 160:
        feats.append("line_rank")
    return feats


def _nearest_prize(ctx: PostContext, m: Mention) -> list[str]:
    """Where the nearest prize the post names stands from the candidate (its line, its clause, near...)."""
    found = prizes(ctx, m)
    if not found:
        return ["prize=none"]
    nearest = min(found, key=lambda p: abs(p.start - m.start))
    side = "before" if nearest.start < m.start else "after"
    return [f"prize={placement(ctx.text, m, nearest.start, CANDIDATE_BANDS)}", f"prize_side={side}"]


def unnamed_items(ctx: PostContext) -> list[Mention]:
    """The names list items start with that no mention covers: "1. Atelier Brun" in a ranking is a recipient
    even where the entity model had no opinion of "Atelier Brun"."""
    taken = [(m.start, m.end) for m in ctx.mentions]
    return [
        Mention(it.name_start, it.name_end, ctx.text[it.name_start : it.name_end], "Company", "item")
        for it in list_items(ctx.text)
        if not any(a < it.name_end and it.name_start < b for a, b in taken)
    ]


def recipient_candidates(ctx: PostContext, rule_facts: list[Fact]) -> list[Candidate]:
    base = tuple(doc_features(ctx))
    if "doc=PRIZE" not in base and not rule_facts:
        return []
    seen: dict[str, int] = {}
    cands = []
    for m in [*ctx.mentions, *unnamed_items(ctx)]:
        if m.kind == PLACE:
            continue
        k = name_key(m.text)
        seen[k] = seen.get(k, 0) + 1
        feats = (
            *base,
            *mention_features(ctx, m),
            *_clause_features(ctx, m),
            *_nearest_prize(ctx, m),
            f"nth={min(seen[k], 3)}",
        )
        cands.append(Candidate((m,), feats))
    return attach_rule_facts(cands, rule_facts, recipient_key)


recipient_key, label, gold = entity_role("recipient", lambda key: key.recipients)


_CATEGORY = re.compile(
    r"\b(?:sous-)?cat[ée]gorie\s+"
    r"(?:[«\"]\s*([^»\"\n]{2,60}?)\s*[»\"]"  # a quoted category
    r"|((?:[\w'’-]+ ?){1,4}?)(?=[,.;:)\n]|$| (?:et|pour|avec|qui|a|est)\b))",  # or up to four words
    re.IGNORECASE,
)


def category_of(ctx: PostContext, m: Mention) -> str | None:
    """The category a prize was won in, as the recipient's clause states it ("dans la catégorie « X »")."""
    s, e = clause_bounds(ctx.text, m.start, m.end)
    found = _CATEGORY.search(ctx.post.text[s:e])
    if not found:
        return None
    return (found.group(1) or found.group(2) or "").strip() or None


def recipient_facts(ctx: PostContext, c: Candidate, rule_facts: list[Fact] | None = None) -> list[Fact]:
    m = c.mentions[0]
    prize = choose(ctx, m, weights(NAME))
    if not prize:
        return []
    award, year, event = prize.name, prize.year or setting_of(ctx).year, prize.event
    category = category_of(ctx, m)
    if names_its_giver(m.text, award, category, event):
        return []
    roles: list[tuple[str, Ref | str | int]] = [
        ("recipient", Ref(m.text, m.kind)),
        ("award", singular_head(award)),
    ]
    if year:
        roles.append(("year", year))
    if category:
        roles.append(("category", category))
    if event:
        roles.append(("event", event))
    ls, le = line_bounds(ctx.text, m.start)
    item = item_at(ctx.text, m.start)
    rank = item.rank if item and item.rank else clause_rank(ctx.text, ls, le) if le - ls < 160 else None
    if rank:
        roles.append(("rank", rank))
    return [Fact(FAMILY, "AwardConferral", tuple(roles), evidence_of(ctx, m), IDENTITY)]


def prize_named(ctx: PostContext, c: Candidate, key: KeyFacts) -> bool:
    """Whether one of the prizes the post names is one of the key's awards for the recipient: without it the
    recipient's fact names a wrong prize (the keys compose many award names from a series and a category
    the text gives apart)."""
    m = c.mentions[0]
    names = [award for rid, award in key.awards if rid == key.entity(m.text)]
    return any(covers(name, prize_text(p)) for p in prizes(ctx, m) for name in names)


decider(
    Decider(FAMILY, recipient_candidates, label, recipient_facts, recipient_key, gold, confirms=prize_named)
)
