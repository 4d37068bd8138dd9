"""Award conferrals: who received which prize, in which category, at which ceremony, in which year.

Shapes read (vocabularies in ``data/rules/awards.yaml``):
- award lines "Palme Innovation Catégorie Expérience client : La Banque Postale IARD", "Catégorie « A » : Y",
  "Grand Prix X : Y pour <Project>";
- "Y pour la Palme X" at the start of a paragraph;
- winner lists under a heading that names them ("Les 27 lauréats 2014 :"), one "Y (Catégorie) ..." per
  bullet, with the previous holders that the bullet names ("succède à BNP Paribas vainqueur l'an passé");
- prizes named after a role: "X est le Directeur Relation Client de l'année 2013, suivi de Y (A) et Z (B)",
  "X a été élue meilleure conseillère client de France 2013 lors des 24 heures ...", "X, Directeur ... de
  l'année", podium places ("Y et Z ... respectivement la deuxième et la troisième place");
- "X remporte le Prix Y", "G a décerné son prix "Coup de cœur" à X", "l'édition 2013 a récompensé X et Y".
The ceremony and the year come from the sentence, the list heading or the post's own subject (its title or
lead line: "Palmes de la Relation client 2013 : ..."). An event is named "<series name> <year>", as the
events extractor names it, and only when the year is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import fallback_name, lines, sentences_in
from graph.mentions import is_person_name, looks_proper
from graph.model import PERSON, PLACE, Evidence, Fact, Mention, Ref

RULES = "rules/awards"
FAMILY = "awards"
IDENTITY = ("recipient", "award", "year")
EVIDENCE_LIMIT = 200

_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_BULLET = re.compile(r"[ \t]*-[ \t]+")  # "•" is "-" in the plain text
_TOKEN = re.compile(r"[ \t]*(\"[^\"\n]{1,60}\"|[^\W_][\w'\-/.&]*[\w]|[^\W_]|/)")
_WORD = re.compile(r"[^\W_][\w'\-.]*|[^\s\w]")
_ELIDED = re.compile(r"^[ldLD]'")
_LIST_ITEM = re.compile(r"\s*(?P<rec>[^()\n:]{1,70}?)\s*\((?P<cat>[^()\n@#]{2,90})\)")
# Where the winner named after an award line's colon ends: "Kalyxo, filiale de ...", "MAIF (@MAIF), pour ...".
_RECIPIENT_END = re.compile(r"\s*[,;(]|\s+[-–—]\s|\.(?:\s|$)|\s+(?:pour|qui|avec|grâce|dont)\s")
_OWN_PROJECT = re.compile(r"\bpour\s+(?:sa|son|ses|leur|leurs)\s+[^\"\n]{0,60}?\"([^\"\n]{2,60})\"")
_DESCRIBED_NAME = re.compile(
    r"^(?:[a-zà-ÿ'’-]+\s+){1,5}([A-ZÀ-Ý][\w'’&.-]*(?:\s+[A-ZÀ-Ý0-9][\w'’&.-]*){0,3})$"
)
_CATEGORY_SPLIT = re.compile(r"\s+et\s+(?=[A-ZÀ-Ý])")


@cache
def _words(field: str) -> frozenset[str]:
    return rules.word_set(RULES, field)


@cache
def _phrases(field: str) -> re.Pattern[str]:
    """A regex matching any phrase of a rules list in folded text, longest first, on word boundaries."""
    return _phrase_regex(rules.load(RULES)[field])


@cache
def _rank_phrases() -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple(
        (_phrase_regex(phrases), int(rank)) for rank, phrases in rules.load(RULES)["podium_ranks"].items()
    )


def _phrase_regex(words: list[str]) -> re.Pattern[str]:
    # Folded as the text is, character by character ("cœur" is "cour" there, "coeur" stays "coeur").
    phrases = sorted({_fold_chars(p) for p in words}, key=len, reverse=True)
    # Word boundaries only where the phrase has a word's edge: a phrase ending in an elided article
    # ("suivi d'") runs straight into the next word, and ", et" or " et " bring their own edges.
    alternatives = (
        (r"(?<![\w'])" if p[:1].isalnum() else "") + re.escape(p) + (r"(?![\w'])" if p[-1:].isalnum() else "")
        for p in phrases
    )
    return re.compile("(?:" + "|".join(alternatives) + ")")


def _find(field: str, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The phrases of a rules list in ``text[start:end]``, matched folded; offsets are offsets in ``text``."""
    return _phrases(field).finditer(_folded(text), start, len(text) if end is None else end)


def _fold_chars(text: str) -> str:
    """The text folded character by character, so that offsets stay the same."""
    return "".join(" " if c.isspace() else (rules.fold(c) or c)[:1] for c in text)


_folded = lru_cache(maxsize=8)(_fold_chars)


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


def _name_end(ctx: PostContext, pos: int, limit: int) -> tuple[int, int | None]:
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
        if _YEAR.fullmatch(word):
            year, end, pending = int(word), m.end(), ""
            continue
        if folded in _words("name_stops") and not pending:
            break
        if begin in org_starts or begin + 2 in org_starts and _ELIDED.match(word):
            break  # "24 heures de la Relation Client de l'AFRC": the organizer is no part of the name
        if pending in _words("place_connectors") and begin in _place_starts(ctx):
            break  # "Trophées de l'Accueil 2015 au Grand Rex": the venue is no part of the name
        if folded in _words("connectors"):
            pending = folded
            continue
        elided = _ELIDED.match(word) is not None
        if elided and folded[2:] in _words("name_stops"):
            break
        if (
            word.startswith('"')
            or word[:1].isupper()
            or word[:1].isdigit()
            or pending
            or folded in _words("name_words")
            or elided
            and (word[2:3].isupper() or folded[2:] in _words("name_words"))
        ):
            end, pending = m.end(), ""
            continue
        break
    return end, year


def _org_starts(ctx: PostContext) -> frozenset[int]:
    return frozenset(m.start for m in ctx.mentions if m.kind not in (PERSON, PLACE))


def _place_starts(ctx: PostContext) -> frozenset[int]:
    return frozenset(m.start for m in ctx.mentions if m.kind == PLACE)


def _clean_name(text: str) -> str:
    """A prize name as written, without its year, quotes and doubled spaces."""
    text = _YEAR.sub(" ", text).replace('"', " ").replace("«", " ").replace("»", " ")
    return " ".join(text.split()).strip(" -,:;")


