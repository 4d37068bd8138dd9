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

The title vocabulary, the post's lookups and the title scan are in ``graph/extract/_titles.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import clip, has_cue, sentence_bounds
from graph.extract._titles import (
    RULES,
    Found,
    PostLookups,
    Role,
    alternatives,
    heads,
    is_plural,
    org_ref,
    singular,
)
from graph.extract.interviews import Subject, interview_subject
from graph.extract.position_frames import founded
from graph.model import PERSON, Evidence, Fact, Mention, Ref
from graph.names import is_org, name_kind

# --- holders ------------------------------------------------------------------------------------


def _holder_before(post: PostLookups, start: int, plural: bool) -> tuple[list[Mention], bool] | None:
    """ "X, le Président": the person just before a title, and whether a possessive links them; a plural
    title ("X et Y, consultants") belongs to every person of the list before it."""
    articles = alternatives("articles")
    possessives = alternatives("possessives")
    earlier = [p for p in post.people if p.end <= start]
    if not earlier:
        return None
    gap = post.text[earlier[-1].end : start]
    # "X (@handle), rédactrice en chef": an aside in parentheses may stand between them
    aside = r"(?:\([^()\n]{1,40}\)\s*)?"
    match = re.fullmatch(rf"\s*{aside}[,(]?\s*(?:(?:(?P<art>{articles})|(?P<pos>{possessives}))\s*)?", gap,
                         re.IGNORECASE)
    if not match:
        return None
    holders = [earlier.pop()]
    while plural and earlier and re.fullmatch(r"\s*(?:,|et)\s*", post.text[earlier[-1].end : holders[0].start]
                                                ):
        holders.insert(0, earlier.pop())
    return holders, bool(match.group("pos"))


def _opener(post: PostLookups, start: int) -> re.Match[str] | None:
    """What opens a title phrase that a name may follow: a sentence's start, an article, a possessive;
    an adjective may come first ("Indéboulonnable PDG de Y, X")."""
    offset = max(0, start - 24)
    before = post.text[offset:start]
    lead = re.search(r"(?:^|\n|[.!?:]\s+)([^\W\d_]+)\s+$", before)
    word = post.ctx.doc.char_span(offset + lead.start(1), offset + lead.end(1)) if lead else None
    if word is not None and len(word) == 1 and word[0].pos_ == "ADJ":
        before = before[: lead.start(1)]
    return re.search(rf"(?:^|\n|[.!?:(]\s*|(?<![\w'])(?:{alternatives('articles')}|du|au|"
                     rf"(?P<pos>{alternatives('possessives')}))\s*(?:(?:{alternatives('cardinals')})\s+)?)$",
                     before, re.IGNORECASE)


def _holder_after(post: PostLookups, role: Role, plural: bool, fronted: bool = False
                  ) -> tuple[list[Mention], bool] | None:
    """ "le Président de Y, X" and "son représentant X": the person right after a title that an article
    or a possessive opens (or that ends a chain of titles opening the sentence: ``fronted``), and whether
    it was a possessive; a plural title ("ses deux fondateurs, X et Y") belongs to every person of the
    list after it."""
    opener = _opener(post, role.start)
    if not opener and not fronted:
        return None
    after = re.match(r"\s*(?:\([^()\n]{0,80}\))?\s*,?\s*", post.text[role.end :])
    at = role.end + (after.end() if after else 0)
    later = [p for p in post.people if p.start >= at]
    if not later or later[0].start != at:
        return None
    holders = [later.pop(0)]
    while plural and later and re.fullmatch(r"\s*(?:,|et)\s*", post.text[holders[-1].end : later[0].start]):
        holders.append(later.pop(0))
    return holders, bool(opener and opener.group("pos"))


def _demonstrative_holder(post: PostLookups, start: int) -> list[Mention]:
    """ "X a été élue. Cette employée de Y ...": a sentence opening on "ce"/"cette" and a title speaks of
    the person named last in the sentence before."""
    s, _ = sentence_bounds(post.text, start)
    if not re.fullmatch(r"[\s\-*]*(?:ce|cet|cette)\s+", post.text[s:start], re.IGNORECASE):
        return []
    previous, _ = sentence_bounds(post.text, max(0, s - 2))
    earlier = [p for p in post.people if previous <= p.start and p.end <= s]
    return earlier[-1:]


