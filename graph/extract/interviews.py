"""Interviews: a person answering the blog's questionnaire, or an interview the post refers to.

A post is itself an interview when its title reads "Person (Organization) et le ..." and its body
carries a questionnaire cue, or when it says "X répond au questionnaire" / "je donne la parole à X".
The interviewer is the post's signed author ("Interview réalisée par ..."), the date the post's date.
"lire l'interview de X" names an interview published elsewhere (no date; the narrator's if "mon blog").
"Les deux représentants ont répondu à mon questionnaire" points back to the people of the sentence
before (interviews published elsewhere: no date; the narrator's with "mon questionnaire"); so does a
relative clause "(que j'ai interviewé ...)" to the person it qualifies.
Cue words are in ``data/rules/interviews.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import clip, full_people, has_cue, line_spans, sentence_bounds
from graph.model import PERSON, Evidence, Fact, Mention, Ref, plain
from graph.names import is_org

RULES = "rules/interviews"
_QUESTION_LINE = re.compile(r"^[^\n]{3,90}\?[ \t]*$", re.MULTILINE)


def _cues(field: str) -> frozenset[str]:
    return rules.word_set(RULES, field)


@cache
def _pattern(field: str) -> re.Pattern[str]:
    """The phrases of a rules list as one case-insensitive pattern (offsets stay those of the text)."""
    phrases = sorted(rules.load(RULES)[field], key=len, reverse=True)
    return re.compile(rules.caseless_alternation(phrases), re.IGNORECASE)


@dataclass(frozen=True)
class Subject:
    """Who a questionnaire post interviews, the organization it names them with, where answers start."""

    person: Mention
    org: Mention | None
    answers_start: int


def interview_subject(ctx: PostContext) -> Subject | None:
    """The interviewee of a post that is itself an interview, or None."""
    person, org = _title_subject(ctx)
    if person is None:
        person = next((p for p, _ in _cue_people(ctx)), None)
    if person is None:
        return None
    question = _QUESTION_LINE.search(ctx.text, ctx.post.body_start)
    return Subject(person, org, question.start() if question else len(ctx.text))


def _title_start(ctx: PostContext) -> int:
    """Where the post's title stands in its folded text (quotes and apostrophes folded), or -1."""
    return ctx.text.find(plain(ctx.post.title)) if ctx.post.title else -1


def _title_subject(ctx: PostContext) -> tuple[Mention | None, Mention | None]:
    """ "Stéphane Treppoz (Sarenza) et le Sens du client", "« ... » : entretien avec X (Y)", with a
    questionnaire cue in the body."""
    title = ctx.post.title
    text = ctx.text
    if not title or not has_cue(text, _cues("body_cues")):
        return None, None
    start = _title_start(ctx)
    if start < 0:
        return None, None
    people = full_people(ctx.mentions_in(start, start + len(title)))
    leads = tuple(_cues("title_leads"))
    led = [p for p in people if rules.fold(text[start : p.start]).rstrip().endswith(leads)]
    if not led and (not people or people[0].start != start):
        return None, None
    person = led[0] if led else people[0]
    rest = text[person.end : start + len(title)]
    paren = re.match(r"\s*\(([^()]*)\)\s*", rest)
    after = rest[paren.end() :] if paren else rest
    if not led and not any(rules.fold(after).startswith(link + " ") or rules.fold(after) == link
                           for link in _cues("title_links")):
        return None, None
    org = None
    if paren:
        inner_start = person.end + paren.start(1)
        inside = [m for m in ctx.mentions_in(inner_start, inner_start + len(paren.group(1)))
                  if is_org(m.kind)]
        if len(inside) == 1 and inside[0].text.strip() == paren.group(1).strip():
            org = inside[0]
    return person, org


def _cue_people(ctx: PostContext) -> Iterator[tuple[Mention, tuple[int, int]]]:
    """People named by "X répond au questionnaire" and "je donne la parole à X", with the sentence."""
    text = ctx.text
    people = full_people(ctx.mentions)
    for hit in _pattern("answer_verbs").finditer(text):
        s, e = sentence_bounds(text, hit.start())
        before = [p for p in people if s <= p.start and p.end <= hit.start()]
        if before:
            yield before[0], (s, e)
    for hit in _pattern("give_floor").finditer(text):
        s, e = sentence_bounds(text, hit.start())
        after = [p for p in people if hit.end() <= p.start <= hit.end() + 3]
        if after:
            yield after[0], (s, e)


def _interviewed_by(ctx: PostContext) -> Iterator[tuple[Mention, tuple[int, int]]]:
    """ "Jean Petit, interviewé par X" and "Interrogé par X l'an dernier, Jean Petit, ...": the person the
    participle qualifies."""
    text = ctx.text
    people = full_people(ctx.mentions)
    for hit in _pattern("interviewed_participles").finditer(text):
        s, e = sentence_bounds(text, hit.start())
        before = [p for p in people if s <= p.start and re.fullmatch(r"\s*,\s*", text[p.end : hit.start()])]
        if before:
            yield before[-1], (s, e)
            continue
        if not text[s : hit.start()].strip():  # the participle opens the sentence
            comma = text.find(",", hit.end(), e)
            after = [p for p in people if comma >= 0 and comma < p.start <= comma + 3]
            if after:
                yield after[0], (s, e)


