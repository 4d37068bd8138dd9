"""Event organizers read off the parse: who organizes, creates or founded an event named as the object or
complement of a verb or noun ("X a lancé deux initiatives : un prix et l'élection du ...", "X, fondateur du
salon Y"), events named only as the object of "organiser" ("X a organisé les Nuits du Conseil Client"), and
events named by what happens ("lors de l'inauguration des nouveaux bureaux de X à Paris", "X a inauguré son
nouveau site")."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import (
    DATE_DAY,
    listed_with_subject,
    mention_at,
    noun_phrase_end,
    ref_of,
    sentence_at,
    subject_token,
    year_in,
)
from graph.model import ORG_KINDS, PERSON, PLACE, Mention, Ref

RULES = "rules/events"
# Links that keep a noun within the same object: "deux initiatives : un prix ... et l'élection ...".
_WITHIN = ("conj", "appos")
# Links from an infinitive or gerund to the verb whose subject it shares ("pour organiser", "en inaugurant").
_SHARED_SUBJECT = ("xcomp", "advcl", "acl")


@cache
def _words(field: str) -> frozenset[str]:
    return frozenset(rules.fold(w) for w in rules.load(RULES)[field])


def _subject(ctx: PostContext, verb: Token) -> Mention | None:
    """The organization or person subject of ``verb`` (or of the verb it depends on, for an infinitive)."""
    subj = subject_token(verb, _SHARED_SUBJECT)
    return mention_at(ctx, subj, (*ORG_KINDS, PERSON)) if subj is not None else None


def _object_root(tok: Token) -> Token:
    while tok.dep_ in _WITHIN and tok.head is not tok:
        tok = tok.head
    return tok


def organizers_of(ctx: PostContext, start: int) -> list[Ref]:
    """The organizers the parse gives an event whose name starts at ``start``: the subject of the organizing
    verb it is the object of, or the holder of a founder noun it complements."""
    span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
    if not span:  # None, or empty on a space
        return []
    root = _object_root(span[0])
    up = root.head
    if root.dep_ == "obj" and up.pos_ == "VERB" and rules.fold(up.lemma_) in _words("organizer_lemmas"):
        subject = _subject(ctx, up)
    elif root.dep_ in ("nmod", "obl:arg") and rules.fold(up.lemma_) in _words("founder_nouns"):
        # "X est fondateur de l'élection" (copula subject), "X, fondateur du salon" (apposition head)
        holder = next((c for c in up.children if c.dep_.startswith("nsubj")), None)
        holder = holder if holder is not None else up.head if up.dep_ == "appos" else None
        subject = mention_at(ctx, holder, (*ORG_KINDS, PERSON)) if holder is not None else None
    else:
        return []
    return [ref_of(subject)] if subject else []


def object_events(ctx: PostContext) -> list[tuple[int, int, str, Ref]]:
    """(start, end, name, organizer) of events named only as the object of an organizing verb whose subject
    is named: the object must name something of its own (a capitalised word or a number)."""
    found = []
    for verb in ctx.tokens_of("VERB"):
        if rules.fold(verb.lemma_) not in _words("object_events"):
            continue
        obj = next((c for c in verb.children if c.dep_ == "obj"), None)
        if obj is None or obj.pos_ != "NOUN":
            continue
        end = noun_phrase_end(obj)
        first = obj.left_edge
        while first.pos_ == "DET" and first.i < obj.i:
            first = first.nbor()
        named = end and any(w[:1].isupper() or w[:1].isdigit() for w in ctx.text[first.idx:end].split())
        if not named:
            continue
        subject = _subject(ctx, verb)
        if subject is None or subject.kind not in ORG_KINDS:
            continue
        found.append((first.idx, end, ctx.text[_event_start(obj, first).idx : end], ref_of(subject)))
    return found


def _event_start(obj: Token, first: Token) -> Token:
    """Where an object's event name starts: past "la 5e édition de ses" to the event the edition is of."""
    inner = obj
    while rules.fold(inner.lemma_) in _words("edition_nouns"):
        found = next((c for c in inner.children if c.dep_ == "nmod"), None)
        if found is None:
            return first
        inner = found
    if inner is obj:
        return first
    start = inner.left_edge
    while start.pos_ in ("DET", "ADP") and start.i < inner.i:
        start = start.nbor()
    return start


def owned_after_adjectives(ctx: PostContext, pos: int, limit: int) -> tuple[int, Ref] | None:
    """ "séminaire régional de la Fédération X": where a head word's adjectives and the organization that
    owns it end (``pos`` is the head's end), with that organization."""
    span = ctx.doc.char_span(pos, limit, alignment_mode="contract")
    adjectives = 0
    while span is not None and adjectives < len(span) and span[adjectives].pos_ == "ADJ" and adjectives < 2:
        adjectives += 1
    if not adjectives or span is None or adjectives >= len(span):
        return None
    at = span[adjectives].idx
    owner = re.match(r"(?:de la |de l'|de |du |des |d')", ctx.text[at:limit])
    start = at + owner.end() if owner else -1
    org = next((m for m in ctx.mentions if m.start == start and m.kind in ORG_KINDS), None)
    return (org.end, ref_of(org)) if org else None


