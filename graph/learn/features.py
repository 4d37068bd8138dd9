"""Features of candidates, read off the parse: the one clause utility under every learned decider.

A candidate is one mention (a possible recipient, interviewee, ...) or a pair of mentions (a holder and
an organization, a child and a parent). Its features are strings: the lemmas around and between the
mentions, the dependency path that joins them, the shape of the line they stand on, and the word
classes the rules keep as data (title words, prize words), so that a model trained on a few hundred
posts generalises beyond the words it saw.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache

from spacy.tokens import Doc, Span, Token

from graph import rules
from graph.extract import PostContext
from graph.layout import Item, block_of, item_at
from graph.model import PERSON, WEAK, Evidence, Mention

MAX_BETWEEN = 12
_ORDINAL = re.compile(
    r"^(?:\d+(?:e|er|ère|eme|ème|re|nd|nde)|premier|première|deuxième|second|seconde|troisième"
    r"|quatrième|cinquième|1|2|3|4|5|6|7|8|9|10)$",
    re.IGNORECASE,
)


@cache
def word_classes() -> dict[str, str]:
    """Folded word -> class name, from the rules' vocabularies (``data/rules/features.yaml``)."""
    classes: dict[str, str] = {}
    for name, words in rules.load("rules/features")["classes"].items():
        for w in words:
            classes.setdefault(rules.fold(w), name)
    for w in rules.load("rules/positions")["title_heads"]:
        classes.setdefault(rules.fold(w).split()[0], "TITLE")
    return classes


def lemma(token: Token) -> str:
    if token.is_space:
        return "NL" if "\n" in token.text else "SP"
    if token.like_num:
        return "YEAR" if re.fullmatch(r"(?:19|20)\d\d", token.text) else "NUM"
    return rules.fold(token.lemma_ or token.text)


def word_class(token: Token) -> str | None:
    return _word_class(token.text, token.lemma_)


@lru_cache(maxsize=65536)
def _word_class(text: str, lemma: str) -> str | None:
    # asked for every token of every candidate's context: the same few thousand words, folded once each
    if _ORDINAL.match(text):
        return "ORDINAL"
    return word_classes().get(rules.fold(text)) or word_classes().get(rules.fold(lemma))


def token_classes(ctx: PostContext) -> tuple[str | None, ...]:
    """The word class of each token of the post, by token index: the clause and window features of every
    candidate read it, worked out once per post."""
    return _token_classes(ctx.doc)


# Keyed by the parse itself (by identity): the entity correction and the extraction of one post see it
# through two contexts.
@lru_cache(maxsize=2)
def _token_classes(doc: Doc) -> tuple[str | None, ...]:
    return tuple(word_class(t) for t in doc)


def classes_in(ctx: PostContext, span: Span | None) -> set[str | None]:
    """The word classes of a span's tokens (none for no span)."""
    return set(token_classes(ctx)[span.start : span.end]) if span is not None else set()