def _relative_clauses(ctx: PostContext) -> Iterator[tuple[Mention, tuple[int, int], bool]]:
    """ "Jean Petit, président de X (que j'ai interviewé ...)", "Marie Duval, qui m'a accordé un
    entretien": the person a relative clause of interviewing qualifies, up the parse from its verb through
    appositions and coordinated clauses; the narrator interviewed them when the clause says "je"/"nous"."""
    people = full_people(ctx.mentions)
    first_person = _cues("first_person")
    for verb in ctx.doc:
        lemma = rules.fold(verb.lemma_)
        if lemma not in _cues("interviewing_lemmas") and lemma not in _cues("granting_lemmas"):
            continue  # neither clause below can hold: the verb's children need not be read
        kids = list(verb.children)
        relative = any(rules.fold(c.text) in ("que", "qu'") for c in kids) and lemma in _cues(
            "interviewing_lemmas"
        )
        granted = (
            lemma in _cues("granting_lemmas")
            and any(rules.fold(c.text) == "qui" for c in kids)
            and any(c.dep_ == "obj" and rules.fold(c.lemma_) in _cues("interview_nouns") for c in kids)
        )
        if not (relative or granted):
            continue
        person = _qualified(ctx, verb, people)
        if person is not None:
            narrator = any(rules.fold(c.text) in first_person for c in kids)
            yield person, sentence_bounds(ctx.text, verb.idx), narrator


def _qualified(ctx: PostContext, verb: Token, people: list[Mention]) -> Mention | None:
    """The person a relative clause qualifies: up the parse through appositions and coordinated clauses,
    else (a clause the parser hung elsewhere) the last person named before its pronoun in the sentence."""
    head = verb
    for _ in range(4):
        if head.dep_ not in ("acl:relcl", "conj", "appos") or head.head is head:
            break
        head = head.head
        person = next((p for p in people if p.start <= head.idx < p.end), None)
        if person is not None:
            return person
    pronoun = next((c for c in verb.children if rules.fold(c.text) in ("que", "qu'", "qui")), None)
    s, _ = sentence_bounds(ctx.text, verb.idx)
    before = [p for p in people if s <= p.start and pronoun is not None and p.end <= pronoun.idx]
    return before[-1] if before and pronoun is not None and pronoun.idx - before[-1].end <= 250 else None


def _answered_earlier(ctx: PostContext) -> Iterator[tuple[Mention, tuple[int, int]]]:
    """ "Les deux représentants ont répondu à mon questionnaire": the people of the sentence before."""
    text = ctx.text
    people = full_people(ctx.mentions)
    for hit in _pattern("answer_verbs").finditer(text):
        s, e = sentence_bounds(text, hit.start())
        named = any(s <= p.start < e for p in people)
        if named or not has_cue(text[s : hit.start()], _cues("answer_anaphors")):
            continue
        previous = sentence_bounds(text, s - 1) if s > 0 else (0, 0)
        earlier = [p for p in people if previous[0] <= p.start < previous[1]]
        plural = rules.fold(hit.group()).split()[0] in _cues("plural_verbs")
        for person in earlier if plural else earlier[:1]:
            yield person, (s, e)


def _fact(ctx: PostContext, person: Mention, span: tuple[int, int], own: bool, narrator: bool) -> Fact:
    post = ctx.post
    roles: list[tuple[str, Ref | str]] = [("interviewee", Ref(person.text, PERSON))]
    if post.author and (own or narrator):
        roles.append(("interviewer", Ref(post.author, PERSON)))
    if own and post.date:
        roles.append(("date", post.date))
    return Fact("interviews", "Interview", tuple(roles), Evidence.of(post, *clip(*span)),
                identity=("interviewee", "interviewer"))


@register("interviews")
def extract(ctx: PostContext) -> Iterator[Fact]:
    """Every interview a post is or refers to, one fact per passage that states it."""
    text = ctx.text
    subject = interview_subject(ctx)
    if subject is not None:
        title_start = _title_start(ctx)
        if title_start >= 0 and title_start <= subject.person.start < title_start + len(ctx.post.title):
            yield _fact(ctx, subject.person, (title_start, title_start + len(ctx.post.title)), True, False)
        for person, span in _cue_people(ctx):
            yield _fact(ctx, person, span, True, False)
        for s, e in line_spans(text):
            if e > s and not text[s:e].rstrip().endswith("?") and has_cue(text[s:e], _cues("body_cues")):
                yield _fact(ctx, subject.person, clip(s, e), True, False)
    yield from _references(ctx, subject)
    for person, span in _interviewed_by(ctx):
        yield _fact(ctx, person, span, False, False)
    for person, span, narrator in _relative_clauses(ctx):
        yield _fact(ctx, person, span, False, narrator)
    for person, (s, e) in _answered_earlier(ctx):
        yield _fact(ctx, person, (s, e), False, has_cue(text[s:e], _cues("narrator_cues")))


def _references(ctx: PostContext, subject: Subject | None) -> Iterator[Fact]:
    """ "lire l'interview d'Emmanuel Alquier ... sur mon blog": the next person named in the sentence."""
    text = ctx.text
    nouns = "|".join(re.escape(n) for n in sorted(_cues("interview_nouns"), key=len, reverse=True))
    window = int(rules.load(RULES)["reference_window"])
    people = full_people(ctx.mentions)
    for hit in re.finditer(rf"\b(?:{nouns})\s+(?:de|d'|du|des)\s*", text, re.IGNORECASE):
        s, e = sentence_bounds(text, hit.start())
        after = [p for p in people if hit.end() <= p.start <= min(e, hit.start() + window)]
        if not after:
            continue
        person = after[0]
        if subject is not None and rules.name_key(person.text) == rules.name_key(subject.person.text):
            continue
        narrator = has_cue(text[s:e], _cues("narrator_cues"))
        yield _fact(ctx, person, (s, e), False, narrator)