def _first_person(text: str) -> bool:
    return has_cue(text, rules.word_set(RULES, "first_person"))


def _interviewee_says(post: PostLookups, subject: Subject | None, start: int) -> bool:
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


def _titled(post: PostLookups, subject: Subject | None) -> Iterator[Found]:
    roles = [post.role(head) for head in post.title_heads]
    previous: tuple[list[Mention], int] | None = None  # the holders of the last titles, where they end
    fronted: list[list[Role]] = []  # "Présidente de A et directrice de B, X": titles waiting for their holder
    i = 0
    while i < len(roles):
        group = [roles[i]]  # "Fondateur et Président de Y": titles sharing one holder and organization
        while not group[-1].orgs and i + 1 < len(roles) and re.fullmatch(
                r"\s*et\s+", post.text[group[-1].stop : roles[i + 1].start]):
            i += 1
            group.append(roles[i])
        i += 1
        # "X, le co-président de A, directeur de B": a title right after another one is the same person's.
        gap = post.text[previous[1] : group[0].start] if previous else ""
        # "X, présidente de A et directrice de B": a title after "et" that has its own organization too.
        chained = previous[0] if previous and re.fullmatch(r"\s*(?:,|,?\s*et)\s*", gap) else None
        if fronted and not _CHAIN.fullmatch(post.text[fronted[-1][-1].end : group[0].start]):
            fronted = []
        found, holders = _group_positions(post, subject, group, chained, bool(fronted))
        previous = (holders, group[-1].end) if holders else None
        yield from found
        if holders:
            for waiting in fronted:
                yield from _group_positions(post, subject, waiting, holders)[0]
            fronted = []
        elif fronted or _opener(post, group[0].start) is not None:
            fronted.append(group)


# Between two titles of a chain: a comma or "et", after the aside that may spell out an acronym.
_CHAIN = re.compile(r"\s*(?:\([^()\n]{0,120}\)\s*)?(?:,|,?\s*et)\s*")


def _group_positions(post: PostLookups, subject: Subject | None, group: list[Role],
                     chained: list[Mention] | None, fronted: bool = False
                     ) -> tuple[list[Found], list[Mention]]:
    """The positions a group of titles gives, and their holders when the text names them."""
    first, last = group[0], group[-1]
    orgs = last.orgs
    before = _holder_before(post, first.start, is_plural(first.title))
    after = None if before else _holder_after(post, last, is_plural(first.title), fronted)
    people = before[0] if before else after[0] if after else chained or []
    if not people and len(group) == 1 and first.title == heads().match(post.text, first.start).group():
        people = _demonstrative_holder(post, first.start)  # "Cette employée de Y", not "Cet homme de 40 ans"
    speaking = not people and _interviewee_says(post, subject, first.start)
    if speaking:
        people = [subject.person]
    if not people:
        return [], []
    if not orgs and ((before and before[1]) or (after and after[1])):  # "Emery Jacquillat, son Président"
        found = post.org_before(min(people[0].start, first.start), possessive=True)
        orgs = (found,) if found else ()
    elif not orgs and subject is not None and subject.org is not None:
        orgs = _subject_org(post, subject, first.start)
    award = rules.load(RULES)["member_title"] if _award_title(last.title) else None
    if not orgs and award:  # "la Directrice Client de l'année pour Y": a member of Y
        orgs = _for_org(post, last.stop)
    if not orgs and before and not before[1]:
        orgs = _board_org(post, people[-1])
    if speaking:
        start, end = first.start, last.end
    else:
        start, end = min(people[0].start, first.start), max(people[-1].end, last.end)
    found = [Found(Ref(person.text, PERSON), award or singular(role.title), org, start, end)
             for person in people for role in group for org in orgs]
    return found, [] if speaking else people


