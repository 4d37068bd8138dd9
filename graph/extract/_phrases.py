"""Shared pieces of the extractors: sentences, names after a head word, lists of names, references,
cue phrases and French dates.

Everything works on ``ctx.text`` (the plain text), whose offsets are those of ``post.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from spacy.tokens import Token

from graph import rules
from graph.extract import PostContext
from graph.model import ORG_KINDS, PERSON, PLACE, Mention, Ref

RULES = "rules/events"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"A-ZÀ-Ý0-9(-])|\n+")
# A stop that no space follows ("(une voix qui renait ?), et", "3.5") does not end the sentence.
_STOPPED = re.compile(r"(?:[^.!?]|[.!?]+(?![\s.!?]|$))*(?:[.!?]+(?=\s|$)|$)")
_TOKEN = re.compile(r"[\w][\w'’\-.!&/]*[\w!]|[\w]|/|&", re.UNICODE)
_PARTICLES = ("de", "du", "des", "de la", "de l'", "d'", "en", "et", "à", "au", "aux", "sur", "pour")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NAME_GLUE = re.compile(r"[ \t]*(de la |de l'|d'|de |du |des |et |sur |/ ?)?")
# "X et l'institut Y", "organisé par le groupe Y et l'association Z": an organization noun between listed
# names is glue too.
_LIST_GLUE = re.compile(
    r"^(?:\s*(?:,|et|&|ainsi que|de|du|des|de la|de l'|d'|l'|la|le|les|chez|\(|\)"
    r"|cabinet|institut|agence|société|groupe|association|magazine|fédération|syndicat)\s*)*$"
)
# "X, directeur de W, mais aussi Y", "X, sociologue, auteur et ancien député et Y", "X (W), Y (Z) et V": a
# title after a comma or an organization in parentheses, then a comma or list words.
_APPOSED = re.compile(
    r"^\s*(?:,[^;:.()]{1,120}?|\([^;:.()\n]{1,80}\))"
    r"(?:,\s*(?:et |mais aussi |ou encore |ainsi que |puis |ou )?|\s(?:et|mais aussi|ou encore) )$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of a text."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence at ``pos``; the spaces between two sentences belong to the next one (a cue pattern may
    start on them)."""
    for s, e in spans:
        if pos < e:
            return s, e
    return pos, pos


