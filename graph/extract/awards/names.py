"""The names an award passage is made of (prize series and prize names, winners, the year) and the post's
setting; ``Series``, ``Conferral`` and ``Setting`` are what the shapes of the sibling modules hand on."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import fallback_name
from graph.extract.awards.vocab import find, words
from graph.model import PERSON, PLACE, Mention, Ref
from graph.names import is_person_name, looks_proper

EVIDENCE_LIMIT = 200
# Between two names of a run ("A, B et C"); a parenthesis after a name describes it
# ("Vobix (courtage en ligne)").
ITEM_GLUE = re.compile(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:[,;]\s*(?:et\s+)?|\s+et\s+)")

YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_TOKEN = re.compile(r"[ \t]*(\"[^\"\n]{1,60}\"|[^\W_][\w'\-/.&]*[\w]|[^\W_]|/)")
WORD = re.compile(r"[^\W_][\w'\-.]*|[^\s\w]")
_ELIDED = re.compile(r"^[ldLD]'")
# Where the winner named after an award line's colon ends: "Kalyxo, filiale de ...", "MAIF (@MAIF), pour ...".
RECIPIENT_END = re.compile(r"\s*[,;(]|\s+[-–—]\s|\.(?:\s|$)|\s+(?:pour|qui|avec|grâce|dont)\s")
_DESCRIBED_NAME = re.compile(
    r"^(?:[a-zà-ÿ'’-]+\s+){1,5}([A-ZÀ-Ý][\w'’&.-]*(?:\s+[A-ZÀ-Ý0-9][\w'’&.-]*){0,3})$"
)


@dataclass(frozen=True)
class Series:
    """A prize series or ceremony named in the text ("Palmes de la Relation client", 2013)."""

    name: str
    year: int | None
    start: int
    end: int

    @property
    def event(self) -> str | None:
        return f"{self.name} {self.year}" if self.year else None


@dataclass(frozen=True)
class Conferral:
    """One prize given to one recipient, before it becomes a Fact."""

    recipient: Ref
    award: str
    start: int  # the passage that states it
    end: int
    category: str | None = None
    year: int | None = None
    rank: int | None = None
    event: str | None = None
    project: str | None = None
    conferred_by: Ref | None = None
    series: str | None = None  # the series whose list or ceremony the prize belongs to
    weak: bool = False  # an apposition: kept only when the post says nothing firmer about the recipient


# --- names in the text ------------------------------------------------------------------------------------


def name_end(ctx: PostContext, pos: int, limit: int) -> tuple[int, int | None]:
    """Where a prize name that has read up to ``pos`` ends, and the year written inside it."""
    text, org_starts = ctx.text, _org_starts(ctx)
    cursor = end = pos
    year, count = None, 0
    pending = ""  # the connector read since the last word of the name
    while count < 9:
        m = _TOKEN.match(text, cursor, limit)
        if not m:
            break
        word, count, cursor = m.group(1), count + 1, m.end()
        folded, begin = rules.fold(word), m.start(1)
        if YEAR.fullmatch(word):
            year, end, pending = int(word), m.end(), ""
            continue
        if folded in words("name_stops") and not pending:
            break
        if (
            (begin in org_starts and (pending or count > 1))
            or begin + 2 in org_starts
            and _ELIDED.match(word)
        ):
            # "24 heures de la Relation Client de l'AFRC": the organizer is no part of the name; right
            # after the head word it is ("Trophée Exemplia").
            break
        if pending in words("place_connectors") and begin in _place_starts(ctx):
            break  # "Trophées de l'Accueil 2015 au Grand Rex": the venue is no part of the name
        if folded in words("connectors"):
            pending = folded
            continue
        elided = _ELIDED.match(word) is not None
        if elided and folded[2:] in words("name_stops"):
            break
        if (
            word.startswith('"')
            or word[:1].isupper()
            or word[:1].isdigit()
            or pending
            or folded in words("name_words")
            or elided
            and (word[2:3].isupper() or folded[2:] in words("name_words"))
        ):
            end, pending = m.end(), ""
            continue
        break
    return end, year


def _org_starts(ctx: PostContext) -> frozenset[int]:
    return frozenset(m.start for m in ctx.mentions if m.kind not in (PERSON, PLACE))


def _place_starts(ctx: PostContext) -> frozenset[int]:
    return frozenset(m.start for m in ctx.mentions if m.kind == PLACE)


def clean_name(text: str) -> str:
    """A prize name as written, without its year, quotes and doubled spaces."""
    text = YEAR.sub(" ", text).replace('"', " ").replace("«", " ").replace("»", " ")
    return " ".join(text.split()).strip(" -,:;")


def series_in(ctx: PostContext, start: int, end: int) -> list[Series]:
    """The prize series named (with a capital) in ``text[start:end]``."""
    found: list[Series] = []
    text = ctx.text
    for m in find("series_heads", text, start, end):
        if m.start() < (found[-1].end if found else 0) or not (
            text[m.start()].isupper() or text[m.start()].isdigit()
        ):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum()):
            continue
        stop, year = name_end(ctx, m.end(), end)
        name = clean_name(ctx.post.text[m.start() : stop])
        if len(name.split()) < 2:
            continue
        if year is None:
            after = re.match(r"\s+((?:19|20)\d\d)\b", text[stop:end])
            year = int(after.group(1)) if after else None
        found.append(Series(name, year, m.start(), stop))
    return found


# "cette catégorie et sa progression", "ce prix": the head points back at a prize named before.
_DEMONSTRATIVE = re.compile(r"(?i)\b(?:ce|cet|cette|ces)\s+$")


def prizes_named(ctx: PostContext, start: int, end: int) -> list[Series]:
    """The prizes named after a head word in ``text[start:end]``, capitalised or not ("le trophée Open to
    Listen 2016"); a bare head ("le Label"), or one after a demonstrative ("ce prix"), stands for the last
    prize of that head named before it."""
    text, found = ctx.text, []
    for head in find("award_heads", text, start, end):
        if not starts_word(text, head.start()):
            continue
        stop, year = name_end(ctx, head.end(), end)
        name = clean_name(ctx.post.text[head.start() : stop])
        pointed = _DEMONSTRATIVE.search(text, max(0, head.start() - 6), head.start())
        if len(name.split()) >= 2 and not pointed:
            found.append(Series(name, year, head.start(), stop))
            continue
        word = rules.fold(name.split()[0])
        found += [s for s in prizes_named(ctx, 0, head.start()) if rules.fold(s.name).split()[0] == word][-1:]
    return found


def heading_series(ctx: PostContext, start: int, end: int) -> Series | None:
    """The prize a list's heading names: the last outside parentheses (an aside names other prizes)."""
    text = ctx.text
    asides = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text[start:end])]
    named = sorted(series_in(ctx, start, end) + prizes_named(ctx, start, end), key=lambda s: s.start)
    outside = [s for s in named if not any(a <= s.start - start < b for a, b in asides)]
    return outside[-1] if outside else None


