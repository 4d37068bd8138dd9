"""Answer keys (``tests/gold*/``, GUIDELINES.md format) read as the facts a model learns from.

A key names entities by surface forms; a mention of the text is tied to a key entity when its identity
key (``rules.name_key``: folded, letters and digits only) is one of that entity's names or aliases, the
way the gold scorer matches a graph's labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.rules import name_key


@dataclass
class KeyFacts:
    """The facts of one answer key, by entity id (the key of the entity's first name)."""

    source: str
    entity_of: dict[str, str] = field(default_factory=dict)  # name key -> entity id
    kind_of: dict[str, str] = field(default_factory=dict)  # entity id -> type
    positions: set[tuple[str, str]] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    awards: list[tuple[str, str]] = field(default_factory=list)  # (recipient id, award name)
    org_links: set[tuple[str, str]] = field(default_factory=set)  # (child id, parent id)
    interviewees: set[str] = field(default_factory=set)
    organizers: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)
    works: list[tuple[str, set[str]]] = field(default_factory=list)  # (title, author ids)

    def entity(self, name: str | None) -> str | None:
        return self.entity_of.get(name_key(name)) if name else None


def read_key(path: Path) -> KeyFacts:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    facts = KeyFacts(str(data.get("source") or path.stem))
    for e in data.get("entities") or []:
        names = [e.get("name"), *(e.get("aliases") or [])]
        keys = [name_key(n) for n in names if n and name_key(n)]
        if not keys:
            continue
        eid = facts.entity_of.get(keys[0], keys[0])
        for k in keys:
            facts.entity_of.setdefault(k, eid)
        facts.kind_of.setdefault(eid, str(e.get("type")))
    ent = facts.entity
    for r in data.get("positions") or []:
        if ent(r.get("person")) and ent(r.get("org")):
            facts.positions.add((ent(r["person"]), ent(r["org"])))
    for r in data.get("awards") or []:
        if ent(r.get("recipient")):
            facts.recipients.add(ent(r["recipient"]))
            facts.awards.append((ent(r["recipient"]), str(r.get("award") or "")))
    for r in data.get("org_links") or []:
        if ent(r.get("child")) and ent(r.get("parent")):
            facts.org_links.add((ent(r["child"]), ent(r["parent"])))
    for r in data.get("interviews") or []:
        if ent(r.get("interviewee")):
            facts.interviewees.add(ent(r["interviewee"]))
    for r in data.get("events") or []:
        facts.organizers.update(filter(None, (ent(o) for o in r.get("organizers") or [])))
        facts.speakers.update(filter(None, (ent(p) for p in r.get("speakers") or [])))
    for r in data.get("works") or []:
        if r.get("title"):
            authors = {ent(a) for a in r.get("authors") or []}
            facts.works.append((str(r["title"]), {a for a in authors if a}))
    return facts