def sentences_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, for a span within one line.

    Unlike ``sentences``, any stop followed by a space or the span's end closes a sentence, whatever
    follows it, and a line break does not; each sentence starts right after the stop before it (its
    leading spaces included) and keeps its stop.
    """
    return iter(_sentences_in(text, start, end))


@lru_cache(maxsize=256)
def _sentences_in(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    # Each rule of a family reads a paragraph sentence by sentence: the paragraph is cut once.
    return tuple((m.start(), m.end()) for m in _STOPPED.finditer(text, start, end) if m.group().strip())


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of a text, empty ones included, without the line break."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


@cache
def _domain_tails() -> frozenset[str]:
    return rules.word_set("rules/events", "domain_tails")


def name_end(text: str, pos: int, limit: int, domain: frozenset[str], max_words: int = 10) -> int:
    """Where a name that continues at ``pos`` ends: capitalised words, years, particles, and
    lowercase domain words after a particle ("des services", "de la relation client").

    Stops at punctuation, at a year (the year is kept) and after ``max_words`` words.
    """
    end, words, after_particle, after_number = pos, 0, False, False
    i = pos
    while words < max_words:
        m = _NAME_GLUE.match(text, i)
        particle = m.group(1) if m else None
        j = m.end() if m else i
        w = _TOKEN.match(text, j)
        if not w or w.start() >= limit or w.end() > limit:
            break
        word = w.group()
        folded = rules.fold(word)
        continues_domain = folded in domain and (particle or after_particle or words == 0)
        # "de l'année" ends a name whose words before it are the domain's ("Élection des conseillers client
        # de l'année 2019"), never a bare head ("la Conférence de l'année").
        continues_domain = continues_domain or (folded in _domain_tails() and particle and after_particle)
        if _is_name_word(word) or after_number or continues_domain:
            if particle and particle.strip() in ("et", "/") and not _is_name_word(word):
                break
            end, i, words = w.end(), w.end(), words + 1
            # "du Jeune conseiller client": a capitalised word after a particle lets domain words go on
            after_particle = folded in domain or bool(particle and particle.strip() not in ("et", "/"))
            after_number = word.isdigit()
            if _YEAR.match(word):
                break
            continue
        break
    return end


_ACCENTS = {"e": "[eéèêë]", "a": "[aàâä]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]", "c": "[cç]"}


def accent_free(word: str) -> str:
    """A regex matching ``word`` whatever its accents ("journee" matches "journée")."""
    return accent_classes(rules.fold(word))


def accent_classes(folded: str) -> str:
    """A regex matching the folded text ``folded`` whatever its accents, character by character."""
    return "".join(_ACCENTS.get(ch, re.escape(ch)) for ch in folded)


def year_in(text: str) -> str | None:
    m = re.search(r"\b((?:19|20)\d\d)\b", text)
    return m.group(1) if m else None


def org_or_person(m: Mention) -> bool:
    return m.kind == PERSON or m.kind in ORG_KINDS


def ref_of(m: Mention) -> Ref:
    return Ref(m.text, m.kind)


def listed_refs(ctx: PostContext, start: int, end: int, kinds: tuple[str, ...] | None = None,
                appositions: bool = False) -> list[Ref]:
    """The names listed from ``start`` ("X, Y et Z de W"): mentions joined only by list glue. With
    ``appositions``, a name's title between commas is glue too, and names of other kinds in it are passed
    over ("X, directeur de W, Y, mais aussi Z")."""
    found: list[Ref] = []
    noun = _person_noun().match(ctx.text, start, end)  # "par la journaliste Sandrine Mallet"
    cursor = noun.end() if noun else start
    for m in sorted(ctx.mentions_in(start, end), key=lambda m: m.start):
        if not org_or_person(m) or m.start < cursor:
            continue
        wanted = kinds is None or m.kind in kinds or (m.kind in ORG_KINDS and "Organization" in kinds)
        if appositions and not wanted:
            continue
        glue = ctx.text[cursor:m.start]
        if not (_LIST_GLUE.match(glue) or appositions and found and _APPOSED.match(glue)):
            break
        if wanted:
            found.append(ref_of(m))
        cursor = m.end
    if not found:
        proper = fallback_name(ctx.text, start, end)
        if proper:
            found.append(Ref(proper, (kinds or ("Organization",))[0]))
    return found


@cache
def _person_noun() -> re.Pattern[str]:
    nouns = "|".join(accent_free(w) for w in rules.load(RULES)["person_nouns"])
    return re.compile(rf"(?i)\s*(?:le |la |l')\s*(?:{nouns})s?\s+")


_PROPER = re.compile(r"\s*(?:l'|d')?((?:[A-ZÀ-Ý][\w\-.&!]*)(?:\s+(?:de |du |des )?[A-ZÀ-Ý][\w\-.&!]*){0,4})")


def fallback_name(text: str, start: int, end: int) -> str | None:
    """A capitalised name starting at ``start`` when no mention was found there."""
    m = _PROPER.match(text, start, end)
    if not m:
        return None
    name = m.group(1)
    return name[:-1] if re.search(r"[a-zà-ÿ]\.$", name) else name  # the sentence's stop is no part of it


# --- dates ----------------------------------------------------------------------------------------

MONTHS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
          "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_M = r"(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
_WD = r"(?:(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
_D = r"(1er|[0-3]?\d)(?:er)?"
_Y = r"(?:\s+((?:19|20)\d\d))?"
# "du 3 au 5 avril", "les 3 et 4 avril 2025": a range of days
DATE_RANGE = re.compile(rf"(?i)\b(?:du|les)\s+{_WD}{_D}(?:\s+{_M})?\s+(?:au|et)\s+{_WD}{_D}\s+{_M}{_Y}")
DATE_DAY = re.compile(rf"(?i)\b{_WD}(?:le\s+)?{_D}\s+{_M}{_Y}(\s+dernier)?\b")
DATE_MONTH = re.compile(rf"(?i)\b(?:en|au mois d'|mois d'|mois de|courant|d[ée]but|fin)\s*{_M}{_Y}\b")


@dataclass(frozen=True)
class FoundDate:
    """A date stated in the text: ``start`` as ISO (YYYY-MM-DD or YYYY-MM), ``end`` for a range."""

    begin: int
    stop: int
    start: str
    end: str | None = None


def _day(token: str) -> int:
    return 1 if token.lower() == "1er" else int(token)


def _pick_year(month: int, day: int, weekday: str | None, context: int | None, post: date | None,
               past: bool) -> int | None:
    """The year of a date written without one: the weekday decides, else the context year."""
    if past and post:
        return post.year if (month, day) <= (post.month, post.day) else post.year - 1
    base = context or (post.year if post else None)
    if base is None:
        return None
    if weekday:
        for year in (base, base + 1, base - 1):
            try:
                if WEEKDAYS[date(year, month, day).weekday()] == weekday.lower():
                    return year
            except ValueError:
                return None
    return base


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    try:
        return date(year, month, day).isoformat() if day else f"{year:04d}-{month:02d}"
    except ValueError:
        return None


def find_dates(text: str, post_date: str | None, context_year: int | None = None) -> list[FoundDate]:
    """Every day, day range or month stated in ``text``, in order; years left out are inferred from
    the weekday, "dernier" and the post date, else from the last year met before."""
    post = date.fromisoformat(post_date) if post_date else None
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    year = context_year
    candidates = [(m.start(), "range", m) for m in DATE_RANGE.finditer(text)]
    candidates += [(m.start(), "day", m) for m in DATE_DAY.finditer(text)]
    candidates += [(m.start(), "month", m) for m in DATE_MONTH.finditer(text)]
    for _, shape, m in sorted(candidates, key=lambda c: (c[0], c[1] != "range")):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if shape == "range":
            wd1, d1, m1, wd2, d2, m2, y = m.groups()
            month2 = MONTHS[rules.fold(m2)]
            month1 = MONTHS[rules.fold(m1)] if m1 else month2
            yr = int(y) if y else _pick_year(month2, _day(d2), wd2, year, post, False)
            if yr is None:
                continue
            first, last = _iso(yr, month1, _day(d1)), _iso(yr, month2, _day(d2))
            if first and last:
                found.append(FoundDate(m.start(), m.end(), first, last))
        elif shape == "day":
            wd, d, mo, y, past = m.groups()
            month = MONTHS[rules.fold(mo)]
            yr = int(y) if y else _pick_year(month, _day(d), wd, year, post, bool(past))
            iso = _iso(yr, month, _day(d)) if yr else None
            if iso:
                found.append(FoundDate(m.start(), m.end(), iso))
        else:
            mo, y = m.groups()
            yr = int(y) if y else year or (post.year if post else None)
            if yr:
                found.append(FoundDate(m.start(), m.end(), f"{yr:04d}-{MONTHS[rules.fold(mo)]:02d}"))
        if found and found[-1].begin == m.start():
            taken.append((m.start(), m.end()))
            year = int(found[-1].start[:4])
    return found


def domain_words() -> frozenset[str]:
    return rules.word_set(RULES, "domain_words")


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or line) holding ``text[start:end]``: cut at ". ", "! ", "? " and line breaks."""
    end = start if end is None else end
    s = 0
    # One character past ``start``: a boundary right before it is only seen with the capital it needs.
    for m in _SENTENCE_END.finditer(text, 0, start + 1):
        if m.end() <= start:
            s = m.end()
    stop = _SENTENCE_END.search(text, end)
    return s, stop.start() if stop else len(text)


