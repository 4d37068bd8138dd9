"""What the positions rules read in one post: the title vocabulary of ``data/rules/positions.yaml``, the
people and organizations the post names (``PostLookups``) and the scan from a title word to the
organizations it is at (``Role``); ``Found`` is a position before it becomes a Fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import full_people, sentence_bounds
from graph.gazetteer import load_gazetteer
from graph.model import PERSON, PLACE, WEAK, Mention, Ref
from graph.name_shapes import particles
from graph.names import common_words, is_org, is_org_name, name_kind, org_kind, split_person

RULES = "rules/positions"
# A word may hold inner dots ("Cherclient.com") but a final dot ends the sentence, not the word.
_WORD = re.compile(r"\w(?:[\w'\-]|\.(?=\w))*|\S")
_NAME_WORD = r"[A-Z\u00C0-\u00DE0-9](?:[\w&/\-]|\.(?=\w))*"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*")
_PUNCT = set(",;.:()!?\"\n[]")
# "et" inside one title: "directeur des opérations et de la relation adhérent" (two complements),
# "directeur administratif et financier, X" (two adjectives).
_COORDINATED = re.compile(
    r"et\s+(?:(?:de la |de l'|de |du |des |d')\s*[a-zà-ÿ]|[a-zà-ÿ]+(?=,|\s+(?:de|du|des|d')\b))")


def _rule(field: str) -> list[str]:
    return list(rules.load(RULES)[field])


@cache
def alternatives(field: str, folded: bool = False) -> str:
    """A rules list as a regex alternation, longest phrase first (case-insensitive use; ``folded``: to
    match text folded by ``rules.fold``)."""
    phrases = [rules.fold(w) for w in _rule(field)] if folded else _rule(field)
    return "|".join(re.escape(w) for w in sorted(phrases, key=len, reverse=True))


@cache
def heads() -> re.Pattern[str]:
    words = [*_rule("title_heads"), *rules.load(RULES)["plural_titles"]]
    modifiers = rules.caseless_alternation(sorted(_rule("title_modifiers"), key=len, reverse=True))
    alternation = rules.caseless_alternation(sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'\-])(?:ex-|(?:{modifiers})\s+)?(?:{alternation})(?![\w\-])",
        re.IGNORECASE,
    )


@cache
def _title_words() -> frozenset[str]:
    return frozenset(rules.fold(w) for w in _rule("title_heads"))


@cache
def _plurals() -> dict[str, str]:
    """Plural title words and their singular, keyed by the folded plural."""
    return {rules.fold(plural): one for plural, one in rules.load(RULES)["plural_titles"].items()}


def singular(title: str) -> str:
    """ "consultants" -> "consultant", "directeurs généraux" -> "directeur général"."""
    return re.sub(r"[\w\-]+", lambda w: _plurals().get(rules.fold(w.group()), w.group()), title)


def is_plural(head: str) -> bool:
    return any(rules.fold(word) in _plurals() for word in head.split())


@cache
def _link() -> re.Pattern[str]:
    """A link word to the organization (an elided one glued to the name: "d'Actel", "d´Actel")."""
    return re.compile(
        rf"(?:{alternatives('org_links')})(?<=['´])\s*|(?:{alternatives('org_links')})\s+",
        re.IGNORECASE,
    )


@cache
def _firm_link() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternatives('firm_links')})\s+", re.IGNORECASE)


@cache
def _org_noun() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternatives('org_nouns')})\s+", re.IGNORECASE)


@cache
def _anaphor() -> re.Pattern[str]:
    return re.compile(rf"(?:de l'|de la |du |d')\s*(?:{alternatives('anaphors')})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    """A title phrase and the organizations it is at (none when the text gives none)."""

    title: str
    start: int
    end: int  # end of the whole phrase (the last organization, or the title)
    orgs: tuple[Ref, ...]
    stop: int  # where the scan stopped (for "Fondateur et Président de ...")


@dataclass(frozen=True)
class Found:
    holder: Ref
    title: str
    org: Ref
    start: int
    end: int


class PostLookups:
    """One post's text, mentions and parse, with the lookups the rules need."""

    def __init__(self, ctx: PostContext):
        self.ctx = ctx
        self.text = ctx.text
        self.people, self.glued = _split_people(ctx)
        self.orgs = [m for m in ctx.mentions if is_org(m.kind)]
        self.by_start = {m.start: m for m in ctx.mentions}
        for person in self.people:
            self.by_start[person.start] = person
        for _, org in self.glued:
            self.by_start[org.start] = org
        self.finite = {t.idx for t in ctx.tokens_of("VERB", "AUX") if "Fin" in t.morph.get("VerbForm")}
        # A title word inside a name ("l'Agora des directeurs de la Relation Client") opens no title.
        # Several rules start from the title words: the text is scanned for them once.
        inside = [(m.start, m.end) for m in self.orgs]
        self.title_heads = [head for head in heads().finditer(self.text)
                            if not any(s < head.start() < e for s, e in inside)]  # fmt: skip

    # --- organizations -------------------------------------------------------------------------

    def org_at(self, pos: int) -> tuple[Ref, int] | None | bool:
        """The organization named at ``pos``: (ref, end); False when a person or place is named there."""
        mention = self.by_start.get(pos)
        if mention is not None:
            if is_org(mention.kind):
                # The title's shape says the mention names an organization, however unsure its finder was.
                return Ref(mention.text, mention.kind, certain=mention.source != WEAK), mention.end
            if mention.kind == PLACE and _institution(mention.text):
                return Ref(mention.text, name_kind(mention.text) or "Organization", certain=True), mention.end
            return False
        run = _NAME_RUN.match(self.text, pos)
        if run:
            name = run.group().rstrip(".-")
            if is_org_name(name) and not any(m.kind in (PERSON, PLACE) for m in self.ctx.mentions_in(
                    pos, pos + len(name))):
                kind = org_kind(name, self.text[max(0, pos - 40) : pos]) or "Company"
                return org_ref(name, kind), pos + len(name)
        # A known name written in lower case ("le PDG de vente-privée"), unless it is a common word too.
        word = re.match(r"\w(?:[\w\-]|\.(?=\w))*", self.text[pos:])
        entry = load_gazetteer().lookup(word.group()) if word else None
        if entry and rules.fold(word.group()) not in common_words():
            return Ref(word.group(), entry.kind), pos + word.end()
        return None

    def org_before(self, pos: int, possessive: bool = False, topical: bool = False) -> Ref | None:
        """The organization named last before ``pos``, close enough for "son"/"l'opérateur" to mean it;
        for "du groupe" (``topical``), the one opening this sentence or the one before, when one does
        ("Kelvora répond via son compte Twitter. Le président du groupe ...": Kelvora).

        With no person named in between, nothing else can be what "son représentant" belongs to: the
        name is taken even when its finder was unsure of it. With one, a possessive may be the person's
        ("Xavier Niel et son directeur Paul Durand"): no organization. With two or more, the name is
        someone else's ("X, directeur chez Y, ou Z, président de l'association"): none either."""
        window = int(rules.load(RULES)["anaphor_window"])
        before = [m for m in self.orgs if pos - window <= m.start and m.end <= pos]
        if not before:
            return self._described_subject(pos) or (self._title_org() if possessive else None)
        org = before[-1]
        if topical:
            opening = self._opening_orgs(pos)
            org = next((m for m in reversed(before) if m.start in opening), org)
        crossed = sum(1 for p in self.people if p.start >= org.end and p.end <= pos and not self._its_own(p))
        alone = not crossed
        if (possessive and not alone) or crossed > 1:
            return None
        return Ref(org.text, org.kind, certain=org.source != WEAK or alone)

    def _opening_orgs(self, pos: int) -> set[int]:
        """Where the organizations opening the sentence at ``pos`` and the sentence before it start."""
        s, _ = sentence_bounds(self.text, pos)
        previous, _ = sentence_bounds(self.text, max(0, s - 2))
        starts = set()
        for start in (previous, s):
            opening = re.match(r"[\s\-*«\"]*(?:(?:le|la|les|l')\s*)?", self.text[start:pos])
            starts.add(start + opening.end())
        return starts

    def _title_org(self) -> Ref | None:
        """ "Kontakto, l'appel d'une croissance" over "... Ses deux fondateurs, X et Y": the one organization
        a post's title names is what a possessive far from any other name refers to."""
        named = {rules.name_key(m.text): m for m in self.orgs if m.end <= self.ctx.post.body_start}
        if len(named) != 1:
            return None
        org = next(iter(named.values()))
        return Ref(org.text, org.kind, certain=org.source != WEAK)

    def _its_own(self, person: Mention) -> bool:
        """ "Son coprésident, X, et son directeur financier, Y": X, named by a possessive title, is one of
        the organization's people, not someone a later possessive could refer to."""
        possessive = alternatives("possessives")
        before = re.search(rf"(?<![\w'])(?:{possessive})\s+(?P<title>[^.;:()]{{1,50}}?)[\s,]*$",
                           self.text[max(0, person.start - 60) : person.start], re.IGNORECASE)
        return bool(before and heads().match(before.group("title")))

    def _described_subject(self, pos: int) -> Ref | None:
        """ "Inergie, cabinet de conseil ..., présentait par la voix de son représentant": the name that
        opens the sentence, described by an organization noun, is what the possessive refers to."""
        s, _ = sentence_bounds(self.text, pos)
        opening = re.match(r"[\s\-*]*", self.text[s:pos])
        start = s + opening.end()
        found = self._name_at(start)
        if found is None or self.by_start.get(start, PARTIAL).source != "partial":
            return None
        described = re.match(r"\s*,\s*(?:(?:un|une|le|la|l')\s*)?", self.text[found[1] :])
        return found[0] if described and _org_noun().match(self.text, found[1] + described.end()) else None

    # --- titles --------------------------------------------------------------------------------

    def role(self, head: re.Match[str]) -> Role:
        """Scan a title word by word from its head to the organization it is at, if the text says."""
        text, pos, words = self.text, head.end(), 0
        end = head.end()
        max_words = int(rules.load(RULES)["title_max_words"])
        stops = rules.word_set(RULES, "title_stops")
        while pos < len(text) and words <= max_words:
            while pos < len(text) and text[pos] in " \t":
                pos += 1
            if pos >= len(text) or text[pos] in _PUNCT:
                break
            link = _link().match(text, pos)
            if link:
                found = self._org_after_link(link)
                if found is False:
                    break
                if found:
                    ref, org_end = found
                    return self._more_orgs(head, end, ref, org_end)
                anaphor = _anaphor().match(text, pos)
                if anaphor and (ref := self.org_before(head.start(), topical=True)):
                    return Role(_title(text, head.start(), end), head.start(), anaphor.end(), (ref,), pos)
            elif words and (found := self.org_at(pos)) and self.by_start.get(pos) is not None:
                ref, org_end = found
                return self._more_orgs(head, end, ref, org_end)
            elif not words and self.by_start.get(pos) is not None and (found := self.org_at(pos)):
                ref, org_end = found  # "conseillère GDF SUEZ DolceVita"
                return self._more_orgs(head, end, ref, org_end)
            word = _WORD.match(text, pos)
            if word is None or (pos in self.finite and rules.fold(word.group()) not in _title_words()):
                break  # a verb ends the title, but "associe" is "associé" typed without its accent
            if rules.fold(word.group()) in stops and not _COORDINATED.match(text, pos):
                break
            mention = self.by_start.get(pos)
            if mention is not None and mention.kind in (PERSON, PLACE):
                break
            pos = end = word.end()
            words += 1
        return Role(_title(text, head.start(), end), head.start(), end, (), pos)

    def _org_after_link(self, link: re.Match[str]) -> tuple[Ref, int] | None | bool:
        """The organization after a link word; after "chez" or "du groupe" any capitalised name is one."""
        pos = link.end()
        # The link's article may open the name ("de La Poste", "de L'Oréal"): the name is read from there.
        opening = next((s for s in range(link.start() + 1, pos) if s in self.by_start), None)
        found = self.org_at(opening if opening is not None else pos)
        firm = bool(_firm_link().fullmatch(link.group()))
        if found is None:
            noun = _org_noun().match(self.text, pos)
            if noun:
                pos, firm = noun.end(), True
                found = self.org_at(pos)
        if found is None and firm:
            found = self._name_at(pos)
        return found

    def _name_at(self, pos: int) -> tuple[Ref, int] | None:
        """A capitalised name at ``pos`` that no person or place mention covers: an organization."""
        run = _NAME_RUN.match(self.text, pos)
        if not run:
            return None
        name = run.group().rstrip(".-")
        # A lone capitalised word taken for part of a person's name ("partial") may be the firm.
        if any(m.kind in (PERSON, PLACE) and m.source != "partial" for m in self.ctx.mentions_in(
                pos, pos + len(name))):
            return None
        kind = org_kind(name, self.text[max(0, pos - 40) : pos]) or "Company"
        return Ref(name, kind, certain=True), pos + len(name)

    def _more_orgs(self, head: re.Match[str], title_end: int, ref: Ref, org_end: int) -> Role:
        """ "de Vivendi puis de Cegetel": the same title at each organization of the list."""
        refs = [ref]
        while True:
            more = re.match(r"\s*,?\s*(?:puis|et|ou)\s+", self.text[org_end:])
            link = _link().match(self.text, org_end + more.end()) if more else None
            found = self._org_after_link(link) if link else None
            if not found:
                break
            refs.append(found[0])
            org_end = found[1]
        return Role(_title(self.text, head.start(), title_end), head.start(), org_end, tuple(refs), org_end)


