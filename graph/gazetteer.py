"""The gazetteer: names, aliases and kinds of known organizations (``data/gazetteer.yaml``).

It helps to recognise a name and to know its kind; it never states a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graph import rules
from graph.model import plain


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    acronym: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form: the name, its aliases and its acronym."""
        return (self.name, *self.aliases, *((self.acronym,) if self.acronym else ()))


class Gazetteer:
    """Known organizations, looked up by name key (case, accents and spaces ignored)."""

    def __init__(self, entries: list[GazetteerEntry]):
        self.entries = entries
        self._by_key: dict[str, GazetteerEntry] = {}
        for entry in entries:
            for form in entry.forms:
                self._by_key.setdefault(rules.name_key(form), entry)

    def lookup(self, surface: str) -> GazetteerEntry | None:
        return self._by_key.get(rules.name_key(surface))

    def phrases(self) -> list[tuple[str, GazetteerEntry]]:
        """The exact strings to look for in a text: each form as written and in capitals."""
        found: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            for form in entry.forms:
                for variant in (plain(form), plain(form).upper()):
                    found.setdefault(variant, entry)
        return sorted(found.items())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    data = rules.load("gazetteer")
    entries = [
        GazetteerEntry(
            name=row["name"],
            kind=kind,
            aliases=tuple(row.get("aliases") or ()),
            acronym=row.get("acronym"),
        )
        for kind, rows in data.items()
        for row in rows
    ]
    return Gazetteer(entries)
