"""Entities, learned: a corrector over the mention finder's spans and the names it left out.

Candidates are the finder's mentions of people and organizations, the model's entities it dropped, and
runs of capitalised words no mention covers ("LDLC", "Hess Automobile"). One model says whether a
candidate names a person or an organization at all (``entities``), a second whether it is a person
(``entity_kinds``); both trained by ``rckg train`` on the answer keys' entity lists. Places and the first
or last names standing for a full name of the post (resolution ties them) pass through unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc

from graph import rules
from graph.extract import PostContext, tokens_of
from graph.extract._phrases import noun_phrase_end
from graph.gazetteer import load_gazetteer
from graph.layout import list_items
from graph.learn.clusters import cluster
from graph.learn.deciders import weights
from graph.learn.features import classes_in, mention_features, span_of, token_classes
from graph.learn.keys import KeyFacts
from graph.learn.linear import LinearModel
from graph.model import PERSON, PLACE, Mention, Post
from graph.name_shapes import web_names
from graph.names import WORD_PARTS, is_handle, is_org, is_place, name_part, names_no_one, org_kind

KEEP, KINDS = "entities", "entity_kinds"
_CAPITALISED = re.compile(r"^(?:[A-ZÀ-Ý0-9][\w&'’.\-+/]*|d[eu']|de la|des|et|&|l'|la|le|du)$")


def _shape(word: str) -> str:
    shape = re.sub(r"[A-ZÀ-Ý]", "X", word)
    shape = re.sub(r"[a-zß-ÿ]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)


def passes_through(m: Mention, mentions: list[Mention]) -> bool:
    """Places, and partial names of a person the post names in full, are resolution's business."""
    if m.kind == PLACE:
        return True
    if m.source == "partial" and m.kind == PERSON:
        people = [f for f in mentions if f.kind == PERSON and f is not m]
        return any(name_part(m.text, f.text) in WORD_PARTS for f in people)
    return False


