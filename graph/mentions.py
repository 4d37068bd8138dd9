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
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graph import rules
from graph.gazetteer import Gazetteer, load_gazetteer
from graph.mention_passes import (
    demote_brand_people,
    local_branches,
    promote_described_orgs,
    promote_listed_orgs,
    select,
)
from graph.model import PERSON, PLACE, WEAK, Mention, Post
from graph.name_shapes import (
    RULES,
    institution_names,
    lowercase_institution_names,
    org_patterns,
    particles,
    person_patterns,
    starts_with,
    titles,
    web_names,
)
from graph.names import (
    after_function_words,
    clean_span,
    context_kind,
    firm_shaped,
    generic_head,
    is_cued_name,
    is_handle,
    is_org,
    is_org_name,
    is_person_name,
    is_place,
    looks_proper,
    name_kind,
    name_tail_end,
    org_kind,
    split_person,
    split_title,
    words,
)
from graph.nlp import load_nlp

_NAME_TAIL = re.compile(r"(?:\s+(?:de la|des|de|du)\s+|\s+(?:de l'|d'))[A-Z\u00C0-\u00DE][\w-]+")


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
            found.extend(self._classify(post, text, ent.start_char, ent.end_char, _label(ent)))
        for start, end in person_patterns(doc):
            found.extend(self._classify(post, text, start, end, "PER"))
        for start, end in org_patterns(text):  # where nothing firmer than a lone or weak name was found
            overlapped = [m for m in found if m.start < end and start < m.end]
            if all(m.source in ("partial", WEAK) for m in overlapped):
                found = [m for m in found if m not in overlapped]
                found.extend(self._patterned_org(post, text, start, end))
        for start, end in web_names(text):  # a site the model left out or read as something else
            overlapped = [m for m in found if m.start < end and start < m.end]
            if all(m.source in ("partial", WEAK) or not is_org(m.kind) for m in overlapped):
                found = [m for m in found if m not in overlapped]
                kind = org_kind(text[start:end], text[max(0, start - 40) : start]) or "Company"
                found.append(Mention(start, end, post.text[start:end], kind, "pattern"))
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
        after_chez = rules.fold(before).endswith(" chez")
        after_title = _title_then_de().search(before) is not None
        if label == "PER" and (after_chez or any(rules.fold(w) in places for w in surface.split()[1:3])):
            label = "ORG"  # "chez Arthur Andersen", "Yves Rocher Amérique": firms, whatever the model says
        if label == "PER" and " " not in surface and (context_kind(before) or after_title):
            label = "ORG"  # "selon Inergie", "Directeur associé d'Actel": a lone name there is a firm
        if label == "LOC" and not is_place(surface) and (after_title or after_chez):
            label = "ORG"  # "DRH de Fibranix France", "chez Norvia Sud": no place the rules know, a firm
        if label == "PER" and rules.fold(surface.split()[-1]) in rules.word_set(RULES, "company_suffixes"):
            label = "ORG"  # "Mystéria Conseil", "Brightline Partners": a firm's suffix ends no person's name
        if label == "PER":
            person, org = split_person(surface)
            if org and self._surname_tail(text, surface, org, e) and is_person_name(surface):
                person, org = surface, None  # "Marc Aubert du Sablon" is one name
            if org:
                a = s + surface.index(org, len(person))
                yield from self._classify(post, text, a, a + len(org), "ORG")
            if is_person_name(person, model_says_person=True):
                yield mention(s, s + len(person), PERSON)
            elif len(person.split()) == 1 and person[:1].isupper() and looks_proper(person):
                # A lone first or last name: resolution ties it to a full name of the post, or drops it.
                yield mention(s, s + len(person), PERSON, "partial")
            return
        if starts_with(surface, "venue_heads"):
            yield mention(s, e, PLACE)
            return
        first_names = rules.word_set("rules/first_names", "first_names")
        named = rules.fold(surface.split()[0]) in first_names and is_person_name(surface)
        if label in ("LOC", "MISC") and named:
            yield mention(s, e, PERSON)  # "Florence Desert" is a woman, not the city; "JEAN-MARC PETIT" a man
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


@cache
def _title_then_de() -> re.Pattern[str]:
    """A title of ``firm_after_titles`` then "de" at the end of a text: what comes next names a firm."""
    def word(w: str) -> str:
        stem = w.removesuffix("*")
        # lower-case words with a capital or not; acronyms and mixed forms ("P-dg") as written
        written = f"[{stem[0].upper()}{stem[0]}]{re.escape(stem[1:])}" if stem.islower() else re.escape(stem)
        return written + (r"\w*" if w.endswith("*") else "")

    titles = "|".join(word(w) for w in rules.load(RULES)["firm_after_titles"])
    return re.compile(rf"\b(?:{titles})\b[^.,;:]{{0,40}}\s(?:de la|de l'|de l’|de|du|d'|d’)\s*$")


def _label(ent: Span) -> str:
    """The model's label, but a "place" or an unsorted name that does something ("Kelvora rachète Dralix")
    is a firm, unless the rules know the place ("Lyon accueille le salon")."""
    acts = ent.root.dep_ == "nsubj" and ent.root.head.pos_ == "VERB"
    return "ORG" if ent.label_ in ("LOC", "MISC") and acts and not is_place(ent.text) else ent.label_


def _after_locative(before: str, surface: str) -> bool:
    """"installé à Annecy", "un site en Turquie": a place the model names, after words of place, is a
    place unless its own words make it a firm's name (``firm_shaped``, a kind word)."""
    lead = " " + " ".join(rules.fold(before).split())
    placed = any(lead.endswith(" " + w) for w in rules.word_set(RULES, "locatives"))
    return placed and not firm_shaped(surface) and name_kind(surface) is None


def _capitalised_like_a_name(span) -> bool:
    """"Sens du Client" may name the blog, "le monde" never names Le Monde: the first word past an
    article must be capitalised."""
    content = [t for t in span if rules.fold(t.text) not in {"le", "la", "les", "l'", "l", "de", "du", "des"}]
    return bool(content) and content[0].text[:1].isupper() and not span[0].text[:1].islower()
