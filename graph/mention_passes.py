"""Passes over one post's list of mentions, after the finder has read each name alone: which of two
overlapping names stays, and what a name's neighbours say of it (a weak name listed with firms is a firm,
"CAF de Colombes" is one body, "Costa Fortuna" beside "Costa Croisières" is no person).
"""

from __future__ import annotations

import re

from graph import rules
from graph.model import PERSON, PLACE, WEAK, Mention, Post
from graph.name_shapes import RULES
from graph.names import is_common, is_org, words


def promote_described_orgs(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Trusteam, gestionnaire de fonds": a weak name followed by an organization noun is an organization."""
    cues = rules.word_set(RULES, "appositive_cues")
    out = []
    for m in mentions:
        if m.source == WEAK:
            after = rules.fold(text[m.end : m.end + 40])
            match = re.match(r"^\s*[,(]\s*(?:(?:le|la|l'|un|une|du|des)\s*)?([\w'-]+(?:\s[\w'-]+)?)", after)
            if match and (match.group(1) in cues or match.group(1).split()[0] in cues):
                m = Mention(m.start, m.end, m.text, m.kind, "ner")
        out.append(m)
    return out


def promote_listed_orgs(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names listed with organizations ("d'IKEA, de FREE, de Four Seasons et Houra .fr") are organizations."""
    connectors = rules.word_set(RULES, "list_connectors")
    out = list(mentions)
    for order in (range(1, len(out)), range(len(out) - 2, -1, -1)):
        for i in order:
            j = i - 1 if order.step == 1 else i + 1
            m, other = out[i], out[j]
            if m.source != WEAK or not is_org(other.kind) or other.source == WEAK:
                continue
            between = text[min(m.end, other.end) : max(m.start, other.start)]
            if rules.fold(between) in connectors:
                out[i] = Mention(m.start, m.end, m.text, m.kind, "ner")
    return out


_LOCAL = re.compile(
    r"(?: de la | de l'| du | des | de | d')(?:[A-Z\u00C0-\u00DE][\w'-]+(?:[ -](?:sur|en|de|du)[ -])?){1,3}"
)


def local_branches(post: Post, mentions: list[Mention]) -> list[Mention]:
    """"CAF de Colombes", "Urssaf du Var", "rectorat d'Amiens": a public body, association or school named
    with the place it serves is that local branch; the place is part of its name."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        place = _LOCAL.match(post.plain, m.end) if m.kind in ("PublicBody", "Association", "School") else None
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if place and (following is None or following.start >= place.end() or following.kind == PLACE):
            end = place.end()
            m = Mention(m.start, end, post.text[m.start : end], m.kind, m.source)
            out.append(m)
        elif not (out and out[-1].end > m.start):
            out.append(m)
    return out


def demote_brand_people(mentions: list[Mention]) -> list[Mention]:
    """"Costa Fortuna" beside "Costa Croisières": a "person" that opens with an organization's first word
    (and no known first name) is that organization's product or ship, kept only as a weak organization."""
    first_names = rules.word_set("rules/first_names", "first_names")
    org_heads = {rules.fold(m.text.split()[0]) for m in mentions if is_org(m.kind) and m.source != WEAK}
    out = []
    for m in mentions:
        head = rules.fold(m.text.split()[0])
        if m.kind == PERSON and head in org_heads and head not in first_names:
            m = Mention(m.start, m.end, m.text, "Company", WEAK)
        out.append(m)
    return out


def drop_common_wrappers(mentions: list[Mention]) -> list[Mention]:
    """"Spécialistes Café Nespresso": common words put before a gazetteer name do not make another name."""
    known = [m for m in mentions if m.source == "gazetteer"]
    out = []
    for m in mentions:
        inner = next((k for k in known if k is not m and m.start < k.start and k.end == m.end), None)
        wrapped = inner is not None and is_org(m.kind) and m.source != "gazetteer"
        if wrapped and all(is_common(w) for w in words(m.text[: inner.start - m.start])):
            continue
        out.append(m)
    return out


def select(mentions: list[Mention]) -> list[Mention]:
    """Overlapping mentions: firm ones first, then the longest, the gazetteer's before the model's."""
    rank = {"gazetteer": 0, "ner": 1, "partial": 2, WEAK: 3}
    mentions = drop_common_wrappers(mentions)
    ordered = sorted(
        mentions, key=lambda m: (m.source == WEAK, -(m.end - m.start), rank.get(m.source, 9), m.start)
    )
    kept: list[Mention] = []
    for m in ordered:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