def _uncovered_runs(doc: Doc, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """Spans of the model's entities and of capitalised proper nouns that no mention covers."""
    for ent in doc.ents:
        if (
            ent.label_ in ("ORG", "PER", "MISC")
            and not any(s < ent.end_char and ent.start_char < e for s, e in taken)
            and not is_place(ent.text)
        ):
            yield ent.start_char, ent.end_char, ent.label_
    # Runs of adjacent capitalised proper nouns: only the proper nouns are read (a gap ends a run).
    run: list = []
    for t in [*tokens_of(doc, "PROPN"), None]:
        named = t is not None and t.text[:1].isupper() and len(t.text) > 1
        if named and (not run or t.i == run[-1].i + 1):
            run.append(t)
            continue
        if run:
            s, e = run[0].idx, run[-1].idx + len(run[-1].text)
            if not any(a < e and s < b for a, b in taken) and not is_place(doc.text[s:e]):
                yield s, e, "PROPN"
                taken.append((s, e))
        run = [t] if named else []


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the bullets, dashes, quotes and spaces the model may take in at its edges."""
    while start < end and not (text[start].isalnum() or text[start] in "@&"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".+&)"):
        end -= 1
    return start, end


def entity_candidates(post: Post, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The finder's people and organizations, plus the names it left out (as weak organizations)."""
    cands = []
    for m in mentions:
        if not passes_through(m, mentions):
            s, e = _trimmed(post.text, m.start, m.end)
            cands.append(m if (s, e) == (m.start, m.end) else Mention(s, e, post.text[s:e], m.kind, m.source))
    taken = [(m.start, m.end) for m in mentions]
    for s, e, label in _uncovered_runs(doc, taken):
        s, e = _trimmed(post.text, s, e)
        surface = post.text[s:e]
        if surface and not surface.isdigit() and not is_handle(post.text, s):
            kind = PERSON if label == "PER" else (org_kind(surface) or "Company")
            cands.append(Mention(s, e, surface, kind, f"extra-{label.lower()}"))
            taken.append((s, e))
    for item in list_items(post.text):
        s, e = item.name_start, item.name_end
        if not any(a < e and s < b for a, b in taken):
            surface = post.text[s:e]
            cands.append(Mention(s, e, surface, org_kind(surface) or "Company", "extra-item"))
            taken.append((s, e))
    cands += [v for m in cands for v in _widened(post.text, m)]
    cands += [v for m in cands if (v := _whole_body_name(post.text, doc, m)) is not None]
    cands = [m for m in cands if m.source == "gazetteer" or _names_someone(m.text)]
    return sorted(set(cands), key=lambda m: (m.start, m.end, m.source))


def _names_someone(text: str) -> bool:
    """Whether a candidate may name someone: not a place, jargon, or a score ("61,4/100"); the finder's own
    names too ("le responsable des Ntic": no lone surname)."""
    return not names_no_one(text) and re.search(r"[^\W\d_]{2}", text) is not None


_NEXT_WORD = re.compile(r"[ \t]+((?:[A-ZÀ-Ý0-9][\w&'’.+\-]*|\+))")
_PREVIOUS_WORD = re.compile(r"([A-ZÀ-Ý][\w&'’.\-]*)[ \t]+$")


def _widened(text: str, m: Mention) -> list[Mention]:
    """The same name with the capitalised words next to it ("Hess" -> "Hess Automobile", "Pierre Ricaud"
    -> "Dr Pierre Ricaud"): the model picks the boundary (``correct`` keeps the likeliest of overlaps)."""
    out = []
    end, grown = m.end, 0
    while grown < 3 and (step := _NEXT_WORD.match(text, end)):
        end, grown = step.end(), grown + 1
        out.append(Mention(m.start, end, text[m.start : end], m.kind, "widened"))
    before = _PREVIOUS_WORD.search(text, max(0, m.start - 30), m.start)
    if before and before.start() > 0 and text[before.start() - 1] not in ".!?\n":
        out.append(Mention(before.start(), m.end, text[before.start() : m.end], m.kind, "widened"))
    return out


@cache
def _body_heads() -> frozenset[str]:
    cues = rules.load("rules/entities")["kind_cues"]
    return frozenset(rules.fold(w) for kind in ("Association", "School", "PublicBody") for w in cues[kind])


def _whole_body_name(text: str, doc: Doc, m: Mention) -> Mention | None:
    """An association's, school's or public body's name as its noun phrase runs on, lowercase words and
    all ("Association française de la relation client", "Syndicat des professionnels des centres de
    contacts"), where capitals end it early; the model picks the boundary."""
    words = m.text.split()
    if not words or rules.fold(words[0]) not in _body_heads():
        return None
    span = doc.char_span(m.start, m.start + len(words[0]), alignment_mode="expand")
    end = noun_phrase_end(span[0]) if span is not None else None
    if end is None or end <= m.end or "\n" in text[m.start : end]:
        return None
    return Mention(m.start, end, text[m.start : end], m.kind, "widened-np")


@cache
def _gazetteer_keys() -> frozenset[str]:
    return frozenset(rules.name_key(f) for _, entry in load_gazetteer().phrases() for f in entry.forms)


def entity_features(ctx: PostContext, m: Mention) -> list[str]:
    words = m.text.split()
    feats = list(mention_features(ctx, m))
    feats += [f"nwords={min(len(words), 5)}", f"shape={' '.join(_shape(w) for w in words[:3])}"]
    feats += [f"word={rules.fold(w)}" for w in words[:4]]
    feats += [f"first={rules.fold(words[0])}", f"last={rules.fold(words[-1])}"] if words else []
    if words and rules.fold(words[0]) in rules.word_set("rules/first_names", "first_names"):
        feats.append("firstname")
    if rules.name_key(m.text) in _gazetteer_keys():
        feats.append("gazetteer")
    span = span_of(ctx.doc, m)
    feats += [f"class={c}" for c in sorted(classes_in(ctx, span) - {None})]
    if span is not None and span.start > 0:  # "la société X", "l'opérateur X": a kind word just before
        before = token_classes(ctx)[span.start - 1]
        feats += [f"prevclass={before}"] if before else []
    if span is not None:
        feats.append("pos=" + " ".join(t.pos_ for t in span[:3]))
        feats += [f"{edge}c={c}" for edge, t in (("first", span[0]), ("last", span[-1])) if (c := cluster(t))]
        ents = {label for start, end, label in _entities(ctx) if start < span.end and span.start < end}
        feats += [f"ent={e}" for e in sorted(ents)] or ["ent=none"]
        feats.append("sentstart" if span[0].is_sent_start else "inside")
    if any(c.isdigit() for c in m.text):
        feats.append("digit")
    if any(c in m.text for c in "/%+&"):
        feats.append("symbol")
    feats.append(f"count={min(_name_counts(ctx)[rules.name_key(m.text)], 3)}")
    feats += [f"person_part={part}" for part in _person_parts(ctx, m)]
    if is_place(m.text):
        feats.append("place")
    return feats


def _person_parts(ctx: PostContext, m: Mention) -> list[str]:
    """Which part of a fuller person's name of the post the candidate is ("Vaubernier" of "Odile
    Vaubernier", "Odile Vaubernier" of "Odile Vaubernier de Lamotte"): the model's lone surnames read as
    firms are these."""
    key = rules.fold(m.text)
    parts = {name_part(key, name) for name in _person_names(ctx)}
    return sorted(parts & {"first", "last", "prefix", "suffix"})


def _person_names(ctx: PostContext) -> frozenset[str]:
    """The folded names of the post's people named in two words or more, once per post."""
    def people(c: PostContext) -> frozenset[str]:
        return frozenset(rules.fold(o.text) for o in c.mentions if o.kind == PERSON and " " in o.text.strip())

    return ctx.once("entities.people", people)


def _entities(ctx: PostContext) -> list[tuple[int, int, str]]:
    """The model's entities (token start, end, label), read off the parse once per post, not per mention."""
    return ctx.once("entities.ents", lambda c: [(e.start, e.end, e.label_) for e in c.doc.ents])


def _name_counts(ctx: PostContext) -> Counter[str]:
    """How many of the post's mentions carry each name key."""
    return ctx.once("entities.counts", lambda c: Counter(rules.name_key(o.text) for o in c.mentions))


def keep_label(m: Mention, key: KeyFacts) -> int:
    return int(key.entity(m.text) is not None)


def person_label(m: Mention, key: KeyFacts) -> int | None:
    eid = key.entity(m.text)
    return None if eid is None else int(key.kind_of.get(eid) == PERSON)


def correct(ctx: PostContext, keep: LinearModel, kinds: LinearModel | None) -> list[Mention]:
    """The post's mentions after the models' verdicts: kept names firm, with the kind the model gives."""
    mentions = list(ctx.mentions)
    out = [m for m in mentions if passes_through(m, mentions)]
    scored = []
    for m in entity_candidates(ctx.post, ctx.doc, mentions):
        feats = entity_features(ctx, m)
        # A gazetteer's name stays: the finder already asked the model's agreement where it is a common word.
        # So does a site named by its address ("Comparabanque.com"): a shape that names someone.
        p = 1.0 if m.source == "gazetteer" or _web_name(m.text) else keep.probability(feats)
        if p >= keep.threshold:
            scored.append((p, m, feats))
    chosen: list[tuple[float, Mention, list[str]]] = []
    for p, m, feats in sorted(scored, key=lambda x: (-x[0], x[1].start, x[1].end)):
        if all(m.end <= c.start or c.end <= m.start for _, c, _ in chosen):  # overlaps: the likeliest
            chosen.append((p, m, feats))
    for _, m, feats in chosen:
        person = kinds.accepts(feats) if kinds else m.kind == PERSON
        kind = PERSON if person else (m.kind if is_org(m.kind) else org_kind(m.text) or "Company")
        source = m.source if m.source in ("gazetteer", "pattern") else "ner"
        out.append(Mention(m.start, m.end, m.text, kind, source))
    return sorted(out, key=lambda m: (m.start, m.end))


def _web_name(text: str) -> bool:
    return list(web_names(text)) == [(0, len(text))]


def correct_entities(ctx: PostContext) -> list[Mention]:
    """``correct`` with the shipped weights, when they beat the finder alone; else the finder's mentions."""
    keep = weights(KEEP)
    return correct(ctx, keep, weights(KINDS)) if keep else list(ctx.mentions)
