"""Names found by their shape rather than by the model: a known first name and the capitals after it, a name
an organization noun announces ("du groupe Sextant") or an apposition describes ("X (filiale d'AXA)"), and
French institutions that capitalise only their first word ("Comité consultatif des usagers du rail").
Each function gives character spans; ``graph.mentions`` decides what they are."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from graph import rules

RULES = "rules/entities"


def titles() -> frozenset[str]:
    return rules.word_set(RULES, "title_words")


def particles() -> frozenset[str]:
    return rules.word_set(RULES, "name_particles")


def starts_with(text: str, field: str) -> bool:
    """Whether the text starts with one of the words or phrases of a rules list."""
    folded = rules.fold(text)
    return any(folded == head or folded.startswith(head + " ") for head in rules.word_set(RULES, field))


def person_patterns(doc: Doc) -> Iterator[tuple[int, int]]:
    """"Aude Marchand-Falce": a known first name and the capitalised words after it."""
    first_names = rules.word_set("rules/first_names", "first_names")
    i = 0
    while i < len(doc):
        token = doc[i]
        if rules.fold(token.text) not in first_names or not token.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i <= 4:
            nxt = doc[j]
            if nxt.text[:1].isupper() and nxt.is_alpha or (nxt.text == "-" and j + 1 < len(doc)):
                j += 1
            elif rules.fold(nxt.text) in particles() and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                j += 2
            else:
                break
        if j > i + 1:
            yield token.idx, doc[j - 1].idx + len(doc[j - 1].text)
        i = j


_NAME = r"[A-Z\u00C0-\u00DE][\w'’&.-]*(?:[ \t]+(?:de |du |des |d')?[A-Z\u00C0-\u00DE][\w'’&.-]*){0,3}"


@lru_cache(maxsize=1)
def _org_pattern_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(re.escape(n) for n in sorted(rules.load(RULES)["org_name_nouns"], key=len, reverse=True)
                     )
    apposed = "|".join(re.escape(n) for n in rules.load(RULES)["apposed_org_nouns"])
    qualifier = r"(?:(?:d[eu]s?|de la)[ \t]+[a-zà-ÿ]+[ \t]+|[a-zà-ÿ]+[ \t]+)?"  # "de logiciels", "belge"
    after_noun = re.compile(rf"\b(?:{nouns})[ \t]+{qualifier}(?P<name>{_NAME})")
    before_apposition = re.compile(
        rf"(?P<name>{_NAME})\s*(?:\(\s*|(?:\([^()\n]{{1,40}}\)\s*)?,?\s*(?:[a-zà-ÿ]+\s+){{0,3}})(?:{apposed})\s+d")
    return after_noun, before_apposition


def org_patterns(text: str) -> Iterator[tuple[int, int]]:
    """Names that an organization noun before them ("du groupe Sextant") or an apposition after them
    ("Direct Assurance (filiale d'AXA)") makes organizations' names, whatever the model saw."""
    first_names = rules.word_set("rules/first_names", "first_names")
    for regex in _org_pattern_regexes():
        for m in regex.finditer(text):
            name = m.group("name")
            if rules.fold(name.split()[0]) in first_names or rules.fold(name) in titles():
                continue  # "le cabinet de Jean Dupont" names a person
            if rules.fold(name.split()[0]) in rules.word_set("rules/positions", "determiners"):
                continue  # "Cette filiale de Y" points back to a name; "Cette" is none
            yield m.start("name"), m.end("name")


@lru_cache(maxsize=1)
def _web_name() -> re.Pattern[str]:
    domains = "|".join(re.escape(d) for d in rules.load(RULES)["web_domains"])
    return re.compile(rf"(?<![\w@./:-])[^\W\d_][\w-]*\.(?:{domains})(?![\w@/-]|\.\w)")


def web_names(text: str) -> Iterator[tuple[int, int]]:
    """Sites named by their address without "www." ("Comparabanque.com", "vente-kalio.fr")."""
    for m in _web_name().finditer(text):
        yield m.start(), m.end()


_INSTITUTION_TAIL = ("ADJ", "NOUN", "ADP", "DET")
_INSTITUTION_LINKS = frozenset({"de", "du", "des", "d'", "pour"})


def institution_names(doc: Doc) -> Iterator[tuple[int, int]]:
    """French institutions capitalise only their first word ("Comité consultatif des usagers du rail",
    "Syndicat des prestataires de la relation client"): a capitalised head of ``institution_heads`` and
    the adjectives and complements the parse hangs on it, when they hold two content words at least; a
    company's own bodies ("Conseil d'administration") are no organization."""
    heads = rules.word_set(RULES, "institution_heads")
    for head in doc:
        if not head.text[:1].isupper() or rules.fold(head.text) not in heads:
            continue
        stop = head
        for tok in doc[head.i + 1 : head.i + 12]:
            if tok.pos_ not in _INSTITUTION_TAIL or head not in tok.ancestors or tok.text[:1].isupper():
                break
            if tok.pos_ == "ADP" and rules.fold(tok.text) not in _INSTITUTION_LINKS:
                break  # "... du rail en mars": the name ends before a complement of time or place
            stop = tok
        while stop.i > head.i and stop.pos_ in ("ADP", "DET"):
            stop = doc[stop.i - 1]
        span = doc[head.i : stop.i + 1]
        content = [t for t in span[1:] if t.pos_ in ("ADJ", "NOUN")]
        if len(content) >= 2 and not starts_with(span.text, "institution_bodies"):
            yield span.start_char, span.end_char


_NAME_LINKS = frozenset({"de", "du", "des", "d'", "l'", "la"})


def lowercase_institution_names(doc: Doc) -> Iterator[tuple[int, int]]:
    """A body named by a lowercase head, then a capitalised name: "l'union locale CGT de Douai", "le rectorat
    de Nantes", "la délégation Grands Comptes de l'AFRC". The head (``lowercase_institution_heads``)
    follows an article or a preposition; the words the parse hangs on it (adjectives, complements, links)
    lead to the capitals, which run on through their links ("Grands Comptes de l'AFRC"). Without such
    words between, only the heads of ``bare_institution_heads`` name a body ("la fondation Orvenal"; not
    "le syndicat CGT", nor "l'institut BVA", the polling firm)."""
    heads = rules.word_set(RULES, "lowercase_institution_heads")
    bare = rules.word_set(RULES, "bare_institution_heads")
    for head in doc:
        if head.i == 0 or not head.text.islower() or rules.fold(head.text) not in heads:
            continue
        if doc[head.i - 1].pos_ not in ("DET", "ADP"):
            continue
        name = head.i + 1
        while (
            name < len(doc)
            and doc[name].text.islower()
            and doc[name].pos_ in _INSTITUTION_TAIL
            and head in doc[name].ancestors
        ):
            name += 1
        if name >= len(doc) or not doc[name].text[:1].isupper():
            continue
        if name == head.i + 1 and rules.fold(head.text) not in bare:
            continue
        last = name
        for tok in doc[name + 1 : name + 10]:
            if tok.text[:1].isupper():
                last = tok.i
            elif rules.fold(tok.text) not in _NAME_LINKS:
                break
        end = doc[last].idx + len(doc[last].text)
        if not starts_with(doc.text[head.idx : end], "institution_bodies"):  # a firm's own board
            yield head.idx, end