def _board_org(post: PostLookups, person: Mention) -> tuple[Ref, ...]:
    """ "Le bureau de l'association X est composé de Paul Verdal (Kelvora), président, ...": a person given
    with the firm in parentheses and then a bare title holds it at the organization the sentence named
    before its first person (the firm gives a membership of its own)."""
    if not re.match(r"\s*\([^()\n]{1,60}\)\s*,", post.text[person.end :]):
        return ()
    s, _ = sentence_bounds(post.text, person.start)
    first = min((p.start for p in post.people if s <= p.start), default=person.start)
    owners = [m for m in post.orgs
              if s <= m.start and m.end <= first and not post.text[: m.start].rstrip().endswith("(")]
    return (org_ref(owners[-1].text, owners[-1].kind),) if owners else ()


def _award_title(title: str) -> bool:
    return any(rules.fold(title).endswith(" " + tail) for tail in rules.word_set(RULES, "award_title_tails"))


def _for_org(post: PostLookups, pos: int) -> tuple[Ref, ...]:
    """The organization a mention names right after "pour" at ``pos``."""
    link = re.match(r"\s*pour\s+", post.text[pos:])
    org = post.by_start.get(pos + link.end()) if link else None
    return (org_ref(org.text, org.kind),) if org is not None and is_org(org.kind) else ()


def _subject_org(post: PostLookups, subject: Subject, pos: int) -> tuple[Ref, ...]:
    """ "Hélène Supau, Directrice Générale" in an interview post: at the interview's organization, when
    the sentence names no other organization than those of the post's title."""
    s, e = sentence_bounds(post.text, pos)
    title = post.ctx.post.title or ""
    title_key = rules.name_key(title)
    others = [m for m in post.orgs if s <= m.start < e and rules.name_key(m.text) not in title_key]
    return () if others else (org_ref(subject.org.text, subject.org.kind),)


@cache
def _org_noun_lead() -> str:
    """An organization noun, with or without its article, before the name: "X (groupe Y)", "Créée par X, la
    société Y"."""
    return rf"(?:(?:(?:la|le|l')\s*)?(?:{alternatives('org_nouns')})\s+)?"


def _members(post: PostLookups) -> Iterator[Found]:
    """ "X de Y", "X, du Y", "X (Y)", "X (groupe Y)": a person and the organization right after, no title."""
    member = rules.load(RULES)["member_title"]
    for person, org in post.glued:
        yield Found(Ref(person.text, PERSON), member, org_ref(org.text, org.kind), person.start, org.end)
    for person in post.people:
        rest = post.text[person.end :]
        link = re.match(rf"\s*,?\s*(?:de la |de l'|de |du |d'|chez )\s*|\s*\(\s*{_org_noun_lead()}", rest)
        if not link:
            continue
        org = post.by_start.get(person.end + link.end())
        if org is None or not is_org(org.kind):
            continue
        closed = re.match(r"\s*\)(\s*,\s*)?", post.text[org.end :])
        if link.group().strip().startswith("(") and not closed:
            continue
        # "X (Y), directrice de l'expérience client": the title after the aside is at Y
        titled_at = org.end + closed.end() if closed and closed.group(1) else -1
        head = next((h for h in post.title_heads if h.start() == titled_at), None)
        role = post.role(head) if head else None
        holder, at = Ref(person.text, PERSON), org_ref(org.text, org.kind)
        if role is not None and not role.orgs:
            yield Found(holder, role.title, at, person.start, role.end)
        else:
            yield Found(holder, member, at, person.start, org.end)
    for person in post.people:
        cue = _voice().search(post.text, max(0, person.start - 80), person.start)
        found = post.org_before(cue.start()) if cue else None
        if found:
            s, _ = sentence_bounds(post.text, cue.start())
            yield Found(Ref(person.text, PERSON), member, found, s, person.end)


@cache
def _voice() -> re.Pattern[str]:
    """ "par la voix de son président," right before a name: the organization speaks through them."""
    return re.compile(rf"(?:{alternatives('voice_cues')})\s+(?:(?:son|sa|leur)\s+[\w' -]{{1,40}}?,?\s+)?$",
                      re.IGNORECASE)