# Stands for "no mention here" where a lone-name mention would do as well.
PARTIAL = Mention(0, 0, "", PERSON, "partial")


def _title(text: str, start: int, end: int) -> str:
    return text[start:end].strip(" ,")


def _institution(name: str) -> bool:
    """A "place" holding a lower-case content word is an institution the parser took for a place
    ("Conservatoire national des arts et métiers"; a city, "Villeneuve d'Ascq", holds none)."""
    return name_kind(name) is not None or any(
        word.islower() and len(word) > 3 and rules.fold(word) not in particles() for word in name.split()[1:])


def org_ref(name: str, kind: str) -> Ref:
    return Ref(name, kind if is_org(kind) else "Company")


def _split_people(ctx: PostContext) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """Full person mentions, with "Arnaud Deschamps de Nespresso" cut into a person and an organization."""
    people: list[Mention] = []
    glued: list[tuple[Mention, Mention]] = []
    for m in full_people(ctx.mentions):
        name, org = split_person(m.text)
        person = Mention(m.start, m.start + len(name), name, PERSON, m.source)
        people.append(person)
        if org:
            start = m.start + m.text.index(org, len(name))
            entry = load_gazetteer().lookup(org)
            glued.append((person, Mention(start, start + len(org), org, entry.kind if entry else "Company")))
    return people, glued