def _winners_series(ctx: PostContext) -> list[Series]:
    """ "tous les lauréats des Trophées X", "le palmarès du Prix Y": the series its winners are said to be of,
    anywhere in the post (read when the title and the lead line name none)."""
    found: list[Series] = []
    for cue in find("list_triggers", ctx.text, ctx.post.body_start):
        of = re.match(r"\s+(?:de la |de l'|des |du |de |d')", ctx.text[cue.end() : cue.end() + 12])
        if of:
            at = cue.end() + of.end()
            found += [s for s in series_in(ctx, at, min(len(ctx.text), at + 120)) if s.start == at]
    return found


def _quoted_series(ctx: PostContext, start: int, end: int) -> list[Series]:
    """'le label "Service Client Référence"', 'les trophées « Cap »': a quoted name after a head word."""
    text, found = ctx.text, []
    for field in ("series_heads", "award_heads"):
        for head in find(field, text, start, end):
            quoted = re.match(r"\s*:?\s*\"([^\"\n]{3,60})\"", text[head.end() : end])
            if quoted and starts_word(text, head.start()):
                name_start = head.end() + quoted.start(1)
                name = clean_name(ctx.post.text[name_start : head.end() + quoted.end(1)])
                year = YEAR.search(text[name_start : head.end() + quoted.end(1)])
                found.append(
                    Series(name, int(year.group()) if year else None, name_start, name_start + len(name))
                )
    return sorted(found, key=lambda series: series.start)


