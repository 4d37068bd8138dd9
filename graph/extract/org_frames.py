"""Organization links read off the parse: a trigger word, the organization its clause is about (the
parse's subject) and the organizations named right after it, in whatever order the clause puts them.

- an owning verb (``owning_verbs``): its subject owns what it names ("Y a racheté X et Z", "Y s'est offert
  X", "Y détient 23 % de X");
- an acquiring noun (``acquiring_nouns``): "l'acquisition de X" is owned by the one "par" names in the
  noun's phrase ("le rachat de X, filiale de W, par Y"), else by the subject of the verb the noun is the
  object of ("Y annonce l'acquisition de X");
- a part noun after a possessive (``part_nouns``): "sa filiale X", "ses enseignes X, Y et Z" are parts of
  the organization the clause is about ("Y a annoncé que sa filiale X ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Token

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import denied, listed_refs, named_by, ref_of, subject_token
from graph.extract.event_roles import possessives
from graph.model import ORG_KINDS, Evidence, Fact, Mention, Ref

RULES = "rules/org_links"
FAMILY = "org_links"
# Links from a verb to the verb whose subject it shares ("vient de racheter", "pour acquérir").
_SHARED_SUBJECT = ("xcomp", "advcl")


@cache
def _frames() -> dict[str, dict[str, str]]:
    return {k: {rules.fold(w): t for w, t in v.items()} for k, v in rules.load(RULES)["frames"].items()}


@cache
def _lead() -> re.Pattern[str]:
    """What may stand between a trigger and the names it governs ("le groupe", "23 % de")."""
    return re.compile(rules.load(RULES)["frame_lead"], re.IGNORECASE)


def _org(ctx: PostContext, tok: Token) -> Mention | None:
    """The organization a token names: a name covering it, or a name hanging on it as a head noun."""
    return named_by(ctx, tok, ORG_KINDS)


def _subject(ctx: PostContext, verb: Token) -> Mention | None:
    """The organization subject of ``verb`` or of the verb it depends on ("vient de racheter")."""
    subj = subject_token(verb, _SHARED_SUBJECT, passive_label=True)
    return _org(ctx, subj) if subj is not None else None


def _clause_subject(ctx: PostContext, tok: Token) -> Mention | None:
    """The organization a clause is about, seen from a word inside it: the subject of the nearest verb above
    it that is not the word's own phrase ("Y a annoncé que sa filiale X a signé")."""
    for up in tok.ancestors:
        subj = next((c for c in up.children if c.dep_ == "nsubj" and tok not in c.subtree), None)
        found = _org(ctx, subj) if subj is not None else None
        if found:
            return found
    return None


def _named_after(ctx: PostContext, tok: Token) -> list[Ref]:
    """The organizations listed right after a token ("racheté le groupe X et Z", "détient 23 % de X")."""
    lead = _lead().match(ctx.text, tok.idx + len(tok.text))
    found = listed_refs(ctx, lead.end(), tok.sent.end_char, ("Organization",))
    return [r for r in found if r.kind != "Person"]


def _agent(ctx: PostContext, noun: Token) -> Ref | None:
    """The organization "par" names inside a noun's phrase: "le rachat de X, filiale de W, par Y"."""
    par = next((t for t in noun.subtree if t.i > noun.i and t.lower_ == "par"), None)
    return next(iter(_named_after(ctx, par)), None) if par is not None else None


def _link(ctx: PostContext, kind: str, child: Ref, parent: Ref, tok: Token) -> Fact | None:
    if rules.name_key(child.name) == rules.name_key(parent.name):
        return None
    return Fact(FAMILY, kind, (("child", child), ("parent", parent)),
                Evidence.of(ctx.post, tok.sent.start_char, tok.sent.end_char), ("child", "parent"))


def _roles(
    ctx: PostContext, tok: Token, frames: dict[str, dict[str, str]]
) -> tuple[str, Ref | None, list[Ref]]:
    """(property, parent, children) of one trigger token; no parent when it is no trigger."""
    lemma = rules.fold(tok.lemma_)
    if tok.pos_ == "VERB" and lemma in frames["owning_verbs"]:
        reflexive = any(c.lower_ in ("s'", "s’", "se") for c in tok.children)
        if lemma in frames["reflexive_verbs"] and not reflexive or denied(tok):
            return "", None, []  # "offrir un service" is no purchase, nor "ne rachètera pas X"
        owner = _subject(ctx, tok)
        return frames["owning_verbs"][lemma], ref_of(owner) if owner else None, _named_after(ctx, tok)
    if tok.pos_ == "NOUN" and lemma in frames["acquiring_nouns"]:
        owner = _agent(ctx, tok)
        if owner is None and tok.dep_ == "obj":
            subject = _subject(ctx, tok.head)
            owner = ref_of(subject) if subject else None
        return frames["acquiring_nouns"][lemma], owner, _named_after(ctx, tok)
    if tok.pos_ == "NOUN" and lemma in frames["part_nouns"] and any(
        c.dep_ == "det" and c.lower_ in possessives() for c in tok.children
    ):
        whole = _clause_subject(ctx, tok)
        return frames["part_nouns"][lemma], ref_of(whole) if whole else None, _named_after(ctx, tok)
    return "", None, []


def frame_links(ctx: PostContext) -> Iterator[Fact]:
    """Every organization link a frame of ``data/rules/org_links.yaml`` finds in the post's parse."""
    frames = _frames()
    for tok in ctx.tokens_of("VERB", "NOUN"):  # a frame's trigger is a verb or a noun
        kind, parent, children = _roles(ctx, tok, frames)
        for child in children if parent else ():
            link = _link(ctx, kind, child, parent, tok)
            if link:
                yield link
