"""Each post once: the copies of a post met in its page, an archive page, a feed and an export merged.

Two posts are the same post when they have the same canonical URL (scheme, ``www.``, Blogger's country
domains and mobile ``?m=1``, tracking parameters, fragments and a trailing slash aside), or else the same
normalized text: the words of their titles and bodies (not the date lines), case, accents' encoding
and typography aside, either all the same or, for posts of some length, sharing their opening words
and most of their word sequences (a repost with another footer, an excerpt of the post). Of each group
the post with the most text is kept, completed with what the others know (URL, date, author, labels).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from graph.model import Post, plain

OPENING_WORDS = 30  # posts sharing this many first words are compared
SIMILAR = 0.8  # share of the shorter post's word 4-grams found in the longer one
MIN_WORDS = 12  # shorter bodies are merged only when identical
_TRACKING = re.compile(r"^(?:utm_.*|fbclid|gclid|m|amp|showComment)$")


@dataclass(frozen=True)
class Merged:
    """One copy dropped in favour of the post kept: by "url" or "text"."""

    kept: str  # id of the post kept
    dropped: str  # id of the copy
    source_file: str  # the file the copy came from
    by: str


def canonical_url(url: str | None) -> str | None:
    """The URL as a key, None for no absolute URL.

    "http://www.b.blogspot.fr/2013/12/x.html?m=1#c" -> "b.blogspot.com/2013/12/x.html".
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return None
    host = parts.hostname or ""
    host = host.removeprefix("www.").removeprefix("m.")
    host = re.sub(r"\.blogspot\.[a-z.]+$", ".blogspot.com", host)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{query}" if query else "")


def words(text: str) -> list[str]:
    """The words of a text, folded: NFKC, typography, case and entity encodings aside."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", plain(text)).casefold())


@dataclass(frozen=True)
class Signature:
    """What the merge asks of a post's words: how many, their digest and that of the opening ones (None
    for a post too short to be compared as a near-copy). Only digests are kept: a corpus of 10,000 posts
    would otherwise hold millions of words; a post's words are made again when it is compared with
    another that opens alike."""

    size: int
    digest: bytes
    opening: bytes | None


def signature(post: Post) -> Signature:
    body = _post_words(post)
    opening = _digest(body[:OPENING_WORDS]) if len(body) >= max(MIN_WORDS, OPENING_WORDS) else None
    return Signature(len(body), _digest(body), opening)


# Whether the words of a post (by digest) are mostly in another's: a pure function of the two, which a
# caller may keep from one merge to the next (the reading cache does).
Verdicts = dict[tuple[bytes, bytes], bool]


def merge_duplicates(
    posts: list[Post], signatures: list[Signature] | None = None, known: Verdicts | None = None
) -> tuple[list[Post], list[Merged], Verdicts]:
    """The posts, each once (in the order read), the copies merged, and the near-copy verdicts this merge
    asked for (to give back as ``known`` to the next merge of the same posts).

    ``signatures``: each post's :func:`signature`, when the caller has them (the reading cache keeps them).
    ``known``: near-copy verdicts of an earlier merge.
    """
    signatures = signatures if signatures is not None else [signature(post) for post in posts]
    known = known or {}
    asked: Verdicts = {}
    parent = list(range(len(posts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        parent[max(a, b)] = min(a, b)

    by_url: dict[str, int] = {}
    for index, post in enumerate(posts):
        if (key := canonical_url(post.url)) is not None:
            union(by_url.setdefault(key, index), index)
    # Posts sharing their opening words are compared with each other: the word 4-grams of the last
    # thousand compared are kept (tens of kilobytes each), for the comparisons that come in runs.
    @lru_cache(maxsize=1024)
    def grams(index: int) -> frozenset[tuple[str, ...]]:
        body = _post_words(posts[index])
        return frozenset(tuple(body[i : i + 4]) for i in range(len(body) - 3))

    def similar(a: int, b: int) -> bool:
        """Whether most 4-grams of the shorter post are the longer one's."""
        pair = (signatures[a].digest, signatures[b].digest)
        if (verdict := known.get(pair)) is None:
            shorter, longer = (a, b) if signatures[a].size <= signatures[b].size else (b, a)
            found = grams(shorter)
            verdict = bool(found) and len(found & grams(longer)) >= SIMILAR * len(found)
        asked[pair] = verdict
        return verdict

    exact: dict[bytes, int] = {}
    opening: dict[bytes, list[int]] = {}
    for index, signed in enumerate(signatures):
        if not signed.size:
            continue
        union(exact.setdefault(signed.digest, index), index)
        if signed.opening is not None:
            for other in opening.setdefault(signed.opening, []):
                if find(other) != find(index) and similar(other, index):
                    union(other, index)
            opening[signed.opening].append(index)
    groups: dict[int, list[int]] = {}
    for index in range(len(posts)):
        groups.setdefault(find(index), []).append(index)
    chosen: list[tuple[int, Post]] = []
    merged: list[Merged] = []
    for members in groups.values():
        best = max(members, key=lambda i: (signatures[i].size, -i))
        post = _completed(posts[best], [posts[i] for i in members if i != best])
        chosen.append((best, post))
        key = canonical_url(posts[best].url)
        for i in members:
            if i != best:
                by = "url" if key is not None and canonical_url(posts[i].url) == key else "text"
                merged.append(Merged(post.id, posts[i].id, posts[i].source_file, by))
    chosen.sort(key=lambda pair: pair[0])
    return [post for _, post in chosen], merged, asked


def _post_words(post: Post) -> list[str]:
    """The words of a post's title and body: not its date line, which text files put above the title."""
    return words(f"{post.title or ''}\n{post.text[post.body_start :]}")


def _digest(body: list[str]) -> bytes:
    return hashlib.blake2b(" ".join(body).encode(), digest_size=16).digest()


def _completed(post: Post, copies: list[Post]) -> Post:
    """The kept post with what its copies know and it does not."""
    if not copies:
        return post
    fields: dict[str, object] = {}
    for name in ("url", "date", "author"):
        if getattr(post, name) is None:
            fields[name] = next((getattr(c, name) for c in copies if getattr(c, name) is not None), None)
    labels = tuple(dict.fromkeys([*post.labels, *(label for c in copies for label in c.labels)]))
    if labels != post.labels:
        fields["labels"] = labels
    return replace(post, **fields) if any(v is not None for v in fields.values()) else post
