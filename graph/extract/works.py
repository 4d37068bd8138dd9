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
    fallback_name,
    listed_refs,
    name_end,
    noun_phrase_end,
    ref_of,
    sentence_at,
    sentences,
    year_in,
)
from graph.extract._titles import heads as title_heads
from graph.extract.work_frames import with_frame_authors
from graph.model import ORG_KINDS, PERSON, PLACE, Evidence, Fact, Ref

RULES = "rules/works"
FAMILY = "works"
_TITLE = r'"(?P<title>[^"\n]{3,120})"'
_PUBLISHER = re.compile(r"[EÉ]ditions?\s+[\w\-]+")


def _alternatives(field: str) -> str:
    return "|".join(rules.load(RULES)[field])


_BOOK_TITLE = r"(?P<title>[A-ZÀ-Ý0-9](?:[^.;:()\"\n]|\.(?=\d)){2,130}?)"


# A "livre blanc" is a study (``study_words``), not a book.
_NOT_WHITE_PAPER = r"(?!\s+(?i:blancs?)\b)"


@cache
def _book_patterns() -> tuple[re.Pattern[str], ...]:
    book = "|".join(accent_free(w) for w in rules.load(RULES)["book_words"])
    book = f"(?:{book}){_NOT_WHITE_PAPER}"
    adjectives = _alternatives("book_adjectives")
    word = rf"(?:(?:{adjectives})\s+)?(?:{book})"
    lead = _alternatives("author_lead")
    title_lead = _alternatives("title_lead")
    return (
        # Title line: "T : le livre capital de X", "T de X : un livre essentiel"
        re.compile(
            rf"(?m)^(?P<title>[^\n:]{{3,100}}) : (?:le|un) (?:{book})\b[^\n]*? de (?P<author>[A-ZÀ-Ý])"
        ),
        re.compile(
            rf"(?m)^(?P<title>[^\n:]{{3,100}}?) de (?P<author>[A-ZÀ-Ý][^\n:]+) : (?:le|un) (?:{book})\b"
        ),
        # A heading "T, un livre prémonitoire": the book the post is about (its authors told after)
        re.compile(rf"(?m)^(?P<title>[^\n:,]{{3,100}}), (?:un|le) {word}\b[^\n.!?]*$(?P<authors_before>)"),
        # le livre "T" / son livre "T" / le livre de X "T" / le livre de X, (...) qui s'intitule "T"
        re.compile(
            rf"(?P<poss>\b(?:[Ss]on|[Ss]a|[Ll]eur)\s+)?\b(?i:{word})(?:\s+(?!blanc|de\b|d')\w+)?"
            rf"(?:\s+d(?:e |')(?:{lead})?(?P<author>[A-ZÀ-Ý][^,\"\n]{{2,40}}?))?"
            rf"(?:[\s,]*(?:{title_lead})?|[^\".\n]{{0,100}}?(?:{title_lead})){_TITLE}"
        ),
        # "T" de X, "T", de l'Américain X
        re.compile(rf"{_TITLE}\s*,?\s+(?:\([^)]*\)\s+)?d(?:e |\')(?:{lead})?(?P<author>[A-ZÀ-Ý])"),
        # X et Y signent "T", un essai paru en mars / "T", le nouveau livre de X: a title, then its book word
        re.compile(
            rf"{_TITLE}(?:\s*\([^()\n]{{2,40}}\))?\s*,\s*(?:un|le|son|leur)\s+{word}\b(?P<authors_before>)"
            rf"(?:\s+d(?:e |')(?:{lead})?(?P<author>[A-ZÀ-Ý]))?"
        ),
        # X publie "T", paru le 4 septembre aux éditions Y: a title its publishing makes a book's
        re.compile(
            rf"{_TITLE}\s*,?\s*(?:paru|publié|sorti)e?\b[^.\n]{{0,40}}?\b(?:aux éditions|chez)\s"
            r"(?P<authors_before>)"
        ),
        # le livre T de X / le livre T, le livre de X / le livre T (title not quoted, up to its end)
        re.compile(
            rf"\b[Ll]e\s+(?i:{word})\s+{_BOOK_TITLE}"
            rf"(?:\s+de\s+(?:{lead})?(?P<author>[A-ZÀ-Ý])"
            rf"|,\s+(?:le|un)\s+(?i:{word})\s+d(?:e |')(?:{lead})?(?P<apposed>[A-ZÀ-Ý])"
            rf"|(?=\s*[.;:!?(](?:\s|$)|\s*$))"
        ),
        # X, auteur de "T" / auteur de T (the author named before in the sentence)
        re.compile(
            rf"\b(?:l')?auteur d(?:u (?:{word}) |e )"
            rf"(?:{_TITLE}|{_BOOK_TITLE.replace('title', 'bare')}(?=[,.;(]))"
        ),
        # les livres de X (citons T)
        re.compile(
            r"\b[Ll]es livres d(?:e |')(?P<author>[A-ZÀ-Ý][^()\n]{2,40}?)\s*"
            r"\(citons (?P<title>[^)\n]{3,80})\)"
        ),
    )


