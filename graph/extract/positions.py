"""Positions: one role of one person at one organization, with the title as the text states it.

Shapes (title words and link words in ``data/rules/positions.yaml``):

- "X, [le] Directeur de la relation client de Y", "X (le fondateur du groupe Y", "X, conseillère Y";
- "[le] Président de Y, X" and "le directeur marketing monde du Groupe Y (...), X";
- "X, son Président" / "Directeur de l'opérateur": the organization named just before;
- "Fondateur et Président de Y" (two titles), "... de Y puis de Z" (two organizations);
- "X de Y", "X, du Y" and "X (Y)" with no title: title ``member``;
- inside a questionnaire's answers, first-person titles and careers ("j'ai été nommé PDG d'AOL France",
  "ma carrière chez Arthur Andersen", "rejoindre Y en tant que Senior Advisor") belong to the interviewee;
  a title with no organization in an interview post ("Hélène Supau, Directrice Générale") is at the
  organization the post names the interviewee with ("Stéphane Treppoz (Sarenza) et le Sens du client").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import clip, full_people, has_cue, sentence_bounds
from graph.extract.interviews import Subject, interview_subject
from graph.gazetteer import load_gazetteer
from graph.mentions import common_words, is_org, is_org_name, org_kind, split_person
from graph.model import PERSON, PLACE, Evidence, Fact, Mention, Ref

RULES = "rules/positions"
# A word may hold inner dots ("Cherclient.com") but a final dot ends the sentence, not the word.
_WORD = re.compile(r"\w(?:[\w'\-]|\.(?=\w))*|\S")
_NAME_WORD = r"[A-Z\u00C0-\u00DE0-9](?:[\w&/\-]|\.(?=\w))*"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*")
_PUNCT = set(",;.:()!?\"\n[]")


def _rule(field: str) -> list[str]:
    return list(rules.load(RULES)[field])


@cache
def _alternatives(field: str) -> str:
    """A rules list as a regex alternation, longest phrase first (case-insensitive use)."""
    return "|".join(re.escape(w) for w in sorted(_rule(field), key=len, reverse=True))


@cache
def _heads() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w'\-])(?:(?:{_alternatives('title_modifiers')})\s+)?(?:{_alternatives('title_heads')})(?![\w\-])",
        re.IGNORECASE,
    )


@cache
def _link() -> re.Pattern[str]:
    """A link word to the organization, then maybe a common noun ("du groupe ")."""
    return re.compile(
        rf"(?:{_alternatives('org_links')})(?<=')\s*|(?:{_alternatives('org_links')})\s+",
        re.IGNORECASE,
    )


@cache
def _org_noun() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alternatives('org_nouns')})\s+", re.IGNORECASE)


@cache
def _anaphor() -> re.Pattern[str]:
    return re.compile(rf"(?:de l'|de la |du |d')\s*(?:{_alternatives('anaphors')})(?!\w)", re.IGNORECASE)


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


class _Post:
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
        self.finite = {t.idx for t in ctx.doc if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get(
            "VerbForm")}

    # --- organizations -------------------------------------------------------------------------

    def org_at(self, pos: int) -> tuple[Ref, int] | None | bool:
        """The organization named at ``pos``: (ref, end); False when a person or place is named there."""
        mention = self.by_start.get(pos)
        if mention is not None:
            if is_org(mention.kind):
                return _org_ref(mention.text, mention.kind), mention.end
            return False
        run = _NAME_RUN.match(self.text, pos)
        if run:
            name = run.group().rstrip(".-")
            if is_org_name(name) and not any(m.kind in (PERSON, PLACE) for m in self.ctx.mentions_in(
                    pos, pos + len(name))):
                kind = org_kind(name, self.text[max(0, pos - 40) : pos]) or "Company"
                return _org_ref(name, kind), pos + len(name)
        # A known name written in lower case ("le PDG de vente-privée"), unless it is a common word too.
        word = re.match(r"\w(?:[\w\-]|\.(?=\w))*", self.text[pos:])
        entry = load_gazetteer().lookup(word.group()) if word else None
        if entry and rules.fold(word.group()) not in common_words():
            return Ref(word.group(), entry.kind), pos + word.end()
        return None

    def org_before(self, pos: int) -> Ref | None:
        """The organization named last before ``pos``, close enough for "son"/"l'opérateur" to mean it."""
        window = int(rules.load(RULES)["anaphor_window"])
        before = [m for m in self.orgs if pos - window <= m.start and m.end <= pos]
        return _org_ref(before[-1].text, before[-1].kind) if before else None

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
                found = self._org_after_link(link.end())
                if found is False:
                    break
                if found:
                    ref, org_end = found
                    return self._more_orgs(head, end, ref, org_end)
                anaphor = _anaphor().match(text, pos)
                if anaphor and (ref := self.org_before(head.start())):
                    return Role(_title(text, head.start(), end), head.start(), anaphor.end(), (ref,), pos)
            elif words and (found := self.org_at(pos)) and self.by_start.get(pos) is not None:
                ref, org_end = found
                return self._more_orgs(head, end, ref, org_end)
            elif not words and self.by_start.get(pos) is not None and (found := self.org_at(pos)):
                ref, org_end = found  # "conseillère GDF SUEZ DolceVita"
                return self._more_orgs(head, end, ref, org_end)
            word = _WORD.match(text, pos)
            if word is None or rules.fold(word.group()) in stops or pos in self.finite:
                break
            mention = self.by_start.get(pos)
            if mention is not None and mention.kind in (PERSON, PLACE):
                break
            pos = end = word.end()
            words += 1
        return Role(_title(text, head.start(), end), head.start(), end, (), pos)

    def _org_after_link(self, pos: int) -> tuple[Ref, int] | None | bool:
        found = self.org_at(pos)
        if found is None:
            noun = _org_noun().match(self.text, pos)
            if noun:
                found = self.org_at(noun.end())
        return found

    def _more_orgs(self, head: re.Match[str], title_end: int, ref: Ref, org_end: int) -> Role:
        """ "de Vivendi puis de Cegetel": the same title at each organization of the list."""
        refs = [ref]
        while True:
            more = re.match(r"\s*,?\s*(?:puis|et|ou)\s+", self.text[org_end:])
            link = _link().match(self.text, org_end + more.end()) if more else None
            found = self._org_after_link(link.end()) if link else None
            if not found:
                break
            refs.append(found[0])
            org_end = found[1]
        return Role(_title(self.text, head.start(), title_end), head.start(), org_end, tuple(refs), org_end)


def _title(text: str, start: int, end: int) -> str:
    return text[start:end].strip(" ,")


def _org_ref(name: str, kind: str) -> Ref:
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


# --- holders ------------------------------------------------------------------------------------


def _holder_before(post: _Post, start: int) -> tuple[Mention, bool] | None:
    """ "X, le Président": the person just before a title, and whether a possessive links them."""
    articles = _alternatives("articles")
    possessives = _alternatives("possessives")
    for person in reversed(post.people):
        if person.end > start:
            continue
        gap = post.text[person.end : start]
        match = re.fullmatch(rf"\s*[,(]?\s*(?:(?:(?P<art>{articles})|(?P<pos>{possessives}))\s*)?",
                             gap, re.IGNORECASE)
        return (person, bool(match.group("pos"))) if match else None
    return None


def _holder_after(post: _Post, role: Role) -> Mention | None:
    """ "le Président de Y, X": the person right after a title that an article opens."""
    before = post.text[max(0, role.start - 12) : role.start]
    if not re.search(rf"(?:^|\n|[.!?:(]\s*|(?<![\w'])(?:{_alternatives('articles')}|du|au)\s*)$", before,
                     re.IGNORECASE):
        return None
    after = re.match(r"\s*(?:\([^()\n]{0,80}\))?\s*,?\s*", post.text[role.end :])
    return next((p for p in post.people if p.start == role.end + (after.end() if after else 0)), None)


def _first_person(text: str) -> bool:
    return has_cue(text, rules.word_set(RULES, "first_person"))


def _interviewee_says(post: _Post, subject: Subject | None, start: int) -> bool:
    """Whether a passage is the interviewee speaking: inside the answers, first person or line start."""
    if subject is None or start < subject.answers_start:
        return False
    # "j'ai travaillé avec le Président de Renault": a title behind a determiner is someone else's.
    previous = re.search(r"([\w']+)\s*$", post.text[max(0, start - 30) : start])
    if previous and rules.fold(previous.group(1)) in rules.word_set(RULES, "determiners"):
        return False
    s, e = sentence_bounds(post.text, start)
    line_start = post.text.rfind("\n", 0, start) + 1
    return _first_person(post.text[s:e]) or not post.text[line_start:start].strip(" -:")


# --- the extractor --------------------------------------------------------------------------------


def _titled(post: _Post, subject: Subject | None) -> Iterator[Found]:
    roles = [post.role(head) for head in _heads().finditer(post.text)]
    i = 0
    while i < len(roles):
        group = [roles[i]]  # "Fondateur et Président de Y": titles sharing one holder and organization
        while not group[-1].orgs and i + 1 < len(roles) and re.fullmatch(
                r"\s*et\s+", post.text[group[-1].stop : roles[i + 1].start]):
            i += 1
            group.append(roles[i])
        i += 1
        yield from _group_positions(post, subject, group)


def _group_positions(post: _Post, subject: Subject | None, group: list[Role]) -> Iterator[Found]:
    first, last = group[0], group[-1]
    orgs = last.orgs
    holder = _holder_before(post, first.start)
    person = holder[0] if holder else _holder_after(post, last)
    speaking = person is None and _interviewee_says(post, subject, first.start)
    if speaking:
        person = subject.person
    if person is None:
        return
    possessive = bool(holder and holder[1])
    if not orgs and possessive:  # "Emery Jacquillat, son Président"
        found = post.org_before(person.start)
        orgs = (found,) if found else ()
    elif not orgs and subject is not None and subject.org is not None:
        orgs = _subject_org(post, subject, first.start)
    if speaking:
        start, end = first.start, last.end
    else:
        start, end = min(person.start, first.start), max(person.end, last.end)
    for role in group:
        for org in orgs:
            yield Found(Ref(person.text, PERSON), role.title, org, start, end)


def _subject_org(post: _Post, subject: Subject, pos: int) -> tuple[Ref, ...]:
    """ "Hélène Supau, Directrice Générale" in an interview post: at the interview's organization, when
    the sentence names no other organization than those of the post's title."""
    s, e = sentence_bounds(post.text, pos)
    title = post.ctx.post.title or ""
    title_key = rules.name_key(title)
    others = [m for m in post.orgs if s <= m.start < e and rules.name_key(m.text) not in title_key]
    return () if others else (_org_ref(subject.org.text, subject.org.kind),)


