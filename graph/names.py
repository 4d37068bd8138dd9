"""What a name is, read from its words alone: common or proper words, an acronym, a person's name, a place,
a handle, an organization's name and its kind, and where a span's name starts and ends.

The mention finder (``graph.mentions``), the passes over its mentions (``graph.mention_passes``), the
extractors and resolution ask these; none of these tests reads the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from graph import rules
from graph.cache import cached_value
from graph.fingerprint import code_inputs, fingerprint_of
from graph.model import ORG_KINDS
from graph.name_shapes import RULES, particles, starts_with, titles
from graph.nlp import lemma_lookups, model_key

_WORD = re.compile(r"[^\W\d_][\w'\-.!&]*|\d[\w.]*", re.UNICODE)
# Words that glue a name to the organization after it: "Maria Flament de Leroy Merlin".
_GLUE = re.compile(r"\s+(?:de l'|d')|\s+(?:de la|de|du|des|chez)\s+|\s*\(\s*|,\s*")
_LEADING = re.compile(
    r"^(?:(?:l'|d'|la|le|les|de|du|des|et|à|au|aux|chez|par|pour|avec|selon|son|sa|ses|un|une|"
    r"l'agence|agence|votre|notre|mon|ma)\s+|l'|d'|ex-)+"  # "ex-Sitel": a past employer, named Sitel
)
_ELIDED = re.compile(r"^[ldLD]'")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# No name runs on past a demonstrative or an indefinite article ("Eyrolles cet été", "Kelvora d'une ...").
_NO_NAME_PAST = re.compile(r"\s(?:ce|cet|cette|ces|d'une?)\s")
_TRAILING = re.compile(r"[\s\-–,;:.!?\"'()•*]+$")
_DANGLING = re.compile(r"\s+(?:de la|de l'?|de|du|des|d')$")  # the model stopped before the place


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """French common words (the lemmatizer's tables): a name made only of them is no proper name.

    Gathering and folding the tables' quarter of a million words takes seconds in every build: the set
    is kept in the cache folder, keyed by the model and the code that makes it.
    """
    inputs = {"model": model_key().encode(), **code_inputs(["names.py"])}
    return cached_value("lexicon", fingerprint_of(inputs), _common_words)


def _common_words() -> frozenset[str]:
    lookups = lemma_lookups()
    words: set[str] = set()
    index = lookups.get_table("lemma_index")
    for key in index:
        words.update(index[key])
    words.update(lookups.get_table("lemma_lookup").keys())
    exc = lookups.get_table("lemma_exc")
    for key in exc:
        words.update(exc[key].keys())
    return frozenset(rules.fold(w) for w in words if isinstance(w, str))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def looks_proper(word: str) -> bool:
    """A word that can only be part of a name: not a common French word, or shaped like a brand."""
    if is_acronym(word) or any(c.isdigit() for c in word) or "." in word.strip("."):
        return True
    if any(c.isupper() for c in word[1:]) and not _ELIDED.match(word):  # BearingPoint, iDTGV, PowerOn
        return True
    folded = _ELIDED.sub("", rules.fold(word)).strip("'")
    return word[:1].isupper() and not is_common(folded)


def is_common(word: str) -> bool:
    """A common French word, inflected or not ("Spécialisée", "Environnementale", "Sociales")."""
    folded = rules.fold(word)
    lexicon = common_words()
    return any(
        form in lexicon
        for form in (folded, folded.rstrip("sx"), folded.removesuffix("es"), folded.removesuffix("e"),
                     folded.removesuffix("es").removesuffix("e"))
    )


def first_name_or_proper(name: str) -> bool:
    """A person's name opens with a known first name or a word that is no common French word."""
    first = next((w for w in name.split() if rules.fold(w) not in particles()), name.split()[0])
    return rules.fold(first) in rules.word_set("rules/first_names", "first_names") or not is_common(first)


def is_person_name(text: str, model_says_person: bool = False) -> bool:
    """Two or more capitalised words (particles allowed inside), none of them a title word, opening with
    a first name or an uncommon word, with no place in it ("Eau de Paris" and "Yves Rocher Amérique"
    are firms). Where the model reads a person, an uncommon last word will do: a first name the rules
    do not know may be a French word too ("Ken", "Ariel")."""
    tokens = text.split()
    if len(tokens) < 2 or len(tokens) > 5:
        return False
    if rules.fold(text) in rules.word_set(RULES, "not_names"):
        return False
    places = rules.word_set(RULES, "places")
    for i, token in enumerate(tokens):
        folded = rules.fold(token)
        if folded in particles() and 0 < i < len(tokens) - 1:
            continue
        elided = re.match(r"d'[A-Z\u00C0-\u00DE]", token)  # "Jean d'Ormesson"
        if not (token[:1].isupper() or elided) or folded in titles() or not any(c.isalpha() for c in token):
            return False
        if i and folded in places:
            return False
    if is_acronym(tokens[0]) and len(tokens[0]) > 1 and not _shouted_name(tokens):
        return False  # "ALD Automotive", "SFR Business Team": a firm's acronym opens no person's name
    return first_name_or_proper(text) or (model_says_person and looks_proper(tokens[-1]))


def _shouted_name(tokens: list[str]) -> bool:
    """"CLAIRE DUVANEL" on a byline: a known first name in capitals, then surnames in capitals."""
    first_names = rules.word_set("rules/first_names", "first_names")
    return rules.fold(tokens[0]) in first_names and all(t.isupper() for t in tokens)


def names_no_one(text: str) -> bool:
    """Whether the rules know a surface names no one: a phrase of ``not_names``, a place, jargon."""
    folded = rules.fold(text)
    return any(folded in rules.word_set(RULES, f) for f in ("not_names", "places", "jargon_acronyms"))


def is_place(text: str) -> bool:
    """Whether a whole surface is a place ``data/rules/entities.yaml`` or ``places.yaml`` knows ("Annecy")."""
    folded = rules.fold(text)
    return folded in rules.word_set(RULES, "places") or folded in rules.word_set("rules/places", "places")


def is_handle(text: str, start: int) -> bool:
    """A social-media handle or tag starts at ``start`` ("@BlueLink_Group", "#CX"): no name."""
    return text[start : start + 1] in ("@", "#") or text[start - 1 : start] in ("@", "#")


def is_org_name(text: str) -> bool:
    """An organization name: starts with a capital or is an acronym, has one proper word, no title first."""
    tokens = words(text)
    if not tokens:
        return False
    capitalised = text[:1].isupper() or text[:1].isdigit() or is_acronym(tokens[0])
    if not capitalised and not any(c.isupper() for c in tokens[0][1:]):  # iDTGV, eBay
        return False
    if rules.fold(tokens[0]) in titles() or names_no_one(text):
        return False
    if len(tokens) > 1 and rules.fold(tokens[-1]) in rules.word_set(RULES, "title_tails"):
        return False  # "Group Chief Client Officer": an English title, whatever opens it
    if re.search(r"\w-(?:de|du|des|sur|sous|en|la|le|les|lès|aux|Saint|Sainte)-\w", text):
        return False  # "Orgues-de-Flandre", "Vaux-le-Vicomte", "Lys-Saint-Georges": places
    if starts_with(text, "not_org_heads") or starts_with(text, "venue_heads") or _YEAR.search(text):
        return False  # an event, a work or a place; "Trophées 2013" names no organization
    if text.upper() == text and all(rules.fold(t) in common_words() for t in tokens[:3]) and len(text) > 3:
        return False  # a shouted sentence or word ("LA BANQUE JUGÉE", "DIGITALE"), not a name
    if len(tokens) == 1 and is_acronym(text) and len(text) < 3:
        return False
    return any(looks_proper(t) for t in tokens)


def org_kind(name: str, before: str = "") -> str | None:
    """The kind a name's own words or the words just before it give, if any."""
    return name_kind(name) or context_kind(before)


def name_kind(name: str) -> str | None:
    """The kind a name's own words give ("Syndicat national ...": Association)."""
    folded = " " + rules.fold(name) + " "
    for kind, cues in rules.cue_table(RULES, "kind_cues"):
        if any(f" {cue} " in folded for cue in cues):
            return kind
    return None


def context_kind(before: str) -> str | None:
    """The kind the words just before a name give ("la société X", "chez X", "selon X")."""
    context = rules.fold(before)[-40:]
    for kind, cues in rules.cue_table(RULES, "context_cues"):
        if any(context.endswith(" " + cue) or context == cue for cue in cues):
            return kind
    return None


_PIECE = re.compile(r"(?:[-–—]\s+)?((?:[^\n•|.\s]|[^\S\n](?![-–—]\s)|\.(?!\s+[A-Z]))+)")


def clean_span(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Split a candidate at line breaks and bullets; strip determiners and punctuation at its ends."""
    # Lines, bullets, sentences, and dashes between spaces ("Léa Morin - AFP": a photo's credit).
    for piece in _PIECE.finditer(text):
        s, e = piece.start(1), piece.end(1)
        s += len(text[s:e]) - len(text[s:e].lstrip())  # "M. Hugo Lantier": the name after "M. "
        chunk = text[s:e]
        lead = _LEADING.match(chunk)
        if lead and lead.end() < len(chunk):
            s += lead.end()
        chunk = text[s:e]
        elided = _ELIDED.match(chunk)
        if elided and chunk[2:3].isupper() and is_common(words(chunk[2:])[0] if words(chunk[2:]) else ""):
            s += 2  # "L'Agora des directeurs" is the Agora; "L'Oréal" keeps its article
            chunk = text[s:e]
        stop = _NO_NAME_PAST.search(chunk)
        if stop:
            e = s + stop.start()
            chunk = text[s:e]
        trail = _TRAILING.search(chunk)
        if trail:
            e = s + trail.start()
        dangling = _DANGLING.search(text, s, e)
        if dangling:
            e = dangling.start()
        if e > s:
            yield start + s, start + e


def is_cued_name(text: str, before: str) -> bool:
    """Capitalised words that a kind word inside or just before them makes an organization's name."""
    tokens = words(text)
    return (
        len(tokens) > 1
        and text[:1].isupper()
        and rules.fold(tokens[0]) not in titles()
        and not starts_with(text, "not_org_heads")
        and not starts_with(text, "venue_heads")
        and not _YEAR.search(text)
        and rules.fold(text) not in rules.word_set(RULES, "not_names")
        and rules.fold(text) not in rules.word_set(RULES, "places")
        and (
            context_kind(before) is not None
            or name_kind(text) not in (None, "Company")
            or any(rules.fold(t) in rules.word_set(RULES, "company_suffixes") for t in tokens[1:])
        )
    )


def generic_head(text: str, most: int = 3) -> int:
    """Where a name starts after up to ``most`` generic words ("Relation Clients Cherclient.com"), or 0."""
    for match in list(_WORD.finditer(text))[1 : most + 1]:
        head = text[: match.start()]
        generic = titles() | rules.word_set(RULES, "cue_words")
        if not all(w.islower() or is_common(w) or rules.fold(w) in generic for w in words(head)):
            return 0
        if is_org_name(text[match.start() :]):
            return match.start()
    return 0


def split_person(text: str) -> tuple[str, str | None]:
    """``("Maria Flament", "Leroy Merlin")`` from "Maria Flament de Leroy Merlin"; a title tail is cut."""
    tokens = text.split()
    for i, token in enumerate(tokens):
        folded = rules.fold(token)
        if i >= 2 and (folded in titles() or (token.islower() and folded not in particles())):
            while i > 2 and rules.fold(tokens[i - 1]) in particles():
                i -= 1
            return " ".join(tokens[:i]), None
    match = _GLUE.search(text)
    if match:
        head, tail = text[: match.start()], text[match.end() :]
        if len(head.split()) >= 2 and tail[:1].isupper():
            return head, tail
    return text, None


_FUNCTION_OF = re.compile(r"\s+(?:de la |de l'|des |du |de |d')(?=[A-Z\u00C0-\u00DE])")


def after_function_words(text: str) -> int:
    """Where the organization starts in "Expérience Client de Boursorama Banque" (a function of it), or 0."""
    of = _FUNCTION_OF.search(text)
    if not of or not text[:1].isupper():
        return 0
    function = rules.word_set(RULES, "function_words") | particles()
    head = [rules.fold(w) for w in text[: of.start()].split()]
    return of.end() if head and all(w in function for w in head) and is_org_name(text[of.end() :]) else 0


def name_tail_end(text: str, end: int) -> int:
    """The end of an organization's name, past capitalized tail words the model left out ("... Client")."""
    tails = rules.word_set(RULES, "name_tail_words")
    run = re.match(r"(?: [A-Z\u00C0-\u00DE][\w'-]*(?![\w'-]))+", text[end : end + 60])
    # Only a run made of tail words alone: "La Banque Postale Assurances IARD" goes on past what we know
    if run and all(rules.fold(word) in tails for word in run.group().split()):
        return end + run.end()
    return end


def split_title(text: str) -> str | None:
    """The organization after a leading title: "Président de HCLT" -> "HCLT"; None when no title leads."""
    tokens = text.split()
    if not tokens or rules.fold(tokens[0]) not in titles():
        return None
    match = re.search(r"\s(?:de la|de l'|de|du|d'|des)\s*(?=[A-Z\u00C0-\u00DE])|\sd'(?=\w)", text)
    return text[match.end() :].strip() if match else ""




def firm_shaped(surface: str) -> bool:
    """Words shaped like a firm's name: an acronym, inner capitals ("eBay"), a dot ("Cherclient.tv")."""
    return any(
        is_acronym(w) or any(c.isupper() for c in w[1:]) or "." in w.strip(".") for w in words(surface)
    )


def is_org(kind: str) -> bool:
    return kind in ORG_KINDS


# The parts of a person's name that are one of its words (``name_part``): a lone "Guy" or "Kawasaki" of the
# post's "Guy Kawasaki" stands for that person.
WORD_PARTS = frozenset({"whole", "first", "last", "inner"})


def name_part(part: str, whole: str) -> str | None:
    """Which part of the name ``whole`` the text ``part`` is, compared as given (fold both to compare
    folded): "whole", its "first", "last" or an "inner" word, a "prefix" or "suffix" of several words
    ("Odile Vaubernier" of "Odile Vaubernier de Lamotte"), or None."""
    if part == whole:
        return "whole"
    words = whole.split()
    if not words:
        return None
    if part == words[0]:
        return "first"
    if part == words[-1]:
        return "last"
    if part in words:
        return "inner"
    if whole.startswith(part + " "):
        return "prefix"
    if whole.endswith(" " + part):
        return "suffix"
    return None