@cache
def _book_list_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Books listed after a colon ("deux livres : T de X et U (...) de Y et Z") and a book named by
    its author and subject ("le livre de X sur le Community management")."""
    books = "|".join(accent_free(w) + "s?" for w in rules.load(RULES)["book_words"])
    books = f"(?:{books}){_NOT_WHITE_PAPER}"
    lead = _alternatives("author_lead")
    return (
        re.compile(rf"(?i)\b(?:{books})\b[^:.\n]{{0,80}}:\s*"),
        re.compile(
            rf"(?P<title>[A-ZÀ-Ý0-9][^()\":\n]{{2,100}}?)(?:\s*\([^()\n]*\))?\s+d(?:e |')(?:{lead})?"
            rf"(?=[A-ZÀ-Ý])"
        ),
        re.compile(
            rf"\b(?i:{books.replace('s?', '')}) d(?:e |')(?:{lead})?"
            r"(?P<author>[A-ZÀ-Ý][\w\-]+(?: [A-ZÀ-Ý][\w\-]+)+)"
            r"\s+sur\s+[^,.;:()\"\n]{3,60}"
        ),
    )


_WRITTEN_BY = re.compile(r"(?:\s*\([^()\n]*\))?\s*,?\s*(?:écrit|rédigé|signé)e?s? par\b")


def _authors_at(ctx: PostContext, pos: int) -> list[Ref]:
    """The persons or organizations listed from ``pos`` ("X", "X et Y"), when a name starts there."""
    refs = listed_refs(ctx, pos, min(len(ctx.text), pos + 80), (PERSON, "Organization"))
    starts_here = refs and rules.fold(ctx.text[pos : pos + len(refs[0].name)]) == rules.fold(refs[0].name)
    return refs if starts_here else []


def _person_near(ctx: PostContext, start: int, end: int, last: bool = False) -> list[Ref]:
    people = [m for m in ctx.mentions_in(start, end) if m.kind == PERSON]
    chosen = people[-1:] if last else people[:1]
    return [ref_of(m) for m in chosen]


def _authors_around(ctx: PostContext, m: re.Match[str], s: int, e: int) -> list[Ref]:
    """Authors named outside the book's phrase: "l'auteur du livre "T", X" (the person after), "X, auteur
    de T" and "X ... son livre "T"" (the person before, else the one after), "T, écrit par ... X"."""
    text = ctx.text
    if re.search(r"\bauteur\s+d(?:u|e)\s*$", text[s : m.start()]) or "auteur" in m.group()[:9]:
        after = re.compile(r"\s*,\s*").match(text, m.end())
        at = after.end() if after else -1
        person = next((x for x in ctx.mentions if x.start == at and x.kind == PERSON), None)
        return [ref_of(person)] if person else _person_near(ctx, s, m.start(), last=True)
    if m.groupdict().get("poss"):  # "X ... son livre T", or fronted: "Dans son livre T, X explique"
        return _person_near(ctx, s, m.start(), last=True) or _person_near(ctx, m.end(), e)
    if "authors_before" in m.groupdict():  # "X et Y signent "T", un essai": the people named before it
        return [ref_of(x) for x in ctx.mentions_in(s, m.start()) if x.kind == PERSON]
    written = _WRITTEN_BY.match(text, m.end())
    return _person_near(ctx, written.end(), min(e, written.end() + 100)) if written else []


