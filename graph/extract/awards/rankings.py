"""Rankings laid out as numbered lists: every place of the list is an award row with its rank.

"Les cinq premiers du classement général Exemplia 2019" then "1. Maison Durand avec une note de
91,2", "2. Boulangeries Léa : 90,4" ...; "Voici le top 10 :" then "1. Atelier Brun". The list is read by
the layout reader (``graph.layout``); the line it hangs from must say it is a ranking (``ranking_cues`` in
``data/rules/awards.yaml``). The award is the post's prize series when it names one, the heading's
ranking as its category ("Podium de la relation client - classement général"); else the fuller ranking
the text named before the list, with the heading's as its category; else the heading's ranking.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import noun_phrase_end
from graph.extract.awards.names import YEAR, Conferral, Setting, clean_name, series_in
from graph.extract.awards.vocab import find
from graph.layout import Item, list_items
from graph.model import PERSON, PLACE, Ref
from graph.names import org_kind

MIN_PLACES = 3
_QUOTE_OPEN = re.compile(r"[«\"“][^«»\"“”\n]*$")
_QUOTE_END = re.compile(r"[^«»\"“”\n]{0,100}?(\s*[»\"”])")


def _heading(text: str, first: Item) -> tuple[int, int] | None:
    """The non-empty line just above a list (one blank line between allowed)."""
    end = first.start - 1
    while end > 0 and not text[text.rfind("\n", 0, end) + 1 : end].strip():
        end = text.rfind("\n", 0, end)
        if end < 0 or first.start - end > 3:
            return None
    start = text.rfind("\n", 0, max(end, 0)) + 1
    return (start, end) if end > start else None


def _rankings(ctx: PostContext, start: int, end: int) -> list[str]:
    """The rankings a passage names: the noun phrase of each ranking word, as the parse reads it
    ("classement général Exemplia 2019"), when it says more than the word alone."""
    names = []
    for cue in find("ranking_names", ctx.text, start, end):
        span = ctx.doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
        stop = noun_phrase_end(span[-1]) if span is not None else None
        quoted = _QUOTE_END.match(ctx.text, cue.end())
        if quoted and _QUOTE_OPEN.search(ctx.text, max(0, cue.start() - 20), cue.start()):
            stop = max(stop or 0, quoted.start(1))  # « l'étude palmarès qualité X 2012 »: the quoted name
        if stop and stop > cue.end():
            names.append(clean_name(ctx.post.text[cue.start() : stop]))
    return names


@cache
def _quoted_study() -> re.Pattern[str]:
    """A study's quoted name after its head word (the text is folded: its quotes are straight)."""
    heads = "|".join(map(re.escape, rules.load("rules/awards")["quoted_study_heads"]))
    return re.compile(rf"\b(?:{heads})\b[^\"\n.]{{0,40}}\"([^\"\n]{{3,80}})\"", re.IGNORECASE)


def _says_more(name: str) -> bool:
    """Whether a ranking's name says more than its head and generic words ("classement complet 2024": no)."""
    rest = [w for w in name.split()[1:] if not YEAR.fullmatch(w)]
    return any(rules.fold(w) not in rules.word_set("rules/awards", "generic_ranking_words") for w in rest)


def _place(ctx: PostContext, item: Item) -> Ref:
    """The item's name as the list writes it; a person when the finder reads exactly that name as one."""
    name = ctx.post.text[item.name_start : item.name_end]
    same = next((m for m in ctx.mentions if (m.start, m.end) == (item.name_start, item.name_end)), None)
    if same is not None and same.kind == PERSON and len(name.split()) > 1:
        return Ref(name, PERSON)
    if same is not None and same.kind not in (PERSON, PLACE):
        return Ref(name, same.kind)
    return Ref(name, org_kind(name) or "Company")  # a ranked "place" is a firm the finder took for a town


