"""Authors of a work read off the parse, for a work whose own phrase names none:

- the subject of a writing verb (``writing_verbs``) whose object is the work: "X publie son baromètre T",
  "X et Y signent le livre T";
- the subject of a telling verb (``telling_verbs``) whose clause opens on "dans <the work>": "Dans le livre
  blanc T, X et Y détaillent ...".

Whatever the order of the words, the parse gives the verb, its subject and the subject's coordinated names.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import case_of, denied, named_by, ref_of, subject_token
from graph.model import ORG_KINDS, PERSON, Fact, Ref

RULES = "rules/works"
_MAKERS = (PERSON, *ORG_KINDS)
# Links from a verb to the verb whose subject it shares ("vient de publier", "pour présenter").
_SHARED_SUBJECT = ("xcomp", "advcl")


@cache
def _words(field: str) -> frozenset[str]:
    return frozenset(rules.fold(w) for w in rules.load(RULES)[field])


def _heads() -> frozenset[str]:
    return _words("book_words") | _words("study_words")


def _head_token(ctx: PostContext, fact: Fact) -> Token | None:
    """The work's head noun in its evidence: the last head word at or before where its label starts."""
    label = str(fact.get("label") or "").strip()
    ev = fact.evidence
    at = ctx.text.find(label, ev.start, ev.end) if label else -1
    if at < 0:
        return None
    heads = [t for t in ctx.doc if ev.start <= t.idx <= at + len(label.split()[0]) and t.pos_ == "NOUN"
             and rules.fold(t.lemma_) in _heads()]
    return heads[-1] if heads else None


def _names(ctx: PostContext, tok: Token) -> list[Ref]:
    """The people and organizations a token names, with those coordinated to it."""
    found = [named_by(ctx, t, _MAKERS) for t in (tok, *(c for c in tok.children if c.dep_ == "conj"))]
    return [ref_of(m) for m in dict.fromkeys(m for m in found if m)]


def frame_authors(ctx: PostContext, fact: Fact) -> list[Ref]:
    """The authors a writing or telling frame gives the work of ``fact``; none when no frame holds it."""
    head = _head_token(ctx, fact)
    if head is None:
        return []
    while head.dep_ in ("amod", "appos", "flat:name") and head.head is not head:
        head = head.head  # "le livre blanc": the noun the adjective hangs on
    verb = head.head
    lemma = rules.fold(verb.lemma_)
    if verb.pos_ != "VERB" or denied(verb):
        return []
    subject = subject_token(verb, _SHARED_SUBJECT)
    if head.dep_ == "obj" and lemma in _words("writing_verbs"):
        return _names(ctx, subject) if subject is not None else []
    if case_of(head) == "dans" and lemma in _words("telling_verbs"):
        if subject is not None and subject is not head:
            return _names(ctx, subject)
        # the parser may take "dans <work>" for the subject and hang the names on it as an apposition
        return [r for c in head.children if c.dep_ == "appos" for r in _names(ctx, c)]
    return []


def with_frame_authors(ctx: PostContext, fact: Fact) -> Fact:
    """``fact`` with the authors its frame gives, when its own phrase named none."""
    if fact.all("author"):
        return fact
    authors = frame_authors(ctx, fact)
    return Fact(fact.family, fact.type, (*fact.roles, *(("author", a) for a in authors)), fact.evidence,
                fact.identity) if authors else fact
