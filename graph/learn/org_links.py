"""Organization links, learned: every ordered pair of organizations of one clause is a candidate
(child, parent); the model reads the frame between them (filiale de, rachète, membre de, la marque X du
groupe Y, "Y (X, Z)").
"""

from __future__ import annotations

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import ref_of
from graph.learn.deciders import Candidate, Decider, attach_rule_facts, decider, ref_key
from graph.learn.features import clause_bounds, doc_features, evidence_of, mention_features, pair_features
from graph.learn.keys import KeyFacts
from graph.model import Fact
from graph.names import is_org
from graph.rules import name_key

FAMILY = "org_links"


def link_candidates(ctx: PostContext, rule_facts: list[Fact]) -> list[Candidate]:
    orgs = [m for m in ctx.mentions if is_org(m.kind)]
    base = tuple(doc_features(ctx))
    cands = []
    for child in orgs:
        s, e = clause_bounds(ctx.text, child.start, child.end)
        for parent in orgs:
            if (
                parent is child
                or not (s <= parent.start < e)
                or name_key(parent.text) == name_key(child.text)
            ):
                continue
            pair = list(pair_features(ctx, child, parent))
            order = "ab" if child.start < parent.start else "ba"
            # Direction lives in the order of the words: "X, filiale de Y" is not "Y, filiale de X".
            directed = [f"{order}:{f}" for f in pair if f.startswith(("btw", "pre", "post", "path="))]
            feats = (
                *base,
                *mention_features(ctx, child, "c:"),
                *mention_features(ctx, parent, "p:"),
                *pair,
                *directed,
                f"ckind={child.kind}",
                f"pkind={parent.kind}",
            )
            cands.append(Candidate((child, parent), feats))
    return attach_rule_facts(cands, rule_facts, link_key)


def link_key(fact: Fact) -> tuple[str, ...] | None:
    child, parent = ref_key(fact.get("child")), ref_key(fact.get("parent"))
    return (child, parent) if child and parent else None


def label(c: Candidate, key: KeyFacts) -> int | None:
    child, parent = (key.entity(m.text) for m in c.mentions)
    return int((child, parent) in key.org_links) if child and parent else 0


def gold(key: KeyFacts) -> set[tuple[str, ...]]:
    return set(key.org_links)


def link_type(between: str) -> str:
    """The rc: property the words between the two names call for (``data/rules/features.yaml``)."""
    folded = rules.fold(between)
    for prop, cues in rules.load("rules/features")["link_types"].items():
        if any(rules.fold(cue) in folded for cue in cues):
            return prop
    return "parentOrganization"


def link_facts(ctx: PostContext, c: Candidate, rule_facts: list[Fact] | None = None) -> list[Fact]:
    child, parent = c.mentions
    first, second = sorted(c.mentions, key=lambda m: m.start)
    kind = link_type(ctx.text[first.end : second.start])
    return [
        Fact(
            FAMILY,
            kind,
            (("child", ref_of(child)), ("parent", ref_of(parent))),
            evidence_of(ctx, child, parent, margin=0),
            ("child", "parent"),
        )
    ]


def rival_key(c: Candidate) -> frozenset[str]:
    """A link and its reverse exclude each other: "X, filiale de Y" does not also make Y a part of X."""
    return frozenset(c.names)


decider(Decider(FAMILY, link_candidates, label, link_facts, link_key, gold, additive=True, rivals=rival_key))
