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
- "X remporte le Prix Y", "G a décerné son prix "Coup de cœur" à X", "l'édition 2013 a récompensé X et Y";
- a run of names beside a clause that confers a prize on no one it names ("Les lauréats sont : X, Y et Z").
The ceremony and the year come from the sentence, the list heading or the post's own subject (its title or
lead line: "Palmes de la Relation client 2013 : ..."). An event is named "<series name> <year>", as the
events extractor names it, and only when the year is known.

The shapes live in ``lines`` (award, category and winner lines, numbered lists), ``podiums`` (podiums, ranks,
places given) and ``prose`` (the verb frames); the names they read, the post's setting and the dataclasses
they hand on in ``names``, the rules' vocabularies in ``vocab``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import line_spans, sentences_in
from graph.extract.awards import ceremonies  # noqa: F401 (registers its step across families)
from graph.extract.awards.lines import (
    BULLET,
    award_lines,
    category_lines,
    leading_name,
    numbered_items,
    pour_la,
    winner_list,
    winners_for,
)
from graph.extract.awards.listed import listed_winners
from graph.extract.awards.names import (
    EVIDENCE_LIMIT,
    WORD,
    YEAR,
    Conferral,
    Series,
    Setting,
    as_ref,
    heading_series,
    name_end,
    names_its_giver,
    series_award,
    series_in,
    setting_of,
    singular_head,
)
from graph.extract.awards.podiums import clause_rank, on_podium, places_given, podium, ranked, ranks
from graph.extract.awards.prose import given, goes_to, rewarded, year_awards
from graph.extract.awards.rankings import ranked_lists
from graph.extract.awards.vocab import find, head_at, words
from graph.model import PLACE, Evidence, Fact, Ref

__all__ = [
    "IDENTITY",
    "Conferral",
    "Series",
    "Setting",
    "clause_rank",
    "conferrals",
    "extract_awards",
    "name_end",
    "series_in",
    "setting_of",
    "to_fact",
]

FAMILY = "awards"
IDENTITY = ("recipient", "award", "year")


def conferrals(ctx: PostContext) -> list[Conferral]:
    """Every conferral a post states, before facts are made of them."""
    text = ctx.text
    setting = setting_of(ctx)
    found: list[Conferral] = []
    heading: tuple[int, int] | None = None  # the line a list hangs from
    section = False  # under a heading line that names winners ("Le palmarès, secteur par secteur")
    for start, end in line_spans(text):
        if not text[start:end].strip():
            continue
        # The title is a headline ("Trophées 2015 : la MAIF rafle tout"), never a line of a list.
        numbered = _NUMBERED.match(text, start, end) is not None
        is_item = start >= ctx.post.body_start and (
            BULLET.match(text, start, end) is not None or head_at(text, start) is not None or numbered
        )
        if not is_item and heading and start >= ctx.post.body_start:
            # A plain line that opens on a name, under "Les gagnants sont :", is one of the winners
            is_item = any(True for _ in find("list_triggers", text, *heading)) and (
                leading_name(ctx, start, end) is not None
            )
        if not is_item:
            heading = (start, end) if text[start:end].rstrip().endswith(":") else None
            if _is_heading(text, start, end):  # "Le palmarès, secteur par secteur": a section of winners
                section = any(True for _ in find("list_triggers", text, start, end))
        line_found: list[Conferral] = []
        if numbered and heading:
            line_found += numbered_items(ctx, setting, start, end, heading)
        elif section and not is_item and start >= ctx.post.body_start and not _is_heading(text, start, end):
            line_found += category_lines(ctx, setting, start, end, None, None)
        if line_found:
            pass
        elif is_item and heading:
            head_series = heading_series(ctx, *heading)
            head_year_match = YEAR.search(text, *heading)
            head_year = int(head_year_match.group()) if head_year_match else None
            if any(True for _ in find("list_triggers", text, *heading)):
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
            + listed_winners(ctx, setting, rest, end)
            + places_given(ctx, setting, rest, end)
            + podium(ctx, setting, rest, end)
            + on_podium(ctx, setting, rest, end)
            + ranked(ctx, start, end)
        )
        listed = next((c for c in line_found if c.category and c.series), None)
        if listed:
            prose = [_as_listed(c, listed) for c in prose]
        last = next((c for c in reversed(found) if not c.weak and c.rank is None), None)
        line_found += prose + ranks(ctx, rest, end, last)
        found.extend(line_found)
    # A ranking laid out as a numbered list: its places, where no other shape read the line already.
    found += [
        r for r in ranked_lists(ctx, setting) if not any(c.start < r.end and r.start < c.end for c in found)
    ]
    return _settle([x for c in found for x in _tied(ctx, c)], setting)