# A score after an item's name: "• Maison Durand (16,2/20)", "- Atelier Brun : 87,5 %", "– Lumen, 91 points".
_SCORE = re.compile(r"\s*[(:,–-]?\s*(\d+(?:[,.]\d+)?)\s*(?:%|/\s*\d+|points?\b|pts\b)?\s*\)?\s*$")
# How far before a scored list a ranking word may stand ("Le baromètre X ... Voici les résultats :").
SCORED_CUE_REACH = 400


def _scored_ranks(text: str, items: list[Item]) -> list[Item] | None:
    """A bulleted list whose every item ends on a score, the scores in order (best first): a ranking
    whose places are the items' positions (equal scores share a place). The last item may lack its score:
    the text may be cut there."""
    found = [_SCORE.match(text, item.name_end, item.end) for item in items]
    if len(found) > 1 and found[-1] is None:
        items, found = items[:-1], found[:-1]
    if any(f is None for f in found):
        return None
    scores = [float(f.group(1).replace(",", ".")) for f in found if f is not None]
    if any(a < b for a, b in zip(scores, scores[1:], strict=False)):
        return None
    ranks = [1 + sum(1 for other in scores if other > score) for score in scores]
    return [replace(item, rank=rank) for item, rank in zip(items, ranks, strict=True)]


def _ranked_blocks(ctx: PostContext) -> list[tuple[list[Item], tuple[int, int]]]:
    """Each ranked list of the post with the stretch of text that must say it is a ranking: a numbered
    list and the line above it; a scored bulleted list and the text just before it."""
    text = ctx.text
    blocks: dict[int, list[Item]] = {}
    for item in list_items(text):
        if item.start >= ctx.post.body_start:
            blocks.setdefault(item.block, []).append(item)
    out = []
    for items in blocks.values():
        numbered = [it for it in items if it.rank is not None]
        if numbered:
            heading = _heading(text, numbered[0])
            if heading is not None:
                out.append((numbered, heading))
        elif scored := _scored_ranks(text, items):
            out.append((scored, (max(0, items[0].start - SCORED_CUE_REACH), items[0].start)))
    return out


def ranked_lists(ctx: PostContext, setting: Setting) -> list[Conferral]:
    text = ctx.text
    found: list[Conferral] = []
    for items, heading in _ranked_blocks(ctx):
        if len(items) < MIN_PLACES or items[0].rank != 1:
            continue
        if not any(True for _ in find("ranking_cues", text, *heading)):
            continue
        named = series_in(ctx, *heading)
        series = named[-1] if named else setting.series
        ranking = next(iter(_rankings(ctx, *heading)), None)
        if ranking and not _says_more(ranking):
            ranking = None  # "Le classement complet :": the ranking named before
        year_match = YEAR.search(text, *heading)
        year = int(year_match.group()) if year_match else setting.year
        earlier = next((r for r in _rankings(ctx, 0, heading[0])[::-1] if _says_more(r)), None)
        if series:
            award, category = series.name, ranking  # to_fact names the prize in the singular
        elif ranking and earlier and len(earlier.split()) >= 3 and rules.name_key(earlier) != rules.name_key(
            ranking
        ):
            # « le palmarès qualité Exemplia 2019 » ... "Voici le classement des boutiques :": a part of it
            award, category = earlier, ranking
        else:  # the ranking the heading names, else the last one the text named before the list, else the
            # study whose quoted name the text gave ("son étude "X"", then "Voici le top 5 :")
            studies = list(_quoted_study().finditer(text, 0, heading[0]))
            study = clean_name(studies[-1].group(1)) if studies else None
            award, category = ranking or earlier or study, None
        if award is None:
            continue
        if category and set(category.lower().split()) <= set(award.lower().split()):
            category = None
        event = f"{series.name} {year}" if series and year else None
        for item in items:
            found.append(
                Conferral(
                    _place(ctx, item),
                    award,
                    item.start,
                    item.end,
                    category,
                    year,
                    item.rank,
                    event,
                    series=series.name if series else None,
                )
            )
    return found
