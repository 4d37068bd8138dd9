"""Which prize a recipient received: every prize the post names is a candidate, a trained model ranks them.

A post may name several prizes (the series in its title, the barometer behind it, last year's edition,
another contest): the candidates are the prize series the awards rules read (``series_in``) and every
prize word heading a name ("trophée Qualiweb", "le label « Relation Client 100% France »"); the features
say where each stands from the recipient (same line, clause, before, after, in the title), what heads it
and how often the post names it. ``rckg train`` fits the ranker on the keys' award names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from graph import rules
from graph.evaluate import covers
from graph.extract import PostContext
from graph.extract._phrases import noun_phrase_end
from graph.extract.awards import name_end, series_in, setting_of
from graph.extract.awards.names import role_award_start, singular_head
from graph.extract.awards.vocab import find, words
from graph.layout import block_of, item_at
from graph.learn.features import clause_bounds, dependency_path, line_bounds, span_of
from graph.learn.linear import LinearModel
from graph.model import Mention

NAME = "prize_names"
_TRAILING_YEAR = re.compile(r"\s+((?:19|20)\d\d)$")


@cache
def _heads() -> frozenset[str]:
    return frozenset(rules.fold(w).split()[0] for w in rules.load("rules/features")["prize_heads"])


@dataclass(frozen=True)
class Prize:
    start: int
    name: str
    year: int | None
    event: str | None
    series: bool  # read by the awards rules as a series (a capitalised name)
    phrase: bool = False  # the head's whole noun phrase, read off the parse
    role: bool = False  # named after a role ("Directeur Relation Client de l'année")


def _capitals_after(ctx: PostContext, i: int) -> tuple[int | None, int | None]:
    """End of the capitalised words after token ``i`` (an organization's name: "Trophées Vortal") and the
    year that follows them."""
    names = list(ctx.doc[i + 1 : i + 5])
    capitals = next((k for k, w in enumerate(names) if not w.text[:1].isupper()), len(names))
    if not capitals:
        return None, None
    stop = names[capitals - 1].idx + len(names[capitals - 1].text)
    after = names[capitals] if capitals < len(names) else None
    year = int(after.text) if after is not None and after.text.isdigit() and len(after.text) == 4 else None
    return stop, year


def _prizes_of(ctx: PostContext) -> tuple[Prize, ...]:
    """The post's prizes, worked out once per post: each of its recipients asks in turn."""
    return ctx.once(NAME, _find_prizes)


def _find_prizes(ctx: PostContext) -> tuple[Prize, ...]:
    found = [Prize(x.start, x.name, x.year, x.event, True) for x in series_in(ctx, 0, len(ctx.text))]
    taken = [(p.start, p.start + len(p.name)) for p in found]
    for t in ctx.doc:
        word = rules.fold(t.text)
        if word not in _heads() or t.pos_ not in ("NOUN", "PROPN") and word not in words("elected"):
            continue  # "élu" heads a prize as a participle; "coupé" is no "coupe"
        inside = next((b for a, b in taken if a <= t.idx < b), None)
        stop, year = (inside, None) if inside else name_end(ctx, t.idx + len(t.text), len(ctx.text))
        if not inside and stop <= t.idx + len(t.text):
            stop, year = _capitals_after(ctx, t.i)
        if not inside and stop is not None:
            phrase = _written(ctx, t.idx, stop)
            if len(phrase.split()) > 1:
                found.append(Prize(t.idx, phrase, year, f"{phrase} {year}" if year else None, False))
        whole = _before_stop(ctx, t, noun_phrase_end(t))
        if whole and whole > (stop or t.idx + len(t.text)):
            phrase = _written(ctx, t.idx, whole)
            dated = _TRAILING_YEAR.search(phrase)  # "Trophées Vortal 2019": the year is no part of the name
            if dated and len(phrase[: dated.start()].split()) > 1:
                phrase, year = phrase[: dated.start()], int(dated.group(1))
            found.append(Prize(t.idx, phrase, year, None, False, True))
    found += _role_prizes(ctx, [p.start for p in found])
    return tuple(sorted(found, key=lambda p: (p.start, p.name)))


def _before_stop(ctx: PostContext, head: Token, end: int | None) -> int | None:
    """The parse's phrase cut before a word that opens the sentence's own matter ("le Trophée qualité
    sur la base de ces critères", "le prix remis par le jury"): a name runs on complements, not adjuncts."""
    if end is None:
        return None
    for tok in ctx.doc[head.i + 1 :]:
        if tok.idx >= end:
            break
        if rules.fold(tok.text) in words("name_stops"):
            kept = ctx.doc[head.i : tok.i].text.rstrip(" ,")
            return head.idx + len(kept)
    return end


def _role_prizes(ctx: PostContext, taken: list[int]) -> list[Prize]:
    """Prizes named after a role, with no prize word ("Directeur Relation Client de l'année 2013")."""
    out = []
    for mark in find("year_award_marks", ctx.text):
        start = role_award_start(ctx.text, 0, mark.start())
        if start is None or start in taken:
            continue
        after_year = re.match(r"\s+((?:19|20)\d\d)\b", ctx.text[mark.end() :])
        year = int(after_year.group(1)) if after_year else None
        out.append(Prize(start, _written(ctx, start, mark.end()), year, None, False, role=True))
    return out


def _written(ctx: PostContext, start: int, end: int) -> str:
    """A prize's words as written, a line break of a hard-wrapped paragraph read as a space (same length:
    the name's length still measures the text it covers)."""
    return re.sub(r"\s", " ", ctx.post.text[start:end]).strip(" ,.;:")


def prizes(ctx: PostContext, m: Mention) -> list[Prize]:
    """The post's prizes but those inside the recipient's name; a phrase that runs into the recipient
    ("le trophée de l'innovation à Cliadis") ends before it."""
    out = []
    for p in _prizes_of(ctx):
        if m.start <= p.start < m.end:
            continue
        if p.phrase and p.start < m.start < p.start + len(p.name):
            name = _written(ctx, p.start, m.start)
            kept = name.split()
            while kept and rules.fold(kept[-1]) in words("connectors") | words("name_stops"):
                kept.pop()  # "le trophée de l'innovation à" ends before "à"
            if len(kept) < 2:
                continue
            p = Prize(p.start, " ".join(kept), p.year, None, False, True)
        out.append(p)
    return out


# Distance bands (characters) past the mention's line and clause: the ranker tells a prize in the paragraph
# from a far one; a candidate recipient does better with "near" alone (awards 0.454, not 0.432, out of fold).
RANKER_BANDS = ((300, "near"), (800, "para"))
CANDIDATE_BANDS = ((300, "near"),)


def placement(text: str, m: Mention, pos: int, bands: tuple[tuple[int, str], ...] = RANKER_BANDS) -> str:
    """Where ``pos`` stands from a mention: on its line, in its clause, in the first of ``bands`` whose
    distance it is under, or far."""
    ls, le = line_bounds(text, m.start)
    cs, ce = clause_bounds(text, m.start, m.end)
    if ls <= pos < le:
        return "line"
    if cs <= pos < ce:
        return "clause"
    distance = abs(pos - m.start)
    return next((name for limit, name in bands if distance < limit), "far")


def prize_features(
    ctx: PostContext, m: Mention, p: Prize, all_prizes: list[Prize], counts: Counter[str]
) -> list[str]:
    """What places one prize for one recipient; ``counts`` holds how often the post names each prize."""
    text = ctx.text
    words = p.name.split()
    feats = [f"head={rules.fold(words[0])}", f"nwords={min(len(words), 6)}"]
    feats.append("series" if p.series else "parse" if p.phrase else "role" if p.role else "phrase")
    feats.append("caphead" if p.name[:1].isupper() else "lowhead")
    if p.year:
        feats.append("hasyear")
    where = placement(text, m, p.start)
    side = "before" if p.start < m.start else "after"
    feats += [f"where={where}", f"side={side}", f"{where}_{side}"]
    before = [q for q in all_prizes if q.start < m.start]
    if before and before[-1] == p:
        feats.append("nearest_before")
    after = [q for q in all_prizes if q.start > m.start]
    if after and after[0] == p:
        feats.append("nearest_after")
    if ctx.post.title and p.start < ctx.post.body_start:
        feats.append("intitle")
    setting = setting_of(ctx).series
    if setting and setting.start == p.start:
        feats.append("setting")
    feats.append(f"count={min(counts[rules.name_key(p.name)], 3)}")
    if all_prizes and all_prizes[0] == p:
        feats.append("first_in_post")
    item = item_at(text, m.start)
    if item is not None:
        head = block_of(text, item)[0].start
        if text.rfind("\n", 0, max(0, head - 1)) < p.start < head:
            feats.append("list_heading")
    return feats


_OBJECT_STEPS = frozenset({"vobj", "vobl", "vobl:agent", "vobl:arg", "vobl:mod"})
_NAME_STEPS = frozenset({"^nmod", "^appos", "^flat:name"})


def _governed(ctx: PostContext, m: Mention, p: Prize) -> bool:
    """Whether the recipient is the subject of a verb the prize is the object or complement of ("X décroche
    le label Y", "la société X a été distinguée par le prix Y", "X s'est vu décerner le prix Y")."""
    recipient = span_of(ctx.doc, m)
    head = ctx.doc.char_span(p.start, p.start + 1, alignment_mode="expand")  # the prize's head word
    path = None if recipient is None or head is None else dependency_path(recipient.root, head[0])
    if path is None or path[-1] not in _OBJECT_STEPS:
        return False
    if path[0] in _NAME_STEPS:  # "la société X": the name hangs from the subject's noun
        path = path[1:]
    return len(path) <= 4 and path[0].startswith("^nsubj")


def name_counts(found: list[Prize]) -> Counter[str]:
    return Counter(rules.name_key(p.name) for p in found)


def prize_text(p: Prize) -> str:
    """What the scorer reads of a conferral: the prize (as the fact names it), its edition and year."""
    return " ".join(str(v) for v in (singular_head(p.name), p.event, p.year) if v)


def prize_examples(ctx: PostContext, m: Mention, names: list[str]) -> list[tuple[list[str], int]]:
    """Each prize of the post for one recipient, labelled by whether it is one of the key's award names."""
    found = prizes(ctx, m)
    counts = name_counts(found)
    return [
        (prize_features(ctx, m, p, found, counts), int(any(covers(n, prize_text(p)) for n in names)))
        for p in found
    ]


def choose(ctx: PostContext, m: Mention, model: LinearModel | None) -> Prize | None:
    """The prize the model ranks first for this recipient (without weights: the last one before it)."""
    found = prizes(ctx, m)
    if not found:
        return None
    if model is None:
        before = [p for p in found if p.start < m.start]
        return before[-1] if before else found[0]
    counts = name_counts(found)
    # A prize the recipient's own verb governs is the one it won, whatever else the post names.
    governed = [p for p in found if _governed(ctx, m, p)]
    return max(
        governed or found,
        key=lambda p: (model.probability(prize_features(ctx, m, p, found, counts)), -abs(p.start - m.start)),
    )