def series_in(ctx: PostContext, start: int, end: int) -> list[Series]:
    """The prize series named (with a capital) in ``text[start:end]``."""
    found: list[Series] = []
    text = ctx.text
    for m in _find("series_heads", text, start, end):
        if m.start() < (found[-1].end if found else 0) or not (
            text[m.start()].isupper() or text[m.start()].isdigit()
        ):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum()):
            continue
        stop, year = _name_end(ctx, m.end(), end)
        name = _clean_name(ctx.post.text[m.start() : stop])
        if len(name.split()) < 2:
            continue
        if year is None:
            after = re.match(r"\s+((?:19|20)\d\d)\b", text[stop:end])
            year = int(after.group(1)) if after else None
        found.append(Series(name, year, m.start(), stop))
    return found


def _quoted_series(ctx: PostContext, start: int, end: int) -> list[Series]:
    """'le label "Service Client Référence"', 'les trophées « Cap »': a quoted name after a head word."""
    text, found = ctx.text, []
    for field in ("series_heads", "award_heads"):
        for head in _find(field, text, start, end):
            quoted = re.match(r"\s*:?\s*\"([^\"\n]{3,60})\"", text[head.end() : end])
            if quoted and _starts_word(text, head.start()):
                name_start = head.end() + quoted.start(1)
                name = _clean_name(ctx.post.text[name_start : head.end() + quoted.end(1)])
                year = _YEAR.search(text[name_start : head.end() + quoted.end(1)])
                found.append(
                    Series(name, int(year.group()) if year else None, name_start, name_start + len(name))
                )
    return sorted(found, key=lambda series: series.start)


def _entity_in(ctx: PostContext, start: int, end: int) -> Ref | None:
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
            return _ref(m)
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


def _name_like(text: str) -> bool:
    """Words that can all belong to a name: capitalized or brand-shaped, or connectors between them."""
    tokens = re.sub(r"^(?:l'|L'|la |La |le |Le |les |Les )", "", text.strip()).split()
    return (
        0 < len(tokens) <= 7
        and looks_proper(tokens[0])
        and all(
            looks_proper(t) or rules.fold(t) in _words("connectors") or not t[:1].isalpha() for t in tokens
        )
    )


def _mention_at(ctx: PostContext, pos: int, kinds: tuple[str, ...] | None = None) -> Mention | None:
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


def _subject(ctx: PostContext, start: int, verb: int, person: bool | None) -> Mention | None:
    """The nearest person (or organization) named before the verb in its sentence, outside parentheses."""
    best = None
    for m in ctx.mentions_in(start, verb):
        if m.kind == PLACE or (person is not None and (m.kind == PERSON) != person):
            continue
        if ctx.text[start : m.start].count("(") > ctx.text[start : m.start].count(")"):
            continue
        best = m
    return best


def _ref(mention: Mention | None) -> Ref | None:
    if mention is None:
        return None
    if mention.kind == PERSON and len(mention.text.split()) < 2:
        return Ref(mention.text, "Company")  # a one-word prize winner ("Beecitiz") is no person's surname
    return Ref(mention.text, mention.kind)


# --- the post's setting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """What a post is about: the prize series named in its title or lead line, and its year."""

    series: Series | None
    year: int | None
    conferrer: Ref | None


def setting_of(ctx: PostContext) -> Setting:
    text, post = ctx.text, ctx.post
    lead_end = text.find("\n", post.body_start)
    lead_end = len(text) if lead_end < 0 else lead_end
    series = next(
        iter(
            series_in(ctx, 0, post.body_start)
            + series_in(ctx, post.body_start, lead_end)
            + _quoted_series(ctx, 0, lead_end)
        ),
        None,
    )
    year = series.year if series and series.year else post.year
    if year is None and post.title:
        title_year = _YEAR.search(post.title)
        year = int(title_year.group()) if title_year else None
    if year is None:
        edition = re.search(r"(?:édition|edition|lauréats|palmarès)\s+((?:19|20)\d\d)\b", text)
        year = int(edition.group(1)) if edition else None
    conferrer = None
    for cue in _find("conferrer_cues", text):
        mention = _mention_at(ctx, cue.end(), ORG_ONLY)
        if mention:
            conferrer = _ref(mention)
            break
    return Setting(series, year, conferrer)


ORG_ONLY = ("Organization",)


# --- the shapes -------------------------------------------------------------------------------------------


def _head_at(text: str, pos: int, field: str = "award_heads") -> re.Match[str] | None:
    """An award head word at ``pos`` (capitalized), as a match in folded text."""
    m = _phrases(field).match(_folded(text), pos, pos + 40)
    return m if m and (text[pos].isupper() or text[pos] == '"') else None


def _year_before(ctx: PostContext, setting: Setting, start: int, end: int) -> int | None:
    """The year a clause dates a prize to: one before the post's edition when it says "l'an passé"."""
    if setting.year and any(True for _ in _find("last_year", ctx.text, start, end)):
        return setting.year - 1
    return None


def award_lines(
    ctx: PostContext, setting: Setting, start: int, end: int, heading: Series | None
) -> list[Conferral]:
    """ "Palme X : Y", "Catégorie « A » : Y", "Grand Prix X : Y pour Z" on one line."""
    text = ctx.text
    item = _BULLET.match(text, start, end)
    begin = item.end() if item else start
    article = re.match(r"(?:le|la|les|l')\s*", text[begin:end], re.IGNORECASE) if item else None
    begin += article.end() if article and _head_at(text, begin + article.end()) else 0
    if not _head_at(text, begin):
        return []
    colon = text.find(":", begin, end)
    pour = re.compile(r"\s+pour\s+(?=[A-ZÀ-Ý])").search(text, begin, end) if colon < 0 and item else None
    if pour:  # "- le Prix Coup de cœur du jury pour Tartines & Cie, chaîne lyonnaise ..."
        colon = pour.start()
    if colon < 0 or len(text[begin:colon].split()) > 14:
        return []
    recipient, project = _line_winner(ctx, pour.end() if pour else colon + 1, end)
    if recipient is None:
        return []
    phrase = text[begin:colon]
    quoted = re.search(r"\"([^\"]+)\"", phrase)
    category = None
    cat = re.search(r"(?i)cat[ée]gorie\s+(.+)$", ctx.post.text[begin:colon])
    if quoted:
        category = _clean_name(ctx.post.text[begin + quoted.start(1) : begin + quoted.end(1)])
    elif cat:
        category = _clean_name(cat.group(1))
    series = heading or setting.series
    year_in = _YEAR.search(phrase)
    year = int(year_in.group()) if year_in else (series.year if series and series.year else setting.year)
    if rules.fold(phrase).startswith("categorie") and category:
        base = series.name if series else "Catégorie"
        award = f"{base} {year} - {category}" if series and year else f"{base} - {category}"
    else:
        award = _clean_name(ctx.post.text[begin:colon])
    event = f"{series.name} {year}" if series and year else None
    return [
        Conferral(
            recipient,
            award,
            start,
            end,
            category,
            year,
            None,
            event,
            project,
            None,
            series.name if series else None,
        )
    ]


