"""The lingua franca between stages: frozen dataclasses, every offset into one text.

documents -> Post -> Mention -> Fact (with Evidence) -> triples -> exports.
A quote is always ``post.text[start:end]``, so it can never drift from the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# Characters mapped one-for-one to a plainer form before NLP and pattern matching. The mapping
# keeps the length, so offsets found in ``Post.plain`` are offsets in ``Post.text`` too.
_PLAIN = tuple(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2019": "'",  # right single quotation mark, the usual French apostrophe
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",  # acute accent typed for an apostrophe ("d´Actel")
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',  # « »
        "\u00bb": '"',
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2022": "-",  # bullet
        "\t": " ",
    }.items()
)


def plain(text: str) -> str:
    """The same text with typographic variants folded, character for character."""
    # One str.replace a character present: a dozen times faster than str.translate's lookup of every
    # character on a long text (no replacement is itself replaced).
    for char, plainer in _PLAIN:
        if char in text:
            text = text.replace(char, plainer)
    return text


@dataclass(frozen=True)
class Post:
    """One article of a corpus file.

    ``text`` is the post's slice of the decoded file, ``offset`` where that slice starts in it,
    so ``file_text[offset + i]`` is ``text[i]``. ``body_start`` is where the body starts in ``text``
    (after the date, title and blank lines). For pages, feeds and exports the file text is the posts'
    texts one after the other (see ``graph.formats.base``).
    """

    source_file: str
    index: int
    text: str
    offset: int
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD when the post states it
    author: str | None = None
    body_start: int = 0
    url: str | None = None  # the canonical URL, when the source gives one
    labels: tuple[str, ...] = ()  # labels, categories, tags


    @property
    def id(self) -> str:
        """Stable identifier: the file name and the post's rank in it."""
        return f"{self.source_file}#{self.index}"

    @cached_property
    def plain(self) -> str:
        # Extractors read it thousands of times per post: fold it once (cached_property writes to the
        # instance dict directly, which a frozen dataclass allows).
        from graph.layout import unwrap  # layout reads the rules files; the model module stays import-light

        # Only the body is unwrapped: the title's line break is no wrap, and no name runs into the body.
        head, body = plain(self.text[: self.body_start]), plain(self.text[self.body_start :])
        return head + unwrap(body)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True)
class Rejected:
    """A file that could not be read, and why (one line for the user)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Evidence:
    """The passage of a post that supports a fact: ``quote == post.text[start:end]``."""

    post_id: str
    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, post: Post, start: int, end: int) -> Evidence:
        start, end = _trim(post.text, start, end)
        return cls(post.id, start, end, post.text[start:end])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Entity kinds: the rc: class local names.
PERSON = "Person"
ORG_KINDS = ("Company", "Association", "PublicBody", "Media", "School", "Organization")
PLACE = "Place"
# The source of a mention that might name an organization but carries no sign of it: resolution keeps it
# only when the corpus names it firmly elsewhere.
WEAK = "weak"


@dataclass(frozen=True)
class Mention:
    """A name in a post: a person, organization or place, by character offsets into ``post.text``."""

    start: int
    end: int
    text: str
    kind: str  # Person, one of ORG_KINDS, or Place
    source: str = "ner"  # what found it: ner, gazetteer, pattern, ...


@dataclass(frozen=True)
class Ref:
    """A reference to an entity from a fact: its surface form and kind, resolved to a key later.

    ``certain`` says the sentence's shape makes the span a name even if its words are common ones
    ("Seniors à votre service (Services aux Seniors)" in a winners' list).
    """

    name: str
    kind: str
    certain: bool = False


Value = Ref | str | int


@dataclass(frozen=True)
class Fact:
    """One statement found in a post.

    ``type`` is the rc: class of the fact node (AwardConferral, Position, Convention, Book,
    Interview, ...) or, for a link between two entities, the rc: property (parentOrganization,
    subsidiaryOf, ...). ``roles`` are (rc property, value) pairs; those named in ``identity`` decide
    which facts are the same fact (one node, several evidences).
    """

    family: str
    type: str
    roles: tuple[tuple[str, Value], ...]
    evidence: Evidence
    identity: tuple[str, ...] = field(default=())

    def get(self, role: str) -> Value | None:
        for name, value in self.roles:
            if name == role:
                return value
        return None

    def all(self, role: str) -> list[Value]:
        return [value for name, value in self.roles if name == role]


@dataclass(frozen=True)
class Entity:
    """A resolved person, organization or place: one IRI in the graph."""

    key: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    acronym: str | None = None
