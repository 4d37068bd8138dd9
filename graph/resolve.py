"""Entity resolution across posts and files: one entity per real person or organization.

Names are grouped by key (case, accents and spaces ignored), by the gazetteer's aliases, by the
"Long Name (ACRONYM)" pattern, and, for people, a lone first or last name is tied to the one full
name of the same post it belongs to. Weak organization mentions survive only when the corpus names
the same organization firmly somewhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph import rules
from graph.gazetteer import Gazetteer, load_gazetteer
from graph.model import ORG_KINDS, PERSON, PLACE, WEAK, Entity, Mention, Post, Ref
from graph.names import (
    WORD_PARTS,
    is_acronym,
    is_org,
    is_org_name,
    is_person_name,
    is_place,
    name_part,
    org_kind,
)

_PAREN = re.compile(r"\(([^()\n]{2,80})\)")
_KIND_SEGMENT = {PERSON: "person", PLACE: "place"}


class _UnionFind:
    """Union-find over name keys that also keeps each group's members (the smallest key is the root)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}

    def find(self, x: str) -> str:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = {x}
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            root, child = min(ra, rb), max(ra, rb)  # deterministic root
            self.parent[child] = root
            self.members[root] |= self.members.pop(child)


def acronym_fits(acronym: str, name: str) -> bool:
    """"AMARC" fits "Association pour le MAnagement de la Réclamation Client": its letters in order."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = "".join(w[0] for w in re.findall(r"\w+", name)).upper()
    capitals = "".join(c for c in name if c.isupper())
    return any(_subsequence(letters, s) and s[:1] == letters[0] for s in (initials, capitals)) and (
        len(letters) >= 2
    )


def one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion or substitution turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _subsequence(letters: list[str], text: str) -> bool:
    it = iter(text)
    return all(c in it for c in letters)


@dataclass
class Resolver:
    """Maps surface forms to entities; built from all mentions of the corpus, then asked by the facts."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    uf: _UnionFind = field(default_factory=_UnionFind)
    forms: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # first or last names standing for a full name: aliases, never the label
    partial_forms: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    kinds: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    strong: set[str] = field(default_factory=set)
    acronyms: dict[str, str] = field(default_factory=dict)
    # (post id, start, end) -> key of the entity the mention names
    mention_keys: dict[tuple[str, int, int], str] = field(default_factory=dict)
    # What the name tests said of each name the facts give: asked again for every fact and post naming it.
    _person_names: dict[str, bool] = field(default_factory=dict)
    _org_names: dict[str, bool] = field(default_factory=dict)

    def is_person_name(self, name: str) -> bool:
        if name not in self._person_names:
            self._person_names[name] = is_person_name(name)
        return self._person_names[name]

    def is_org_name(self, name: str) -> bool:
        if name not in self._org_names:
            self._org_names[name] = is_org_name(name)
        return self._org_names[name]

    def add(self, surface: str, kind: str, strong: bool = True) -> str:
        key = rules.name_key(surface)
        if not key:
            return key
        entry = self.gazetteer.lookup(surface)
        if entry:
            root = rules.name_key(entry.name)
            for form in entry.forms:
                self.uf.union(rules.name_key(form), root)
            if entry.acronym:
                self.acronyms[root] = entry.acronym
            kind, strong = entry.kind, True
        self.forms[key][surface] += 1
        self.kinds[key][kind] += 1
        if strong:
            self.strong.add(key)
        self.uf.find(key)
        return key

    def link_acronyms(self, post: Post, mentions: list[Mention]) -> None:
        """"Long Name (ACRO)" and "ACRO (Long Name)" make the two one organization."""
        text = post.plain
        for m in mentions:
            if not is_org(m.kind):
                continue
            after = _PAREN.match(text, m.end + 1 if text[m.end : m.end + 1] == " " else m.end)
            if not after:
                continue
            inner = after.group(1).strip()
            if is_acronym(inner) and acronym_fits(inner, m.text):
                long, short = m.text, inner
            elif is_acronym(m.text) and acronym_fits(m.text, inner) and is_org_name(inner):
                long, short = inner, m.text
            else:
                continue
            kind = m.kind if m.kind != "Company" else (org_kind(long) or m.kind)
            a, b = self.add(long, kind), self.add(short, kind)
            self.uf.union(a, b)
            self.acronyms[self.uf.find(a)] = short

    def tie_partial_names(self, post: Post, mentions: list[Mention]) -> list[Mention]:
        """A lone "Guy" or "Kawasaki" names the one full name of the post that contains it."""
        full = [m for m in mentions if m.kind == PERSON and m.source != "partial"]
        kept = []
        for m in mentions:
            if m.source != "partial":
                kept.append(m)
                continue
            word = rules.fold(m.text)
            owners = {rules.name_key(f.text) for f in full
                      if name_part(word, rules.fold(f.text)) in WORD_PARTS}
            if len(owners) == 1:
                owner = owners.pop()
                self.partial_forms[owner].add(m.text)
                self.mention_keys[(post.id, m.start, m.end)] = owner
        return kept

    def merge_misspellings(self, min_length: int = 10) -> None:
        """"Costa Croisères" is "Costa Croisières": long names one letter apart are one entity."""
        keys = sorted(k for k in self.uf.parent if len(k) >= min_length and k in self.strong)
        buckets: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            buckets[key[:3]].append(key)
        for bucket in buckets.values():
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    if one_edit_apart(a, b) and (self.kind(a) == PERSON) == (self.kind(b) == PERSON):
                        self.uf.union(a, b)

    def entity_key(self, surface: str) -> str | None:
        """The root key of a known name, or None."""
        key = rules.name_key(surface)
        if key in self.uf.parent:
            return self.uf.find(key)
        entry = self.gazetteer.lookup(surface)
        if entry and rules.name_key(entry.name) in self.uf.parent:
            return self.uf.find(rules.name_key(entry.name))
        return None

    def ref(self, ref: Ref) -> str | None:
        """The entity a fact's reference names, adding it when the fact is the first to name it."""
        if ref.kind == PERSON and not self.is_person_name(ref.name):
            found = self.entity_key(ref.name)
            return found if found and self.kind(found) == PERSON else None
        named = self.is_org_name(ref.name) or (ref.certain and ref.name[:1].isupper())
        if ref.kind != PERSON and ref.kind != PLACE and not named:
            found = self.entity_key(ref.name)
            return found if found and self.kind(found) in ORG_KINDS else None
        self.add(ref.name, ref.kind)
        return self.uf.find(rules.name_key(ref.name))

    def kind(self, root: str) -> str:
        counts: Counter = Counter()
        for key in self._members(root):
            counts.update(self.kinds[key])
        entry = self.gazetteer.lookup(self.label(root))
        if entry:
            return entry.kind
        people = counts[PERSON]
        orgs = sum(n for k, n in counts.items() if k in ORG_KINDS)
        places = counts[PLACE]
        # A tie between person and organization goes to the person only when the name opens with a first name.
        first_names = rules.word_set("rules/first_names", "first_names")
        first_name = rules.fold(self.label(root).split()[0]) in first_names
        if people and people >= places and (people > orgs or (people == orgs and first_name)):
            return PERSON
        # A tie between organization and place goes to the place when the name is a known place ("Miami").
        if orgs and (orgs > places or (orgs == places and not is_place(self.label(root)))):
            specific = [(n, k) for k, n in counts.items() if k in ORG_KINDS and k not in ("Company",)]
            return max(specific)[1] if specific else "Company"
        return PLACE

    def _members(self, root: str) -> list[str]:
        return sorted(self.uf.members[self.uf.find(root)])

    def label(self, root: str) -> str:
        counts: Counter = Counter()
        for key in self._members(root):
            counts.update(self.forms[key])
        for key in self._members(root):
            entry = self.gazetteer.lookup(next(iter(self.forms[key]), key)) if self.forms[key] else None
            if entry:
                return entry.name
        if not counts:
            return root
        # The most frequent form; among equals the longest (the fullest proper form), then alphabetical.
        return max(sorted(counts), key=lambda f: (counts[f], len(f), f != f.upper()))

    def entities(self) -> dict[str, Entity]:
        """Every entity worth a node: people, places, and organizations named firmly at least once."""
        out: dict[str, Entity] = {}
        roots = sorted(self.uf.members)
        for root in roots:
            members = self._members(root)
            if not any(k in self.strong for k in members):
                continue
            kind = self.kind(root)
            label = self.label(root)
            seen = {f for k in members for f in (*self.forms[k], *self.partial_forms[k])}
            surfaces = sorted(seen - {label})
            acronym = self.acronyms.get(root) if kind in ORG_KINDS else None
            out[root] = Entity(root, kind, label, tuple(surfaces), acronym)
        return out


def resolve(post_mentions: Iterable[tuple[Post, list[Mention]]]) -> tuple[Resolver, dict[str, list[Mention]]]:
    """Build the resolver from every post's mentions; return it and the mentions kept per post id."""
    resolver = Resolver()
    kept: dict[str, list[Mention]] = {}
    pending = list(post_mentions)
    for post, mentions in pending:
        for m in mentions:
            if m.source != "partial":
                key = resolver.add(m.text, m.kind, strong=m.source != WEAK)
                resolver.mention_keys[(post.id, m.start, m.end)] = key
        resolver.link_acronyms(post, mentions)
    for post, mentions in pending:
        kept[post.id] = resolver.tie_partial_names(post, mentions)
    resolver.merge_misspellings()
    return resolver, kept


def segment(kind: str) -> str:
    """The IRI segment of an entity kind: person, place or org."""
    return _KIND_SEGMENT.get(kind, "org")
