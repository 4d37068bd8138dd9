"""Podiums and ranks: a podium told in prose, "respectivement la deuxième et la troisième place", a rank in a
named ranking ("classé premier du Podium ..."), places given ("la première place à X, la deuxième à Y")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import fallback_name, listed_before, sentences_in
from graph.extract.awards.names import (
    Conferral,
    Series,
    Setting,
    as_ref,
    clean_name,
    evidence_span,
    name_end,
    prizes_named,
    recipient_at,
    role_award_start,
    series_award,
    series_in,
    starts_word,
    subject_before,
)
from graph.extract.awards.vocab import find, folded_text, head_at, rank_phrases, words, words_map
from graph.model import PERSON, PLACE, Mention


def ranks(ctx: PostContext, start: int, end: int, last: Conferral | None) -> list[Conferral]:
    """ "Y et Z ... occupent respectivement la deuxième et la troisième place": the last prize's podium."""
    if last is None:
        return []
    out = []
    for s, e in sentences_in(ctx.text, start, end):
        folded = rules.fold(ctx.text[s:e])
        if not any(True for _ in find("rank_cues", ctx.text, s, e)):
            continue
        ordinals = [
            (m.start() - s, words_map("ordinals")[m.group()]) for m in find("ordinals", ctx.text, s, e)
        ]
        if not ordinals:
            continue
        first = s + ordinals[0][0]
        person = last.recipient.kind == PERSON
        named = [m for m in ctx.mentions_in(s, first) if m.kind != PLACE and (m.kind == PERSON) == person]
        if len(named) != len(ordinals) or len(named) > 1 and "respectivement" not in folded:
            continue
        out.extend(
            replace(last, recipient=as_ref(m), rank=rank, start=s, end=e, weak=False)
            for m, (_, rank) in zip(named, ordinals, strict=True)
        )
    return out


def ranked(ctx: PostContext, start: int, end: int) -> list[Conferral]:
    """ "X, classé premier du Podium TNS Sofres BearingPoint": a rank in a named ranking. "cet opérateur,
    classé premier du ..." stands for the one organization the previous sentence names."""
    text, out = ctx.text, []
    previous: tuple[int, int] | None = None
    for s, e in sentences_in(text, start, end):
        for verb in find("rank_verbs", text, s, e):
            m = re.match(r"\s+(\S+)\s+(?:du|de la|de l'|des|au|à la|dans le|sur le)\s+", text[verb.end() : e])
            rank = words_map("ordinals").get(rules.fold(m.group(1))) if m else None
            at = verb.end() + m.end() if m and rank else e
            name = fallback_name(text, at, e)
            if not name or not (head_at(text, at) or head_at(text, at, "ranking_heads")):
                continue
            before = text[s : verb.start()]
            subject = subject_before(ctx, s, verb.start(), None)
            if subject and re.fullmatch(r"\s*,?\s*", text[subject.end : verb.start()]):
                recipient = as_ref(subject)
            elif re.search(r"\b(?:ce|cet|cette)\s+[a-zà-ÿ' \-]{3,50},?\s*$", before) and previous:
                named = {
                    rules.name_key(x.text): x
                    for x in ctx.mentions_in(*previous)
                    if x.kind not in (PERSON, PLACE)
                }
                antecedent = next(iter(named.values())) if len(named) == 1 else None
                recipient = as_ref(antecedent)
                s = antecedent.start if antecedent else s  # the quote shows whom "cet opérateur" is
            else:
                recipient = None
            if recipient:
                award = clean_name(ctx.post.text[at : at + len(name)])
                out.append(Conferral(recipient, award.rstrip(".!"), s, e, rank=rank))
        previous = (s, e)
    return out


_SECTOR_LEAD = re.compile(r"(?P<cat>[A-ZÀ-Ý][\w'’-]+(?:\s+[\w'’-]+){0,2})\.\s+")


