"""Winners named as a run of names beside a clause that confers a prize on no one it names:
"Le jury a décerné le label X à cinq enseignes : A, B, C et D", "A, B, C : toutes trois ont été couronnées
« Y 2018 »", "Les lauréats sont : A, B et C", "A, B, C... Une trentaine d'entreprises sont labellisées
« Z »". The clause says what was won; the run says who won it, each item a name alone or a category with
its winner in parentheses ("banque (A), transports (B)... ont obtenu la mention « Z »").

The clause is read on the parse: one of its words has a conferral lemma (``listed_predicates``) and it names
no person or organization outside the prize's own name (the generic "enseignes", "toutes trois" stands for
the run). The run is the other side of the colon or ellipsis: names only, between commas and "et".
"""

from __future__ import annotations

import re

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import sentences_in
from graph.extract.awards.names import (
    ITEM_GLUE,
    YEAR,
    Conferral,
    Setting,
    clean_name,
    entity_in,
    evidence_span,
    listed_name,
    prizes_named,
)
from graph.extract.awards.vocab import words
from graph.model import PLACE, Ref

# The colon or ellipsis between the run of names and the clause ("14:30" and "http:" are no such mark).
_SPLIT = re.compile(r"\s*(?<![\d/])(?::(?![\d/])|\.\.\.|…)\s*")
_QUOTED = re.compile(r"\"([^\"\n]{3,80})\"")
MIN_NAMES = 2


def _name(ctx: PostContext, start: int, end: int) -> Ref | None:
    """The person or organization a piece of the run names, when the piece is that name and nothing more."""
    ref = entity_in(ctx, start, end)
    piece = re.sub(r"^(?:l'|la |le |les )", "", ctx.text[start:end].strip(), flags=re.IGNORECASE)
    if ref is None or ref.kind == PLACE:
        return None
    return ref if listed_name(piece) or rules.name_key(ref.name) == rules.name_key(piece) else None


def _run(ctx: PostContext, start: int, end: int) -> list[Ref] | None:
    """The names of ``text[start:end]`` when it holds nothing but names (at least two). A lone lower-case
    word ("brindor") is passed over: a brand the entity finder does not know, or a word no run needs."""
    text = ctx.text
    tail = re.search(r"\s*(?:\([^()]{0,60}\))?[\s.,;]*$", text[start:end])
    end = start + tail.start() if tail else end
    names: list[Ref] = []
    pos = start
    for glue in [*ITEM_GLUE.finditer(text, start, end), None]:
        stop = glue.start() if glue else end
        if stop <= pos:
            return None
        ref = _name(ctx, pos, stop)
        if ref is None and not re.fullmatch(r"\s*[a-z][\w-]*\s*", text[pos:stop]):
            return None
        names += [ref] if ref else []
        pos = glue.end() if glue else end
    return names if len(names) >= MIN_NAMES else None


# "banque (Société Générale)": a category, then its winner in parentheses.
_CATEGORISED = re.compile(r"\s*(?P<category>[^\W\d][^(),;:\n]{1,60}?)\s*\((?P<name>[^()\n]{2,60})\)")
_BETWEEN = re.compile(r"\s*(?:,|;|\bet\b)\s*|\s*(?:\.\.\.|…)?\s*$")


def _categorised_run(ctx: PostContext, start: int, end: int) -> list[tuple[Ref, str]] | None:
    """The (winner, category) pairs of ``text[start:end]`` when it holds nothing but "category (winner)"
    items (at least two): "Fournisseur d'énergie (A), banque (B), transports (C)..."."""
    text, pos, found = ctx.text, start, []
    while pos < end:
        item = _CATEGORISED.match(text, pos, end)
        ref = _name(ctx, item.start("name"), item.end("name")) if item else None
        between = _BETWEEN.match(text, item.end(), end) if item else None
        if ref is None or between is None:
            return None
        found.append((ref, " ".join(item.group("category").split())))
        pos = between.end() if between.end() > item.end() else end
    return found if len(found) >= MIN_NAMES else None


# "A, B (pour l'électronique), C, D (culture)": a category in parentheses closes a group of names.
_GROUP_CATEGORY = re.compile(
    r"\s*\((?:pour |dans |catégorie )*(?:l'|la |le |les )?(?P<category>[^()\n]{2,60})\)")


def _grouped(text: str, start: int, end: int, count: int) -> list[str] | None:
    """The category of each of the run's ``count`` items when parentheses close groups of them (at least
    two groups, every item in one): "Fnac, Darty (pour l'électronique), Amazon, iTunes (culture)"."""
    categories: list[str] = []
    pending = 0
    for glue in [*ITEM_GLUE.finditer(text, start, end), None]:
        pending += 1
        closing = _GROUP_CATEGORY.match(text, glue.start() if glue else _last_item_end(text, start, end))
        if closing:
            categories += [" ".join(closing.group("category").split())] * pending
            pending = 0
    groups = len(set(categories))
    return categories if pending == 0 and len(categories) == count and groups >= MIN_NAMES else None