def _line_winner(ctx: PostContext, start: int, end: int) -> tuple[Ref | None, str | None]:
    """The winner named after a list line's colon, and the project it is rewarded for, if named."""
    rest = ctx.text[start:end]
    pour = re.search(r"\s+pour\s+(?=[A-ZÀ-Ý\"])", rest)
    clause = _RECIPIENT_END.search(rest)
    if pour and clause and clause.start() < pour.start():
        pour = None  # "X, repéré ... pour "une écoute"": the why of a later clause, not a project's name
    if pour:
        project = _clean_name(ctx.post.text[start + pour.end() : end].rstrip(".!?;")) or None
    else:  # "Y, pour sa démarche « X »": the project is the quoted name after a possessive
        quoted = _OWN_PROJECT.search(rest)
        project = (
            _clean_name(ctx.post.text[start + quoted.start(1) : start + quoted.end(1)]) if quoted else None
        )
    clause = _RECIPIENT_END.search(rest)
    rec_end = start + min(pour.start() if pour else len(rest), clause.start() if clause else len(rest))
    return _entity_in(ctx, start, rec_end), project


def category_lines(
    ctx: PostContext, setting: Setting, start: int, end: int, heading: Series | None, heading_year: int | None
) -> list[Conferral]:
    """ "- Banque en ligne : Fortuneo", "Vente à distance : Oscaro (1er) et Maison Vergne (2e), ..." under a
    heading of winners: the series' prize in that category, to each winner the line names."""
    text = ctx.text
    item = _BULLET.match(text, start, end)
    begin = item.end() if item else start
    colon = text.find(":", begin, end)
    if colon < 0 or not 0 < len(text[begin:colon].split()) <= 6 or _head_at(text, begin):
        return []
    category = _clean_name(ctx.post.text[begin:colon])
    return _category_winners(ctx, setting, start, end, colon + 1, heading, heading_year, category)


# "et Maison Vergne", ", devant la GMF", "avec 17,1/20, devant la GMF": the next winner of a category line.
_NEXT_WINNER = re.compile(
    r"(?:[^;.:()]{0,40}?,)?\s*(?:et|devant|ex aequo avec|ex-aequo avec|suivie? d[e'])\s+"
)
_RANK_MARK = re.compile(
    r"\s*\(\s*(\d(?:er|re|ère|e|ème))\s*\)|\s*,\s*(premier|première|deuxième|troisième)\b"
)


def _category_winners(
    ctx: PostContext,
    setting: Setting,
    start: int,
    end: int,
    pos: int,
    heading: Series | None,
    heading_year: int | None,
    category: str,
    rank: int | None = None,
) -> list[Conferral]:
    """The winners named from ``pos``: the first one, then those after "et", "devant", "ex aequo avec",
    each with the rank written after it ("(2e)", ", première"), or the one after the winner it trails."""
    text = ctx.text
    series = heading or setting.series
    first, project = _line_winner(ctx, pos, end)
    if first is None or series is None:
        return []
    year = heading_year or series.year or setting.year
    event = f"{series.name} {year}" if year else None
    award = _series_award(series, year, category)
    sentence_end = next(sentences_in(text, pos, end))[1]
    winners, cursor = [(first, project)], text.find(first.name, pos, end)
    ranks: list[int | None] = []
    while cursor >= 0:
        cursor += len(first.name) if len(winners) == 1 else len(winners[-1][0].name)
        mark = _RANK_MARK.match(text, cursor, sentence_end)
        written = _words_map("ordinals").get(rules.fold(mark.group(1) or mark.group(2))) if mark else None
        ranks.append(written or (rank if len(ranks) == 0 else None))
        cursor = mark.end() if mark else cursor
        link = _NEXT_WINNER.match(text, cursor, sentence_end)
        follower = _recipient_at(ctx, link.end(), sentence_end) if link else None
        if follower is None:
            break
        if link.group().strip().startswith("devant") and ranks[-1]:
            rank = ranks[-1] + 1
        winners.append((follower, None))
        cursor = text.find(follower.name, link.end(), sentence_end)
    return [
        Conferral(who, award, start, end, category, year, place, event, what, None, series.name)
        for (who, what), place in zip(winners, ranks + [rank] * (len(winners) - len(ranks)), strict=False)
    ]


def numbered_items(
    ctx: PostContext, setting: Setting, start: int, end: int, heading: tuple[int, int]
) -> list[Conferral]:
    """ "Banque :" then "  1. Boursorama Banque (16,8/20)": the category's ranking, one winner a line."""
    text = ctx.text
    number = re.match(r"[ \t]*(\d)[.)][ \t]+", text[start:end])
    head = text[heading[0] : heading[1]].strip().rstrip(":").strip()
    if not number or not 0 < len(head.split()) <= 4 or setting.series is None:
        return []
    category = _clean_name(ctx.post.text[heading[0] : heading[1]].strip().rstrip(":"))
    return _category_winners(
        ctx, setting, start, end, start + number.end(), None, None, category, int(number.group(1))
    )[:1]


