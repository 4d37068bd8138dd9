"""Learned deciders, one per family, registered like the extractors (``@decider("positions")``).

A decider turns one post's parse, mentions and rule facts into candidates (``Candidate``), says which
candidates an answer key confirms (training), and which facts a kept candidate gives (the build).
``decide`` runs a family's decider with its shipped weights: a rule fact whose candidate the model
rejects is dropped, a candidate the rules missed and the model keeps becomes a fact.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.extract import PostContext
from graph.learn.coordination import coordination_groups
from graph.learn.keys import KeyFacts
from graph.learn.linear import LinearModel
from graph.model import Fact, Mention, Ref
from graph.rules import name_key

WEIGHTS = Path(__file__).resolve().parents[2] / "data" / "weights"
RULE = "rule"  # the marker of a candidate the rules state too (no model weighs it: only the rules' cut)


def weights_dir() -> Path:
    """Where the build reads weights: ``data/weights``, or ``RCKG_WEIGHTS`` (cross-validation runs)."""
    return Path(os.environ.get("RCKG_WEIGHTS") or WEIGHTS)


@dataclass(frozen=True)
class Candidate:
    """One possible fact: its mentions (a recipient; a holder and an organization; ...), its features,
    and the rule facts that state it already."""

    mentions: tuple[Mention, ...]
    features: tuple[str, ...]
    rule_facts: tuple[Fact, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name_key(m.text) for m in self.mentions)


@dataclass(frozen=True)
class Decider:
    """``name`` names its weights; ``family`` the extractor whose facts it judges. An ``additive`` decider
    only adds facts (a role the rules did not give: an event's organizer), never drops the rules' own."""

    family: str
    candidates: Callable[[PostContext, list[Fact]], list[Candidate]]
    label: Callable[[Candidate, KeyFacts], int | None]
    facts: Callable[[PostContext, Candidate, list[Fact]], list[Fact]]  # a kept candidate's facts
    fact_keys: Callable[[Fact], tuple[str, ...] | None]  # the names a fact is scored by (rules' facts)
    gold: Callable[[KeyFacts], set[tuple[str, ...]]] = field(default=lambda key: set())
    name: str = ""
    additive: bool = False
    # How a candidate is keyed (default: its mentions' name keys) and how a key says which of its facts
    # those names are (default: entity ids), for families whose facts are not named by entities (works).
    names_of: Callable[[Candidate], tuple[str, ...]] | None = None
    resolve: Callable[[KeyFacts, tuple[str, ...]], tuple[str, ...]] | None = None
    # Candidates that exclude each other share a rival key (a link and its reverse): of those the model
    # accepts, only the most probable is kept.
    rivals: Callable[[Candidate], object] | None = None
    # Training only: whether a candidate the key confirms gives the key's fact, for families whose facts say
    # more than their names (awards: a prize the post names is one of the key's awards for the recipient).
    # A candidate that fails it is no positive, and a fact no candidate states right is none to find.
    confirms: Callable[[PostContext, Candidate, KeyFacts], bool] | None = None

    def names(self, c: Candidate) -> tuple[str, ...]:
        return self.names_of(c) if self.names_of else c.names

    @property
    def weights_name(self) -> str:
        return self.name or self.family


DECIDERS: dict[str, Decider] = {}


def decider(d: Decider) -> Decider:
    DECIDERS[d.weights_name] = d
    return d


def load_deciders() -> dict[str, Decider]:
    # Importing a family module registers its decider (lazily: no import cycle with graph.extract).
    from graph.learn import awards, events, interviews, org_links, positions, works  # noqa: F401

    return DECIDERS


@cache
def weights(family: str) -> LinearModel | None:
    """The shipped weights of a family, when ``rckg train`` found the model better than the rules."""
    path = weights_dir() / f"{family}.json"
    if not path.exists():
        return None
    model = LinearModel.load(path)
    return model if model.meta.get("takes_over") else None


def ref_key(value: object) -> str | None:
    return name_key(value.name) if isinstance(value, Ref) else None


def entity_role(
    role: str, gold_of: Callable[[KeyFacts], set[str]]
) -> tuple[
    Callable[[Fact], tuple[str, ...] | None], Callable[[Candidate, KeyFacts], int], Callable[[KeyFacts], set]
]:
    """The fact keys, label and gold of a decider whose candidate is one entity in one role (a recipient,
    an interviewee, an organizer): a fact is keyed by the name in ``role``; a candidate is right when the
    key lists its entity in ``gold_of(key)``."""

    def fact_keys(fact: Fact) -> tuple[str, ...] | None:
        k = ref_key(fact.get(role))
        return (k,) if k else None

    def label(c: Candidate, key: KeyFacts) -> int:
        return int(key.entity(c.mentions[0].text) in gold_of(key))

    def gold(key: KeyFacts) -> set[tuple[str, ...]]:
        return {(e,) for e in gold_of(key)}

    return fact_keys, label, gold


def attach_rule_facts(
    cands: list[Candidate], rule_facts: Iterable[Fact], key: Callable[[Fact], tuple | None]
) -> list[Candidate]:
    """Each candidate with the rule facts stating the same names, and the marker when there are some."""
    by_names: dict[tuple, list[Fact]] = {}
    for f in rule_facts:
        k = key(f)
        if k:
            by_names.setdefault(k, []).append(f)
    out = []
    for c in cands:
        found = tuple(by_names.get(c.names, ()))
        features = (*c.features, RULE) if found else c.features
        out.append(Candidate(c.mentions, features, found))
    return out


def decide(d: Decider, ctx: PostContext, rule_facts: list[Fact], model: LinearModel) -> list[Fact]:
    """The facts of one family after the model's verdict on every candidate."""
    cands = d.candidates(ctx, rule_facts)
    covered: set[tuple] = {d.names(c) for c in cands}
    accepted = [(model.probability(c.features), i, c) for i, c in enumerate(cands)]
    accepted = [(p, i, c) for p, i, c in accepted if p >= model.cut(c.features)]
    if d.rivals is not None:
        best: dict[object, tuple[float, int]] = {}
        for p, i, c in accepted:
            key = d.rivals(c)
            best[key] = max(best.get(key, (p, -i)), (p, -i))
        accepted = [(p, i, c) for p, i, c in accepted if best[d.rivals(c)] == (p, -i)]
    accepted += _coordinated(ctx, cands, accepted)
    kept: list[Fact] = []
    for _, _, c in accepted:
        kept.extend(c.rule_facts or d.facts(ctx, c, rule_facts))
    if d.additive:
        return list(dict.fromkeys([*rule_facts, *kept]))
    # Rule facts the candidates do not cover (names the mentions miss) stay as the rules found them.
    kept.extend(f for f in rule_facts if d.fact_keys(f) not in covered)
    return list(dict.fromkeys(kept))


def _states_here(c: Candidate) -> bool:
    """Whether a candidate's own mentions say it: found by the model there, or quoted by a rule fact (the
    rules' fact of a name holds for each of its mentions, not only the one it was read from)."""
    return not c.rule_facts or any(
        all(f.evidence.start <= m.start and m.end <= f.evidence.end for m in c.mentions) for f in c.rule_facts
    )


def _coordinated(ctx: PostContext, cands: list[Candidate], accepted: list[tuple[float, int, Candidate]]
                 ) -> list[tuple[float, int, Candidate]]:
    """The one-name candidates the model let go whose name is coordinated with a kept one's ("X, Y et Z": the
    verdict on the recipient X holds for Y and Z). Pairs are left alone: in "X, directeur de A, B et C" the
    list may be the organization's own name."""
    groups = coordination_groups(ctx)
    at = {(c.mentions[0].start, c.mentions[0].end): i for i, c in enumerate(cands) if len(c.mentions) == 1}
    taken = {i for _, i, _ in accepted}
    added = []
    for p, _, c in accepted:
        if len(c.mentions) != 1 or not _states_here(c):
            continue
        for other in sorted(groups.get(c.mentions[0], ()), key=lambda o: (o.start, o.end)):
            i = at.get((other.start, other.end))
            if i is not None and i not in taken:
                taken.add(i)
                added.append((p, i, cands[i]))
    return added
