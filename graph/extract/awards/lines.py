"""Award shapes read line by line: award and category lines ("Palme X : Y", "- Banque en ligne : Fortuneo"),
numbered rankings, bullets of a winners' list and the previous holders they name, "Y pour la Palme X" and
runs of "Y pour la <category>"."""

from __future__ import annotations

import re
from dataclasses import replace

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import sentences_in
from graph.extract.awards.names import (
    ITEM_GLUE,
    RECIPIENT_END,
    YEAR,
    Conferral,
    Series,
    Setting,
    as_ref,
    clean_name,
    entity_in,
    listed_name,
    mention_at,
    name_like,
    recipient_at,
    series_award,
    series_in,
    year_before,
)
from graph.extract.awards.vocab import find, head_at, words, words_map
from graph.model import PLACE, Ref
from graph.names import looks_proper

BULLET = re.compile(r"[ \t]*-[ \t]+")  # "•" is "-" in the plain text
_LIST_ITEM = re.compile(r"\s*(?P<rec>[^()\n:]{1,70}?)\s*\((?P<cat>[^()\n@#]{2,90})\)")
_OWN_PROJECT = re.compile(r"\bpour\s+(?:sa|son|ses|leur|leurs)\s+[^\"\n]{0,60}?\"([^\"\n]{2,60})\"")
_CATEGORY_SPLIT = re.compile(r"\s+et\s+(?=[A-ZÀ-Ý])")


def award_lines(
    ctx: PostContext, setting: Setting, start: int, end: int, heading: Series | None
) -> list[Conferral]:
    """ "Palme X : Y", "Catégorie « A » : Y", "Grand Prix X : Y pour Z" on one line."""
    text = ctx.text
    item = BULLET.match(text, start, end)
    begin = item.end() if item else start
    article = re.match(r"(?:le|la|les|l')\s*", text[begin:end], re.IGNORECASE) if item else None
    begin += article.end() if article and head_at(text, begin + article.end()) else 0
    if not head_at(text, begin):
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
        category = clean_name(ctx.post.text[begin + quoted.start(1) : begin + quoted.end(1)])
    elif cat:
        category = clean_name(cat.group(1))
    series = heading or setting.series
    year_in = YEAR.search(phrase)
    year = int(year_in.group()) if year_in else (series.year if series and series.year else setting.year)
    if rules.fold(phrase).startswith("categorie") and category:
        base = series.name if series else "Catégorie"
        award = f"{base} {year} - {category}" if series and year else f"{base} - {category}"
    else:
        award = clean_name(ctx.post.text[begin:colon])
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
    clause = RECIPIENT_END.search(rest)
    if pour and clause and clause.start() < pour.start():
        pour = None  # "X, repéré ... pour "une écoute"": the why of a later clause, not a project's name
    if pour:
        project = clean_name(ctx.post.text[start + pour.end() : end].rstrip(".!?;")) or None
    else:  # "Y, pour sa démarche « X »": the project is the quoted name after a possessive
        quoted = _OWN_PROJECT.search(rest)
        project = (
            clean_name(ctx.post.text[start + quoted.start(1) : start + quoted.end(1)]) if quoted else None
        )
    clause = RECIPIENT_END.search(rest)
    rec_end = start + min(pour.start() if pour else len(rest), clause.start() if clause else len(rest))
    return entity_in(ctx, start, rec_end), project