def _books(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, str, list[Ref]]]:
    """(start, end, title, authors) of each book the post names."""
    seen: set[int] = set()
    text = ctx.text
    for pattern in _book_patterns():
        for m in pattern.finditer(text):
            group = "title" if m.group("title") else "bare"
            if m.start(group) in seen:
                continue
            s, e = sentence_at(spans, m.start())
            at = next((m.start(g) for g in ("author", "apposed") if m.groupdict().get(g)), None)
            authors = _authors_at(ctx, at) if at is not None else _authors_around(ctx, m, s, e)
            if at is not None and not authors:
                continue  # "le livre Les secrets de Google": no author there, not a book title either
            seen.add(m.start(group))
            for title in re.split(r"\s+ou\s+(?=[A-ZÀ-Ý0-9])", m.group(group).strip()):
                yield m.start(), m.end(), title.strip(), authors
    colon, item, subject = _book_list_patterns()
    for cue in colon.finditer(text):
        pos = cue.end()
        while (m := item.match(text, pos)) and m.start() not in seen:
            authors = [r for r in _authors_at(ctx, m.end()) if r.kind == PERSON]
            if not authors:
                break
            seen.add(m.start())
            last = ctx.text.index(authors[-1].name, m.end()) + len(authors[-1].name)
            yield m.start(), last, m.group("title").strip(), authors
            glue = re.compile(r"\s*(?:,|\bet\b|\bou\b)\s*").match(text, last)
            if not glue:
                break
            pos = glue.end()
    for m in subject.finditer(text):
        authors = [r for r in _authors_at(ctx, m.start("author")) if r.kind == PERSON]
        if authors and m.start() not in seen:
            yield m.start(), m.end(), m.group().strip(), authors


def _book_facts(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[Fact]:
    text, post = ctx.text, ctx.post
    books = list(_books(ctx, spans))
    if not books:
        return
    translator = re.compile(rf"(?i)\b(?:{_alternatives('translator')})")
    publisher = re.compile(rf"(?i)\b(?:{_alternatives('publisher')})(?=[A-ZÀ-Ýe])")
    for start, end, title, authors in books:
        s, e = sentence_at(spans, start)
        roles: list[tuple[str, object]] = [("label", title), *(("author", a) for a in authors)]
        yield Fact(FAMILY, "Book", tuple(roles), Evidence.of(post, s, max(e, end)), ("label",))
    # Translators and publishers named apart belong to the book of the post's title, else its first book.
    titled = [b for b in books if rules.fold(b[2]) in rules.fold(post.title or "")]
    main = min(titled or books, key=lambda b: b[0])[2]
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
    return re.compile(rf"(?i)\b(?P<head>{words})(?:\s+(?:{_alternatives('study_adjectives')}))*\b")


@cache
def _study_cues() -> dict[str, re.Pattern[str]]:
    """The phrases around a study's name that give its title, its subject and who made it."""
    return {
        key: re.compile(rules.load(RULES)["study_cues"][key], re.IGNORECASE)
        for key in (
            *("quoted", "subject", "by", "made_by", "made_with", "published", "holder", "indefinite"),
            *("presents", "presenter_lead", "firm_apposition"),
        )
    }


# "de l'AMARC" at the end of a study's phrase: the organization named after it made the study.
_MAKER_GLUE = re.compile(r"\s+d(?:e l'|e la |e |u |')$")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}\b")
_CAPITALISED_RUN = re.compile(r"[A-ZÀ-Ý][\w\-&!]*(?: [A-ZÀ-Ý][\w\-&!]*)*")


def _names_in(ctx: PostContext, start: int, end: int) -> list[Ref]:
    """The organizations named inside a study's name: its mentions, and acronyms no mention covers
    ("étude CXP Colorado")."""
    mentions = [x for x in ctx.mentions_in(start, end) if x.kind in ORG_KINDS]
    refs = [ref_of(x) for x in mentions]
    for a in _ACRONYM.finditer(ctx.text, start, end):
        if not any(x.start <= a.start() < x.end for x in ctx.mentions):
            refs.append(Ref(a.group(), "Organization"))
    return refs


