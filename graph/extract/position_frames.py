"""Positions read off the parse: a founding verb (``founding_verbs`` in ``data/rules/positions.yaml``), the
organization it governs and the people who did it, in whatever order the clause puts them.

"X a cofondé Y avec Z", "X et Z ont fondé la société Y", "Vous avez créé, avec Z, le groupe Y": the verb's
subject, the names listed with it and the people "avec" names are the founders of the organization its
object names. A denied verb ("n'a pas créé") states nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import (
    case_of,
    denied,
    listed_with_subject,
    mention_at,
    named_by,
    sentence_bounds,
    subject_token,
)
from graph.extract._titles import Found, org_ref
from graph.model import ORG_KINDS, PERSON, Mention, Ref

RULES = "rules/positions"
# Links from a verb to the verb whose subject it shares ("a voulu fonder", "pour créer").
_SHARED_SUBJECT = ("xcomp", "advcl")


def founded(ctx: PostContext) -> Iterator[Found]:
    """The founders of each organization a founding verb governs."""
    titles = {rules.fold(k): v for k, v in rules.load(RULES)["founding_verbs"].items()}
    for verb in ctx.tokens_of("VERB"):
        title = titles.get(rules.fold(verb.lemma_))
        org = _founded_org(ctx, verb) if title and not denied(verb) else None
        if org is None or title is None:
            continue
        founders = [*_subjects(ctx, verb), *_with(ctx, verb)]
        for person in dict.fromkeys(founders):
            start, end = min(person.start, org.start, verb.idx), max(person.end, org.end)
            yield Found(Ref(person.text, PERSON), title, org_ref(org.text, org.kind), start, end)


def _founded_org(ctx: PostContext, verb: Token) -> Mention | None:
    """The organization the verb governs: its object (which the parser may take for a complement, "a fondé
    Kelvora"); with no object parsed, the first one named after it in its clause, no other verb between
    ("a créé, avec Z, le groupe Y")."""
    obj = next((c for c in verb.children if c.dep_ in ("obj", "xcomp")), None)
    if obj is not None:  # "a créé la surprise chez Y": an object that names no organization founds none
        # "la société Y", whatever link the parser gave the name right after the noun
        after = ctx.doc[obj.i + 1] if obj.pos_ == "NOUN" and obj.i + 1 < len(ctx.doc) else None
        return named_by(ctx, obj, ORG_KINDS) or (mention_at(ctx, after, ORG_KINDS) if after else None)
    _, end = sentence_bounds(ctx.text, verb.idx)
    verbs = [t.idx for t in ctx.tokens_of("VERB") if verb.idx < t.idx < end and t.dep_ != "fixed"]  # "il y a"
    after = [m for m in ctx.mentions_in(verb.idx, verbs[0] if verbs else end) if m.kind in ORG_KINDS]
    return after[0] if after else None


def _subjects(ctx: PostContext, verb: Token) -> list[Mention]:
    """The person subject of the verb and the people listed with it ("X et Z ont fondé")."""
    subj = subject_token(verb, _SHARED_SUBJECT)
    person = mention_at(ctx, subj, (PERSON,)) if subj is not None else None
    return [m for m in listed_with_subject(ctx, verb, person) if m.kind == PERSON] if person else []


def _with(ctx: PostContext, verb: Token) -> list[Mention]:
    """The people "avec" names beside the verb ("a fondé Y avec Z et W")."""
    found = []
    for child in verb.children:
        if child.dep_.startswith("obl") and case_of(child) == "avec":
            for tok in (child, *child.conjuncts):
                person = mention_at(ctx, tok, (PERSON,))
                found += [person] if person else []
    return found
