"""Mentions: the people, organizations and places a post names, found by spaCy's NER, the gazetteer and rules.

The statistical model alone takes titles for people ("Président"), companies for places ("Sarenza"),
and glues names to their neighbours ("Maria Flament de Leroy Merlin"). Each candidate span is cleaned
(titles and glued words split off), then classified with the gazetteer and the rules in
``data/rules/entities.yaml``. Spans that might be organizations but carry no sign of it are kept as
*weak* (``source="weak"``): resolution keeps them only when the corpus names them firmly elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from graph import rules
from graph.gazetteer import Gazetteer, load_gazetteer
from graph.model import ORG_KINDS, PERSON, PLACE, Mention, Post
from graph.name_shapes import (
    institution_names,
    lowercase_institution_names,
    org_patterns,
    particles,
    person_patterns,
    starts_with,
    titles,
)
from graph.nlp import lemma_lookups, load_nlp

RULES = "rules/entities"
WEAK = "weak"

_WORD = re.compile(r"[^\W\d_][\w'\-.!&]*|\d[\w.]*", re.UNICODE)
# Words that glue a name to the organization after it: "Maria Flament de Leroy Merlin".
_GLUE = re.compile(r"\s+(?:de l'|d')|\s+(?:de la|de|du|des|chez)\s+|\s*\(\s*|,\s*")
_LEADING = re.compile(
    r"^(?:(?:l'|d'|la|le|les|de|du|des|et|à|au|aux|chez|par|pour|avec|selon|son|sa|ses|un|une|"
    r"l'agence|agence|votre|notre|mon|ma)\s+|l'|d'|ex-)+"  # "ex-Sitel": a past employer, named Sitel
)
_ELIDED = re.compile(r"^[ldLD]'")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TITLE_THEN_DE = re.compile(r"\b(?:[Dd]irect\w*|[Pp]résident\w*|[Ff]ondat\w*|[Aa]ssoci\w*|[Cc]onsultant\w*|"
                            r"[Rr]esponsable|[Gg]érant\w*|CEO|PDG|DG)\b[^.,;:]{0,40}\s(?:de|du|d')\s*$")
_NAME_TAIL = re.compile(r"(?:\s+(?:de la|des|de|du)\s+|\s+(?:de l'|d'))[A-Z\u00C0-\u00DE][\w-]+")
_DEMONSTRATIVE = re.compile(r"\s(?:ce|cet|cette|ces)\s")
_TRAILING = re.compile(r"[\s\-–,;:.!?\"'()•*]+$")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """French common words (the lemmatizer's tables): a name made only of them is no proper name."""
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


def is_person_name(text: str) -> bool:
    """Two or more capitalised words (particles allowed inside), none of them a title word, opening with
    a first name or an uncommon word, with no place in it ("Eau de Paris" and "Yves Rocher Amérique"
    are firms)."""
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
    return first_name_or_proper(text)


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
    if re.search(r"\w-(?:de|du|des|sur|en|la)-\w", text):
        return False  # "Orgues-de-Flandre", "Boulogne-sur-Mer": places
    if starts_with(text, "not_org_heads") or starts_with(text, "venue_heads") or _YEAR.search(text):
        return False  # an event, a work or a place; "Trophées 2013" names no organization
    if len(tokens) > 1 and text.upper() == text and all(rules.fold(t) in common_words() for t in tokens[:3]):
        return False  # a shouted sentence, not a name
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


def clean_span(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Split a candidate at line breaks and bullets; strip determiners and punctuation at its ends."""
    for piece in re.finditer(r"(?:[^\n•|.]|\.(?!\s+[A-Z]))+", text):  # lines, bullets, sentences
        s, e = piece.start(), piece.end()
        chunk = text[s:e]
        lead = _LEADING.match(chunk)
        if lead and lead.end() < len(chunk):
            s += lead.end()
        chunk = text[s:e]
        elided = _ELIDED.match(chunk)
        if elided and chunk[2:3].isupper() and is_common(words(chunk[2:])[0] if words(chunk[2:]) else ""):
            s += 2  # "L'Agora des directeurs" is the Agora; "L'Oréal" keeps its article
            chunk = text[s:e]
        demonstrative = _DEMONSTRATIVE.search(chunk)  # "Eyrolles cet été": no name runs on past "cet"
        if demonstrative:
            e = s + demonstrative.start()
            chunk = text[s:e]
        trail = _TRAILING.search(chunk)
        if trail:
            e = s + trail.start()
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


class MentionFinder:
    """Finds the mentions of one post, given its parsed Doc (a callable stage, like a spaCy component)."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or load_gazetteer()
        nlp = load_nlp()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # Names of several words also match in any case ("Sens du Client", "GDF SUEZ DOLCE VITA").
        self.folded_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._phrase_entry = {}
        for phrase, entry in self.gazetteer.phrases():
            key = f"gz:{phrase}"
            self._phrase_entry[key] = entry
            pattern = nlp.make_doc(phrase)
            self.matcher.add(key, [pattern])
            if len(pattern) > 1:
                self.folded_matcher.add(key, [pattern])

    def __call__(self, post: Post, doc: Doc) -> list[Mention]:
        text = post.plain
        found: list[Mention] = []
        ner_spans = {(ent.start_char, ent.end_char) for ent in doc.ents}
        exact = self.matcher(doc)
        folded = [(i, s, e) for i, s, e in self.folded_matcher(doc) if _capitalised_like_a_name(doc[s:e])]
        for match_id, start, end in sorted(set(exact) | set(folded), key=lambda m: (m[1], m[2], m[0])):
            span = doc[start:end]
            entry = self._phrase_entry[doc.vocab.strings[match_id]]
            # A gazetteer name that is also a common word (Orange, Management) needs the model's agreement.
            agrees = self._ner_agrees(ner_spans, span.start_char, span.end_char)
            if not looks_proper(span.text) and not agrees:
                continue
            start, end = span.start_char, span.end_char
            end = name_tail_end(text, end) if is_org(entry.kind) else end  # "Orange France"
            found.append(Mention(start, end, post.text[start:end], entry.kind, "gazetteer"))
        for ent in doc.ents:
            found.extend(self._classify(post, text, ent.start_char, ent.end_char, ent.label_))
        for start, end in person_patterns(doc):
            found.extend(self._classify(post, text, start, end, "PER"))
        for start, end in org_patterns(text):  # where nothing firmer than a lone or weak name was found
            overlapped = [m for m in found if m.start < end and start < m.end]
            if all(m.source in ("partial", WEAK) for m in overlapped):
                found = [m for m in found if m not in overlapped]
                found.extend(self._patterned_org(post, text, start, end))
        for start, end in institution_names(doc):  # "le Comité consultatif des usagers du rail"
            overlapped = [m for m in found if m.start < end and start < m.end]
            if all(m.source != "gazetteer" and is_org(m.kind) and start <= m.start and m.end <= end
                   or m.source in ("partial", WEAK) for m in overlapped):
                found = [m for m in found if m not in overlapped]
                kind = org_kind(text[start:end], text[max(0, start - 40) : start]) or "Organization"
                found.append(Mention(start, end, post.text[start:end], kind, "pattern"))
        for start, end in lowercase_institution_names(doc):  # "l'union locale CGT de Douai"
            surface = text[start:end]
            named = surface[len(surface.split()[0]) :].strip()
            if is_person_name(named) or self.gazetteer.lookup(named):
                continue  # a person's name; a firm the gazetteer knows is that firm
            found = [m for m in found if not (start <= m.start and m.end <= end)]  # "CGT" is part of it
            kind = org_kind(surface, text[max(0, start - 40) : start]) or "Organization"
            found.append(Mention(start, end, post.text[start:end], kind, "pattern"))
        from graph.mention_passes import (  # the passes read this module's helpers
            demote_brand_people,
            local_branches,
            promote_described_orgs,
            promote_listed_orgs,
            select,
        )

        found = promote_listed_orgs(text, promote_described_orgs(text, select(demote_brand_people(found))))
        return local_branches(post, found)

    def _patterned_org(self, post: Post, text: str, start: int, end: int) -> Iterator[Mention]:
        """An organization's name by its shape (``org_patterns``): kept even when its words are common
        ones ("du groupe Sextant"), unless it is a title, a place or no name at all."""
        for s, e in clean_span(text[start:end], start):
            surface = text[s:e]
            entry = self.gazetteer.lookup(surface)
            if entry:
                yield Mention(s, e, post.text[s:e], entry.kind, "gazetteer")
                continue
            tokens = words(surface)
            if not tokens or is_place(surface) or rules.fold(tokens[0]) in titles():
                continue
            capitalised = all(w[:1].isupper() for w in tokens if rules.fold(w) not in particles())
            if is_org_name(surface) or capitalised:
                kind = org_kind(surface, text[max(0, s - 40) : s]) or "Company"
                yield Mention(s, e, post.text[s:e], kind, "pattern")

    def _surname_tail(self, text: str, surface: str, tail: str, end: int) -> bool:
        """ "Marc Aubert du Sablon": after "du", one or two plain capitalised words that name no known
        organization, have no firm's shape, stand nowhere else in the post and do not run on ("Sens" of
        "Thierry Spencer du Sens du client") end a surname. After "de" a firm is as likely ("Julie Martin
        de Castelvin"); "Paul Martin du Groupe X" names a firm the gazetteer knows or the post names again."""
        tokens = [re.sub(r"^[ld]['’]", "", t) for t in words(tail) if rules.fold(t) not in particles()]
        surname_particles = rules.word_set(RULES, "surname_particles")
        return (
            rules.fold(" ".join(surface[: surface.rindex(tail)].split()[-1:])) in surname_particles
            and not re.match(r"\s+(?:du|de|des|d['’])\s*\w", text[end : end + 12])
            and 0 < len(tokens) <= 2
            and all(t[:1].isupper() and t[1:].islower() for t in tokens)
            and self.gazetteer.lookup(tail) is None
            and rules.fold(tokens[-1]) not in rules.word_set(RULES, "company_suffixes")
            and text.count(tokens[0]) == 1
        )

    @staticmethod
    def _ner_agrees(ner_spans: set[tuple[int, int]], start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in ner_spans)

    def _classify(self, post: Post, text: str, start: int, end: int, label: str) -> Iterator[Mention]:
        for s, e in clean_span(text[start:end], start):
            yield from self._classify_clean(post, text, s, e, label)

    def _classify_clean(self, post: Post, text: str, s: int, e: int, label: str) -> Iterator[Mention]:
        surface = text[s:e]
        if is_handle(text, s):
            return
        function_end = after_function_words(surface)
        if function_end and label != "PER":
            yield from self._classify_clean(post, text, s + function_end, e, label)
            return

        def mention(a: int, b: int, kind: str, source: str = "ner") -> Mention:
            b = b if kind in (PERSON, PLACE) else name_tail_end(text, b)
            return Mention(a, b, post.text[a:b], kind, source)

        entry = self.gazetteer.lookup(surface)
        if entry:
            yield mention(s, e, entry.kind, "gazetteer")
            return
        parts = [part for part in re.finditer(r"[^/]+", surface) if part.group().strip()]
        if len(parts) > 1 and all(self.gazetteer.lookup(part.group().strip()) for part in parts):
            for part in parts:  # "Fnac/Darty": two firms the gazetteer knows, not one
                yield from self._classify(post, text, s + part.start(), s + part.end(), label)
            return
        org_after_title = split_title(surface)
        if org_after_title:
            a = s + surface.rindex(org_after_title)
            yield from self._classify_clean(post, text, a, a + len(org_after_title), "ORG")
            return
        before = text[max(0, s - 40) : s]
        places = rules.word_set(RULES, "places")
        if label == "PER" and (
            rules.fold(before).endswith(" chez") or any(rules.fold(w) in places for w in surface.split()[1:3])
        ):
            label = "ORG"  # "chez Arthur Andersen", "Yves Rocher Amérique": firms, whatever the model says
        if label == "PER" and " " not in surface and (context_kind(before) or _TITLE_THEN_DE.search(before)):
            label = "ORG"  # "selon Inergie", "Directeur associé d'Actel": a lone name there is a firm
        if label == "PER" and rules.fold(surface.split()[-1]) in rules.word_set(RULES, "company_suffixes"):
            label = "ORG"  # "Mystéria Conseil", "Brightline Partners": a firm's suffix ends no person's name
        if label == "PER":
            person, org = split_person(surface)
            if org and self._surname_tail(text, surface, org, e) and is_person_name(surface):
                person, org = surface, None  # "Marc Aubert du Sablon" is one name
            if org:
                a = s + surface.index(org, len(person))
                yield from self._classify(post, text, a, a + len(org), "ORG")
            if is_person_name(person):
                yield mention(s, s + len(person), PERSON)
            elif len(person.split()) == 1 and person[:1].isupper() and looks_proper(person):
                # A lone first or last name: resolution ties it to a full name of the post, or drops it.
                yield mention(s, s + len(person), PERSON, "partial")
            return
        if starts_with(surface, "venue_heads"):
            yield mention(s, e, PLACE)
            return
        first_names = rules.word_set("rules/first_names", "first_names")
        if label == "LOC" and rules.fold(surface.split()[0]) in first_names and is_person_name(surface):
            yield mention(s, e, PERSON)  # "Florence Desert" is a woman, not the city
            return
        if label == "LOC" and (
            is_place(surface)
            or not is_org_name(surface)
            or _after_locative(before, surface)
        ):
            yield mention(s, e, PLACE)
            return
        cue_words = rules.word_set(RULES, "cue_words")
        if not is_org_name(surface) or (surface[:1].islower() and rules.fold(words(surface)[0]) in cue_words):
            head = generic_head(surface)
            if head and label != "LOC":
                # "webTV Cherclient.tv", "agence Wellcom": generic words give the kind, the rest is the name
                a = s + head
                kind = org_kind(surface[:head], before)
                yield mention(a, e, kind or "Company", "ner" if kind or label == "ORG" else WEAK)
            elif label in ("ORG", "MISC") and is_cued_name(surface, before):
                # "chez Le Carré Conseil", "Futuribles international": common words, but a name by its cue;
                # the model may stop before "des PIMMS" in "L'Union Nationale des PIMMS"
                tail = _NAME_TAIL.match(text, e)
                end = tail.end() if tail else e
                yield mention(s, end, org_kind(text[s:end], before) or "Company")
            return
        kind = org_kind(surface, before)
        if kind is None and is_place(surface):
            yield mention(s, e, PLACE)  # "le site d'Annecy": the model's organization is a city
            return
        strong = label == "ORG" or kind is not None or firm_shaped(surface)
        yield mention(s, e, kind or "Company", "ner" if strong else WEAK)


def _after_locative(before: str, surface: str) -> bool:
    """"installé à Annecy", "un site en Turquie": a place the model names, after words of place, is a
    place unless its own words make it a firm's name (``firm_shaped``, a kind word)."""
    lead = " " + " ".join(rules.fold(before).split())
    placed = any(lead.endswith(" " + w) for w in rules.word_set(RULES, "locatives"))
    return placed and not firm_shaped(surface) and name_kind(surface) is None


def firm_shaped(surface: str) -> bool:
    """Words shaped like a firm's name: an acronym, inner capitals ("eBay"), a dot ("Cherclient.tv")."""
    return any(
        is_acronym(w) or any(c.isupper() for c in w[1:]) or "." in w.strip(".") for w in words(surface)
    )


def _capitalised_like_a_name(span) -> bool:
    """"Sens du Client" may name the blog, "le monde" never names Le Monde: the first word past an
    article must be capitalised."""
    content = [t for t in span if rules.fold(t.text) not in {"le", "la", "les", "l'", "l", "de", "du", "des"}]
    return bool(content) and content[0].text[:1].isupper() and not span[0].text[:1].islower()


def is_org(kind: str) -> bool:
    return kind in ORG_KINDS