def _career(post: PostLookups, subject: Subject | None) -> Iterator[Found]:
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
            yield Found(holder, member, org_ref(org.text, org.kind), pos - len(chez.group()), org.end)
    as_title = re.compile(rf"\s+(?:{alternatives('as_title')})\s+", re.IGNORECASE)
    for org in post.orgs:
        if org.start < subject.answers_start:
            continue
        link = as_title.match(post.text, org.end)
        head = heads().match(post.text, link.end()) if link else None
        if head:
            role = post.role(head)
            yield Found(holder, role.title, org_ref(org.text, org.kind), org.start, role.stop)


def _appointments(post: PostLookups) -> Iterator[Found]:
    """Titles a verb or a link gives: "X est nommé directeur de Y", "Y vient de nommer X au poste de
    directrice", "X rejoint Y en tant que directeur", "X arrive de Y, où elle était responsable"."""
    for head in post.title_heads:
        s, _ = sentence_bounds(post.text, head.start())
        holder = _subject_holder(post, s, head.start())
        if holder is None:
            continue
        gap = rules.fold(post.text[holder[1] : head.start()])
        link = _title_link().search(gap)
        role = post.role(head)
        if role.orgs:
            orgs = role.orgs
        elif link:  # the organization joined: the sentence's subject after a hiring verb, else the last named
            named = [m for m in post.orgs if holder[1] <= m.start and m.end <= holder[1] + link.start()]
            hiring = [m for m in post.orgs if s <= m.start and m.end <= holder[0].start]
            hired = _object_verb().search(rules.fold(post.text[s : holder[0].start]))
            pick = hiring[0] if hired and hiring else named[-1] if named else None
            orgs = (org_ref(pick.text, pick.kind),) if pick else ()
        else:
            orgs = ()
        verbal = _subject_verb().fullmatch(gap) or link and link.end() == len(gap.rstrip())
        hired = not gap.strip(" ,") and _object_verb().search(rules.fold(post.text[s : holder[0].start]))
        if not orgs or not (verbal or hired):
            continue
        person = holder[0]
        start = min(person.start, head.start()) if person.start >= s else head.start()
        for org in orgs:
            yield Found(Ref(person.text, PERSON), singular(role.title), org, start, role.end)


def _offices(post: PostLookups) -> Iterator[Found]:
    """ "l'assemblée générale a élu X à la présidence du CRCA", "X prend la direction générale de Y"."""
    offices = {rules.fold(k): v for k, v in rules.load(RULES)["offices"].items()}
    names = "|".join(re.escape(k) for k in sorted(rules.load(RULES)["offices"], key=len, reverse=True))
    for m in re.finditer(rf"\bà la ({names})\s+(?:d[eu]s?\s+|de la\s+|de l'|d')", post.text, re.IGNORECASE):
        found = post.org_at(m.end())
        s, _ = sentence_bounds(post.text, m.start())
        holder = _subject_holder(post, s, m.start())
        if found and holder:
            title = offices[rules.fold(m.group(1))]
            start = min(holder[0].start, m.start())
            yield Found(Ref(holder[0].text, PERSON), title, found[0], start, found[1])


def _boards(post: PostLookups) -> Iterator[Found]:
    """ "Le nouveau bureau est ainsi composé :" then "– Président : X (Y)" (bulleted or not): officers of the
    organization the heading names, else of the last association named before it."""
    text = post.text
    words = "|".join(re.escape(w) for w in rules.load(RULES)["board_words"])
    for heading in re.finditer(rf"(?im)^[^\n]*\b(?:{words})\b[^\n]*:[ \t]*$", text):
        named = [m for m in post.orgs if heading.start() <= m.start < heading.end()]
        paragraph = text.rfind("\n\n", 0, heading.start() - 1)
        before = [m for m in post.orgs if paragraph <= m.start and m.end <= heading.start()]
        associations = [m for m in before if m.kind == "Association" or name_kind(m.text) == "Association"]
        org = (named or associations[-1:] or before[-1:] or [None])[0]
        if org is None:
            continue
        pos = heading.end() + 1
        while line := re.match(r"[ \t]*(?:[-*][ \t]*)?(?P<title>[^:\n]{2,60}?)\s*:\s*[^\n]*", text[pos:]):
            person = next((p for p in post.people if p.start == pos + line.end("title") + len(
                re.match(r"\s*:\s*", text[pos + line.end("title") :]).group())), None)
            if person:
                title = line.group("title").strip()
                officer = org_ref(org.text, org.kind)
                yield Found(Ref(person.text, PERSON), title, officer, pos, pos + line.end())
            pos += line.end() + 1