def podium(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """A podium told in prose in one paragraph ("X prend la tête, devant Y, deuxième, et Z ... complète le
    podium"): each clause's first name takes the rank its words give, or the rank after the one before
    it when the clause opens on "devant" or "suivi de". The prize is the one the paragraph or the line
    before names, else the post's series; a paragraph opened by a short "Banque." names the category, and a
    sentence opened by one ("Chez les femmes, ...") holds a podium of its own."""
    text = ctx.text
    sector = _SECTOR_LEAD.match(text, start, end)
    # Places by category: the paragraph's own, unless a sentence opens on one ("Chez les femmes, ...")
    podiums: dict[str | None, list[tuple[Mention, int, tuple[int, int], bool]]] = {}
    for s, e in sentences_in(text, start, end):
        category = _category_lead(text, s, e, opening=True)
        rank = 0
        for clause_start, clause_end, follows in _podium_clauses(text, s, e):
            stated_rank = clause_rank(text, clause_start, clause_end)
            if stated_rank is None and not (follows and rank):
                continue
            named = [m for m in ctx.mentions_in(clause_start, clause_end) if m.kind != PLACE]
            if not named:
                continue
            rank = stated_rank or rank + 1
            podiums.setdefault(category, []).append((named[0], rank, (s, e), stated_rank is not None))
    out = []
    for category, counted in podiums.items():
        # A rank the text states wins over one counted in turn ("devant Y et Z. A et B sont ex æquo
        # troisièmes": Z is not third)
        stated = {rank for _, rank, _, said in counted if said}
        places = [(m, rank, sentence) for m, rank, sentence, said in counted if said or rank not in stated]
        kinds = {m.kind == PERSON for m, _, _ in places}
        ranks_told = sorted(rank for _, rank, _ in places)
        if len(places) < 2 or len(kinds) > 1 or len(set(ranks_told)) != len(ranks_told) or ranks_told[0] != 1:
            continue
        award, year = _podium_award(ctx, setting, start, places[0][2])
        if award is None:
            continue
        if category is None and sector:
            category = ctx.post.text[sector.start("cat") : sector.end("cat")]
        name = series_award(Series(award, None, 0, 0), year, category) if category else award
        # The post's ceremony, when the podium is told at it ("l'élection du Directeur Client de l'Année")
        event = setting.series.event if setting.series and setting.series.year == year else None
        out += [
            Conferral(as_ref(m), name, *evidence_span(sentence, m.start, m.end), category, year, rank, event)
            for m, rank, sentence in places
        ]
    return out


_CATEGORY = re.compile(r"\s+(?P<cat>[^,;:.]{2,60}?)\s*,")


def _category_lead(text: str, start: int, end: int, opening: bool) -> str | None:
    """The category a lead of ``category_leads`` names ("Dans la catégorie X,", "Chez les femmes,"): one
    opening ``text[start:end]`` (``opening``), else the first anywhere in it."""
    for lead in find("category_leads", text, start, end):
        if opening and text[start : lead.start()].strip():
            return None
        category = _CATEGORY.match(text, lead.end(), end)
        if category:
            return " ".join(category.group("cat").split())
    return None


def on_podium(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "A, B et C montent sur le podium", "A et B sont ex æquo à la troisième place": each name of the run
    just before the phrase is on the podium, at the rank the rest of its clause gives (if any), of the prize
    the sentence or the paragraph names (else the post's series, else the last prize named); a lead "Dans
    la catégorie X," or "Du côté des X," names the category."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for phrase in find("podium_group", text, s, e):
            names = listed_before(ctx, s, phrase.start())
            if not names:
                continue
            clause_end = next((b.start() for b in find("podium_breaks", text, phrase.end(), e)), e)
            rank = clause_rank(text, phrase.end(), clause_end)
            award, year = _podium_award(ctx, setting, start, (s, e))
            if award is None:
                named = prizes_named(ctx, ctx.post.body_start, s)
                award, year = (named[-1].name, named[-1].year or setting.year) if named else (None, None)
            if award is None:
                continue
            category = _category_lead(text, s, names[0].start, opening=False)
            name = series_award(Series(award, None, 0, 0), year, category) if category else award
            out += [Conferral(as_ref(m), name, *evidence_span((s, e), m.start, m.end), category, year, rank)
                    for m in names]
    return out


def _podium_clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """The clauses of a sentence, and whether each opens on a runner-up cue ("devant", "suivi de")."""
    cuts = sorted(
        [(m.start(), m.end(), False) for m in find("podium_breaks", text, start, end)]
        + [(m.start(), m.end(), True) for m in find("podium_next", text, start, end)]
    )
    pos, follows = start, False
    for cut_start, cut_end, next_rank in cuts:
        if cut_start < pos:
            continue
        yield pos, cut_start, follows
        # "suivi de Y et de Z", "devant Y et Z": a name joined to a runner-up's by "et" comes next in turn
        joined = follows and text[cut_start:cut_end].strip() == "et"
        pos, follows = cut_end, next_rank or joined
    yield pos, end, follows


def clause_rank(text: str, start: int, end: int) -> int | None:
    folded = folded_text(text)
    for regex, rank in rank_phrases():
        for m in regex.finditer(folded, start, end):
            after = re.match(r"\s+([\w']+)", folded[m.end() : end])
            if not (after and after.group(1) in words("not_rank_after")):
                return rank
    return None


def _podium_award(
    ctx: PostContext, setting: Setting, start: int, sentence: tuple[int, int]
) -> tuple[str | None, int | None]:
    """The prize a podium is for: the series its first sentence names ("X arrive en tête du Podium Y"), else
    a role's prize ("Directeur Client de l'Année") named in the paragraph or the line before, else the
    competition or ranking named there, else the post's series or ranking."""
    text = ctx.text
    own = series_in(ctx, *sentence)
    if own:
        return own[-1].name, own[-1].year or setting.year
    pos = sentence[0]
    floor = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start - 1)))
    floor = max(floor, ctx.post.body_start)
    for mark in reversed(list(find("year_award_marks", text, floor, pos))):
        award_start = role_award_start(text, floor, mark.start())
        if award_start is not None:
            year = re.match(r"\s+((?:19|20)\d\d)\b", text[mark.end() : pos])
            return clean_name(ctx.post.text[award_start : mark.end()]), int(
                year.group(1)
            ) if year else setting.year
    award, year = _competition_before(ctx, setting, floor, pos)
    if award is None:
        title_ranking = [
            h for h in find("ranking_heads", text, 0, ctx.post.body_start) if text[h.start()].isupper()
        ]
        if title_ranking:
            stop, year = name_end(ctx, title_ranking[0].end(), ctx.post.body_start)
            award = clean_name(ctx.post.text[title_ranking[0].start() : stop])
            year = year or setting.year
    return award, year


