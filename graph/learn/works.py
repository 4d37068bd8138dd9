"""Works, learned: every phrase a work word heads ("baromètre Qualiweb 2021", "l'étude internationale sur
la satisfaction ...", "le livre « L'expérience client »") is a candidate title; the model says which the
post presents as a work. A kept title becomes a Book, Study or Blog by its head word (data), with the
organizations and people its clause says made it ("réalisé par", "de", "mené avec") as authors.
"""

from __future__ import annotations

import re
from functools import cache

from graph import rules
from graph.evaluate import covers
from graph.extract import PostContext
from graph.extract.awards import name_end
from graph.learn.deciders import RULE, Candidate, Decider, decider
from graph.learn.features import classes_in, clause_bounds, doc_features, evidence_of, mention_features
from graph.learn.keys import KeyFacts
from graph.model import PLACE, Fact, Mention, Ref

FAMILY = "works"
_QUOTED = re.compile(r"[«\"“]\s*([^»\"”\n]{3,120}?)\s*[»\"”]")
_AUTHOR_CUE = re.compile(
    r"\b(?:par|de|du|des|d'|d’|avec|pour|signé|signée|selon)\s*(?:l'|l’|la |le |les )?"
    r"(?:institut|cabinet|agence|société|groupe|association|fédération|éditions?)?\s*$",
    re.IGNORECASE,
)


@cache
def _heads() -> dict[str, str]:
    return {rules.fold(w): kind for w, kind in rules.load("rules/features")["work_heads"].items()}


def title_phrases(ctx: PostContext) -> list[Mention]:
    """Each phrase a work word heads, and each quoted title, as a span of the post (kind: the work's)."""
    found: list[Mention] = []
    text = ctx.post.text
    for t in ctx.doc:
        kind = _heads().get(rules.fold(t.text)) or _heads().get(rules.fold(t.lemma_))
        if not kind or t.pos_ not in ("NOUN", "PROPN"):
            continue
        after = t.idx + len(t.text)
        quoted = _QUOTED.match(text, after + 1 if text[after : after + 1] == " " else after)
        if quoted:  # "le livre « Le client roi »": the title is what the quotes hold
            found.append(Mention(quoted.start(1), quoted.end(1), quoted.group(1), kind, "quoted"))
            continue
        stop, _ = name_end(ctx, after, len(text))
        phrase = text[t.idx : stop].rstrip(" ,.;:")
        if len(phrase.split()) > 1:
            found.append(Mention(t.idx, t.idx + len(phrase), phrase, kind, "work"))
    taken = [(m.start, m.end) for m in found]
    for q in _QUOTED.finditer(text):
        if not any(a <= q.start() < b for a, b in taken):
            found.append(Mention(q.start(1), q.end(1), q.group(1), "Book", "quoted"))
    return sorted(found, key=lambda m: (m.start, m.end))


def _year(text: str) -> int | None:
    found = re.search(r"\b(19|20)\d\d\b", text)
    return int(found.group()) if found else None


def work_candidates(ctx: PostContext, rule_facts: list[Fact]) -> list[Candidate]:
    base = tuple(doc_features(ctx))
    stated = {rules.name_key(str(f.get("label"))) for f in rule_facts if f.get("label")}
    cands = []
    for m in title_phrases(ctx):
        words = m.text.split()
        s, e = clause_bounds(ctx.text, m.start, m.end)
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        clause = sorted({c for c in classes_in(ctx, span) if c})
        feats = (
            *base,
            *mention_features(ctx, m),
            f"head={rules.fold(words[0])}",
            f"src={m.source}",
            f"nwords={min(len(words), 8)}",
            *(f"clause={c}" for c in clause),
            "hasyear" if _year(m.text) else "noyear",
            "capitalised" if any(w[:1].isupper() for w in words[1:]) else "lower",
            *([RULE] if rules.name_key(m.text) in stated else []),
        )
        cands.append(Candidate((m,), feats))
    return cands


def label(c: Candidate, key: KeyFacts) -> int:
    return int(any(covers(title, c.mentions[0].text, 0.7) for title, _ in key.works))


def gold(key: KeyFacts) -> set[tuple[str, ...]]:
    return {(title,) for title, _ in key.works}


def resolve(key: KeyFacts, names: tuple[str, ...]) -> tuple[str, ...]:
    """A title as the key's title it matches (the scorer's 0.7 coverage), else a private id."""
    title = names[0]
    return next(((g,) for g, _ in key.works if covers(g, title, 0.7)), (f"?{title}",))


def _authors(ctx: PostContext, m: Mention) -> list[Ref]:
    """Who the clause says made the work: a name right after it behind "de/par", or after a cue."""
    s, e = clause_bounds(ctx.text, m.start, m.end)
    found = []
    for o in ctx.mentions:
        if o.kind == PLACE or not (s <= o.start < e) or m.start <= o.start < m.end:
            continue
        gap = ctx.text[m.end : o.start] if o.start >= m.end else ""
        if o.start >= m.end and len(gap) < 40 and _AUTHOR_CUE.search(gap):
            found.append(Ref(o.text, o.kind))
    return found[:2]


def work_facts(ctx: PostContext, c: Candidate, rule_facts: list[Fact] | None = None) -> list[Fact]:
    m = c.mentions[0]
    roles: list[tuple[str, object]] = [("label", m.text), *(("author", a) for a in _authors(ctx, m))]
    year = _year(m.text)
    if year:
        roles.append(("year", year))
    kind = m.kind if m.kind in ("Book", "Study", "Blog") else "Study"
    return [Fact(FAMILY, kind, tuple(roles), evidence_of(ctx, m, margin=100), ("label",))]


def work_key(fact: Fact) -> tuple[str, ...] | None:
    value = fact.get("label")
    return (str(value),) if value else None


decider(
    Decider(
        FAMILY,
        work_candidates,
        label,
        work_facts,
        work_key,
        gold,
        additive=True,
        names_of=lambda c: (c.mentions[0].text,),
        resolve=resolve,
    )
)