def _founders(post: PostLookups) -> Iterator[Found]:
    """ "Y, fondée par X et Z", "Créée en 2000 par X et Z, Y ...", "Y, dirigée par X": founders (initiators,
    heads) of Y."""
    participles = rules.load(RULES)["participle_titles"]
    titles = {rules.fold(k): v for k, v in participles.items()}
    names = "|".join(re.escape(k) for k in sorted(participles, key=len, reverse=True))
    gap = rf"(?:[^\s.,;:!?()]+\s+){{0,{int(rules.load(RULES)['founder_gap_words'])}}}"
    for m in re.finditer(rf"(?<![\w\-])({names})\s+(?:en\s+\d{{4}}\s+)?par\s+", post.text, re.IGNORECASE):
        s, e = sentence_bounds(post.text, m.start())
        founders, pos = [], m.end()
        for person in (p for p in post.people if pos <= p.start < e):
            link = r"\s*" if not founders else r"\s*(?:,|,?\s*et)\s+"
            if not re.fullmatch(link + gap, post.text[pos : person.start], re.IGNORECASE):
                break
            founders.append(person)
            pos = person.end
        if not founders:
            continue
        # The organization the participle describes stands right before it, a description aside
        # ("Y, le groupe de conseil fondé par"): a name in between ("de Y et de Z, initié par") is it.
        before = [o for o in post.orgs if max(s, m.start() - 100) <= o.start and o.end <= m.start()
                  and not re.search(r"\b[A-Z\u00C0-\u00DE]", post.text[o.end : m.start()])
                  and post.text.count(",", o.end, m.start()) <= 1]  # "Y, quant à elle, se lance, présidée"
        opening = not post.text[s : m.start()].strip(" -*")
        # "Créée par X et Z, (la société) Y se présente": the name right after the people ("Présidée par X,
        # DRH de Y, la Commission": not Y).
        comma = re.match(rf"\s*,\s*{_org_noun_lead()}", post.text[pos:], re.IGNORECASE) if opening else None
        after = [o for o in post.orgs if comma and o.start == pos + comma.end()]
        org = before[-1] if before else after[0] if after else None
        if org is None or any(org.end <= p.start and p.end <= m.start() for p in post.people):
            continue  # "X, qui a rejoint Y, créée par Z": Y is not what X's clause describes
        if re.search(r"(?<![\w'])(?:de la|de l'|du|des|de|d')\s*$", post.text[s : org.start], re.IGNORECASE):
            continue  # "la délégation X de l'Y, présidée par Z": the délégation, a part of Y
        title = titles[rules.fold(m.group(1))]
        for person in founders:
            start, end = min(org.start, m.start()), max(org.end, pos)
            yield Found(Ref(person.text, PERSON), title, org_ref(org.text, org.kind), start, end)


def _subject_holder(post: PostLookups, sentence_start: int, pos: int) -> tuple[Mention, int] | None:
    """The last person named before ``pos`` in its sentence and where the words after them start; else
    the person a sentence-opening "il"/"elle" stands for (the last one named before)."""
    named = [(p, p.end) for p in post.people if sentence_start <= p.start and p.end <= pos]
    named += _first_names(post, sentence_start, pos)
    if named:
        return max(named, key=lambda found: found[1])
    pronoun = alternatives("pronouns")
    opening = re.match(rf"\s*(?:[\w' ]{{1,30}},\s*)?(?:{pronoun})\s+", post.text[sentence_start:pos],
                       re.IGNORECASE)
    earlier = [p for p in post.people if p.end <= sentence_start and sentence_start - p.end < 600]
    if opening and earlier:
        return earlier[-1], sentence_start + opening.end() - 1
    return None