_NUMBERED = re.compile(r"[ \t]*\d[.)][ \t]+")


def _is_heading(text: str, start: int, end: int) -> bool:
    """A short line with no sentence ending: a section heading."""
    line = text[start:end].strip()
    return 0 < len(line) <= 80 and line[-1] not in ".!?:;," and ":" not in line


def _as_listed(found: Conferral, listed: Conferral) -> Conferral:
    """A prize named again on a winner's line ("C'est KFC qui avait été élu Service client de l'année 2012")
    is the list's prize, in the line's category."""

    def content(name: str) -> set[str]:
        return {w for w in WORD.findall(rules.fold(name)) if w.isalnum() or "'" in w} - words("connectors")

    if not listed.series or not content(found.award) <= content(listed.series):
        return found
    award = series_award(Series(listed.series, None, 0, 0), found.year, listed.category)
    return replace(found, award=award, category=listed.category, series=listed.series)


_TIE = re.compile(r"\s*,?\s*\(?ex[ -]a?æ?e?quo\)?", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:les |le |la |l')", re.IGNORECASE)


def _tied(ctx: PostContext, c: Conferral) -> list[Conferral]:
    """ "X et Y" read as one winner on a list line: each of two names the finder knows, or of any two names
    when the line says they tie ("ex æquo"); the tie is no part of the prize's name."""
    c = replace(c, award=_TIE.sub("", c.award).strip())
    parts = re.split(r"\s+et\s+", _TIE.sub("", c.recipient.name).strip())
    if len(parts) != 2:
        return [c]
    inside = [m for m in ctx.mentions_in(c.start, c.end) if m.kind != PLACE]
    named = {rules.name_key(_ARTICLE.sub("", m.text)): m for m in inside}
    found = [named.get(rules.name_key(_ARTICLE.sub("", part))) for part in parts]
    if all(found):
        return [replace(c, recipient=as_ref(m)) for m in found if m]
    if _TIE.search(ctx.text, c.start, c.end) and all(part[:1].isupper() for part in parts):
        return [replace(c, recipient=Ref(part, c.recipient.kind, c.recipient.certain)) for part in parts]
    return [c]


def _settle(found: list[Conferral], setting: Setting) -> list[Conferral]:
    """Drop appositions about recipients the post states firmer prizes for; credit the post's conferrer."""
    firm = {rules.name_key(c.recipient.name) for c in found if not c.weak}
    kept = []
    for c in found:
        if c.weak and rules.name_key(c.recipient.name) in firm:
            continue
        if names_its_giver(c.recipient.name, c.award, c.category, c.event):
            continue
        same_series = setting.series and rules.name_key(c.series or "") == rules.name_key(setting.series.name)
        if c.conferred_by is None and setting.conferrer and same_series:
            c = replace(c, conferred_by=setting.conferrer)
        kept.append(c)
    return kept


def to_fact(ctx: PostContext, c: Conferral) -> Fact:
    roles: list[tuple[str, Ref | str | int]] = [("recipient", c.recipient), ("award", singular_head(c.award))]
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
