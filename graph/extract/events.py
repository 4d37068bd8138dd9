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
    accent_free,
    domain_words,
    find_dates,
    listed_refs,
    name_end,
    ref_of,
    sentence_at,
    sentences,
    year_in,
)
from graph.model import ORG_KINDS, PERSON, PLACE, Evidence, Fact, Mention, Ref

RULES = "rules/events"
FAMILY = "events"
_ORDINAL_SUFFIX = r"(?:e|ème|eme|è|er|re|ère|ere)"
_VENUE = re.compile(
    r"\b(?:au|à l'|à la)\s+((?:Théâtre|Theatre|Palais|Pavillon|Espace|Centre|Musée|Hôtel|Hotel|Salle|Maison|"
    r"Carrousel|Parc|Cité|Campus)\s+[A-ZÀ-Ý][\w\-']*(?:\s+(?:de |du |des |d')?[A-ZÀ-Ý0-9][\w\-']*){0,3})")
_QUOTED_NAME = re.compile(r'\s*"([^"\n]{5,150})"')
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


@cache
def _ordinal_words() -> dict[str, int]:
    return {rules.fold(k): v for k, v in rules.load(RULES)["ordinals"].items()}


@cache
def _ordinal_pattern() -> str:
    words = "|".join(sorted((re.escape(w) for w in rules.load(RULES)["ordinals"]), key=len, reverse=True))
    return rf"(?:\d{{1,3}}\s?{_ORDINAL_SUFFIX}|{words})"


def ordinal_value(text: str) -> int | None:
    m = re.match(r"(\d{1,3})", text)
    return int(m.group(1)) if m else _ordinal_words().get(rules.fold(text))


@cache
def _heads() -> tuple[re.Pattern[str], dict[str, str]]:
    kind_of: dict[str, str] = {}
    for kind, words in rules.load(RULES)["kinds"].items():
        for word in words:
            kind_of[rules.fold(word)] = kind
    alternatives = "|".join(sorted((accent_free(w) for w in kind_of), key=len, reverse=True))
    pattern = re.compile(
        rf"(?i)(?:\b(?P<ord>{_ordinal_pattern()})\s+)?\b(?P<head>{alternatives})\b", re.UNICODE)
    return pattern, kind_of


@cache
def _cues(field_name: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(rules.load(RULES)[field_name]) + ")", re.IGNORECASE)


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
    possessive, verbs, not_events = _cues("possessive"), _cues("organizer_verbs"), _cues("not_events")
    anchors: list[Anchor] = []
    for m in pattern.finditer(text):
        s_start, s_end = sentence_at(spans, m.start())
        head_start, head_end = m.start("head"), m.end("head")
        quoted = _QUOTED_NAME.match(text, head_end, s_end)
        if quoted:  # Conférence "Retour de la DMA 2013 Chicago: ...": the title is the name
            anchors.append(Anchor(quoted.start(1), quoted.end(1), kinds[rules.fold(m.group("head"))],
                                  quoted.group(1)))
            continue
        end = name_end(text, head_end, s_end, domain)
        kind = kinds[rules.fold(m.group("head"))]
        edition = ordinal_value(m.group("ord")) if m.group("ord") else None
        before = text[s_start:m.start()]
        if not_events.search(before[-30:]):
            continue
        owner: list[Ref] = []
        if re.search(rf"(?:{possessive.pattern})\s*$", before, re.IGNORECASE) or verbs.search(before[-60:]):
            orgs = _orgs_before(ctx, s_start, m.start())
            # The subject: the organization that opens the sentence, else the one nearest the verb.
            opens = orgs and re.fullmatch(r"[\s\-*]*(?:l'|le |la |les )?", text[s_start:orgs[0].start], re.I)
            owner = [ref_of(x) for x in (orgs[:1] if opens else orgs[-1:])]
        anchor = _named(ctx, head_start, head_end, end, kind, owner, edition)
        if anchor:
            anchors.append(anchor)
    for m in _cues("during").finditer(text):
        s_start, s_end = sentence_at(spans, m.start())
        if not text[m.end():m.end() + 1].isupper() and not text[m.end():m.end() + 1].isdigit():
            continue
        end = name_end(text, m.end(), s_end, domain)
        if len(text[m.end():end].split()) >= 2 and not any(a.start <= m.end() < a.end for a in anchors):
            first_word = m.end() + len(text[m.end():end].split()[0])
            anchor = _named(ctx, m.end(), first_word, end, kind_of_name(text[m.end():end]), [], None)
            if anchor:
                anchors.append(anchor)
    anchors.sort(key=lambda a: a.start)
    kept: list[Anchor] = []
    for a in anchors:
        if kept and a.start < kept[-1].end:
            continue
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
        if re.search(r"\b(?:du|de la|des|de)\s+$", glue):
            continue  # "Conférence des 10 tendances du Sens du client": the organization names the series
        organizers.extend(ref_of(x) for x in ctx.mentions_in(m.start, end) if x.kind in ORG_KINDS)
        end = start + len(re.sub(r"(?:\s+de l'|\s+d'|\s+du|\s+de la|\s+des|\s+de)?\s*$", "",
                                 text[start:m.start]))
        break
    after = re.match(r"\s+", text[end:end + 3])
    follow = [x for x in ctx.mentions if after and x.start == end + after.end() and x.kind in ORG_KINDS]
    if year_in(text[start:end]) and follow:
        organizers.append(ref_of(follow[0]))  # "Forum de l'expérience client 2014 Les Echos"
    name = text[start:end].strip()
    if end <= head_end:
        owner = owner or organizers[:1]  # "la convention de l'AMARC" is the AMARC's convention
        if not owner:
            return None
        name = f"{name} {owner[0].name}"
    organizers = owner + [o for o in organizers if o not in owner]
    return Anchor(start, end, kind, name, organizers, edition)