def _last_item_end(text: str, start: int, end: int) -> int:
    last = [*ITEM_GLUE.finditer(text, start, end)]
    tail = re.search(r"\s*\([^()]*\)[\s.,;]*$", text[start:end])
    return start + tail.start() if tail and (not last or start + tail.start() >= last[-1].end()) else end


# "... élus « Z » dans leur catégorie (banque, transports et énergie)": one category per name, in order.
_RESPECTIVE = re.compile(
    r"(?:catégories?|respectivement)\s*(?:[\w']+\s+){0,2}?\(([^()\n]{3,200})\)", re.IGNORECASE
)


def _respective(text: str, start: int, end: int, count: int) -> list[str] | None:
    """The categories the clause lists for the run's names, one each, when it lists as many as the run has."""
    listed = _RESPECTIVE.search(text, start, end)
    parts = [p.strip() for p in re.split(r",|\bet\b", listed.group(1))] if listed else []
    return parts if len(parts) == count and all(parts) else None


def _confers(ctx: PostContext, start: int, end: int) -> bool:
    """The clause has a conferral word and names no recipient of its own: no person or organization before
    that word, outside quotes (one after it may give the prize: "portée par l'AFRC")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    predicates, triggers = words("listed_predicates"), words("list_triggers")
    word = next(
        (t for t in span or () if rules.fold(t.lemma_) in predicates or rules.fold(t.text) in triggers), None
    )
    if word is None:
        return False
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(ctx.text, start, end)]
    return not any(
        m.kind != PLACE and not any(a <= m.start < b for a, b in quoted)
        for m in ctx.mentions_in(start, word.idx)
    )


def _prize(ctx: PostContext, setting: Setting, start: int, end: int) -> tuple[str, int | None] | None:
    """What the clause says was won: a quoted name, a named prize, else the post's series, the winners' own
    title when a year follows it ("les champions 2011"), or the last prize the post named before it."""
    text = ctx.text
    year_match = YEAR.search(text, start, end)
    year = int(year_match.group()) if year_match else setting.year
    quoted = _QUOTED.search(text, start, end)
    if quoted:
        return clean_name(ctx.post.text[quoted.start(1) : quoted.end(1)]), year
    named = prizes_named(ctx, start, end)
    if named:
        return named[0].name, named[0].year or year
    if setting.series:
        return setting.series.name, setting.series.year or year
    # "Les champions 2011 sont : ...": winners named with a year are that year's edition of their title
    edition = re.search(r"\b([^\W\d]+)\s+((?:19|20)\d\d)\b", text[start:end])
    if edition and rules.fold(edition.group(1)) in words("list_triggers"):
        return edition.group(1).lower(), int(edition.group(2))
    before = prizes_named(ctx, 0, start)
    return (before[-1].name, before[-1].year or year) if before else None


def _sides(text: str, start: int, end: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(run, clause) pairs a line may hold: each side of the one mark of a sentence, either way round, and
    a sentence that trails off ("A, B, C...") before the clause that follows it."""
    pairs = []
    sentences = list(sentences_in(text, start, end))
    for k, (s, e) in enumerate(sentences):
        marks = list(_SPLIT.finditer(text, s, e))
        inner = [m for m in marks if text[m.end() : e].strip(" .")]
        if len(inner) == 1:
            m = inner[0]
            pairs += [((m.end(), e), (s, m.start())), ((s, m.start()), (m.end(), e))]
        elif marks and k + 1 < len(sentences):
            pairs.append(((s, marks[-1].start()), sentences[k + 1]))
    return pairs


def listed_winners(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    text, out = ctx.text, []
    taken: set[tuple[int, int]] = set()
    for run, clause in _sides(text, start, end):
        if run in taken:
            continue
        names = [(ref, None) for ref in _run(ctx, *run) or ()] or _categorised_run(ctx, *run)
        if not names or not _confers(ctx, *clause):
            continue
        categories = _respective(text, *clause, len(names)) or _grouped(text, *run, len(names))
        if categories and not any(category for _, category in names):
            names = [(ref, category) for (ref, _), category in zip(names, categories, strict=True)]
        prize = _prize(ctx, setting, *clause)
        if prize is None:
            continue
        taken.add(run)
        award, year = prize
        s, e = min(run[0], clause[0]), max(run[1], clause[1])
        out += [Conferral(ref, award, *evidence_span((s, e), s, e), category=category, year=year)
                for ref, category in names]
    return out