def entity_in(ctx: PostContext, start: int, end: int) -> Ref | None:
    """The person or organization a short span names: a mention filling it, else the span as a name."""
    text = ctx.text
    while start < end and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    lead = re.match(r"(?:l'|la |le |les )", text[start:end])
    if lead:
        start += lead.end()
    if start >= end:
        return None
    found = [m for m in ctx.mentions_in(start, end) if m.kind != PLACE]
    article = re.match(r"(?:L'|Le |Les )", text[start:end])  # "Le Club d'Arc", the mention "Club d'Arc"
    for m in found:
        if m.end == end and (m.start == start or article and m.start == start + article.end()):
            return as_ref(m)
    surface = ctx.post.text[start:end]
    tokens = surface.split()
    if not tokens or len(tokens) > 7 or not (surface[:1].isupper() or looks_proper(tokens[0])):
        if len(found) == 1:
            return Ref(found[0].text, found[0].kind)
        described = _DESCRIBED_NAME.search(surface)  # "la jeune pousse lyonnaise Pivolo": the name ends it
        return Ref(described.group(1), "Company", certain=True) if described and len(tokens) <= 7 else None
    kind = (
        found[0].kind
        if found and found[0].start == start
        else (PERSON if is_person_name(surface) else "Company")
    )
    return Ref(surface, kind, certain=kind != PERSON)  # the list's shape makes the whole span a name


def name_like(text: str) -> bool:
    """Words that can all belong to a name: capitalized or brand-shaped, or connectors between them."""
    tokens = re.sub(r"^(?:l'|L'|la |La |le |Le |les |Les )", "", text.strip()).split()
    return (
        0 < len(tokens) <= 7
        and looks_proper(tokens[0])
        and all(
            looks_proper(t) or rules.fold(t) in words("connectors") or not t[:1].isalpha() for t in tokens
        )
    )


def listed_name(text: str) -> bool:
    """A list item's words that can be a name: name-like, or a few capitalised words ("Ormeau Services",
    where "ormeau" is also a common word): the list's shape says the rest."""
    tokens = text.split()
    return name_like(text) or (
        0 < len(tokens) <= 5
        and tokens[0][:1].isupper()
        and all(t[:1].isupper() or t[:1].isdigit() or rules.fold(t) in words("connectors") for t in tokens)
    )


def mention_at(ctx: PostContext, pos: int, kinds: tuple[str, ...] | None = None) -> Mention | None:
    """The mention that starts at ``pos`` (after spaces, an article or an elided "l'")."""
    m = re.match(r"\s*(?i:l'|d'|la |le |les )?", ctx.text[pos:])
    begin = pos + (m.end() if m else 0)
    for mention in ctx.mentions:
        at = mention.start in (begin, pos + len(ctx.text[pos:]) - len(ctx.text[pos:].lstrip()))
        if at and mention.kind != PLACE and (kinds is None or (mention.kind == PERSON) == (PERSON in kinds)):
            # "Staples Direct-JPG": a hyphenated tail the mention left out is part of the name
            tail = re.match(r"-[A-Z0-9][\w.]*", ctx.text[mention.end :])
            if tail:
                end = mention.end + tail.end()
                return replace(mention, end=end, text=ctx.post.text[mention.start : end])
            return mention
    return None


def subject_before(ctx: PostContext, start: int, verb: int, person: bool | None) -> Mention | None:
    """The nearest person (or organization) named before the verb in its sentence, outside parentheses."""
    best = None
    for m in ctx.mentions_in(start, verb):
        if m.kind == PLACE or (person is not None and (m.kind == PERSON) != person):
            continue
        if ctx.text[start : m.start].count("(") > ctx.text[start : m.start].count(")"):
            continue
        best = m
    return best


def as_ref(mention: Mention | None) -> Ref | None:
    if mention is None:
        return None
    if mention.kind == PERSON and len(mention.text.split()) < 2:
        return Ref(mention.text, "Company")  # a one-word prize winner ("Beecitiz") is no person's surname
    return Ref(mention.text, mention.kind)


def recipient_at(ctx: PostContext, pos: int, end: int) -> Ref | None:
    """The winner named from ``pos`` on: a mention there, else the name up to its clause's end."""
    mention = mention_at(ctx, pos)
    if mention is not None and mention.start < end:
        return as_ref(mention)
    clause = RECIPIENT_END.search(ctx.text, pos, end)
    clause_end = clause.start() if clause else end
    # "Client Hebdo après un vote": a capitalized name ends where the lower-case words begin
    name = fallback_name(
        ctx.text, pos + len(ctx.text[pos:clause_end]) - len(ctx.text[pos:clause_end].lstrip()), clause_end
    )
    if name and not name_like(ctx.text[pos:clause_end]):
        clause_end = ctx.text.index(name, pos) + len(name)
    return entity_in(ctx, pos, clause_end)


