"""Event roles, learned: in a post that tells of an event, every organization named is a candidate
organizer and every person named in full a candidate speaker; the model reads the frame around each
("organisé par", "à l'initiative de", "est intervenu", "a présenté", a list of speakers) and the post.

These deciders only add: the event itself, its date and place stay the rules'; a kept candidate joins
the event whose name holds its name, else the one the rules found nearest before it (else the post's first).
"""

from __future__ import annotations

from collections.abc import Callable

from graph import extract
from graph.extract import PostContext
from graph.learn.deciders import RULE, Candidate, Decider, decider, entity_role
from graph.learn.features import classes_in, clause_bounds, doc_features, evidence_of, mention_features
from graph.learn.keys import KeyFacts
from graph.model import PERSON, Fact, Mention, Ref
from graph.names import is_org
from graph.rules import name_key

FAMILY = "events"


def _events(facts: list[Fact]) -> list[Fact]:
    return sorted((f for f in facts if f.get("label")), key=lambda f: f.evidence.start)


def _named_in(name: str, events: list[Fact]) -> list[Fact]:
    """The events whose name holds ``name`` ("Colloque de l'Académie X" holds "Académie X")."""
    key = name_key(name)
    return [f for f in events if key in name_key(str(f.get("label")))]


def _role_candidates(role: str, keep: Callable[[Mention], bool]):
    def candidates(ctx: PostContext, rule_facts: list[Fact]) -> list[Candidate]:
        events = _events(rule_facts)
        if not events:
            return []
        stated = {name_key(v.name) for f in rule_facts for v in f.all(role) if isinstance(v, Ref)}
        awarded = extract.rule_facts(ctx, "awards")
        recipients = {name_key(r.name) for f in awarded if isinstance(r := f.get("recipient"), Ref)}
        base = tuple(doc_features(ctx))
        cands, done = [], set()
        for m in ctx.mentions:
            k = name_key(m.text)
            if not keep(m) or k in done:
                continue
            done.add(k)
            s, e = clause_bounds(ctx.text, m.start, m.end)
            span = ctx.doc.char_span(s, e, alignment_mode="expand")
            clause = sorted({c for c in classes_in(ctx, span) if c})
            count = sum(1 for o in ctx.mentions if name_key(o.text) == k)
            feats = (
                *base,
                *mention_features(ctx, m),
                *(f"clause={c}" for c in clause),
                f"count={min(count, 3)}",
                *([RULE] if k in stated else []),
                *(["in_event_name"] if _named_in(m.text, events) else []),
                *(["recipient"] if k in recipients else []),
            )
            cands.append(Candidate((m,), feats))
        return cands

    return candidates


def _attach(role: str):
    """A kept candidate becomes a role of the event whose name holds its name ("Colloque de l'Académie X"),
    else of the event the rules found nearest before it (else of the post's first)."""

    def facts(ctx: PostContext, c: Candidate, rule_facts: list[Fact]) -> list[Fact]:
        events = _events(rule_facts)
        m = c.mentions[0]
        named_in = _named_in(m.text, events)
        before = [f for f in events if f.evidence.start <= m.start]
        event = named_in[0] if named_in else before[-1] if before else events[0]
        value = Ref(m.text, m.kind)
        return [
            Fact(
                FAMILY,
                event.type,
                (("label", event.get("label")), (role, value)),
                evidence_of(ctx, m),
                ("label",),
            )
        ]

    return facts


def _roles(role: str, gold_of: Callable[[KeyFacts], set[str]]) -> tuple:
    """label, facts, fact keys and gold of a decider of one event role, in the Decider's order."""
    fact_keys, label, gold = entity_role(role, gold_of)
    return label, _attach(role), fact_keys, gold


ORGANIZERS = decider(
    Decider(
        FAMILY,
        _role_candidates("organizer", lambda m: is_org(m.kind)),
        *_roles("organizer", lambda k: k.organizers),
        name="event_organizers",
        additive=True,
    )
)
SPEAKERS = decider(
    Decider(
        FAMILY,
        _role_candidates("speaker", lambda m: m.kind == PERSON and " " in m.text.strip()),
        *_roles("speaker", lambda k: k.speakers),
        name="event_speakers",
        additive=True,
    )
)