@cache
def possessives() -> frozenset[str]:
    return frozenset(rules.load(RULES)["possessive_determiners"])


@cache
def _described() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The head words of a described happening (its own and every kind's), and the cues before and after it
    that set it in time."""
    data = rules.load(RULES)
    words = [*data["described"], *(w for kind in data["kinds"].values() for w in kind)]
    heads = rules.caseless_alternation(rules.longest_first(words))
    before, after = ("(?:" + "|".join(data[f]) + ")" for f in ("described_times", "described_after"))
    return re.compile(rf"(?i)\b(?:{heads})\b"), re.compile(before, re.I), re.compile(after, re.I)


def described_events(ctx: PostContext, spans: list[tuple[int, int]]) -> list[tuple[int, int, str, list[Ref]]]:
    """(start, end, name, organizers) of happenings named by a noun phrase of what happens ("lors de
    l'inauguration des nouveaux bureaux de X à Paris"), set in time by the sentence and held by an
    organization (``described`` in ``data/rules/events.yaml``)."""
    heads, before, after = _described()
    text, found = ctx.text, []
    for m in heads.finditer(text):
        span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        end = ctx.whole_names_end(m.start(), noun_phrase_end(span[0]) or 0) if span else None
        s_start, s_end = sentence_at(spans, m.start())
        if not end or not m.end() <= end <= s_end:
            continue
        phrase = text[m.start() : end]
        timed = before.search(text, s_start, m.start()) or after.match(text, end, s_end)
        if not (timed or DATE_DAY.search(text, s_start, s_end) or year_in(phrase)):
            continue
        orgs = [x for x in ctx.mentions_in(m.start(), end) if x.kind in ORG_KINDS]
        if not orgs and possessives() & set(phrase.lower().split()):  # "l'inauguration de son site"
            orgs = [x for x in sorted(ctx.mentions_in(s_start, m.start()), key=lambda x: x.start)
                    if x.kind in ORG_KINDS][:1]
        if not orgs and span and before.search(text, s_start, m.start()):
            # "Lors d'une conférence de presse le 12 mai, X a présenté ...": the sentence's subject holds
            # it, and names it ("conférence de presse d'X"), the date being no part of its name
            subject = _subject(ctx, span[0].sent.root)
            orgs = [subject] if subject and subject.kind in ORG_KINDS else []
            dated = DATE_DAY.search(text, m.start(), end)
            phrase = text[m.start() : dated.start() if dated else end].strip()
            phrase = f"{phrase} {_of(subject.text)}" if orgs and subject else phrase
        if orgs:
            found.append((m.start(), end, phrase, [ref_of(x) for x in orgs]))
    return found


def _of(name: str) -> str:
    """ "d'Orange", "de Darty": a name after "de", elided before a vowel."""
    return f"d'{name}" if rules.fold(name[:1]) in tuple("aeiouy") else f"de {name}"


# "les sites" -> "des sites": the article a verb's object takes after the happening's noun and "de".
_OF_ARTICLE = {"les": "des", "le": "du", "la": "de la", "l'": "de l'", "l’": "de l’"}


def verb_events(ctx: PostContext) -> list[tuple[int, int, str, list[Ref], list[Ref]]]:
    """(start, end, name, organizers, speakers) of happenings told by a verb (``verb_events``) whose object
    is definite or possessive: "X a inauguré, mardi, son nouveau site" is the "Inauguration de son nouveau
    site"; its organizers are the organizations the object names, else the subject; a person subject spoke."""
    nouns = {rules.fold(k): v for k, v in rules.load(RULES)["verb_events"].items()}
    found = []
    for verb in ctx.tokens_of("VERB"):
        noun = nouns.get(rules.fold(verb.lemma_))
        obj = next((c for c in verb.children if c.dep_ == "obj" and c.pos_ == "NOUN"), None) if noun else None
        det = next((c for c in obj.children if c.dep_ == "det" and c.i < obj.i), None) if obj else None
        if det is None or (det.lower_ not in _OF_ARTICLE and det.lower_ not in possessives()):
            continue
        end = ctx.whole_names_end(obj.idx, noun_phrase_end(obj) or obj.idx + len(obj.text))
        if _described()[0].fullmatch(obj.text):  # "X a inauguré la journée": X opened an event, no new one
            continue
        phrase = ctx.text[det.idx : end]
        article = _OF_ARTICLE.get(det.lower_)
        name = f"{noun} {article}{phrase[len(det.text):]}" if article else f"{noun} de {phrase}"
        orgs = [ref_of(x) for x in ctx.mentions_in(det.idx, end) if x.kind in ORG_KINDS]
        # the parsed subject, else the first name of the sentence before the verb ("Le prestataire X a ...")
        before = [x for x in ctx.mentions if verb.sent.start_char <= x.start < verb.idx and x.kind != PLACE]
        subject = _subject(ctx, verb) or min(before, key=lambda x: x.start, default=None)
        speakers = [ref_of(subject)] if subject and subject.kind == PERSON else []
        if not orgs and subject and subject.kind in ORG_KINDS:
            # "A et B ont signé la charte": the subject and the names listed with it
            orgs = [ref_of(x) for x in listed_with_subject(ctx, verb, subject)]
        if orgs:
            found.append((det.idx, end, name, orgs, speakers))
    return found
