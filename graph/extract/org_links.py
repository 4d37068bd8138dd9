"""Organization links: subsidiaries, brands, divisions, owners and mergers between two named organizations.

Three shapes: a cue between two names ("Free, qui appartient au Groupe Iliad", "la marque X du groupe Y",
"la fusion avec Poweo"), brands listed after a group ("Groupe Yum! (Pizza Hut, KFC...)"), and a name that
extends another name of the same post ("Google France" of "Google", "GDF Suez Dolce Vita" of "GDF Suez").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import fallback_name, listed_before, ref_of, sentence_at, sentences
from graph.extract.org_frames import frame_links
from graph.model import ORG_KINDS, Evidence, Fact, Mention, Ref

RULES = "rules/org_links"
FAMILY = "org_links"
_GAP = 3  # characters allowed between a name and its cue
# "du groupe Casino", "du groupe belge Maréval", "du groupe mutualiste Vauban Mutualité"
_GROUP_LEAD = re.compile(r"(?:(?i:le |du )?(?i:groupe)\s+(?:[a-zà-ÿ]+\s+)?)?")
# What may stand between a child and its cue: an aside in parentheses, or up to four words describing it.
_CHILD_GAP = re.compile(
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:,\s*(?:(?!(?:et|qui|que|dont|ou)\b)[a-zà-ÿ'-]+\s*){1,4})?$"
)
# "cette association fondée en 2003, qui compte parmi ses membres ...": the organization named before.
_ANAPHOR = re.compile(r"(?i)\b(?:cette|cet|ce|l'|la|le)\s*(?:association|fédération|federation|groupe|réseau|"
                      r"club|entreprise|société|enseigne|marque|opérateur|assureur|banque)\b")
_LIST_GLUE = re.compile(r"\s*(?:,|et|ou(?: encore)?|ainsi que)\s*")


def _orgs(ctx: PostContext) -> list[Mention]:
    return sorted((m for m in ctx.mentions if m.kind in ORG_KINDS), key=lambda m: m.start)


@cache
def _cues() -> tuple[tuple[str, re.Pattern[str], str, str, re.Pattern[str] | None], ...]:
    return tuple((c["type"], re.compile(c["cue"], re.IGNORECASE), c["child"], c["parent"],
                  re.compile(c["then"], re.IGNORECASE) if "then" in c else None)
                 for c in rules.load(RULES)["cues"])


def _link(ctx: PostContext, kind: str, child: Ref, parent: Ref, start: int, end: int) -> Fact:
    return Fact(FAMILY, kind, (("child", child), ("parent", parent)), Evidence.of(ctx.post, start, end),
                ("child", "parent"))


def _org_after(ctx: PostContext, orgs: list[Mention], pos: int, limit: int) -> Ref | None:
    lead = _GROUP_LEAD.match(ctx.text, pos)
    after = next((m for m in orgs if pos <= m.start <= lead.end() + _GAP), None)
    if after:
        return ref_of(after)
    name = fallback_name(ctx.text, pos, limit)
    return Ref(name, "Organization") if name else None


def _cued(ctx: PostContext, orgs: list[Mention], spans: list[tuple[int, int]]) -> Iterator[Fact]:
    text = ctx.text
    for kind, cue, child_at, parent_at, then in _cues():
        for m in cue.finditer(text):
            s, e = sentence_at(spans, m.start())
            before = next((o for o in reversed(orgs) if s <= o.end <= m.start()
                           and _CHILD_GAP.fullmatch(text, o.end, m.start())), None)
            subject = next((o for o in orgs if s <= o.start < m.start()), None)
            anaphor = _ANAPHOR.search(text, s, subject.start if subject else m.start())
            if anaphor and (subject is None or text[anaphor.end() : subject.start].strip()):
                # "ce groupe ..." points back; "le groupe Webhelp" is the name's own head noun
                subject = next((o for o in reversed(orgs) if s - 600 <= o.end <= s), None)
            # The name just before a verb cue is its subject ("A et B fusionnent, Y entrant au capital de C")
            doer = before or subject
            places = {"before": ref_of(before) if before else None,
                      "subject": ref_of(doer) if doer else None,
                      "after": _org_after(ctx, orgs, m.end(), e)}
            if then is not None:
                # "la marque X du groupe Y", "la cession de X au fonds Y": the second name follows the first
                first = places["after"]
                joined = then.match(text, m.end() + len(first.name)) if first else None
                places["then"] = _org_after(ctx, orgs, joined.end(), e) if joined else None
                parents, children = [places[parent_at]], [places[child_at]]
            else:
                parents = [places.get(parent_at)]
                listed = child_at == "after_list"
                children = _listed(ctx, orgs, m.end(), e) if listed else [places.get(child_at)]
                if child_at == "before" and before and _plural(m.group()):
                    # "A et B deviennent filiales de Y": the names listed with the one before the cue
                    listed_with = listed_before(ctx, s, before.end)[:-1]
                    children += [ref_of(o) for o in listed_with if o.kind in ORG_KINDS]
            for child in children:
                for parent in parents:
                    if child and parent and rules.name_key(child.name) != rules.name_key(parent.name):
                        yield _link(ctx, kind, child, parent, s, e)


def _listed(ctx: PostContext, orgs: list[Mention], pos: int, end: int) -> list[Ref]:
    """ "La Poste, Darty ou encore Nexity": the organizations listed from ``pos``, joined by list glue."""
    found: list[Ref] = []
    for org in orgs:
        if org.start < pos or org.start >= end:
            continue
        if not re.fullmatch(r"\s*(?:l'|la |le |les )?", ctx.text[pos : org.start]) and not (
            found and _LIST_GLUE.fullmatch(ctx.text, pos, org.start)
        ):
            break
        found.append(ref_of(org))
        pos = org.end
    return found


def _plural(cue: str) -> bool:
    return bool(set(rules.fold(cue).split()) & rules.word_set(RULES, "plural_cue_words"))


def _group_brands(ctx: PostContext, orgs: list[Mention], spans: list[tuple[int, int]]) -> Iterator[Fact]:
    """ "Groupe Yum! (Pizza Hut, KFC...)", "le groupe Kelvia (Brindor)": each name in the parentheses is a
    brand of the group."""
    groups = rules.word_set(RULES, "group_words")
    for org in orgs:
        lead = re.search(r"(\w+)\s+$", ctx.text[max(0, org.start - 12) : org.start])
        if not {rules.fold(org.text.split()[0]), rules.fold(lead.group(1)) if lead else ""} & groups:
            continue
        paren = re.compile(r"\s*\(([^()\n]{2,120})\)").match(ctx.text, org.end)
        if not paren:
            continue
        s, e = sentence_at(spans, org.start)
        for part in re.split(r",|\bet\b|\.\.\.|…", paren.group(1)):
            name = fallback_name(part, 0, len(part))
            if name:
                yield _link(ctx, "brandOf", Ref(name, "Company"), ref_of(org), s, max(e, paren.end()))


def _extended_names(ctx: PostContext, orgs: list[Mention], spans: list[tuple[int, int]]) -> Iterator[Fact]:
    """A name that is another name of the post plus words that say it is a part: a country or region
    ("Nespresso France", "Groupama Rhône-Alpes"), a business line ("La Poste Mobile", "La Banque Postale
    Assurances IARD"), or any words when the post calls the shorter name a group ("le groupe Virgin" and
    "Virgin Atlantic"). Two names of one company ("Mercedes Benz", the ship "Costa Fortuna") are no link."""
    countries = rules.word_set(RULES, "country_words") | rules.word_set(RULES, "region_words")
    lines = rules.word_set(RULES, "business_words")
    groups = {rules.name_key(g.group(1)) for g in _group_named().finditer(ctx.text)}
    for cue in re.finditer(rules.load(RULES)["group_anaphora"], ctx.text, re.IGNORECASE):
        named = [o for o in orgs if cue.start() - 300 <= o.end <= cue.start()]
        groups |= {rules.name_key(named[-1].text)} if named else set()
    by_words = {tuple(rules.fold(m.text).split()): m for m in orgs}
    for m in orgs:  # "Banque Postale Assurances IARD" extends "La Banque Postale": the article may go
        article, *rest = rules.fold(m.text).split()
        if article in ("la", "le", "les") and rest:
            by_words.setdefault(tuple(rest), m)
    seen: set[tuple[str, str]] = set()
    for child in orgs:
        words = tuple(rules.fold(child.text).split())
        for n in range(len(words) - 1, 0, -1):
            parent = by_words.get(words[:n])
            if parent is None or (child.text, parent.text) in seen or words[n:] in by_words:
                continue  # "Colorado Nexstage" glues two names of the post, it extends neither
            if child.kind == "Media" != parent.kind:
                continue  # "AFRC Mag" is a publication of the AFRC, not a part of it
            # "CGT de Normandie": the particle before a region is no word of its own
            extra = {w for w in re.split(r"[\s/]+", " ".join(words[n:])) if w} - {"de", "du", "des", "d'"}
            if extra <= countries or extra & lines:
                kind = "subsidiaryOf"
            elif rules.name_key(parent.text) in groups:
                kind = "divisionOf"
            else:
                continue
            seen.add((child.text, parent.text))
            s, e = sentence_at(spans, child.start)
            yield _link(ctx, kind, ref_of(child), ref_of(parent), s, e)
            break


@cache
def _group_named() -> re.Pattern[str]:
    """ "le groupe Virgin", "du Groupe Iliad", "Virgin Group": the post calls that name a group."""
    words = "|".join(rules.load(RULES)["group_words"])
    return re.compile(rf"(?i:\b(?:{words})\s+)([A-ZÀ-Ý][\w\-!&]*(?: [A-ZÀ-Ý][\w\-!&]*)*)")


def _unit_names(ctx: PostContext, orgs: list[Mention], spans: list[tuple[int, int]]) -> Iterator[Fact]:
    """Names the mention finder left short: a unit word before an organization ("Centre Conseil GDF
    SUEZ") names its division; a business line right after it ("La Poste Mobile", "La Banque Postale
    Assurances IARD"), or a country after a name the post also gives alone ("Google France"), its
    subsidiary."""
    text = ctx.text
    units = "|".join(rules.load(RULES)["unit_words"])
    countries = rules.word_set(RULES, "country_words")
    suffixes = "|".join(
        re.escape(w) for w in rules.load(RULES)["country_words"] + rules.load(RULES)["business_words"]
    )
    before = re.compile(rf"\b(?:{units})(?: [A-ZÀ-Ý][\w\-]*){{0,2}} $")
    after = re.compile(rf"(?: (?i:{suffixes}))+\b(?! [A-ZÀ-Ý])")
    for org in orgs:
        s, e = sentence_at(spans, org.start)
        unit = before.search(text, max(s, org.start - 40), org.start)
        if unit:
            child = Ref(text[unit.start() : org.end], "Organization")
            yield _link(ctx, "divisionOf", child, ref_of(org), s, e)
        suffix = after.match(text, org.end)
        if not suffix or not all(w[:1].isupper() for w in suffix.group().split()):
            continue
        named_alone = any(
            rules.name_key(o.text) == rules.name_key(org.text) and not after.match(text, o.end) for o in orgs
        )  # "Air France" is a name of its own; "Google France" is a part of the Google the post names
        if named_alone or not set(rules.fold(suffix.group()).split()) <= countries:
            yield _link(ctx, "subsidiaryOf", Ref(text[org.start : suffix.end()], org.kind), ref_of(org), s, e)


@register(FAMILY)
def extract_org_links(ctx: PostContext) -> Iterator[Fact]:
    """Every link between two organizations that the post states."""
    spans = sentences(ctx.text)
    orgs = _orgs(ctx)
    yield from _cued(ctx, orgs, spans)
    yield from frame_links(ctx)
    yield from _group_brands(ctx, orgs, spans)
    yield from _extended_names(ctx, orgs, spans)
    yield from _unit_names(ctx, orgs, spans)