_PLACE_GIVEN = re.compile(
    r"(?:\s*,\s*|\s+et\s+|\s+)(?:la|le)\s+(?P<ordinal>\S+)(?:\s+(?:place|marche|prix))?\s+(?:à|au|aux)\s+"
)


def places_given(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "le jury a attribué la première place à Qalibra, la deuxième à Voxilia et la troisième à Fidelink":
    the podium of the competition the paragraph names (else the post's prize series)."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in find("place_give_verbs", text, s, e):
            pos, places = verb.end(), []
            while (m := _PLACE_GIVEN.match(text, pos, e)) and (
                rank := words_map("ordinals").get(rules.fold(m.group("ordinal")))
            ):
                recipient = recipient_at(ctx, m.end(), e)
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
        for h in find("series_heads", text, floor, pos)
        if starts_word(text, h.start()) and re.match(r"\s+[A-ZÀ-Ý]", text[h.end() : h.end() + 3])
    ]
    if named:
        head = named[-1]
        # "le concours Start-up Client Horizon": a name the mentions took for a firm's is the contest's
        glued = next((m for m in ctx.mentions if m.start == head.end() + 1 and m.end <= pos), None)
        stop, year = (glued.end, None) if glued else name_end(ctx, head.end(), pos)
        name = clean_name(ctx.post.text[head.start() : stop])
        if len(name.split()) >= 2:
            return name[:1].upper() + name[1:], year or setting.year
    if setting.series:
        return setting.series.name, setting.series.year or setting.year
    return None, None