def _members(post: _Post) -> Iterator[Found]:
    """ "X de Y", "X, du Y", "X (Y)": a person and the organization right after, no title."""
    member = rules.load(RULES)["member_title"]
    for person, org in post.glued:
        yield Found(Ref(person.text, PERSON), member, _org_ref(org.text, org.kind), person.start, org.end)
    for person in post.people:
        rest = post.text[person.end :]
        link = re.match(r"\s*,?\s*(?:de la |de l'|de |du |d')\s*|\s*\(\s*", rest)
        if not link:
            continue
        org = post.by_start.get(person.end + link.end())
        if org is None or not is_org(org.kind):
            continue
        if link.group().strip() == "(" and not re.match(r"\s*\)", post.text[org.end :]):
            continue
        yield Found(Ref(person.text, PERSON), member, _org_ref(org.text, org.kind), person.start, org.end)


def _career(post: _Post, subject: Subject | None) -> Iterator[Found]:
    """The interviewee's career: "ma carrière chez Y", "rejoindre Y en tant que Senior Advisor"."""
    if subject is None:
        return
    holder = Ref(subject.person.text, PERSON)
    member = rules.load(RULES)["member_title"]
    for chez in re.finditer(r"(?<![\w'])chez\s+", post.text[subject.answers_start :], re.IGNORECASE):
        pos = subject.answers_start + chez.end()
        org = post.by_start.get(pos)
        if org is None or not is_org(org.kind):
            continue
        s, e = sentence_bounds(post.text, pos)
        sentence = post.text[s:e]
        # Career words are stems ("rejoin", "travaill"): matched inside words.
        if _first_person(sentence) and any(cue in rules.fold(sentence) for cue in rules.word_set(
                RULES, "career_cues")):
            yield Found(holder, member, _org_ref(org.text, org.kind), pos - len(chez.group()), org.end)
    as_title = re.compile(rf"\s+(?:{_alternatives('as_title')})\s+", re.IGNORECASE)
    for org in post.orgs:
        if org.start < subject.answers_start:
            continue
        link = as_title.match(post.text, org.end)
        head = _heads().match(post.text, link.end()) if link else None
        if head:
            role = post.role(head)
            yield Found(holder, role.title, _org_ref(org.text, org.kind), org.start, role.stop)


def _pair(found: Found) -> tuple[str, str]:
    return rules.name_key(found.holder.name), rules.name_key(found.org.name)


@register("positions")
def extract(ctx: PostContext) -> Iterator[Fact]:
    """Every position a post states; a bare membership is left out when a title says more."""
    post = _Post(ctx)
    subject = interview_subject(ctx)
    found = [*_titled(post, subject), *_career(post, subject)]
    titled = {_pair(f) for f in found if f.title != rules.load(RULES)["member_title"]}
    found = [f for f in [*found, *_members(post)] if f.title != rules.load(RULES)["member_title"] or _pair(f)
             not in titled]
    seen: set[tuple[str, str, str]] = set()
    for f in found:
        key = (rules.name_key(f.holder.name), rules.name_key(f.org.name), rules.fold(f.title))
        if key in seen or key[0] == key[1]:
            continue
        seen.add(key)
        roles = (("holder", f.holder), ("organization", f.org), ("title", f.title))
        yield Fact("positions", "Position", roles, Evidence.of(ctx.post, *clip(f.start, f.end)),
                   identity=("holder", "organization", "title"))