def _label(name: str, year: str | None) -> str:
    label = name[:1].upper() + name[1:]
    return label if year_in(label) or not year else f"{label} {year}"


def _series(name: str) -> str:
    return rules.fold(re.sub(r"\b(?:19|20)\d\d\b", "", name)).strip()


def _agenda_entries(text: str, body_start: int) -> list[tuple[int, int, int]]:
    """(line start, line end, entry end) of each body line that is only a date: an agenda entry, which
    runs to the next such line or to the first bullet list."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.start() >= body_start]
    heads = []
    for s, e in lines:
        line = re.sub(r"\s*\([^)]*\)\s*$", "", text[s:e]).strip(" :-")
        if any(p.fullmatch(line) for p in (DATE_DAY, DATE_RANGE)):
            heads.append((s, e))
    entries = []
    for i, (s, e) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else min(len(text), e + 1500)
        bullet = re.search(r"\n\s*[-*]\s", text[e:stop])
        entries.append((s, e, e + bullet.start() if bullet else stop))
    return entries


def _date_for(dates: list[FoundDate], start: int, end: int, pos: int) -> FoundDate | None:
    inside = [d for d in dates if start <= d.begin and d.stop <= end]
    after = [d for d in inside if d.begin >= pos]
    return (after or inside[::-1] or [None])[0]


def _roles(ctx: PostContext, start: int, end: int) -> list[tuple[str, Ref]]:
    """Organizers, partners, hosts and speakers stated in ``text[start:end]``."""
    found: list[tuple[str, Ref]] = []
    text = ctx.text
    for role, cues in rules.load(RULES)["roles"].items():
        kinds = (PERSON,) if role in ("host", "speaker") else None
        for m in re.finditer("(?i)(?:" + "|".join(cues) + ")", text[start:end]):
            cue_end = start + m.end()
            stop = re.search(r"[.;:!?\n]|\s(?:pour|qui|lors|se tiendra|sur le thème)\b", text[cue_end:end])
            for ref in listed_refs(ctx, cue_end, cue_end + stop.start() if stop else end, kinds):
                found.append((role, ref))
    return found


def _locations(ctx: PostContext, start: int, end: int) -> list[Ref]:
    text = ctx.text
    places = [Ref(m.group(1), PLACE) for m in _VENUE.finditer(text, start, end)]
    for m in ctx.mentions_in(start, end):
        if _PLACE_CUE.search(text[max(start, m.start - 14):m.start]) and (
                m.kind == PLACE or "sein" in text[max(start, m.start - 14):m.start]):
            places.append(Ref(m.text, PLACE))
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
    placed = []
    series_year: dict[str, str] = {}
    for a in anchors:
        s, e = sentence_at(spans, a.start)
        win_start, win_end, when = windows.get(id(a), (s, e, None))
        when = when or _date_for(dates, s, e, a.end)
        year = year_in(a.name) or (when.start[:4] if when else None)
        if year:
            series_year.setdefault(_series(a.name), year)
        placed.append((a, s, e, win_start, win_end, when, year))
    for a, s, e, win_start, win_end, when, year in placed:
        label = _label(a.name, year or series_year.get(_series(a.name)))
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
        roles += _roles(ctx, win_start, win_end)
        roles += [("location", p) for p in _locations(ctx, win_start, win_end)]
        yield Fact(FAMILY, a.kind, tuple(dict.fromkeys(roles)), Evidence.of(post, s, e), ("label",))
        a.name = label  # later anaphors name the event by its label
    yield from _anaphors(ctx, spans, anchors)


def _anaphors(ctx: PostContext, spans: list[tuple[int, int]], anchors: list[Anchor]) -> Iterator[Fact]:
    """Roles stated in a sentence that refers back to the last event named ("cette soirée")."""
    named = {sentence_at(spans, a.start) for a in anchors}
    # The post's main event (its most named series) is what "cette soirée" refers to.
    counts = Counter(_series(a.name) for a in anchors)
    main = sorted(anchors, key=lambda a: (-counts[_series(a.name)], a.start))[:1]
    anaphor = _cues("anaphors")
    for s, e in spans:
        if (s, e) in named or not anaphor.search(ctx.text, s, e):
            continue
        previous = [a for a in anchors if a.start < s]
        if not previous:
            continue
        event = main[0] if main else previous[-1]
        roles = [(r, v) for r, v in _roles(ctx, s, e) if r in ("host", "speaker", "partner")]
        if roles:
            yield Fact(FAMILY, event.kind, (("label", event.name), *dict.fromkeys(roles)),
                       Evidence.of(ctx.post, s, e), ("label",))