def _source_authors(ctx: PostContext, start: int, end: int) -> list[Ref]:
    """Who made a study cited as a source ("Source IREP France Pub 2013"): its organization mentions,
    less a last word that opens an English title ("Vibes Mobile consumer report" is by Vibes), and the
    capitalised names just before the year that no mention covers ("France Pub")."""
    text, refs = ctx.text, []
    covered = start
    for x in sorted(ctx.mentions_in(start, end), key=lambda x: x.start):
        if x.kind not in ORG_KINDS:
            continue
        name = x.text
        if " " in name and re.match(r" [a-z]", text[x.end : x.end + 2]):
            name = name.rsplit(" ", 1)[0]
        refs.append(Ref(name, x.kind))
        covered = x.start + len(name)
    run = _CAPITALISED_RUN.match(text, covered + (text[covered:covered + 1] == " "))
    if run and re.match(r" (?:19|20)\d\d\b", text[run.end() : end + 1]) and not year_in(run.group()):
        refs.append(Ref(run.group(), "Organization"))
    return refs


_MAKERS_JOINT = re.compile(r"\s*[-–/]\s*")


def _joint_makers_end(ctx: PostContext, end: int) -> int:
    """A name that ends on an organization runs on over the others joined to it by a dash or a slash: "l'étude
    SP2C - Deloitte" is by both."""
    while True:
        before = [x for x in ctx.mentions if x.end == end and x.kind in ORG_KINDS]
        joint = _MAKERS_JOINT.match(ctx.text, end) if before else None
        after = next(
            (x for x in ctx.mentions if joint and x.start == joint.end() and x.kind in ORG_KINDS), None
        )
        if after is None:
            return end
        end = after.end


_PARSED_STOP = re.compile(r'"|\s(?:à|au|aux)\s')


def _parsed_end(ctx: PostContext, head: int, named_end: int, quoted_head: bool) -> int:
    """Where the noun phrase a study's head word heads ends, as the parse has it: "le rapport 2019 du
    comité des usagers de la banque" runs on past the capitals and domain words that end ``named_end``;
    never past a quote (a head inside a quoted title ends at its closing quote) or a complement of place
    ("rapport à X"), and not up to a quoted title, which the title cue reads ("Enquête Agora sur les "T"")."""
    span = ctx.doc.char_span(head, head + 1, alignment_mode="expand")
    end = (noun_phrase_end(span[0]) or 0) if span else 0
    stop = _PARSED_STOP.search(ctx.text, named_end, end) if end > named_end else None
    if stop is None:
        return end
    return 0 if stop.group() == '"' and not quoted_head else stop.start()