def _first_names(post: PostLookups, start: int, pos: int) -> list[tuple[Mention, int]]:
    """ "Jean-Baptiste rejoint Y": people named earlier in full whose first name alone stands between
    ``start`` and ``pos``, with where it ends."""
    found: dict[str, tuple[Mention, int]] = {}
    for person in (p for p in post.people if p.end <= start and " " in p.text):
        first = person.text.split()[0]
        for m in re.finditer(rf"(?<![\w\-]){re.escape(first)}(?![\w\-])(?!\s+[A-Z])", post.text[start:pos]):
            found[first] = (person, start + m.end())  # the last person of that first name named before
    return list(found.values())


def _joins(post: PostLookups) -> Iterator[Found]:
    """A career told in the third person: "X commence sa carrière chez Y, puis rejoint Z", "il a intégré
    W": a membership of each organization the holder joined."""
    verbs = alternatives("career_verbs")
    member = rules.load(RULES)["member_title"]
    for org in post.orgs:
        verb = re.search(rf"(?<![\w'])(?:{verbs})\s+(?:chez\s+|(?:le|la|l')\s*)?$",
                         post.text[max(0, org.start - 40) : org.start], re.IGNORECASE)
        if verb is None:
            continue
        s, _ = sentence_bounds(post.text, org.start)
        holder = _verb_subject(post, s, org.start - len(verb.group()))
        if holder is None:
            continue
        start = min(holder.start, org.start) if holder.start >= s else s
        yield Found(Ref(holder.text, PERSON), member, org_ref(org.text, org.kind), start, org.end)


def _verb_subject(post: PostLookups, sentence_start: int, pos: int) -> Mention | None:
    """The person the verb at ``pos`` has for subject, by the parse ("..., puis rejoint Z": the subject of
    the first verb); else the sentence's subject by the text."""
    verb = next((t for t in post.ctx.doc if t.idx >= pos), None)
    while verb is not None and verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_.startswith("nsubj")), None) if verb else None
    if subject is not None and subject.pos_ != "PRON":
        at = subject.idx
        named = [p for p in post.people if p.start <= at < p.end]
        named += [p for p, end in _first_names(post, sentence_start, pos) if end == at + len(subject.text)]
        return named[0] if named else None
    holder = _subject_holder(post, sentence_start, pos)
    # With no subject parsed, only a holder the verb directly follows: "X, créée par Z, rejoint" is not Z's.
    return holder[0] if holder and "," not in post.text[holder[1] : pos] else None


@cache
def _subject_verb() -> re.Pattern[str]:
    verbs = alternatives("subject_title_verbs", folded=True)
    articles = alternatives("articles")
    return re.compile(rf"\s*,?\s*(?:qui\s+)?(?:{verbs})\s*(?:(?:{articles})\s*)?")


@cache
def _object_verb() -> re.Pattern[str]:
    verbs = alternatives("object_title_verbs", folded=True)
    return re.compile(rf"(?<![\w'])(?:{verbs})(?![\w'])")


@cache
def _title_link() -> re.Pattern[str]:
    links = alternatives("title_links", folded=True)
    articles = alternatives("articles")
    return re.compile(rf"(?<![\w'])(?:{links})\s*(?:(?:{articles})\s*)?$")


def _pair(found: Found) -> tuple[str, str]:
    return rules.name_key(found.holder.name), rules.name_key(found.org.name)


@register("positions")
def extract(ctx: PostContext) -> Iterator[Fact]:
    """Every position a post states; a bare membership is left out when a title says more."""
    post = PostLookups(ctx)
    subject = interview_subject(ctx)
    found = [*_titled(post, subject), *_career(post, subject), *_appointments(post), *_offices(post),
             *_boards(post), *_founders(post), *founded(ctx), *_joins(post)]
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
