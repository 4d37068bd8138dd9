"""Positions, learned: every (person, organization) pair of a clause or of a name card is a candidate.

A name card is a person's name on its own line and the organization on the next line ("Jeanne Martin" /
"Directrice Relation Client, Groupe Y"). The title is the phrase between the names when it holds a title
word ("X, directrice générale de Y"), else the one after the organization or the person on the card,
else ``member`` (the guidelines' title for "X de Y").
"""

from __future__ import annotations

import re
from collections import Counter

from graph import rules
from graph.extract import PostContext
from graph.learn.deciders import Candidate, Decider, attach_rule_facts, decider, ref_key
from graph.learn.features import (
    clause_bounds,
    doc_features,
    evidence_of,
    line_bounds,
    mention_features,
    pair_features,
    word_classes,
)
from graph.learn.keys import KeyFacts
from graph.model import PERSON, Fact, Mention, Ref
from graph.names import is_org

FAMILY = "positions"
_EDGE = re.compile(
    r"^[\s,;:()\-–—/|]*(?:(?:le|la|l'|l’|un|une|notre|son|sa|leur|et|ex-)\s+)*|"
    r"[\s,;:()\-–—/|]*(?:\s(?:de|du|des|d'|d’|chez|à|au|of|at|pour|@))?[\s,;:()\-–—/|]*$",
    re.IGNORECASE,
)


def _people(ctx: PostContext) -> list[Mention]:
    return [m for m in ctx.mentions if m.kind == PERSON and " " in m.text.strip()]


def _orgs(ctx: PostContext) -> list[Mention]:
    return [m for m in ctx.mentions if is_org(m.kind)]


def _on_card(ctx: PostContext, person: Mention, org: Mention) -> bool:
    """The person alone on a short line, the organization on one of the next two lines."""
    text = ctx.text
    ps, pe = line_bounds(text, person.start)
    if org.start <= pe or len(text[ps:pe].strip()) > len(person.text) + 30:
        return False
    _, next_end = line_bounds(text, pe + 1)
    if org.start < next_end:
        return True
    _, third_end = line_bounds(text, next_end + 1) if next_end < len(text) else (0, 0)
    return org.start < third_end and not text[pe + 1 : next_end].strip()


def position_candidates(ctx: PostContext, rule_facts: list[Fact]) -> list[Candidate]:
    text = ctx.text
    base = tuple(doc_features(ctx))
    people = _people(ctx)
    # The pairs the rules state: a person the rules place elsewhere, an organization the rules give
    # someone else, is less likely this pair's.
    stated = [k for k in map(position_key, rule_facts) if k]
    cands = []
    orgs = _orgs(ctx)
    topics = _topic_orgs(orgs)
    for p in people:
        s, e = clause_bounds(text, p.start, p.end)
        p_feats = tuple(mention_features(ctx, p, "p:"))
        if not any(o.start < e and o.end > s for o in orgs) and _has_title(text[s:e]):
            cands += _topic_candidates((*base, *p_feats), p, text[s:e], topics, stated)
        for o in orgs:
            if o.start < e and o.end > s and not (o.start < p.end and p.start < o.end):
                shape = "clause"
            elif _on_card(ctx, p, o):
                shape = "card"
            elif _last_person_before(ctx, people, o) is p:
                shape = "anaphor"  # "Il rejoint Y", "Jean-Baptiste commence chez Y": the person named last
            else:
                continue
            feats = (
                *base,
                f"shape={shape}",
                *p_feats,
                *mention_features(ctx, o, "o:"),
                *(pair_features(ctx, p, o) if shape != "anaphor" else ()),
                f"okind={o.kind}",
                f"owner={_owner(people, p, o, s)}",
                *_elsewhere(stated, p, o),
            )
            cands.append(Candidate((p, o), feats))
    return attach_rule_facts(cands, rule_facts, position_key)


def _topic_orgs(orgs: list[Mention], most: int = 2) -> list[tuple[Mention, int]]:
    """The organizations the post is about: the most often named (twice at least), each by its first mention,
    with its count."""
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for o in orgs:
        counts[rules.name_key(o.text)] += 1
        first.setdefault(rules.name_key(o.text), o)
    ranked = sorted(first, key=lambda k: (-counts[k], first[k].start))
    return [(first[k], counts[k]) for k in ranked[:most] if counts[k] >= 2]


def _topic_candidates(
    person_feats: tuple[str, ...],
    p: Mention,
    clause: str,
    topics: list[tuple[Mention, int]],
    stated: list[tuple[str, ...]],
) -> list[Candidate]:
    """A person given a title in a clause that names no organization ("indique Bruno Martin, directeur
    général adjoint"), paired with each organization the post is about: the model says which, if any."""
    possessive = _POSSESSIVE.search(clause) is not None
    return [
        Candidate(
            (p, o),
            (
                *person_feats,
                "shape=topic",
                f"topic_rank={rank}",
                f"topic_count={min(count, 5)}",
                f"okind={o.kind}",
                *(["possessive"] if possessive else []),
                *_elsewhere(stated, p, o),
            ),
        )
        for rank, (o, count) in enumerate(topics, 1)
    ]


_POSSESSIVE = re.compile(r"\b(?:son|sa|ses|leur|notre)\s", re.IGNORECASE)


