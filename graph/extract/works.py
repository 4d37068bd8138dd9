"""Works: books (title, author, publisher, translator), studies and barometers (who conducted them, the
year) and blogs.

Books are quoted titles next to a book word or an author ("le livre "T" de X", ""T" de X"), studies are
named by a head word ("l'étude X de Y", "le baromètre AFRC de l'effort client", "Source IREP 2013"), blogs
are "le blog de X".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from graph import rules
from graph.extract import PostContext, register
from graph.extract._phrases import (
    accent_free,
    domain_words,
    listed_refs,
    name_end,
    ref_of,
    sentence_at,
    sentences,
    year_in,
)
from graph.model import ORG_KINDS, PERSON, Evidence, Fact, Ref

RULES = "rules/works"
FAMILY = "works"
_TITLE = r'"(?P<title>[^"\n]{3,120})"'
_PUBLISHER = re.compile(r"[EÉ]ditions?\s+[\w\-]+")


def _alternatives(field: str) -> str:
    return "|".join(rules.load(RULES)[field])


@cache
def _book_patterns() -> tuple[re.Pattern[str], ...]:
    book = "|".join(accent_free(w) for w in rules.load(RULES)["book_words"])
    adjectives = _alternatives("book_adjectives")
    word = rf"(?:(?:{adjectives})\s+)?(?:{book})"
    lead = _alternatives("author_lead")
    return (
        # Title line: "T : le livre capital de X", "T de X : un livre essentiel"
        re.compile(
            rf"(?m)^(?P<title>[^\n:]{{3,100}}) : (?:le|un) (?:{book})\b[^\n]*? de (?P<author>[A-ZÀ-Ý])"
        ),
        re.compile(
            rf"(?m)^(?P<title>[^\n:]{{3,100}}?) de (?P<author>[A-ZÀ-Ý][^\n:]+) : (?:le|un) (?:{book})\b"
        ),
        # le livre "T" / le livre de X "T" / le livre de X, intitulé "T"
        re.compile(
            rf"\b(?i:{word})(?:\s+(?!blanc)\w+)?"
            rf"(?:\s+d(?:e |')(?:{lead})?(?P<author>[A-ZÀ-Ý][^,\"\n]{{2,40}}?))?[\s,]*"
            rf"(?:{_alternatives('title_lead')})?{_TITLE}"
        ),
        # "T" de X
        re.compile(rf"{_TITLE}\s+(?:\([^)]*\)\s+)?d(?:e |\')(?:{lead})?(?P<author>[A-ZÀ-Ý])"),
        # le livre T de X (title not quoted, up to its author)
        re.compile(
            rf"\b[Ll]e\s+(?i:{word})\s+(?P<title>[A-ZÀ-Ý][^,.;:()\"\n]{{3,80}}?)\s+de\s+(?:{lead})?"
            rf"(?P<author>[A-ZÀ-Ý])"
        ),
        # X, auteur de "T"
        re.compile(
            rf"(?P<author>[A-ZÀ-Ý][\w\-]+(?: [A-ZÀ-Ý][\w\-]+)+), (?:l')?auteur d(?:u livre |e )"
            rf"(?:{_alternatives('book_adjectives')} )?{_TITLE}"
        ),
        # les livres de X (citons T)
        re.compile(
            r"\b[Ll]es livres d(?:e |')(?P<author>[A-ZÀ-Ý][^()\n]{2,40}?)\s*"
            r"\(citons (?P<title>[^)\n]{3,80})\)"
        ),
    )


def _author_at(ctx: PostContext, pos: int) -> Ref | None:
    """The person or organization named at ``pos`` (a mention, else the capitalised words there)."""
    refs = listed_refs(ctx, pos, min(len(ctx.text), pos + 80), (PERSON, "Organization"))
    return (
        refs[0]
        if refs and rules.fold(ctx.text[pos : pos + len(refs[0].name)]) == rules.fold(refs[0].name)
        else None
    )


def _books(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, str, Ref | None]]:
    seen: set[int] = set()
    for pattern in _book_patterns():
        for m in pattern.finditer(ctx.text):
            if m.start("title") in seen:
                continue
            seen.add(m.start("title"))
            author = _author_at(ctx, m.start("author")) if m.group("author") else None
            yield m.start(), m.end(), m.group("title").strip(), author


def _book_facts(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[Fact]:
    text, post = ctx.text, ctx.post
    books = list(_books(ctx, spans))
    if not books:
        return
    translator = re.compile(rf"(?i)\b(?:{_alternatives('translator')})")
    publisher = re.compile(rf"(?i)\b(?:{_alternatives('publisher')})(?=[A-ZÀ-Ýe])")
    for start, end, title, author in books:
        s, e = sentence_at(spans, start)
        roles: list[tuple[str, object]] = [("label", title)]
        if author:
            roles.append(("author", author))
        yield Fact(FAMILY, "Book", tuple(roles), Evidence.of(post, s, max(e, end)), ("label",))
    # Translators and publishers named apart belong to the book of the post's title, else its first book.
    titled = [b for b in books if rules.fold(b[2]) in rules.fold(post.title or "")]
    main = (titled or books)[0][2]
    for cue, role, kinds in ((translator, "translator", (PERSON,)), (publisher, "publisher", ORG_KINDS)):
        for m in cue.finditer(text):
            house = _PUBLISHER.match(text, m.end()) if role == "publisher" else None
            refs = (
                [Ref(house.group(), "Company")] if house else listed_refs(ctx, m.end(), m.end() + 60, kinds)
            )
            if refs:
                s, e = sentence_at(spans, m.start())
                ref = refs[0] if role != "publisher" else Ref(refs[0].name, "Company")
                yield Fact(
                    FAMILY, "Book", (("label", main), (role, ref)), Evidence.of(post, s, e), ("label",)
                )


@cache
def _study_head() -> re.Pattern[str]:
    words = "|".join(
        sorted((accent_free(w) for w in rules.load(RULES)["study_words"]), key=len, reverse=True)
    )
    return re.compile(rf"(?i)\b(?P<head>{words})\b")


def _study_facts(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[Fact]:
    text, post, domain = ctx.text, ctx.post, domain_words()
    taken: list[tuple[int, int]] = []
    for m in re.finditer(
        rules.load(RULES)["source_cue"] + r"(?P<title>[A-ZÀ-Ý][\w\- ]{2,60}?\b(?:19|20)\d\d)\b", text
    ):
        s, e = sentence_at(spans, m.start())
        authors = [ref_of(x) for x in ctx.mentions_in(m.start("title"), m.end()) if x.kind in ORG_KINDS]
        roles = [
            ("label", m.group("title")),
            *(("author", a) for a in authors),
            ("year", year_in(m.group("title"))),
        ]
        taken.append((m.start(), m.end()))
        yield Fact(FAMILY, "Study", tuple(roles), Evidence.of(post, s, e), ("label",))
    for m in _study_head().finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue  # "study" inside "Global consumer behavior study 2010"
        s, e = sentence_at(spans, m.start())
        end = name_end(text, m.end(), e, domain)
        authors = [ref_of(x) for x in ctx.mentions_in(m.end(), end) if x.kind in ORG_KINDS]
        by = re.compile(r"\s+(?:de l'|d'|de |du |publié par (?:l')?|réalisée? par (?:l')?)").match(text, end)
        if by:
            authors += [
                r
                for r in listed_refs(ctx, by.end(), e, ("Organization",))
                if r.kind in ORG_KINDS and text.startswith(r.name, by.end())
            ]
        paren = re.compile(r"\s*\((?P<title>[A-Z][^()\n]{5,80})\)").match(
            text, by.end() + len(authors[-1].name) if by and authors else end
        )
        bare = end <= m.end() + 1
        named = (
            authors
            or year_in(text[m.start() : end])
            or text[m.start()].isupper()
            or any(w[:1].isupper() for w in text[m.end() : end].split())
        )
        if not named or (bare and not authors):
            continue
        title = paren.group("title") if paren and year_in(paren.group("title")) else text[m.start() : end]
        if bare and title == text[m.start() : end]:
            title = text[m.start() : by.end() + len(authors[-1].name)] if by else title
        taken.append((m.start(), paren.end() if paren else end))
        roles: list[tuple[str, object]] = [("label", title)]
        roles += [("author", a) for a in dict.fromkeys(authors)]
        if year_in(title):
            roles.append(("year", year_in(title)))
        yield Fact(FAMILY, "Study", tuple(roles), Evidence.of(post, s, e), ("label",))


def _blog_facts(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[Fact]:
    for m in re.finditer(rules.load(RULES)["blog_cue"], ctx.text):
        owner = next((x for x in ctx.mentions_in(m.end(), m.end() + 60) if x.start == m.end()), None)
        if owner and owner.kind == PERSON:
            s, e = sentence_at(spans, m.start())
            yield Fact(
                FAMILY,
                "Blog",
                (("label", f"blog de {owner.text}"), ("author", ref_of(owner))),
                Evidence.of(ctx.post, s, e),
                ("label",),
            )


@register(FAMILY)
def extract_works(ctx: PostContext) -> Iterator[Fact]:
    """Every book, study and blog the post names, with its authors."""
    spans = sentences(ctx.text)
    yield from _book_facts(ctx, spans)
    yield from _study_facts(ctx, spans)
    yield from _blog_facts(ctx, spans)
