"""Awards, learned: in a post that speaks of prizes, every person or organization named is a candidate
recipient; the model reads the frame around it (a win verb it is the subject of, a rank, a winners' line).

A kept recipient the rules did not place gets the prize series named last before it in the post (or
first after it), the year of the post's series or date, and the rank its own line or clause states.
"""

from __future__ import annotations

from graph import rules
from graph.extract import PostContext
from graph.extract.awards import IDENTITY, clause_rank, name_end, series_in, setting_of
from graph.learn.deciders import Candidate, Decider, attach_rule_facts, decider, ref_key
from graph.learn.features import clause_bounds, doc_features, line_bounds, mention_features, word_class
from graph.learn.keys import KeyFacts
from graph.model import PLACE, Evidence, Fact, Mention, Ref
from graph.rules import name_key

FAMILY = "awards"


def _clause_features(ctx: PostContext, m: Mention) -> list[str]:
    s, e = clause_bounds(ctx.text, m.start, m.end)
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    classes = {word_class(t) for t in span} if span is not None else set()
    feats = [f"clause={c}" for c in sorted(c for c in classes if c)]
    same = [o for o in ctx.mentions if s <= o.start < e and o is not m and o.kind != PLACE]
    feats.append(f"clause_mentions={min(len(same), 3)}")
    ls, le = line_bounds(ctx.text, m.start)
    if clause_rank(ctx.text, ls, le) is not None and le - ls < 160:
        feats.append("line_rank")
    return feats


def recipient_candidates(ctx: PostContext, rule_facts: list[Fact]) -> list[Candidate]:
    base = tuple(doc_features(ctx))
    if "doc=PRIZE" not in base and not rule_facts:
        return []
    seen: dict[str, int] = {}
    cands = []
    for m in ctx.mentions:
        if m.kind == PLACE:
            continue
        k = name_key(m.text)
        seen[k] = seen.get(k, 0) + 1
        feats = (*base, *mention_features(ctx, m), *_clause_features(ctx, m), f"nth={min(seen[k], 3)}")
        cands.append(Candidate((m,), feats))
    return attach_rule_facts(cands, rule_facts, recipient_key)


def recipient_key(fact: Fact) -> tuple[str, ...] | None:
    k = ref_key(fact.get("recipient"))
    return (k,) if k else None


def label(c: Candidate, key: KeyFacts) -> int | None:
    return int(key.entity(c.mentions[0].text) in key.recipients)


def gold(key: KeyFacts) -> set[tuple[str, ...]]:
    return {(r,) for r in key.recipients}


def _named_prizes(ctx: PostContext) -> list[tuple[int, str, int | None, str | None]]:
    """(start, name, year, event) of every prize series or named prize of the post, in text order."""
    found = [(x.start, x.name, x.year, x.event) for x in series_in(ctx, 0, len(ctx.text))]
    taken = [(x[0], x[0] + len(x[1])) for x in found]
    for t in ctx.doc:
        if (
            word_class(t) != "PRIZE"
            or t.pos_ not in ("NOUN", "PROPN")
            or any(a <= t.idx < b for a, b in taken)
        ):
            continue
        stop, year = name_end(ctx, t.idx + len(t.text), len(ctx.text))
        if stop <= t.idx + len(t.text):  # the name is an organization's ("Trophées Vortal"): its capitals
            names = [w for w in ctx.doc[t.i + 1 : t.i + 5]]
            capitals = next((i for i, w in enumerate(names) if not w.text[:1].isupper()), len(names))
            stop = names[capitals - 1].idx + len(names[capitals - 1].text) if capitals else stop
            year_tok = names[capitals] if capitals < len(names) else None
            if year_tok is not None and year_tok.like_num and len(year_tok.text) == 4:
                year = int(year_tok.text) if year_tok.text.isdigit() else year
        phrase = ctx.post.text[t.idx : stop].strip(" ,.;:")
        if any(w[:1].isupper() or w[:1] in "\"«" for w in phrase.split()[1:]):
            found.append((t.idx, phrase, year, f"{phrase} {year}" if year else None))
    return sorted(found)


def _prize_for(ctx: PostContext, m: Mention, window: int = 600) -> tuple[str, int | None, str | None] | None:
    """The prize named last before the recipient (within a window), else the post's own series, else the
    first named after it."""
    prizes = [p for p in _named_prizes(ctx) if not (m.start <= p[0] < m.end)]
    before = [p for p in prizes if m.start - window <= p[0] < m.start]
    setting = setting_of(ctx).series
    if before:
        chosen = before[-1]
    elif setting:
        return setting.name, setting.year, setting.event
    elif prizes:
        chosen = prizes[0]
    else:
        return None
    return chosen[1], chosen[2], chosen[3]


def singular_head(name: str) -> str:
    """ "Trophées Qualiweb" names the series; one prize of it is a "Trophée Qualiweb"."""
    head, _, rest = name.partition(" ")
    plural = rules.load("rules/features")["plural_prizes"].get(rules.fold(head))
    if not plural:
        return name
    singular = head[0] + plural[1:] if head[:1].isupper() else plural
    return f"{singular} {rest}".strip()


def recipient_facts(ctx: PostContext, c: Candidate) -> list[Fact]:
    m = c.mentions[0]
    s, e = clause_bounds(ctx.text, m.start, m.end)
    prize = _prize_for(ctx, m)
    if not prize:
        return []
    award, year, event = prize
    year = year or setting_of(ctx).year
    if e - s > 300:
        s, e = max(s, m.start - 120), min(e, m.end + 120)
    roles: list[tuple[str, Ref | str | int]] = [
        ("recipient", Ref(m.text, m.kind)),
        ("award", singular_head(award)),
    ]
    if year:
        roles.append(("year", year))
    if event:
        roles.append(("event", event))
    ls, le = line_bounds(ctx.text, m.start)
    rank = clause_rank(ctx.text, ls, le) if le - ls < 160 else None
    if rank:
        roles.append(("rank", rank))
    return [Fact(FAMILY, "AwardConferral", tuple(roles), Evidence.of(ctx.post, s, e), IDENTITY)]


decider(Decider(FAMILY, recipient_candidates, label, recipient_facts, recipient_key, gold))