def _owner(people: list[Mention], p: Mention, o: Mention, clause_start: int) -> str:
    """Whose apposition the organization closes: the person named last before it in the clause ("X,
    directeur de Y, Z, ...": Y is X's, not Z's)."""
    before = [q for q in people if clause_start <= q.start and q.end <= o.start]
    return "none" if not before else "self" if before[-1] is p else "other"


def _elsewhere(stated: list[tuple[str, ...]], p: Mention, o: Mention) -> list[str]:
    """Whether the rules place the person at another organization, or give the organization another person."""
    pk, ok = rules.name_key(p.text), rules.name_key(o.text)
    return [
        *(["p_rule_elsewhere"] if any(h == pk and org != ok for h, org in stated) else []),
        *(["o_rule_other"] if any(org == ok and h != pk for h, org in stated) else []),
    ]


def _last_person_before(
    ctx: PostContext, people: list[Mention], o: Mention, window: int = 400
) -> Mention | None:
    """The full name mentioned last before an organization whose own clause names no one in full."""
    s, e = clause_bounds(ctx.text, o.start, o.end)
    if any(s <= p.start < e for p in people):
        return None
    before = [p for p in people if o.start - window <= p.start < s]
    return before[-1] if before else None


def position_key(fact: Fact) -> tuple[str, ...] | None:
    holder, org = ref_key(fact.get("holder")), ref_key(fact.get("organization"))
    return (holder, org) if holder and org else None


def label(c: Candidate, key: KeyFacts) -> int | None:
    p, o = (key.entity(m.text) for m in c.mentions)
    return int((p, o) in key.positions) if p and o else 0


def gold(key: KeyFacts) -> set[tuple[str, ...]]:
    return set(key.positions)


def _has_title(phrase: str) -> bool:
    titles = word_classes()
    return any(titles.get(rules.fold(w)) == "TITLE" for w in re.findall(r"[\w\-]+", phrase))


def title_of(ctx: PostContext, p: Mention, o: Mention, topic: bool = False) -> str:
    """The title between the names, or after the person or before the organization on their lines; for an
    organization the post is about (``topic``), around the person in the person's clause."""
    text = ctx.post.text
    if topic:
        s, e = clause_bounds(ctx.text, p.start, p.end)
        e = _until_verb(ctx, p.end, e)
        after, before = _EDGE.sub("", text[p.end : e].rstrip(".!?")), _EDGE.sub("", text[s : p.start])
        candidates = [after.split(",")[0], before.split(",")[-1]]  # the apposition next to the name
    else:
        first, second = (p, o) if p.start < o.start else (o, p)
        # What follows a name is read up to its first verb ("X, son Président racontait comment ...").
        spans = [(first.end, second.start, True), (p.end, line_bounds(ctx.text, p.start)[1], True),
                 (line_bounds(ctx.text, o.start)[0], o.start, False)]  # fmt: skip
        # A title beside another organization is a title there ("X, DRH de Y, rejoint Z"): not at this one.
        candidates = [text[a : _until_verb(ctx, a, b) if after_name else b] for a, b, after_name in spans
                      if not any(m is not o and is_org(m.kind) for m in ctx.mentions_in(a, b))]  # fmt: skip
    for phrase in candidates:
        phrase = _EDGE.sub("", phrase.split("\n")[-1] if "\n" in phrase.strip() else phrase).strip()
        phrase = _EDGE.sub("", phrase.removeprefix(p.text)).strip()  # "X, Directeur de ..." on X's card line
        # "X, Sitel, directeur des opérations, témoigne", "X, Sitel directeur des opérations": the piece
        # between commas (the organization's name counting as one) that holds the title
        pieces = phrase.replace(o.text, ",").split(",")
        phrase = next((_EDGE.sub("", piece).strip() for piece in pieces if _has_title(piece)), "")
        if phrase and len(phrase.split()) <= 8:
            return _from_title_word(phrase)
    return rules.load("rules/positions")["member_title"]


def _until_verb(ctx: PostContext, start: int, end: int) -> int:
    """Where the first finite verb of ``text[start:end]`` starts (a title word the parser took for a verb,
    "associe" for "associé", does not count); ``end`` when there is none."""
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    finite = (t for t in span or () if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
              and word_classes().get(rules.fold(t.text)) != "TITLE")
    return next((t.idx for t in finite), end)


def _from_title_word(phrase: str) -> str:
    """The phrase from its first title word on ("est aussi le fondateur" -> "fondateur", "Après avoir été
    directeur commercial" -> "directeur commercial"), with the capitalised words just before it ("Senior
    Vice President")."""
    titles = word_classes()
    words = phrase.split()
    first = next((i for i, w in enumerate(words) if titles.get(rules.fold(w)) == "TITLE"), 0)
    while first > 0 and words[first - 1][:1].isupper():
        first -= 1
    return " ".join(words[first:])


def position_facts(ctx: PostContext, c: Candidate, rule_facts: list[Fact] | None = None) -> list[Fact]:
    p, o = c.mentions
    topic = "shape=topic" in c.features
    roles = (
        ("holder", Ref(p.text, PERSON)),
        ("organization", Ref(o.text, o.kind)),
        ("title", title_of(ctx, p, o, topic)),
    )
    quoted = (p,) if topic else (p, o)  # the post's own organization stands elsewhere: the title is quoted
    evidence = evidence_of(ctx, *quoted, margin=0)
    return [Fact(FAMILY, "Position", roles, evidence, ("holder", "organization", "title"))]


decider(Decider(FAMILY, position_candidates, label, position_facts, position_key, gold))