def pour_la(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "Y pour la Palme X." at the start of a paragraph (its first sentence)."""
    text = ctx.text
    sentence = next(sentences_in(text, start, end), None)
    if sentence is None:
        return []
    s, e = sentence
    m = re.match(r"(?P<subj>[^.:;\n]{2,90}?)\s+pour\s+(?:la|le|les|l')\s*", text[s:e])
    if not m or not _head_at(text, s + m.end()):
        return []
    award_start = s + m.end()
    award = _clean_name(ctx.post.text[award_start:e].rstrip(".!?"))
    subject_end = s + m.end("subj")
    named = [x for x in ctx.mentions_in(s, subject_end) if x.kind != PLACE]
    if _name_like(text[s:subject_end]):
        recipient, project = _entity_in(ctx, s, subject_end), None
    elif named and named[-1].end >= subject_end - 1:
        recipient = _ref(named[-1])
        prefix = text[s : named[-1].start]
        project_match = re.match(r"(?:l'|la |le |les |L'|La |Le |Les )?(?P<p>.+?)\s+(?:de|du|d')\s*$", prefix)
        project = (
            ctx.post.text[s + project_match.start("p") : s + project_match.end("p")]
            if project_match
            else None
        )
        if project and not looks_proper(project.split()[0]):
            project = None  # "L'application smartphone de Groupama": a description, not a project's name
    else:
        recipient, project = _entity_in(ctx, s, subject_end), None
    if recipient is None or len(award.split()) < 2:
        return []
    series = setting.series
    year = setting.year
    event = f"{series.name} {year}" if series and year else None
    return [
        Conferral(
            recipient, award, s, e, None, year, None, event, project, None, series.name if series else None
        )
    ]


def winner_list(
    ctx: PostContext, setting: Setting, start: int, end: int, heading: Series | None, heading_year: int | None
) -> list[Conferral]:
    """One bullet "Y (Catégorie) ..." of a list of winners, and the previous holders it names."""
    text = ctx.text
    item = _BULLET.match(text, start, end)
    if not item:
        return []
    m = _LIST_ITEM.match(text, item.end(), end)
    if not m:
        return []
    recipient = _entity_in(ctx, m.start("rec"), m.end("rec"))
    if recipient is None:
        return []
    series = heading or setting.series
    year = heading_year or (series.year if series and series.year else setting.year)
    sentence_end = next(sentences_in(text, item.end(), end))[1]
    out = []
    for category in _CATEGORY_SPLIT.split(ctx.post.text[m.start("cat") : m.end("cat")]):
        category = " ".join(category.split())
        award = _series_award(series, year, category)
        event = f"{series.name} {year}" if series and year else None
        out.append(
            Conferral(
                recipient,
                award,
                item.end(),
                sentence_end,
                category,
                year,
                None,
                event,
                None,
                None,
                series.name if series else None,
            )
        )
        out.extend(previous_holders(ctx, setting, out[-1], m.end(), end))
    return out


_FOR_WHAT = re.compile(
    r"\s*(?:\([^()\n]{1,40}\)\s*)?,?\s+pour\s+(?P<det>la |le |les |l'|sa |son |ses |leur |leurs )\s*"
    r"(?P<what>[^,;.()!?\n]{2,80}?)(?=\s*(?:[,;.()!?\n]|\s+et\s|$))"
)
_ITEM_GLUE = re.compile(r"\s*(?:\([^()\n]{1,60}\)\s*)?(?:,\s*(?:et\s+)?|\s+et\s+)")


def winners_for(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "Air France, pour l'esprit de service, GRDF pour la relation collaborateurs, Transdev pour sa démarche
    baptisée "X", ...": a sentence that opens on a run of winners, each with the category it won ("pour la
    <category>") or its project ("pour sa démarche "X""), just after the prize series is named."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        series = (series_in(ctx, max(0, s - 400), s) or [setting.series])[-1]
        year = series.year if series and series.year else setting.year
        if series is None or year is None:
            continue
        items: list[Conferral] = []
        pos = s + len(text[s:e]) - len(text[s:e].lstrip())
        while (mention := _mention_at(ctx, pos)) and mention.start < e:
            item = _FOR_WHAT.match(text, mention.end, e)
            if not item or not (first := item.group("what").split()) or not first[0][:1].islower():
                break
            what = " ".join(ctx.post.text[item.start("what") : item.end("what")].split())
            own = item.group("det").strip() in _words("possessives")
            quoted = re.compile(r"\"([^\"]{2,60})\"").search(text, item.start("what"), item.end("what"))
            project = _clean_name(ctx.post.text[quoted.start(1) : quoted.end(1)]) if quoted else None
            if own and not project or not own and len(first) > 6:
                break  # "pour sa franchise": no category, no named project -- not a winner's line
            category = None if own else what
            items.append(
                Conferral(
                    _ref(mention),
                    _series_award(series, year, category),
                    mention.start,
                    item.end(),
                    category,
                    year,
                    None,
                    f"{series.name} {year}",
                    project,
                    None,
                    series.name,
                )
            )
            glue = _ITEM_GLUE.match(text, item.end(), e)
            if not glue:
                break
            pos = glue.end()
        if len(items) >= 2:  # one "X pour la Y" is any sentence; a run of them is a list of winners
            out += items
    return out


def _series_award(series: Series | None, year: int | None, category: str | None) -> str:
    name = series.name if series else "Prix"
    dated = f"{name} {year}" if year else name
    return f"{dated} - {category}" if category else dated


def previous_holders(
    ctx: PostContext, setting: Setting, won: Conferral, start: int, end: int
) -> list[Conferral]:
    """Earlier winners of the same prize that a winner's line names."""
    text, out = ctx.text, []
    series = Series(won.series, None, 0, 0) if won.series else None
    for field in ("succession_verbs", "past_by_verbs", "handover_verbs"):
        for cue in _find(field, text, start, end):
            after = cue.end()
            if field == "handover_verbs":
                to = re.match(r"[^.,;]{0,30}?\s(?:à|au)\s", text[after:end])
                if not to:
                    continue
                after += to.end()
            mention = _mention_at(ctx, after)
            if mention is None or rules.name_key(mention.text) == rules.name_key(won.recipient.name):
                continue
            clause_end = re.search(r"[.;(]|$", text[mention.end : end]).start() + mention.end
            year = _year_before(ctx, setting, cue.start(), clause_end)
            award = _series_award(series, year, won.category) if series else won.award
            out.append(
                Conferral(
                    _ref(mention),
                    award,
                    *_clause(text, start, cue.start(), clause_end),
                    won.category,
                    year,
                    series=won.series,
                )
            )
    for cue in _find("past_edition_verbs", text, start, end):
        year_match = re.match(r"\s*((?:19|20)\d\d)\b", text[cue.end() : end])
        if year_match and series:
            year = int(year_match.group(1))
            out.append(
                replace(
                    won,
                    award=_series_award(series, year, won.category),
                    year=year,
                    event=None,
                    start=won.start,
                    end=cue.end() + year_match.end(),
                )
            )
    return out


def _clause(text: str, floor: int, start: int, end: int) -> tuple[int, int]:
    """The clause around ``start``: from the last comma or sentence start, bounded by ``floor``."""
    left = max(text.rfind(",", floor, start), text.rfind(".", floor, start))
    return (left + 1 if left >= 0 else floor), end


def year_awards(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """Prizes named after a role: "X est le Directeur Relation Client de l'année 2013, suivi de Y et Z"."""
    text, out = ctx.text, []
    for mark in _find("year_award_marks", text, start, end):
        award_start = _role_award_start(text, start, mark.start())
        if award_start is None:
            continue
        award_end = mark.end()
        after_year = re.match(r"\s+((?:19|20)\d\d)\b", text[award_end:end])
        year = int(after_year.group(1)) if after_year else None
        name_end = award_end + (after_year.end() if after_year else 0)
        award = _clean_name(ctx.post.text[award_start:award_end])
        person = any(rules.fold(w) in _words("role_heads") for w in award.split())
        sentence = _sentence_around(text, start, end, award_start)
        found = _awarded_subject(ctx, setting, sentence[0], award_start, person)
        if found:
            subject, verb_start = found
            year = year or _year_before(ctx, setting, subject.end, award_start)
            current = not any(True for _ in _find("last_year", text, subject.end, award_start))
            event = _event_after(ctx, name_end, sentence[1], year)
            if event is None and current and year and setting.series and year == setting.year:
                event = setting.series.event
            first = Conferral(
                _ref(subject),
                award,
                *_evidence_span(sentence, subject.start, name_end),
                None,
                year,
                None,
                event,
            )
            runners = _runners_up(ctx, name_end, sentence[1], person)
            if runners:
                first = replace(first, rank=1)
                out.extend(
                    replace(first, recipient=_ref(r), rank=i, start=sentence[0], end=sentence[1])
                    for i, r in enumerate(runners, start=2)
                )
            out.insert(len(out) - len(runners), first)
            continue
        # Only a role's prize stands in apposition to its holder: an organization's prize in a list of names
        # ("soutenue par La Mission ..., Élu Service Client de l'Année, ...") is the prize's organizer.
        apposed = _apposed(ctx, award_start, name_end, sentence[1], person) if person else None
        if apposed:
            year = year or (setting.year if setting.series else None)
            event = setting.series.event if setting.series and year == setting.year else None
            out.append(
                Conferral(
                    _ref(apposed),
                    award,
                    *_evidence_span(sentence, min(apposed.start, award_start), max(apposed.end, name_end)),
                    None,
                    year,
                    None,
                    event,
                    weak=True,
                )
            )
    return out


def _role_award_start(text: str, floor: int, mark: int) -> int | None:
    """Walk back from "de l'année" over the words of a role name; the start of its leftmost head word."""
    heads = _words("role_heads") | _words("year_award_heads")
    window = text[max(floor, mark - 90) : mark]
    base = mark - len(window)
    start = None
    for m in reversed(list(_WORD.finditer(window))):
        word = m.group()
        folded = rules.fold(word)
        if (
            folded in _words("elected")
            and start is not None
            and rules.fold(text[start:mark]).split()[0] in heads
        ):
            break  # "élue meilleure conseillère": the verb, not the "Élu Service Client" brand
        if folded in heads:
            start = base + m.start()
        elif (
            folded in _words("connectors")
            or folded in _words("name_words")
            or (word[:1].isupper() and word.isalpha())
        ):
            continue
        else:
            break
    return start


def _sentence_around(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    for s, e in sentences_in(text, start, end):
        if s <= pos < e:
            return s, e
    return start, end


def _awarded_subject(
    ctx: PostContext, setting: Setting, sentence_start: int, award_start: int, person: bool
) -> tuple[Mention, int] | None:
    """The subject of "<X> a été élue <award>" / "<X> est le <award>": the verb must end just before it."""
    before = rules.fold(ctx.text[sentence_start:award_start])
    before = re.sub(r"\s*(?:le|la|l'|les|comme|en tant que)\s*$", "", before.rstrip()).rstrip()
    before = re.sub(
        r"\s+(?:(?:19|20)\d\d|l'an passe|l'an dernier|l'annee derniere|aussi|egalement|donc)$", "", before
    )
    for verb in sorted(_words("subject_verbs"), key=len, reverse=True):
        if before.endswith(" " + verb) or before == verb:
            verb_start = sentence_start + len(before) - len(verb)
            subject = _subject(ctx, sentence_start, verb_start, person)
            return (subject, verb_start) if subject else None
    return None


def _event_after(ctx: PostContext, start: int, end: int, year: int | None) -> str | None:
    """ "... lors des 24 heures de la Relation Client" : the ceremony named after the prize."""
    cue = re.match(
        r"\s*(?:,\s*)?(?:lors|à l'occasion|au cours|dans le cadre)\s+(?:des|du|de la|de l')\s*",
        ctx.text[start:end],
    )
    if not cue:
        return None
    found = series_in(ctx, start + cue.end(), end)
    if not found or found[0].start != start + cue.end():
        return None
    series = found[0]
    year = series.year or year
    return f"{series.name} {year}" if year else None


def _runners_up(ctx: PostContext, start: int, end: int, person: bool) -> list[Mention]:
    """ ", suivi d'Anne Loïs (iDTGV) et Delphine Isal (Air France-KLM)": the second and third places."""
    cue = next(iter(_find("runner_up_cues", ctx.text, start, min(end, start + 20))), None)
    if cue is None:
        return []
    return [
        m
        for m in ctx.mentions_in(cue.start(), end)
        if (m.kind == PERSON) == person
        and ctx.text[cue.start() : m.start].count("(") == ctx.text[cue.start() : m.start].count(")")
    ]


def _apposed(
    ctx: PostContext, award_start: int, name_end: int, sentence_end: int, person: bool
) -> Mention | None:
    """A role's prize in apposition: "X, Directeur ... de l'année", "... de l'année 2012 sur mon blog, X"."""
    for m in ctx.mentions:
        if m.kind == PLACE or (m.kind == PERSON) != person:
            continue
        gap = ctx.text[m.end : award_start]
        if m.end <= award_start and re.fullmatch(r"\s*(?:,|\()?\s*(?:la|le|l')?\s*", gap):
            return m
        gap = ctx.text[name_end : m.start]
        if name_end <= m.start <= sentence_end and re.fullmatch(r"(?:\s+[a-zà-ÿ']+){0,4}\s*,\s*", gap):
            return m
    return None


def ranks(ctx: PostContext, start: int, end: int, last: Conferral | None) -> list[Conferral]:
    """ "Y et Z ... occupent respectivement la deuxième et la troisième place": the last prize's podium."""
    if last is None:
        return []
    out = []
    for s, e in sentences_in(ctx.text, start, end):
        folded = rules.fold(ctx.text[s:e])
        if not any(True for _ in _find("rank_cues", ctx.text, s, e)):
            continue
        ordinals = [
            (m.start() - s, _words_map("ordinals")[m.group()]) for m in _find("ordinals", ctx.text, s, e)
        ]
        if not ordinals:
            continue
        first = s + ordinals[0][0]
        person = last.recipient.kind == PERSON
        named = [m for m in ctx.mentions_in(s, first) if m.kind != PLACE and (m.kind == PERSON) == person]
        if len(named) != len(ordinals) or len(named) > 1 and "respectivement" not in folded:
            continue
        out.extend(
            replace(last, recipient=_ref(m), rank=rank, start=s, end=e, weak=False)
            for m, (_, rank) in zip(named, ordinals, strict=True)
        )
    return out


def ranked(ctx: PostContext, start: int, end: int) -> list[Conferral]:
    """ "X, classé premier du Podium TNS Sofres BearingPoint": a rank in a named ranking. "cet opérateur,
    classé premier du ..." stands for the one organization the previous sentence names."""
    text, out = ctx.text, []
    previous: tuple[int, int] | None = None
    for s, e in sentences_in(text, start, end):
        for verb in _find("rank_verbs", text, s, e):
            m = re.match(r"\s+(\S+)\s+(?:du|de la|de l'|des|au|à la|dans le|sur le)\s+", text[verb.end() : e])
            rank = _words_map("ordinals").get(rules.fold(m.group(1))) if m else None
            at = verb.end() + m.end() if m and rank else e
            name = fallback_name(text, at, e)
            if not name or not (_head_at(text, at) or _head_at(text, at, "ranking_heads")):
                continue
            before = text[s : verb.start()]
            subject = _subject(ctx, s, verb.start(), None)
            if subject and re.fullmatch(r"\s*,?\s*", text[subject.end : verb.start()]):
                recipient = _ref(subject)
            elif re.search(r"\b(?:ce|cet|cette)\s+[a-zà-ÿ' \-]{3,50},?\s*$", before) and previous:
                named = {
                    rules.name_key(x.text): x
                    for x in ctx.mentions_in(*previous)
                    if x.kind not in (PERSON, PLACE)
                }
                antecedent = next(iter(named.values())) if len(named) == 1 else None
                recipient = _ref(antecedent)
                s = antecedent.start if antecedent else s  # the quote shows whom "cet opérateur" is
            else:
                recipient = None
            if recipient:
                award = _clean_name(ctx.post.text[at : at + len(name)])
                out.append(Conferral(recipient, award.rstrip(".!"), s, e, rank=rank))
        previous = (s, e)
    return out


@cache
def _words_map(field: str) -> dict[str, int]:
    return {rules.fold(k): v for k, v in rules.load(RULES)[field].items()}


def given(ctx: PostContext, start: int, end: int) -> list[Conferral]:
    """ "G décerne son prix "Coup de cœur" à X", "en décernant la "Victoire" à X", "X remporte le Prix Y"."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in _find("give_verbs", text, s, e):
            m = re.match(
                r"\s+(?:(?P<noun>[\w]+)\s+)?(?:(?P<kind>prix|troph[ée]e|palme|titre|distinction)\s+)?"
                r"(?P<award>\"[^\"]{2,80}\")(?P<to>\s+(?:à|au)\s+)?",
                text[verb.end() : e],
            )
            if not m:
                continue
            award = _clean_name(ctx.post.text[verb.end() + m.start("award") : verb.end() + m.end("award")])
            if m.group("kind"):
                award = f"{m.group('kind')} {award}"
            rec_start = verb.end() + m.end()
            mention = _mention_at(ctx, rec_start) if m.group("to") else None
            if (
                mention is None
                and re.search(r"\bm'\s*(?:a|ont)?\s*$", text[s : verb.start()])
                and ctx.post.author
            ):
                recipient: Ref | None = Ref(ctx.post.author, PERSON)
            else:
                recipient = _ref(mention)
            if recipient is None:
                continue
            giver = _mention_at(ctx, s, ORG_ONLY)  # the subject of the sentence, when it opens it
            out.append(Conferral(recipient, award, s, e, conferred_by=_ref(giver)))
        for verb in _find("win_verbs", text, s, e):
            m = re.match(r"\s+(?:(?:le|la|les|l'|un|une|son|sa)\s*)?", text[verb.end() : e])
            award_start = verb.end() + (m.end() if m else 0)
            head = _head_at(text, award_start)
            if not head:
                continue
            stop, year = _name_end(ctx, head.end(), e)
            award = _clean_name(ctx.post.text[award_start:stop])
            subject = _subject(ctx, s, verb.start(), None)
            if subject and len(award.split()) >= 2:
                out.append(Conferral(_ref(subject), award, s, e, year=year))
    return out


_SECTOR_LEAD = re.compile(r"(?P<cat>[A-ZÀ-Ý][\w'’-]+(?:\s+[\w'’-]+){0,2})\.\s+")


def podium(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """A podium told in prose in one paragraph ("X prend la tête, devant Y, deuxième, et Z ... complète le
    podium"): each clause's first name takes the rank its words give, or the rank after the one before
    it when the clause opens on "devant" or "suivi de". The prize is the one the paragraph or the line
    before names, else the post's series; a paragraph opened by a short "Banque." names the category."""
    text = ctx.text
    places: list[tuple[Mention, int, tuple[int, int]]] = []
    for s, e in sentences_in(text, start, end):
        rank = 0
        for clause_start, clause_end, follows in _podium_clauses(text, s, e):
            stated_rank = clause_rank(text, clause_start, clause_end)
            if stated_rank is None and not (follows and rank):
                continue
            named = [m for m in ctx.mentions_in(clause_start, clause_end) if m.kind != PLACE]
            if not named:
                continue
            rank = stated_rank or rank + 1
            places.append((named[0], rank, (s, e)))
    kinds = {m.kind == PERSON for m, _, _ in places}
    ranks_told = sorted(rank for _, rank, _ in places)
    if len(places) < 2 or len(kinds) > 1 or len(set(ranks_told)) != len(ranks_told) or ranks_told[0] != 1:
        return []
    award, year = _podium_award(ctx, setting, start, places[0][2][0])
    if award is None:
        return []
    lead = _SECTOR_LEAD.match(text, start, end)
    category = ctx.post.text[lead.start("cat") : lead.end("cat")] if lead else None
    name = _series_award(Series(award, None, 0, 0), year, category) if category else award
    # The ceremony of the post, when the podium is told at it ("l'élection du Directeur Client de l'Année")
    event = setting.series.event if setting.series and setting.series.year == year else None
    return [
        Conferral(_ref(m), name, *_evidence_span(sentence, m.start, m.end), category, year, rank, event)
        for m, rank, sentence in places
    ]


def _podium_clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """The clauses of a sentence, and whether each opens on a runner-up cue ("devant", "suivi de")."""
    cuts = sorted(
        [(m.start(), m.end(), False) for m in _find("podium_breaks", text, start, end)]
        + [(m.start(), m.end(), True) for m in _find("podium_next", text, start, end)]
    )
    pos, follows = start, False
    for cut_start, cut_end, next_rank in cuts:
        if cut_start < pos:
            continue
        yield pos, cut_start, follows
        pos, follows = cut_end, next_rank
    yield pos, end, follows


def clause_rank(text: str, start: int, end: int) -> int | None:
    folded = _folded(text)
    for regex, rank in _rank_phrases():
        for m in regex.finditer(folded, start, end):
            after = re.match(r"\s+([\w']+)", folded[m.end() : end])
            if not (after and after.group(1) in _words("not_rank_after")):
                return rank
    return None


def _podium_award(ctx: PostContext, setting: Setting, start: int, pos: int) -> tuple[str | None, int | None]:
    """The prize a podium is for: a role's prize ("Directeur Client de l'Année") named in the paragraph or
    the line before, else the competition or ranking named there, else the post's series or ranking."""
    text = ctx.text
    floor = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start - 1)))
    floor = max(floor, ctx.post.body_start)
    for mark in reversed(list(_find("year_award_marks", text, floor, pos))):
        award_start = _role_award_start(text, floor, mark.start())
        if award_start is not None:
            year = re.match(r"\s+((?:19|20)\d\d)\b", text[mark.end() : pos])
            return _clean_name(ctx.post.text[award_start : mark.end()]), int(
                year.group(1)
            ) if year else setting.year
    award, year = _competition_before(ctx, setting, floor, pos)
    if award is None:
        title_ranking = [
            h for h in _find("ranking_heads", text, 0, ctx.post.body_start) if text[h.start()].isupper()
        ]
        if title_ranking:
            stop, year = _name_end(ctx, title_ranking[0].end(), ctx.post.body_start)
            award = _clean_name(ctx.post.text[title_ranking[0].start() : stop])
            year = year or setting.year
    return award, year


def _recipient_at(ctx: PostContext, pos: int, end: int) -> Ref | None:
    """The winner named from ``pos`` on: a mention there, else the name up to its clause's end."""
    mention = _mention_at(ctx, pos)
    if mention is not None and mention.start < end:
        return _ref(mention)
    clause = _RECIPIENT_END.search(ctx.text, pos, end)
    clause_end = clause.start() if clause else end
    # "Client Hebdo après un vote": a capitalized name ends where the lower-case words begin
    name = fallback_name(
        ctx.text, pos + len(ctx.text[pos:clause_end]) - len(ctx.text[pos:clause_end].lstrip()), clause_end
    )
    if name and not _name_like(ctx.text[pos:clause_end]):
        clause_end = ctx.text.index(name, pos) + len(name)
    return _entity_in(ctx, pos, clause_end)


def goes_to(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "Le Prix du Public, décerné par X, revient à Sosh", "le Grand Prix a été décerné à la MAIF"."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in _find("goes_to_verbs", text, s, e):
            to = re.match(r"\s+(?:à|au|aux)\s+", text[verb.end() : e])
            heads = [h for h in _find("award_heads", text, s, verb.start()) if _starts_word(text, h.start())]
            if not to or not heads:
                continue
            head = heads[-1]
            stop, year = _name_end(ctx, head.end(), verb.start())
            award = _clean_name(ctx.post.text[head.start() : stop])
            recipient = _recipient_at(ctx, verb.end() + to.end(), e)
            if recipient is None or len(award.split()) < 2:
                continue
            year = year or setting.year
            series = setting.series
            event = series.event if series and series.year == year else None
            cues = _find("conferrer_cues", text, head.end(), verb.start())
            giver = next((_recipient_at(ctx, c.end(), verb.start()) for c in cues), None)
            out.append(
                Conferral(
                    recipient,
                    award,
                    s,
                    e,
                    None,
                    year,
                    None,
                    event,
                    conferred_by=giver if giver and giver.kind != PERSON else None,
                    series=series.name if series else None,
                )
            )
    return out


_PLACE_GIVEN = re.compile(
    r"(?:\s*,\s*|\s+et\s+|\s+)(?:la|le)\s+(?P<ordinal>\S+)(?:\s+(?:place|marche|prix))?\s+(?:à|au|aux)\s+"
)


def places_given(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "le jury a attribué la première place à Qalibra, la deuxième à Voxilia et la troisième à Fidelink":
    the podium of the competition the paragraph names (else the post's prize series)."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in _find("place_give_verbs", text, s, e):
            pos, places = verb.end(), []
            while (m := _PLACE_GIVEN.match(text, pos, e)) and (
                rank := _words_map("ordinals").get(rules.fold(m.group("ordinal")))
            ):
                recipient = _recipient_at(ctx, m.end(), e)
                if recipient is None:
                    break
                places.append((recipient, rank))
                pos = _skip_name(ctx, m.end(), e)
            if not places:
                continue
            award, year = _competition_before(ctx, setting, start, s)
            if award is None:
                continue
            out.extend(
                Conferral(r, award, s, e, None, year, rank, f"{award} {year}" if year else None)
                for r, rank in places
            )
    return out


def _skip_name(ctx: PostContext, pos: int, end: int) -> int:
    """Past the winner named at ``pos`` and what stands in parentheses after it."""
    clause = re.compile(r"[^,;()]*?(?=\s*(?:,|;|\(|\bet\s+(?:la|le)\s|$))").match(ctx.text, pos, end)
    pos = clause.end() if clause else pos
    aside = re.match(r"\s*\([^()]*\)", ctx.text[pos:end])
    return pos + (aside.end() if aside else 0)


def _competition_before(
    ctx: PostContext, setting: Setting, floor: int, pos: int
) -> tuple[str | None, int | None]:
    """The last competition or prize named (in any case, then capitalized words) in ``text[floor:pos]``."""
    text = ctx.text
    named = [
        h
        for h in _find("series_heads", text, floor, pos)
        if _starts_word(text, h.start()) and re.match(r"\s+[A-ZÀ-Ý]", text[h.end() : h.end() + 3])
    ]
    if named:
        head = named[-1]
        # "le concours Start-up Client Horizon": a name the mentions took for a firm's is the contest's
        glued = next((m for m in ctx.mentions if m.start == head.end() + 1 and m.end <= pos), None)
        stop, year = (glued.end, None) if glued else _name_end(ctx, head.end(), pos)
        name = _clean_name(ctx.post.text[head.start() : stop])
        if len(name.split()) >= 2:
            return name[:1].upper() + name[1:], year or setting.year
    if setting.series:
        return setting.series.name, setting.series.year or setting.year
    return None, None


def _starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


def rewarded(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "l'édition 2013 a récompensé les étudiants ... de l'IAE de Tours et l'équipe ... d'Acticall"."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in _find("reward_verbs", text, s, e):
            named = [x for x in series_in(ctx, s, verb.start())] or (
                [setting.series] if setting.series else []
            )
            edition = re.search(r"(?:édition|edition)\s+((?:19|20)\d\d)\s*$", text[s : verb.start()])
            if not named or not (edition or named[-1].end >= verb.start() - 2):
                continue
            series = named[-1]
            year = int(edition.group(1)) if edition else series.year or setting.year
            award = f"{series.name} {year}" if year else series.name
            for part in re.split(r"\s+et\s+|,\s+", text[verb.end() : e]):
                part_start = text.find(part, verb.end(), e)
                cut = re.search(r"\s(?:qui|que|dont|pour|lors)\s", part)
                part_end = part_start + (cut.start() if cut else len(part))
                orgs = [x for x in ctx.mentions_in(part_start, part_end) if x.kind not in (PERSON, PLACE)]
                if orgs:
                    out.append(
                        Conferral(
                            _ref(orgs[-1]),
                            award,
                            s,
                            e,
                            None,
                            year,
                            None,
                            f"{series.name} {year}" if year else None,
                        )
                    )
    return out


# --- from the text to facts --------------------------------------------------------------------------------


def _evidence_span(sentence: tuple[int, int], core_start: int, core_end: int) -> tuple[int, int]:
    """The sentence, or a window of it around the core when it is too long to quote."""
    s, e = sentence
    if e - s <= EVIDENCE_LIMIT:
        return s, e
    s = max(s, core_start - 40)
    return s, min(e, max(core_end + 40, s + 60), s + EVIDENCE_LIMIT)


def conferrals(ctx: PostContext) -> list[Conferral]:
    """Every conferral a post states, before facts are made of them."""
    text = ctx.text
    setting = setting_of(ctx)
    found: list[Conferral] = []
    heading: tuple[int, int] | None = None  # the line a list hangs from
    section = False  # under a heading line that names winners ("Le palmarès, secteur par secteur")
    for start, end in lines(text):
        if not text[start:end].strip():
            continue
        # The title is a headline ("Trophées 2015 : la MAIF rafle tout"), never a line of a list.
        numbered = _NUMBERED.match(text, start, end) is not None
        is_item = start >= ctx.post.body_start and (
            _BULLET.match(text, start, end) is not None or _head_at(text, start) is not None or numbered
        )
        if not is_item:
            heading = (start, end) if text[start:end].rstrip().endswith(":") else None
            if _is_heading(text, start, end):  # "Le palmarès, secteur par secteur": a section of winners
                section = any(True for _ in _find("list_triggers", text, start, end))
        line_found: list[Conferral] = []
        if numbered and heading:
            line_found += numbered_items(ctx, setting, start, end, heading)
        elif section and not is_item and start >= ctx.post.body_start and not _is_heading(text, start, end):
            line_found += category_lines(ctx, setting, start, end, None, None)
        if line_found:
            pass
        elif is_item and heading:
            named = series_in(ctx, *heading)
            head_series = named[-1] if named else None
            head_year_match = _YEAR.search(text, *heading)
            head_year = int(head_year_match.group()) if head_year_match else None
            if any(True for _ in _find("list_triggers", text, *heading)):
                line_found += winner_list(ctx, setting, start, end, head_series, head_year)
                line_found += category_lines(ctx, setting, start, end, head_series, head_year)
            line_found += award_lines(ctx, setting, start, end, head_series)
        elif is_item:
            line_found += award_lines(ctx, setting, start, end, None)
        if not line_found:
            line_found += pour_la(ctx, setting, start, end)
        rest = start if not line_found else min(next(sentences_in(text, start, end))[1], end)
        prose = (
            year_awards(ctx, setting, rest, end)
            + given(ctx, rest, end)
            + rewarded(ctx, setting, rest, end)
            + winners_for(ctx, setting, rest, end)
            + goes_to(ctx, setting, rest, end)
            + places_given(ctx, setting, rest, end)
            + podium(ctx, setting, rest, end)
            + ranked(ctx, start, end)
        )
        listed = next((c for c in line_found if c.category and c.series), None)
        if listed:
            prose = [_as_listed(c, listed) for c in prose]
        last = next((c for c in reversed(found) if not c.weak and c.rank is None), None)
        line_found += prose + ranks(ctx, rest, end, last)
        found.extend(line_found)
    return _settle(found, setting)


_NUMBERED = re.compile(r"[ \t]*\d[.)][ \t]+")


def _is_heading(text: str, start: int, end: int) -> bool:
    """A short line with no sentence ending: a section heading."""
    line = text[start:end].strip()
    return 0 < len(line) <= 80 and line[-1] not in ".!?:;," and ":" not in line


def _as_listed(found: Conferral, listed: Conferral) -> Conferral:
    """A prize named again on a winner's line ("C'est KFC qui avait été élu Service client de l'année 2012")
    is the list's prize, in the line's category."""

    def content(name: str) -> set[str]:
        return {w for w in _WORD.findall(rules.fold(name)) if w.isalnum() or "'" in w} - _words("connectors")

    if not listed.series or not content(found.award) <= content(listed.series):
        return found
    award = _series_award(Series(listed.series, None, 0, 0), found.year, listed.category)
    return replace(found, award=award, category=listed.category, series=listed.series)


def _settle(found: list[Conferral], setting: Setting) -> list[Conferral]:
    """Drop appositions about recipients the post states firmer prizes for; credit the post's conferrer."""
    firm = {rules.name_key(c.recipient.name) for c in found if not c.weak}
    kept = []
    for c in found:
        if c.weak and rules.name_key(c.recipient.name) in firm:
            continue
        same_series = setting.series and rules.name_key(c.series or "") == rules.name_key(setting.series.name)
        if c.conferred_by is None and setting.conferrer and same_series:
            c = replace(c, conferred_by=setting.conferrer)
        kept.append(c)
    return kept


def to_fact(ctx: PostContext, c: Conferral) -> Fact:
    roles: list[tuple[str, Ref | str | int]] = [("recipient", c.recipient), ("award", c.award)]
    for role, value in (
        ("category", c.category),
        ("year", c.year),
        ("rank", c.rank),
        ("event", c.event),
        ("project", c.project),
        ("conferredBy", c.conferred_by),
    ):
        if value is not None:
            roles.append((role, value))
    start, end = c.start, c.end
    if end - start > EVIDENCE_LIMIT:
        end = start + EVIDENCE_LIMIT
        while end > start and not ctx.text[end - 1].isspace():
            end -= 1
    return Fact(FAMILY, "AwardConferral", tuple(roles), Evidence.of(ctx.post, start, end), IDENTITY)


@register(FAMILY)
def extract_awards(ctx: PostContext) -> Iterator[Fact]:
    """The award conferrals of one post."""
    for conferral in conferrals(ctx):
        yield to_fact(ctx, conferral)