def clip(start: int, end: int, limit: int = 200) -> tuple[int, int]:
    """At most ``limit`` characters of a passage, keeping its start (evidence stays short)."""
    return start, min(end, start + limit)


def has_cue(text: str, cues: frozenset[str]) -> bool:
    """Whether the folded text contains one of the folded cue phrases, as whole words."""
    folded = f" {rules.fold(text)} "
    # An elided cue ("j'", "m'") is glued to the next word; others end at a word boundary.
    return any(
        re.search(rf"(?<![\w']){re.escape(cue)}" + ("" if cue.endswith("'") else r"(?!\w)"), folded)
        for cue in cues
    )


def full_people(mentions: tuple[Mention, ...] | list[Mention]) -> list[Mention]:
    """Person mentions that give a full name (lone first names are left to the resolver)."""
    return [m for m in mentions if m.kind == PERSON and m.source != "partial"]


_PHRASE_STOPS = frozenset(",;:.()[]?!|")
MAX_PHRASE = 14
_YEAR = re.compile(r"(?:19|20)\d\d")


def _in_subtree(token: Token, head: Token) -> bool:
    return any(a.i == head.i for a in token.ancestors)


def noun_phrase_end(head: Token) -> int | None:
    """End of the noun phrase a prize word heads, as the parse has it: its right dependents (adjectives,
    complements, a quoted name) up to a verb, a relative clause, punctuation or the line's end.
    "classement national de la réactivité des boutiques" is one phrase where capitals end at "classement"."""
    doc, stop = head.doc, None
    for tok in doc[head.i + 1 : head.i + 1 + MAX_PHRASE]:
        if (
            "\n" in tok.text
            or tok.is_sent_start
            or tok.is_space
            or tok.text in _PHRASE_STOPS
            or tok.pos_ in ("VERB", "AUX")
            or tok.dep_.startswith("acl")
            or not _in_subtree(tok, head)
        ):
            break
        stop = tok
        if "\n" in tok.whitespace_:
            break
    while stop is not None and stop.i > head.i and (stop.pos_ in ("ADP", "DET", "CCONJ") or stop.is_punct):
        stop = doc[stop.i - 1]
    # Capitalised words and a year right after belong to the name, however the parser attached them.
    last = stop or head
    for tok in doc[last.i + 1 : last.i + 4]:
        if "\n" in doc[tok.i - 1].whitespace_ or not (tok.text[:1].isupper() or _YEAR.fullmatch(tok.text)):
            break
        stop = tok
    return stop.idx + len(stop.text) if stop is not None and stop.i > head.i else None