def span_of(doc: Doc, m: Mention) -> Span | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``start:end``: from the last sentence end or line break before it to
    the next one after it."""
    starts, ends = _clause_marks(text)
    s = starts[bisect_right(starts, start) - 1]
    after = bisect_left(ends, end)
    e = ends[after] if after < len(ends) else end
    return s, min(len(text), e + (1 if e < len(text) and text[e] in ".!?" else 0))


_CLAUSE_START = re.compile(r"\n|[.!?] ")
_CLAUSE_END = re.compile(r"\n|[.!?](?=[ \n]|\Z)")


@lru_cache(maxsize=4)
def _clause_marks(text: str) -> tuple[list[int], list[int]]:
    """Where clauses may start and end in ``text``, in order, for ``clause_bounds``: every candidate asks
    for its clause, and walking the text character by character each time cost more than the features.

    A clause starts at the text's start, after a line break, or after ". " ("!", "?") that does not follow
    an initial (one capital alone: "J. Dupont"); it ends at a line break, or at ".!?" that ends a word (a
    space, a line break or the text's end follows) and does not follow an initial; the text's end ends the
    last.
    """
    def firm(mark: re.Match[str]) -> bool:
        at = mark.start()
        # An initial is one capital letter alone ("J. Dupont"); a word that ends in a capital ends a
        # sentence like any other ("... avec SFR. Sitel ...", "l'AFRC. Elle").
        initial = text[at - 1 : at].isupper() and not text[max(0, at - 2) : at - 1].isalpha()
        return mark.group() == "\n" or not initial

    starts = [0, *(m.end() for m in _CLAUSE_START.finditer(text) if firm(m))]
    ends = [m.start() for m in _CLAUSE_END.finditer(text) if firm(m)]
    ends.append(len(text))
    return starts, ends


def evidence_of(ctx: PostContext, *mentions: Mention, limit: int = 300, margin: int = 120) -> Evidence:
    """The clause that holds the mentions, as evidence; a clause too long to quote shrinks to the mentions
    and ``margin`` characters around them (within the clause)."""
    start, end = min(m.start for m in mentions), max(m.end for m in mentions)
    s, e = clause_bounds(ctx.text, start, end)
    if e - s > limit:
        s, e = max(s, start - margin), min(e, end + margin)
    return Evidence.of(ctx.post, s, e)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def dependency_path(a: Token, b: Token) -> list[str] | None:
    """Dependency labels from ``a`` up to the common ancestor and down to ``b`` (None across sentences)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return None
    left = [f"^{t.dep_}" for t in up_a[: up_a.index(common)]]
    right = [f"v{t.dep_}" for t in reversed(up_b[: up_b.index(common)])]
    return [*left, rules.fold(common.lemma_) if common not in (a, b) else "*", *right]


def _list_shape(ctx: PostContext, item: Item) -> str:
    """How much of an item's list the finder already reads as names: a list of names is a list of names."""
    block = block_of(ctx.text, item)
    firm = [m for m in ctx.mentions if m.source not in (WEAK, "partial")]
    named = sum(1 for it in block if any(m.start <= it.name_start < m.end for m in firm))
    share = named / len(block)
    size = "long" if len(block) >= 3 else "short"
    return f"{size}-{'named' if share >= 0.5 else 'some' if share > 0 else 'plain'}"


def mention_features(ctx: PostContext, m: Mention, prefix: str = "") -> tuple[str, ...]:
    """What stands around one mention: its window, its syntactic head, its line."""
    # The deciders ask for the same mention's features many times over (once per pair it is in, once per
    # family): they are worked out once per post.
    known: dict[Mention, tuple[str, ...]] = ctx.once("features.mentions", lambda _: {})
    found = known.get(m)
    if found is None:
        known[m] = found = tuple(_mention_features(ctx, m))
    return tuple(prefix + f for f in found) if prefix else found


def _mention_features(ctx: PostContext, m: Mention) -> Iterator[str]:
    doc, text = ctx.doc, ctx.text
    kind = "PER" if m.kind == PERSON else "ORG"
    yield f"kind={kind}"
    yield f"src={m.source}"
    item = item_at(text, m.start)
    if item is not None:
        yield f"item={'ranked' if item.rank else 'bullet'}"
        yield f"itemlist={_list_shape(ctx, item)}"
    span = span_of(doc, m)
    if span is None:
        return
    before = [t for t in doc[max(0, span.start - 6) : span.start]]
    after = [t for t in doc[span.end : span.end + 6]]
    for i, t in enumerate(reversed(before[-2:])):
        yield f"w-{i + 1}={lemma(t)}"
    for i, t in enumerate(after[:2]):
        yield f"w+{i + 1}={lemma(t)}"
    classes = token_classes(ctx)
    for t in before + after:
        yield f"win={lemma(t)}"
        cls = classes[t.i]
        if cls:
            yield f"wincls={cls}"
    root = span.root
    yield f"dep={root.dep_}"
    if root.head is not root:
        yield f"head={lemma(root.head)}"
        yield f"headpos={root.head.pos_}"

        if root.head.head is not root.head:
            yield f"head2={lemma(root.head.head)}"
    ls, le = line_bounds(text, m.start)
    line = text[ls:le]
    yield f"linelen={min(4, len(line) // 40)}"
    if text[ls : m.start].strip() in ("", "-", "*"):
        yield "linestart"
    if not text[m.end : le].strip(" .,;"):
        yield "lineend"
    if ":" in line:
        yield "linecolon"
    if ctx.post.title and m.start < ctx.post.body_start:
        yield "intitle"


def pair_features(ctx: PostContext, a: Mention, b: Mention) -> Iterator[str]:
    """What joins two mentions of one clause: order, distance, the words and path between them."""
    doc, text = ctx.doc, ctx.text
    first, second = (a, b) if a.start <= b.start else (b, a)
    yield "order=ab" if first is a else "order=ba"
    sa, sb = span_of(doc, a), span_of(doc, b)
    if sa is None or sb is None:
        return
    f_span, s_span = (sa, sb) if first is a else (sb, sa)
    between = list(doc[f_span.end : s_span.start])
    yield f"dist={min(len(between), 8) if len(between) < 8 else (12 if len(between) < 16 else 20)}"
    shown = between if len(between) <= MAX_BETWEEN else between[:6] + between[-6:]
    classes = token_classes(ctx)
    for t in shown:
        yield f"btw={lemma(t)}"
        cls = classes[t.i]
        if cls:
            yield f"btwcls={cls}"
    if between:
        yield f"btw_first={lemma(between[0])}"
        yield f"btw_last={lemma(between[-1])}"
    else:
        yield "btw_none"
    if "\n" in text[first.end : second.start]:
        yield "btw_newline"
    others = [m for m in ctx.mentions if first.end <= m.start and m.end <= second.start]
    yield f"btw_mentions={min(len(others), 2)}"
    yield f"btw_same_kind={sum(1 for m in others if (m.kind == PERSON) == (a.kind == PERSON)) > 0}"
    path = dependency_path(sa.root, sb.root)
    if path is None:
        yield "path=none"
    else:
        yield f"pathlen={min(len(path), 6)}"
        if len(path) <= 5:
            yield "path=" + " ".join(path)
        for step in path:
            yield f"pathstep={step}"
    for i, t in enumerate(reversed(list(doc[max(0, f_span.start - 2) : f_span.start]))):
        yield f"pre{i + 1}={lemma(t)}"
    for i, t in enumerate(doc[s_span.end : s_span.end + 2]):
        yield f"post{i + 1}={lemma(t)}"


def doc_features(ctx: PostContext) -> tuple[str, ...]:
    """Word classes present anywhere in the post (a prize word, a question mark at line end...), worked out
    once per post for all the deciders."""
    return ctx.once("doc_features", _doc_features)


def _doc_features(ctx: PostContext) -> tuple[str, ...]:
    seen = set(token_classes(ctx))
    found = [f"doc={cls}" for cls in sorted(c for c in seen if c)]
    if sum(1 for line in ctx.text.splitlines() if line.rstrip().endswith("?")) >= 2:
        found.append("doc=QA")
    return tuple(found)