def _study_facts(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[Fact]:
    text, post, cues = ctx.text, ctx.post, _study_cues()
    domain = domain_words() | rules.word_set(RULES, "study_domain_words")
    weak = rules.word_set(RULES, "weak_study_words")
    taken: list[tuple[int, int]] = []
    found: list[tuple[Fact, bool]] = []  # (fact, named only by its head and one author)
    for m in re.finditer(
        rules.load(RULES)["source_cue"] + r"(?P<title>[A-ZÀ-Ý][\w\- ]{2,60}?\b(?:19|20)\d\d)\b", text
    ):
        if text[: m.start()].rstrip().endswith("("):
            continue  # "(source Forrester 2013)" credits a figure to a firm, it names no study
        s, e = sentence_at(spans, m.start())
        authors = _source_authors(ctx, m.start("title"), m.end())
        roles = [
            ("label", m.group("title")),
            *(("author", a) for a in authors),
            ("year", year_in(m.group("title"))),
        ]
        taken.append((m.start(), m.end()))
        found.append((Fact(FAMILY, "Study", tuple(roles), Evidence.of(post, s, e), ("label",)), False))
    for m in _study_head().finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue  # "study" inside "Global consumer behavior study 2010"
        s, e = sentence_at(spans, m.start())
        if cues["holder"].search(text, max(s, m.start() - 40), m.start()):
            continue  # "directeur de l'Observatoire de ...": an organization, not a study
        quoted_head = text.count('"', s, m.start()) % 2 == 1  # "l'étude X 2012" (c'est son nom) ...
        end = name_end(text, m.end(), e, domain)
        end = _joint_makers_end(ctx, max(end, _parsed_end(ctx, m.start("head"), end, quoted_head)))
        inside = re.compile(r"\(\s*$").search(text, max(s, m.start() - 2), m.start())
        close = text.find(")", m.end(), e)
        if inside and 0 < close - m.end() <= 80 and "(" not in text[m.end() : close]:
            end = close  # "(étude Les Français et les services)": the whole aside names it
        for x in sorted(ctx.mentions_in(m.end(), end), key=lambda x: x.start):
            glue = _MAKER_GLUE.search(text[m.end() : x.start])
            if x.kind in ORG_KINDS and glue and _list_reaches(ctx, x.start, end):
                end = m.end() + glue.start()  # "cartographie des services de l'AMARC": made by the AMARC
                break
        authors = _names_in(ctx, m.end(), end)
        # a head inside a quoted title ends at the closing quote, which opens no title of its own
        quoted = None if quoted_head else cues["quoted"].match(text, end)
        subject = None if quoted else cues["subject"].match(text, end)
        end = quoted.end() if quoted else subject.end() if subject else end
        if quoted and not authors and _CAPITALISED_RUN.fullmatch(text[m.end() : quoted.start()].strip()):
            authors = [Ref(text[m.end() : quoted.start()].strip(), "Organization")]  # Enquête Agora sur "T"
        by = cues["by"].match(text, end)
        if by:
            authors += [
                r
                for r in listed_refs(ctx, by.end(), e, ("Organization",))
                if r.kind in ORG_KINDS and text.startswith(r.name, by.end())
            ]
        made_by = cues["made_by"].search(text, end, e)
        if made_by:  # "réalisée par X", "menée par X et Y": the organizations listed from there
            listed = [r for r in listed_refs(ctx, made_by.end(), e, ("Organization",)) if r.kind in ORG_KINDS]
            authors += listed if listed and text.startswith(listed[0].name, made_by.end()) else []
        partners = cues["made_with"].search(text, end, e)
        if partners and (authors or quoted):
            listed = listed_refs(ctx, partners.end(), e, ("Organization",))
            authors += [r for r in listed if r.kind in ORG_KINDS]
        authors = [_full_name(ctx, a, m.start()) for a in authors]
        if not authors:
            authors = _maker_before(ctx, s, m.start()) or _presenter(ctx, s, m.start())
        published = cues["published"].search(text[s : m.start()])
        if published:
            authors[:0] = _orgs_between(ctx, s, s + published.start())[:1]
        # Where the maker named after "de"/"par" ends ("l'étude de X (Titre 2020)"); none when the makers
        # were found elsewhere in the sentence ("X publie un rapport d'activité").
        named_by = by and authors and text.startswith(authors[-1].name, by.end())
        after_by = by.end() + len(authors[-1].name) if named_by else None
        authors = _apposed_holder(ctx, m.start(), after_by or end) or authors
        paren = re.compile(r"\s*\((?P<title>[A-Z][^()\n]{5,80})\)").match(text, after_by or end)
        bare = end <= m.end() + 1
        places = [x for x in ctx.mentions_in(m.end(), end) if x.kind == PLACE]
        capitalised = any(  # a quoted title opens on its quote mark
            w.group().lstrip('"«“')[:1].isupper()
            and not any(x.start <= m.end() + w.start() < x.end for x in places)
            for w in re.finditer(r"\S+", text[m.end() : end])
        )
        strong = rules.fold(m.group("head")) not in weak
        named = (
            authors
            or capitalised
            or (strong and (year_in(text[m.start() : end]) or text[m.start()].isupper()))
        )
        if not named or (bare and not authors) or not (strong or capitalised or authors):
            continue
        if not authors and not quoted and cues["indefinite"].search(text, max(s, m.start() - 20), m.start()):
            continue  # "la parution d'une cartographie de la relation client en France": a study yet unnamed
        title = paren.group("title") if paren and year_in(paren.group("title")) else text[m.start() : end]
        title = quoted.group("title").strip() if quoted else title
        if bare and title == text[m.start() : end]:
            title = text[m.start() : after_by] if after_by else title
        if len(title.split()) == 1:  # "un baromètre (réalisé par X)": named after who launches it, or unnamed
            launcher = _launcher(ctx, s, e)
            if launcher is None:
                continue
            title, authors = f"{title} {launcher.name}", [launcher, *authors]
        taken.append((m.start(), paren.end() if paren else end))
        year = year_in(title) or _edition_year(ctx, s, e)
        if year and not year_in(title) and not quoted:
            title = f"{title} {year}"  # a study that recurs is named by its edition: "baromètre X 2021"
        roles: list[tuple[str, object]] = [("label", title)]
        roles += [("author", a) for a in dict.fromkeys(authors)]
        if year:
            roles.append(("year", year))
        only_author = bool(authors) and _only_makers(title, m.group(), authors)
        found.append((Fact(FAMILY, "Study", tuple(roles), Evidence.of(post, s, e), ("label",)), only_author))
    # "l'étude BVA" after "l'Observatoire des services clients 2013 de BVA", "l'étude de TNS Sofres et
    # BearingPoint" after "le Podium de la relation client TNS Sofres BearingPoint": a study named only by its
    # head and its makers is the fuller-named study of the same makers, and adds its passage to that one.
    for fact, only_author in found:
        makers = {rules.name_key(a.name) for a in fact.all("author")}
        fuller = next(
            (
                other
                for other, bare in found
                if other is not fact and not bare and makers <= _makers(other)
            ),
            None,
        )
        if only_author and fuller is not None:
            yield Fact(FAMILY, "Study", (("label", fuller.get("label")),), fact.evidence, ("label",))
        elif not only_author or not any(other is not fact and makers <= _makers(other) for other, _ in found):
            yield fact


def _launcher(ctx: PostContext, start: int, end: int) -> Ref | None:
    """The organization a sentence's main verb has for subject ("Brindor publie un baromètre ..."): who an
    unnamed study of the sentence is named after, as writers of the field do."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for subject in (t for t in span.root.children if t.dep_ in ("nsubj", "nsubj:pass")):
        named = next((x for x in ctx.mentions if x.start <= subject.idx < x.end), None)
        if named is not None and named.kind in ORG_KINDS:
            return ref_of(named)
    return None


def _edition_year(ctx: PostContext, start: int, end: int) -> str | None:
    """The year a study's sentence states (when it states one only), else the post's: its date line's,
    else its title's."""
    years = set(re.findall(r"\b(?:19|20)\d\d\b", ctx.text[start:end]))
    if len(years) == 1:
        return years.pop()
    if years:
        return None
    return str(ctx.post.year) if ctx.post.year else year_in(ctx.post.title or "")


def _list_reaches(ctx: PostContext, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a list of organizations ("l'Ifop et BVA") and nothing more."""
    refs = listed_refs(ctx, start, end, ("Organization",))
    last = ctx.text.rfind(refs[-1].name, start, end) if refs else -1
    return last >= 0 and last + len(refs[-1].name) == end


def _makers(fact: Fact) -> set[str]:
    return {rules.name_key(a.name) for a in fact.all("author")}


def _only_makers(title: str, head: str, authors: list[Ref]) -> bool:
    """Whether a study's name says no more than its head word and its makers ("étude transectorielle de
    TNS Sofres et BearingPoint", "Podium TNS Sofres BearingPoint", "l'étude BVA")."""
    rest = rules.fold(title[len(head) :] if rules.fold(title).startswith(rules.fold(head)) else title)
    for a in sorted(authors, key=lambda a: len(a.name), reverse=True):
        rest = rest.replace(rules.fold(a.name), " ")
    glue = rules.word_set(RULES, "maker_glue")
    return all(w in glue for w in re.findall(r"[\w']+", rest))


def _full_name(ctx: PostContext, ref: Ref, pos: int) -> Ref:
    """A short name standing for the organization the post named in full just before ("Agora" after "l'Agora
    des Directeurs de la Relation Client")."""
    if any(x.text == ref.name for x in ctx.mentions):
        return ref
    longer = [
        x
        for x in ctx.mentions
        if x.kind in ORG_KINDS and x.end <= pos and rules.fold(x.text).startswith(rules.fold(ref.name) + " ")
    ]
    return ref_of(longer[-1]) if longer else ref


_COMMA = re.compile(r"\s*,\s*")


def _apposed_holder(ctx: PostContext, head: int, end: int) -> list[Ref]:
    """ "le rapport annuel du Médiateur de X, Jean Dupont, a été présenté": the person apposed to the post
    that closes a study's name made it (the post is the person's, not a maker of its own)."""
    comma = _COMMA.match(ctx.text, end)
    person = next((x for x in ctx.mentions if comma and x.start == comma.end() and x.kind == PERSON), None)
    titled = title_heads().search(ctx.text, head, end) is not None
    return [ref_of(person)] if person is not None and titled else []


def _maker_before(ctx: PostContext, s: int, head: int) -> list[Ref]:
    """ "une autre pépite de l'AMARC : la cartographie ...": the maker named just before a colon."""
    colon = re.compile(r"\s*:\s*(?:la |le |les |l')?$")
    for x in ctx.mentions_in(s, head):
        lead = re.search(r"\bd(?:e |e l'|e la |u |es |')$", ctx.text[max(s, x.start - 6) : x.start])
        if x.kind in ORG_KINDS and lead and colon.match(ctx.text, x.end, head):
            return [ref_of(x)]
    return []


def _presenter(ctx: PostContext, s: int, head: int) -> list[Ref]:
    """ "Inergie, cabinet de conseil, présentait ... une étude sur ...", "le Président de la Mission X, Y,
    présentait ... le guide de l'Observatoire ...": the organization that opens the sentence and presents the
    study, itself or through its head."""
    cues = _study_cues()
    verb = cues["presents"].search(ctx.text, s, head)
    if not verb:
        return []
    for x in sorted(ctx.mentions_in(s, verb.start()), key=lambda x: x.start):
        if x.kind in ORG_KINDS and cues["presenter_lead"].fullmatch(ctx.text, s, x.start):
            return [ref_of(x)]
    # A name no mention found, made a firm's by its apposition: "Inergie, cabinet de conseil, présentait".
    lead = cues["presenter_lead"].match(ctx.text, s, verb.start())
    name = fallback_name(ctx.text, lead.end(), verb.start()) if lead else None
    if name and cues["firm_apposition"].match(ctx.text, lead.end() + len(name)):
        return [Ref(name, "Company", certain=True)]
    return []


def _orgs_between(ctx: PostContext, start: int, end: int) -> list[Ref]:
    return [ref_of(x) for x in ctx.mentions_in(start, end) if x.kind in ORG_KINDS]


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


@cache
def _apposed_title() -> re.Pattern[str]:
    """A work's head noun, a few words, then a capitalised title in apposition after an article."""
    words = (*rules.load(RULES)["book_words"], *rules.load(RULES)["study_words"])
    heads = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?i)\b(?P<head>{heads})\b(?:[ \t]+[\w'-]+){{0,6}}?[ \t]*,[ \t]*"
                      rf"(?:les|le|la|l')[ \t]*(?=(?-i:[A-ZÀ-Ý]))")


def _apposed_facts(ctx: PostContext, spans: list[tuple[int, int]]) -> Iterator[Fact]:
    """ "selon une nouvelle étude, le Satisfaction Index de la Fnac", "un ouvrage, les Carnets du Client":
    the title is the apposed noun phrase; an organization named by "de" at its end made it."""
    books = {rules.fold(w) for w in rules.load(RULES)["book_words"]}
    for m in _apposed_title().finditer(ctx.text):
        start = m.end()
        span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
        end = noun_phrase_end(span[0]) if span is not None else None
        named = any(x.start == start and (x.kind == PERSON or x.source == "gazetteer") for x in ctx.mentions)
        if not end or named:
            continue  # "le classement, la Fnac en tête": a name, not a title
        authors = []
        for x in sorted((x for x in ctx.mentions if start < x.start <= end + 8), key=lambda x: x.start):
            glue = _MAKER_GLUE.search(ctx.text[start : x.start])
            if x.kind in ORG_KINDS and glue:
                end, authors = start + glue.start(), [ref_of(x)]
                break
        kind = "Book" if rules.fold(m.group("head")) in books else "Study"
        s, e = sentence_at(spans, m.start())
        roles = (("label", ctx.text[start:end]), *(("author", a) for a in authors))
        yield Fact(FAMILY, kind, roles, Evidence.of(ctx.post, s, e), ("label",))


@register(FAMILY)
def extract_works(ctx: PostContext) -> Iterator[Fact]:
    """Every book, study and blog the post names, with its authors."""
    spans = sentences(ctx.text)
    for fact in (*_book_facts(ctx, spans), *_study_facts(ctx, spans), *_apposed_facts(ctx, spans)):
        yield with_frame_authors(ctx, fact)
    yield from _blog_facts(ctx, spans)