def category_lines(
    ctx: PostContext, setting: Setting, start: int, end: int, heading: Series | None, heading_year: int | None
) -> list[Conferral]:
    """ "- Banque en ligne : Fortuneo", "Vente à distance : Oscaro (1er) et Maison Vergne (2e), ..." under a
    heading of winners: the series' prize in that category, to each winner the line names."""
    text = ctx.text
    item = BULLET.match(text, start, end)
    begin = item.end() if item else start
    colon = text.find(":", begin, end)
    if colon < 0 or not 0 < len(text[begin:colon].split()) <= 6 or head_at(text, begin):
        return []
    category = clean_name(ctx.post.text[begin:colon])
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
    award = series_award(series, year, category)
    sentence_end = next(sentences_in(text, pos, end))[1]
    winners, cursor = [(first, project)], text.find(first.name, pos, end)
    ranks: list[int | None] = []
    while cursor >= 0:
        cursor += len(first.name) if len(winners) == 1 else len(winners[-1][0].name)
        mark = _RANK_MARK.match(text, cursor, sentence_end)
        written = words_map("ordinals").get(rules.fold(mark.group(1) or mark.group(2))) if mark else None
        ranks.append(written or (rank if len(ranks) == 0 else None))
        cursor = mark.end() if mark else cursor
        link = _NEXT_WINNER.match(text, cursor, sentence_end)
        follower = recipient_at(ctx, link.end(), sentence_end) if link else None
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
    category = clean_name(ctx.post.text[heading[0] : heading[1]].strip().rstrip(":"))
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
    if not m or not head_at(text, s + m.end()):
        return []
    award_start = s + m.end()
    award = clean_name(ctx.post.text[award_start:e].rstrip(".!?"))
    subject_end = s + m.end("subj")
    named = [x for x in ctx.mentions_in(s, subject_end) if x.kind != PLACE]
    if name_like(text[s:subject_end]):
        recipient, project = entity_in(ctx, s, subject_end), None
    elif named and named[-1].end >= subject_end - 1:
        recipient = as_ref(named[-1])
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
        recipient, project = entity_in(ctx, s, subject_end), None
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
    """One item "Y (Catégorie) ..." or "Y, <what Y is>" of a list of winners, and the previous holders it
    names; the item is a bullet, or a plain line that opens on a name."""
    text = ctx.text
    item = BULLET.match(text, start, end)
    begin = item.end() if item else start
    m = _LIST_ITEM.match(text, begin, end)
    recipient = entity_in(ctx, m.start("rec"), m.end("rec")) if m else leading_name(ctx, begin, end)
    if recipient is None:
        return []
    series = heading or setting.series
    year = heading_year or (series.year if series and series.year else setting.year)
    sentence_end = next(sentences_in(text, begin, end))[1]
    if not m:
        if series is None:
            return []  # a winner of no prize the post names: the learned decider may place it
        award = series_award(series, year, None)
        event = f"{series.name} {year}" if year else None
        return [Conferral(recipient, award, begin, sentence_end, None, year, None, event, series=series.name)]
    out = []
    for category in _CATEGORY_SPLIT.split(ctx.post.text[m.start("cat") : m.end("cat")]):
        category = " ".join(category.split())
        award = series_award(series, year, category)
        event = f"{series.name} {year}" if series and year else None
        out.append(
            Conferral(
                recipient,
                award,
                begin,
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


_NAME_STOP = re.compile(r"\s*(?:[,:;(]|\s-\s|\.?\s*$)")


def leading_name(ctx: PostContext, start: int, end: int) -> Ref | None:
    """The name a line opens on, when a comma, a colon, a parenthesis or the line's end closes it
    ("Vertigo Conseil, un cabinet lyonnais"): a mention there, or a short name-like run."""
    text = ctx.text
    if head_at(text, start) or head_at(text, start, "series_heads"):
        return None  # "Trophée X : Y" names the prize first
    mention = mention_at(ctx, start)
    if mention is not None and mention.start - start <= 4 and _NAME_STOP.match(text, mention.end, end):
        return as_ref(mention)
    stop = _NAME_STOP.search(text, start, end)
    if stop is None or not listed_name(text[start : stop.start()]) or len(text[start : stop.start()]) > 40:
        return None
    return entity_in(ctx, start, stop.start())


_FOR_WHAT = re.compile(
    r"\s*(?:\([^()\n]{1,40}\)\s*)?,?\s+pour\s+(?P<det>la |le |les |l'|sa |son |ses |leur |leurs )\s*"
    r"(?P<what>[^,;.()!?\n]{2,80}?)(?=\s*(?:[,;.()!?\n]|\s+et\s|$))"
)


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
        while (mention := mention_at(ctx, pos)) and mention.start < e:
            item = _FOR_WHAT.match(text, mention.end, e)
            if not item or not (first := item.group("what").split()) or not first[0][:1].islower():
                break
            what = " ".join(ctx.post.text[item.start("what") : item.end("what")].split())
            own = item.group("det").strip() in words("possessives")
            quoted = re.compile(r"\"([^\"]{2,60})\"").search(text, item.start("what"), item.end("what"))
            project = clean_name(ctx.post.text[quoted.start(1) : quoted.end(1)]) if quoted else None
            if own and not project or not own and len(first) > 6:
                break  # "pour sa franchise": no category, no named project -- not a winner's line
            category = None if own else what
            items.append(
                Conferral(
                    as_ref(mention),
                    series_award(series, year, category),
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
            glue = ITEM_GLUE.match(text, item.end(), e)
            if not glue:
                break
            pos = glue.end()
        if len(items) >= 2:  # one "X pour la Y" is any sentence; a run of them is a list of winners
            out += items
    return out


def previous_holders(
    ctx: PostContext, setting: Setting, won: Conferral, start: int, end: int
) -> list[Conferral]:
    """Earlier winners of the same prize that a winner's line names."""
    text, out = ctx.text, []
    series = Series(won.series, None, 0, 0) if won.series else None
    for field in ("succession_verbs", "past_by_verbs", "handover_verbs"):
        for cue in find(field, text, start, end):
            after = cue.end()
            if field == "handover_verbs":
                to = re.match(r"[^.,;]{0,30}?\s(?:à|au)\s", text[after:end])
                if not to:
                    continue
                after += to.end()
            mention = mention_at(ctx, after)
            if mention is None or rules.name_key(mention.text) == rules.name_key(won.recipient.name):
                continue
            clause_end = re.search(r"[.;(]|$", text[mention.end : end]).start() + mention.end
            year = year_before(ctx, setting, cue.start(), clause_end)
            award = series_award(series, year, won.category) if series else won.award
            out.append(
                Conferral(
                    as_ref(mention),
                    award,
                    *_clause(text, start, cue.start(), clause_end),
                    won.category,
                    year,
                    series=won.series,
                )
            )
    for cue in find("past_edition_verbs", text, start, end):
        year_match = re.match(r"\s*((?:19|20)\d\d)\b", text[cue.end() : end])
        if year_match and series:
            year = int(year_match.group(1))
            out.append(
                replace(
                    won,
                    award=series_award(series, year, won.category),
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