def subject_token(verb: Token, shared: tuple[str, ...], passive_label: bool = False) -> Token | None:
    """The parsed subject of ``verb``, or of the verb it depends on through a ``shared``-subject link
    ("vient de racheter", "pour organiser"). With ``passive_label``, a subject the parser calls passive counts
    when no "être" makes the verb passive ("X a racheté Y" parsed with X as nsubj:pass). A relative clause's
    subject is the name the clause hangs on."""
    for _ in range(3):
        passive = passive_label and not any(c.dep_ == "aux:pass" for c in verb.children)
        deps = ("nsubj", "nsubj:pass") if passive else ("nsubj",)
        subj = next((c for c in verb.children if c.dep_ in deps), None)
        if subj is not None and verb.dep_ == "acl:relcl" and "Rel" in subj.morph.get("PronType"):
            return verb.head  # "X, qui a racheté Y": the relative pronoun stands for the name it follows
        if subj is None and _misparsed_subject(verb):
            return verb.head
        if subj is not None or verb.dep_ not in shared or verb.head is verb:
            return subj
        verb = verb.head
    return None


def _misparsed_subject(verb: Token) -> bool:
    """"Brindor décerne ses trophées": a name the parser made the sentence's root, with the verb right after
    it (no comma: "Brindor, fondée en 2005" describes Brindor) hanging on it as a clause, is its subject."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.pos_ in ("PROPN", "NOUN")
        and head.dep_ == "ROOT"
        and head.i < verb.i
        and not any(t.is_punct for t in verb.doc[head.i + 1 : verb.i])
    )


def denied(verb: Token) -> bool:
    """Whether a negation hangs on the verb: "ne rachètera pas X", "n'a jamais publié T"."""
    negations = rules.word_set(RULES, "negations")
    return any(c.dep_ == "advmod" and rules.fold(c.text) in negations for c in verb.children)


# Links by which a name hangs on a head noun: "le groupe Vantor", "le cabinet Orvenal".
_NAME_LINKS = ("nmod", "appos", "flat:name", "flat:foreign")


def case_of(tok: Token) -> str:
    """The preposition a token's phrase opens with ("de", "par", "dans"), folded; "" when none."""
    return next((rules.fold(c.text) for c in tok.children if c.dep_ == "case"), "")


def listed_before(ctx: PostContext, start: int, pos: int) -> list[Mention]:
    """The names listed right before ``pos`` ("A, B et C montent", "A et B ont signé"), each joined to the
    next by list glue, all people or all not: ``listed_refs`` read backwards, from the verb."""
    text, run = ctx.text, []
    for m in sorted((m for m in ctx.mentions_in(start, pos) if m.kind != PLACE), key=lambda m: -m.end):
        following = run[0] if run else None
        if following and m.end > following.start:
            continue  # a name inside the next one
        gap = text[m.end : following.start if following else pos]
        if not (_LIST_GLUE.match(gap) if following else not gap.strip()):
            break
        if following and (m.kind == PERSON) != (following.kind == PERSON):
            break
        run.insert(0, m)
    return run


def listed_with_subject(ctx: PostContext, verb: Token, subject: Mention) -> list[Mention]:
    """The verb's subject and the names listed with it right before the verb and its auxiliaries ("A et B
    ont signé"); the subject alone when it stands elsewhere."""
    opening = min([verb.idx, *(c.idx for c in verb.children if c.dep_.startswith("aux"))])
    listed = listed_before(ctx, sentence_bounds(ctx.text, verb.idx)[0], opening)
    return listed if subject in listed else [subject]


def mention_at(ctx: PostContext, tok: Token, kinds: tuple[str, ...]) -> Mention | None:
    """The mention of one of ``kinds`` that covers a token."""
    return next((m for m in ctx.mentions if m.start <= tok.idx < m.end and m.kind in kinds), None)


def named_by(ctx: PostContext, tok: Token, kinds: tuple[str, ...]) -> Mention | None:
    """The mention of one of ``kinds`` a token names: a name covering it, or a name hanging on it as a
    head noun."""
    for t in (tok, *(c for c in tok.children if c.dep_ in _NAME_LINKS and not case_of(c))):
        m = mention_at(ctx, t, kinds)
        if m:
            return m
    return None
