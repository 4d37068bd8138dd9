"""Events: conventions, ceremonies, conferences, trade shows, workshops and competitions.

An event is named by a head word of its kind followed by a name ("Salon Stratégie Clients 2014",
"la convention AMARC"), by a name after "lors de" ("lors des Talents de la relation client 2013"), or
by a possessive head owned by the organization before it ("l'AMARC a tenu sa 27ème convention").
Its roles are read in the sentence that names it, in later sentences that refer to it ("cette
soirée"), and, in agenda posts, in the entry under a date line. The label is "<name> <year>".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import (
    DATE_DAY,
    DATE_RANGE,
    FoundDate,
    accent_classes,
    accent_free,
    domain_words,
    fallback_name,
    find_dates,
    line_spans,
    name_end,
    ref_of,
    sentence_at,
    sentences,
    year_in,
)
from graph.extract.event_people import (
    RULES,
    cues,
    site_organizers,
    speaker_list,
    start_of_clause,
    stated_roles,
    subject_roles,
    subjects_before,
)
from graph.extract.event_roles import (
    described_events,
    object_events,
    organizers_of,
    owned_after_adjectives,
    verb_events,
)
from graph.model import ORG_KINDS, PERSON, PLACE, WEAK, Evidence, Fact, Mention, Ref

FAMILY = "events"
# "of" before an organization that owns an event ("Nuit des Étoiles de l'AFV", "Palmes 2019 de la FNVC").
_OF = r"(?:du|de la|de l'|des|de|d')"
_ORDINAL_SUFFIX = r"(?:e|ème|eme|è|er|re|ère|ere)"
_VENUE = re.compile(
    r"\b(?:au|à l'|à la)\s+((?:Théâtre|Theatre|Palais|Pavillon|Espace|Centre|Musée|Hôtel|Hotel|Salle|Maison|"
    r"Carrousel|Parc|Cité|Campus)\s+[A-ZÀ-Ý][\w\-']*(?:\s+(?:de |du |des |d')?[A-ZÀ-Ý0-9][\w\-']*){0,3})")
_QUOTED_NAME = re.compile(r'\s*"\s*([^"\n]{5,150}?)\s*"')  # « X » folds to " X ": no spaces kept
_MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                "octobre", "novembre", "décembre")
# A body that opens on an event's name: only an article and capitalised words before it ("Le", "GRAND").
_OPENING = re.compile(r"\s*(?:l'|le |la |les |[A-ZÀ-Ý][\w\-]* )*")
_PLACE_CUE = re.compile(r"(?:\bà|\bau|\baux|\bau sein d(?:e|u|e la|es)|\bau sein d')\s*$")


@dataclass
class Anchor:
    """One naming of an event in the text."""

    start: int
    end: int
    kind: str
    name: str
    organizers: list[Ref] = field(default_factory=list)
    edition: int | None = None
    speakers: list[Ref] = field(default_factory=list)
    unnamed: bool = False  # named only by its kind and who holds it ("Séminaire chez EDF")


@cache
def _ordinal_words() -> dict[str, int]:
    return {rules.fold(k): v for k, v in rules.load(RULES)["ordinals"].items()}


@cache
def _ordinal_pattern() -> str:
    words = rules.caseless_alternation(rules.longest_first(rules.load(RULES)["ordinals"]))
    return rf"(?:\d{{1,3}}\s?{_ORDINAL_SUFFIX}s?|{words})"  # "9es Rencontres": plural heads take an s


def ordinal_value(text: str) -> int | None:
    m = re.match(r"(\d{1,3})", text)
    return int(m.group(1)) if m else _ordinal_words().get(rules.fold(text))


@cache
def _heads() -> tuple[re.Pattern[str], dict[str, str]]:
    kind_of: dict[str, str] = {}
    for kind, words in rules.load(RULES)["kinds"].items():
        for word in words:
            kind_of[rules.fold(word)] = kind
    heads = [rules.fold(w) for w in rules.longest_first(kind_of, accent_free)]
    alternatives = rules.caseless_alternation(heads, accent_classes)
    pattern = re.compile(
        rf"(?i)(?:\b(?P<ord>{_ordinal_pattern()})\s+)?\b(?P<head>{alternatives})\b", re.UNICODE)
    return pattern, kind_of


def kind_of_name(name: str) -> str:
    pattern, kinds = _heads()
    m = pattern.match(name)
    return kinds.get(rules.fold(m.group("head")), "Event") if m else "Event"


def _orgs_before(ctx: PostContext, start: int, pos: int) -> list[Mention]:
    """Organizations named before ``pos``, leaving out spelled-out names in parentheses."""
    return [m for m in sorted(ctx.mentions_in(start, pos), key=lambda m: m.start)
            if m.kind in ORG_KINDS and not ctx.text[:m.start].rstrip().endswith("(")]


def find_anchors(ctx: PostContext, spans: list[tuple[int, int]]) -> list[Anchor]:
    """Every naming of an event in a post, in text order, without overlaps."""
    text, domain = ctx.text, domain_words()
    pattern, kinds = _heads()
    possessive, verbs, not_events = cues("possessive"), cues("organizer_verbs"), cues("not_events")
    anchors: list[Anchor] = []
    for m in pattern.finditer(text):
        s_start, s_end = sentence_at(spans, m.start())
        head_start, head_end = m.start("head"), m.end("head")
        kind = kinds[rules.fold(m.group("head"))]
        before = text[s_start:m.start()]
        if not_events.search(text[max(s_start, head_start - 40):head_end]):
            continue
        owner: list[Ref] = []
        owned = re.search(rf"(?:{possessive.pattern})\s*$", before, re.IGNORECASE)
        if owned or verbs.search(before[-60:]):
            orgs = _orgs_before(ctx, s_start, m.start())
            # The subject: the organization that opens the sentence, else the one nearest the verb.
            opens = orgs and re.fullmatch(r"[\s\-*]*(?:l'|le |la |les )?", text[s_start:orgs[0].start], re.I)
            owner = [ref_of(x) for x in (orgs[:1] if opens else orgs[-1:])]
            if not owner and owned:  # "Vineet Nayar a expliqué lors de sa conférence": the speaker's talk
                owner = [ref_of(x) for x in ctx.mentions_in(s_start, m.start()) if x.kind == PERSON][:1]
        quoted = _QUOTED_NAME.match(text, head_end, s_end)
        if quoted:  # Conférence "Retour de la DMA 2013 Chicago: ...": the title is the name
            organizers = [o for o in owner if o.kind in ORG_KINDS]
            anchors.append(Anchor(quoted.start(1), quoted.end(1), kind, quoted.group(1), organizers))
            continue
        end = name_end(text, head_end, s_end, domain)
        edition = ordinal_value(m.group("ord")) if m.group("ord") else None
        owned_by = owned_after_adjectives(ctx, head_end, s_end) if end <= head_end else None
        if owned_by:  # "Le séminaire régional de la Fédération X": the whole phrase names it
            anchors.append(Anchor(head_start, owned_by[0], kind, text[head_start:owned_by[0]],
                                  [*owner, owned_by[1]], edition))
            continue
        anchor = _named(ctx, head_start, head_end, end, kind, owner, edition) or _held_at(
            ctx, head_start, head_end, s_end, kind, before)
        if anchor:
            anchors.append(anchor)
    anchors += _award_givings(ctx, spans)
    anchors += [Anchor(s, e, kind_of_name(name), name, [org]) for s, e, name, org in object_events(ctx)]
    anchors += _organized_occasions(ctx, spans)
    for m in cues("during").finditer(text):
        s_start, s_end = sentence_at(spans, m.start())
        if not text[m.end():m.end() + 1].isupper() and not text[m.end():m.end() + 1].isdigit():
            continue
        end = name_end(text, m.end(), s_end, domain)
        if len(text[m.end():end].split()) >= 2 and not any(a.start <= m.end() < a.end for a in anchors):
            first_word = m.end() + len(text[m.end():end].split()[0])
            anchor = _named(ctx, m.end(), first_word, end, kind_of_name(text[m.end():end]), [], None)
            if anchor:
                anchors.append(anchor)
    told = [Anchor(s, e, kind_of_name(name), name, orgs) for s, e, name, orgs in described_events(ctx, spans)]
    told += [Anchor(s, e, "Event", name, orgs, None, people) for s, e, name, orgs, people in verb_events(ctx)]
    anchors += [a for a in told if not any(b.start < a.end and a.start < b.end for b in anchors)]
    anchors.sort(key=lambda a: a.start)
    kept: list[Anchor] = []
    for a in anchors:
        if kept and a.start < kept[-1].end:
            continue
        a.organizers += [o for o in organizers_of(ctx, a.start) if o not in a.organizers]
        kept.append(a)
    return kept


def _named(ctx: PostContext, start: int, head_end: int, end: int, kind: str, owner: list[Ref],
           edition: int | None) -> Anchor | None:
    """The anchor for the name ``text[start:end]`` (its head ends at ``head_end``): organizations
    named after its own words are its organizers ("24 heures de la Relation Client de l'AFRC",
    "Podium de la relation client TNS Sofres"); a bare head needs an owner to name an event."""
    text = ctx.text
    organizers: list[Ref] = []
    for m in sorted(ctx.mentions_in(head_end, end), key=lambda m: m.start):
        if m.kind not in ORG_KINDS:
            continue
        glue = text[head_end:m.start]
        if glue.strip() == "":
            organizers.append(ref_of(m))  # "Convention AMARC": the organization is the name
            continue
        if re.search(rf"\b{_OF}\s*$", glue):
            if m.source != WEAK:  # "Convention des Call Centers": a weak name there is the series' words
                organizers.append(ref_of(m))  # "Nuit des Étoiles de l'AFV": the AFV's, name kept whole
            continue
        organizers.extend(ref_of(x) for x in ctx.mentions_in(m.start, end) if x.kind in ORG_KINDS)
        end = start + len(re.sub(r"(?:\s+de l'|\s+d'|\s+du|\s+de la|\s+des|\s+de)?\s*$", "",
                                 text[start:m.start]))
        break
    after = re.match(rf"\s+(?:{_OF}\s*)?", text[end:end + 12])
    follow = [x for x in ctx.mentions if after and x.start == end + after.end() and x.kind in ORG_KINDS]
    if year_in(text[start:end]) and follow:
        # "Forum de l'expérience client 2014 Les Echos", "Palmes du Conseil Client 2019 de la FNVC"
        organizers.append(ref_of(follow[0]))
    name = text[start:end].strip()
    if end <= head_end:
        owner = owner or organizers[:1]  # "la convention de l'AMARC" is the AMARC's convention
        if not owner:
            return None
        if owner[0].kind == PERSON:  # "sa conférence" of a person is the talk that person gave
            name = f"{name} de {owner[0].name}"
            return Anchor(start, end, kind, name, organizers, edition, owner[:1], unnamed=True)
        name = f"{name} {owner[0].name}"
    organizers = owner + [o for o in organizers if o not in owner]
    return Anchor(start, end, kind, name, organizers, edition)


def _held_at(ctx: PostContext, start: int, head_end: int, s_end: int, kind: str, before: str
             ) -> Anchor | None:
    """ "lors d'un séminaire auquel je participais chez EDF": an event with no name, held at an organization
    named in the same clause, is "<Head> chez <Organization>", organized by it."""
    if not re.search(rf"(?:{cues('indefinite').pattern})$", before, re.IGNORECASE):
        return None
    clause = re.match(r"[^,.;:!?()\n]{0,60}", ctx.text[head_end:s_end])
    at = re.search(r"\bchez\s+", clause.group()) if clause else None
    if not at:
        return None
    host = next((m for m in ctx.mentions if m.start == head_end + at.end() and m.kind in ORG_KINDS), None)
    if not host:
        return None
    head = ctx.text[start:head_end]
    return Anchor(start, head_end, kind, f"{head} chez {host.text}", [ref_of(host)], None, [], True)


def _organized_occasions(ctx: PostContext, spans: list[tuple[int, int]]) -> list[Anchor]:
    """ "lors d'une matinée organisée par l'AFRC": the "Matinée AFRC", organized by the organization named."""
    anchors = []
    kinds = {rules.fold(k): v for k, v in rules.load(RULES)["occasion_kinds"].items()}
    for m in cues("organized_occasion").finditer(ctx.text):
        host = next((x for x in ctx.mentions if x.start == m.end() and x.kind in ORG_KINDS), None)
        if host is None:
            continue
        s_start, s_end = sentence_at(spans, m.start())
        kind = kinds[rules.fold(m.group("head"))]
        if kind == "Event" and cues("prize_words").search(ctx.text, s_start, s_end):
            kind = "AwardCeremony"
        # "un déjeuner VIP organisé avec X" is the "Déjeuner VIP X"
        qualifiers = [w for w in m.group("qual").split() if w[:1].isupper()]
        name = " ".join([m.group("head").capitalize(), *qualifiers, host.text])
        anchors.append(Anchor(m.start("head"), host.end, kind, name, [ref_of(host)], None, [], True))
    return anchors


def _award_givings(ctx: PostContext, spans: list[tuple[int, int]]) -> list[Anchor]:
    """ "il remet jeudi 5 mai les labels Open To dialog": the "Remise des labels Open To dialog", organized by
    the giver (the subject of the clause, or the person a subject pronoun stands for)."""
    anchors = []
    for pattern in rules.load(RULES)["award_givings"]:
        for m in re.finditer(pattern, ctx.text, re.IGNORECASE):
            s_start, s_end = sentence_at(spans, m.start())
            end = name_end(ctx.text, m.end(), s_end, domain_words())
            if end <= m.end():
                continue
            clause_start = start_of_clause(ctx.text, s_start, m.start())
            givers = subjects_before(ctx, clause_start, m.start(), (PERSON, *ORG_KINDS), True)
            if not givers and re.search(r"\b(?:il|elle)\s+$", ctx.text[clause_start:m.start()]):
                people = [x for x in ctx.mentions if x.end <= s_start and x.kind == PERSON
                          and x.start >= ctx.post.body_start]
                givers = [ref_of(people[-1])] if people else []
            name = f"Remise des {m.group('what').lower()} {ctx.text[m.end():end]}"
            anchors.append(Anchor(m.start("what"), end, "AwardCeremony", name, givers))
    return anchors


def _label(name: str, year: str | None) -> str:
    label = name[:1].upper() + name[1:]
    return label if year_in(label) or not year else f"{label} {year}"


def _series(name: str) -> str:
    return rules.fold(re.sub(r"\b(?:19|20)\d\d\b", "", name)).strip()


def _agenda_entries(text: str, body_start: int) -> list[tuple[int, int, int]]:
    """(line start, line end, entry end) of each body line that is only a date: an agenda entry, which
    runs to the next such line; the last one runs to its first bullet list (the post's closing notes)."""
    lines = [(s, e) for s, e in line_spans(text) if e > s and s >= body_start]
    heads = []
    for s, e in lines:
        line = re.sub(r"\s*\([^)]*\)\s*$", "", text[s:e]).strip(" :-")
        if any(p.fullmatch(line) for p in (DATE_DAY, DATE_RANGE)):
            heads.append((s, e))
    entries = []
    for i, (s, e) in enumerate(heads):
        if i + 1 < len(heads):  # the next date line closes the entry, program bullets included
            entries.append((s, e, heads[i + 1][0]))
            continue
        stop = min(len(text), e + 1500)
        bullet = re.search(r"\n\s*[-*]\s", text[e:stop])
        entries.append((s, e, e + bullet.start() if bullet else stop))
    return entries


def _date_for(dates: list[FoundDate], start: int, end: int, pos: int) -> FoundDate | None:
    inside = [d for d in dates if start <= d.begin and d.stop <= end]
    after = [d for d in inside if d.begin >= pos]
    return (after or inside[::-1] or [None])[0]


def _locations(ctx: PostContext, start: int, end: int) -> list[Ref]:
    text = ctx.text
    places = [Ref(m.group(1), PLACE) for m in _VENUE.finditer(text, start, end)]
    for m in ctx.mentions_in(start, end):
        if _PLACE_CUE.search(text[max(start, m.start - 14):m.start]) and (
                m.kind == PLACE or "sein" in text[max(start, m.start - 14):m.start]):
            # "au sein de Orange Campus": the venue is the whole capitalised name, not the firm it holds
            places.append(Ref((fallback_name(text, m.start, end) or m.text).rstrip(".!"), PLACE))
    return places


def _editions(ctx: PostContext, anchors: list[Anchor], start: int, end: int, anchor: Anchor) -> int | None:
    """ "dont c'était la sixième édition", "Cette 10ème édition du Podium ...", "(4ème du nom)"."""
    text = ctx.text
    for m in re.finditer(rf"(?i)\b({_ordinal_pattern()})\s+(édition|edition|du nom)\b", text[start:end]):
        after = start + m.end()
        named = re.match(r"\s+(?:du |de la |des |de l'|d')", text[after:after + 8])
        if named:
            target = next((a for a in anchors if a.start == after + named.end()), None)
            if target is anchor:
                return ordinal_value(m.group(1))
            continue
        return ordinal_value(m.group(1))
    return anchor.edition


@register(FAMILY)
def extract_events(ctx: PostContext) -> Iterator[Fact]:
    """Every event the post names, with the roles, date, place and edition the text states."""
    text, post = ctx.text, ctx.post
    spans = sentences(text)
    anchors = find_anchors(ctx, spans)
    anchors = _title_ceremony(ctx, anchors) + anchors
    if not anchors:
        return
    title_year = year_in(post.title or "")
    dates = [d for d in find_dates(text, post.date, int(title_year) if title_year else None)
             if d.begin >= post.body_start]
    entries = _agenda_entries(text, post.body_start)
    windows: dict[int, tuple[int, int, FoundDate | None]] = {}
    for line_start, line_end, entry_end in entries:
        first = next((a for a in anchors if line_end <= a.start < entry_end), None)
        if first:
            windows[id(first)] = (line_start, entry_end, _date_for(dates, line_start, line_end, line_start))
    reported = _reported(ctx, anchors, entries)
    placed = []
    series_year: dict[str, str] = {}
    for a in anchors:
        s, e = sentence_at(spans, a.start)
        win_start, win_end, when = windows.get(id(a), (s, e, None))
        when = when or _date_for(dates, s, e, a.end)
        if not when and a.unnamed and post.date:  # a talk or seminar the post reports, in its month
            when = FoundDate(a.start, a.start, post.date[:7])
        year = year_in(a.name) or (when.start[:4] if when else None)
        if year:
            series_year.setdefault(_series(a.name), year)
        placed.append((a, s, e, win_start, win_end, when, year))
    for a, s, e, win_start, win_end, when, year in placed:
        label = _label(a.name, _month_year(when) if a.unnamed and when else year or series_year.get(
            _series(a.name)))
        roles: list[tuple[str, object]] = [("label", label)]
        if label != a.name:
            roles.append(("altLabel", a.name))
        if when:
            roles.append(("startDate", when.start))
            if when.end:
                roles.append(("endDate", when.end))
        edition = _editions(ctx, anchors, s, e, a)
        if edition:
            roles.append(("edition", edition))
        roles += [("organizer", o) for o in a.organizers]
        roles += [("speaker", p) for p in a.speakers]
        roles += stated_roles(ctx, win_start, win_end)
        roles += [("organizer", o) for o in site_organizers(ctx, win_start, win_end)]
        # Speakers of a post that reports one event spoke there, whatever event their talk was about.
        subjects = ("speaker", "organizer") if not reported or _series(a.name) == reported else ("organizer",)
        roles += subject_roles(ctx, win_start, win_end, subjects)
        roles += [("location", p) for p in _locations(ctx, win_start, win_end)]
        yield Fact(FAMILY, a.kind, tuple(dict.fromkeys(roles)), Evidence.of(post, s, e), ("label",))
        a.name = label  # later anaphors name the event by its label
    yield from _anaphors(ctx, spans, anchors, entries)


def _month_year(when: FoundDate) -> str:
    """ "(mai 2011)": how an event without a name of its own is told apart from the others of its kind."""
    month = int(when.start[5:7]) if len(when.start) >= 7 else 0
    return f"({_MONTH_NAMES[month - 1]} {when.start[:4]})" if month else when.start[:4]


def _title_ceremony(ctx: PostContext, anchors: list[Anchor]) -> list[Anchor]:
    """The ceremony a post reports when its title opens with "<Name> <year>" that names no event by a head
    word and its body speaks of a prize-giving ("Elu service client de l'année 2014, source de
    réjouissances" ... "lors de la remise des prix")."""
    post, text = ctx.post, ctx.text
    title_at = text.find(post.title, 0, post.body_start) if post.title else -1
    if title_at < 0 or any(a.start < post.body_start for a in anchors):
        return []
    m = re.match(r"\s*([A-ZÀ-Ý][^,:;!?()\n]*?\b(?:19|20)\d\d)\b", text[title_at:post.body_start])
    if not m or not cues("ceremony_cues").search(text, post.body_start):
        return []
    return [Anchor(title_at + m.start(1), title_at + m.end(1), "AwardCeremony", m.group(1))]


def _main(anchors: list[Anchor]) -> Anchor | None:
    """The post's main event: its most named series, first named first."""
    counts = Counter(_series(a.name) for a in anchors)
    return min(anchors, key=lambda a: (-counts[_series(a.name)], a.start), default=None)


def _reported(ctx: PostContext, anchors: list[Anchor], entries: list[tuple[int, int, int]]) -> str | None:
    """The series of the one event a post reports: its main event when the title names it, the post
    names it more than once or opens on it; an agenda post (entries under date lines) reports none."""
    main = _main(anchors)
    if entries or main is None:
        return None
    series = _series(main.name)
    opens = _OPENING.fullmatch(ctx.text, ctx.post.body_start, main.start)
    if main.start < ctx.post.body_start or opens or sum(_series(a.name) == series for a in anchors) > 1:
        return series
    return None


def _anaphors(ctx: PostContext, spans: list[tuple[int, int]], anchors: list[Anchor],
              entries: list[tuple[int, int, int]]) -> Iterator[Fact]:
    """Roles stated in a sentence that refers back to the last event named ("cette soirée"), and, in a post
    that reports one event, the speakers and organizers its other sentences name."""
    named = {sentence_at(spans, a.start): a for a in anchors}
    main = _main(anchors)
    series = _reported(ctx, anchors, entries)
    reported = next((a for a in anchors if _series(a.name) == series), None)
    anaphor = cues("anaphors")
    for s, e in spans:
        previous = [a for a in anchors if a.start < s]
        if not previous:
            continue
        roles: list[tuple[str, object]] = []
        # An event named earlier in the same paragraph is what its next sentences go on about.
        paragraph = [a for a in previous if a.start > ctx.text.rfind("\n", 0, s)]
        pointed = anaphor.search(ctx.text, s, e)
        if (s, e) in named:  # its own event takes its roles, but a speaker spoke at the reported event
            if reported and _series(named[(s, e)].name) != series:
                event, roles = reported, subject_roles(ctx, s, e, ("speaker",))
        elif pointed or reported or paragraph:
            nearest = _referent(pointed, previous) if pointed else paragraph[-1] if paragraph else main
            event = reported or nearest
            # Hosts and partners need the sentence to point back at the event; speakers' cues are enough.
            kept = ("host", "speaker", "partner") if pointed or paragraph else ("speaker",)
            if pointed or _names_series(ctx.text, s, e, event):  # "les Trophées sont organisés par X"
                kept += ("organizer",)
            roles = [(r, v) for r, v in stated_roles(ctx, s, e) if r in kept]
            if reported or paragraph:
                roles += subject_roles(ctx, s, e, ("speaker",))
            if reported:
                roles += [("organizer", v) for v in site_organizers(ctx, s, e)]
            for person, line_start, line_end in speaker_list(ctx, s, e):
                yield Fact(FAMILY, event.kind, (("label", event.name), ("speaker", person)),
                           Evidence.of(ctx.post, line_start, line_end), ("label",))
        if roles:
            yield Fact(FAMILY, event.kind, (("label", event.name), *dict.fromkeys(roles)),
                       Evidence.of(ctx.post, s, e), ("label",))


def _names_series(text: str, start: int, end: int, event: Anchor) -> bool:
    """Whether a sentence names the event by its head word and an article ("les Trophées")."""
    head = event.name.split()[0] if event.name else ""
    named = re.search(rf"\b(?:les|le|la|l')\s*{re.escape(head)}\b", text[start:end])
    return len(head) > 3 and named is not None


def _referent(pointed: re.Match[str], previous: list[Anchor]) -> Anchor:
    """The event "le salon" or "cette soirée" points back at: the last one of the kind its head word
    names, else the last one named."""
    pattern, kinds = _heads()
    head = pattern.search(pointed.group())
    kind = kinds.get(rules.fold(head.group("head"))) if head else None
    return next((a for a in reversed(previous) if a.kind == kind), previous[-1])