def role_award_start(text: str, floor: int, mark: int) -> int | None:
    """Walk back from "de l'année" over the words of a role name; the start of its leftmost head word."""
    heads = words("role_heads") | words("year_award_heads")
    window = text[max(floor, mark - 90) : mark]
    base = mark - len(window)
    start = None
    for m in reversed(list(WORD.finditer(window))):
        word = m.group()
        folded = rules.fold(word)
        if (
            folded in words("elected")
            and start is not None
            and rules.fold(text[start:mark]).split()[0] in heads
        ):
            break  # "élue meilleure conseillère": the verb, not the "Élu Service Client" brand
        if folded in heads:
            start = base + m.start()
        elif (
            folded in words("connectors")
            or folded in words("name_words")
            or (word[:1].isupper() and word.isalpha())
        ):
            continue
        else:
            break
    return start


def starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


# --- the post's setting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """What a post is about: the prize series named in its title or lead line, and its year."""

    series: Series | None
    year: int | None
    conferrer: Ref | None


def setting_of(ctx: PostContext) -> Setting:
    """The post's setting, worked out once per post: the learned prize ranker asks for it per candidate."""
    return ctx.once("awards.setting", _find_setting)


def _find_setting(ctx: PostContext) -> Setting:
    text, post = ctx.text, ctx.post
    lead_end = text.find("\n", post.body_start)
    lead_end = len(text) if lead_end < 0 else lead_end
    series = next(
        iter(
            series_in(ctx, 0, post.body_start)
            + series_in(ctx, post.body_start, lead_end)
            + _quoted_series(ctx, 0, lead_end)
            + _winners_series(ctx)
        ),
        None,
    )
    year = series.year if series and series.year else post.year
    if year is None and post.title:
        title_year = YEAR.search(post.title)
        year = int(title_year.group()) if title_year else None
    if year is None:
        edition = re.search(r"(?:édition|edition|lauréats|palmarès)\s+((?:19|20)\d\d)\b", text)
        year = int(edition.group(1)) if edition else None
    conferrer = None
    for cue in find("conferrer_cues", text):
        mention = mention_at(ctx, cue.end(), ORG_ONLY)
        if mention:
            conferrer = as_ref(mention)
            break
    return Setting(series, year, conferrer)


ORG_ONLY = ("Organization",)


# --- what the shapes share ------------------------------------------------------------------------------


def year_before(ctx: PostContext, setting: Setting, start: int, end: int) -> int | None:
    """The year a clause dates a prize to: one before the post's edition when it says "l'an passé"."""
    if setting.year and any(True for _ in find("last_year", ctx.text, start, end)):
        return setting.year - 1
    return None


def series_award(series: Series | None, year: int | None, category: str | None) -> str:
    name = series.name if series else "Prix"
    dated = f"{name} {year}" if year else name
    return f"{dated} - {category}" if category else dated


def evidence_span(sentence: tuple[int, int], core_start: int, core_end: int) -> tuple[int, int]:
    """The sentence, or a window of it around the core when it is too long to quote."""
    s, e = sentence
    if e - s <= EVIDENCE_LIMIT:
        return s, e
    s = max(s, core_start - 40)
    return s, min(e, max(core_end + 40, s + 60), s + EVIDENCE_LIMIT)


def singular_head(name: str) -> str:
    """ "Trophées Qualiweb" names the series; one prize of it is a "Trophée Qualiweb"."""
    head, _, rest = name.partition(" ")
    plural = rules.load("rules/awards")["plural_prizes"].get(rules.fold(head))
    if not plural:
        return name
    singular = head[0] + plural[1:] if head[:1].isupper() else plural
    return f"{singular} {rest}".strip()


def names_its_giver(recipient: str, *prize_texts: str | None) -> bool:
    """A prize named after the one said to win it ("Qualiweb" and the "Trophées Qualiweb") names its giver:
    the name is no recipient of it."""
    name = rules.fold(recipient)
    return bool(name) and any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", rules.fold(t)) for t in prize_texts if t
    )
