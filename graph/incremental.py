"""Incremental extraction: each post's mentions and facts cached, so a rebuild extracts only what changed.

What comes before resolution depends on one post alone (``PostContext(post, doc, mentions)``), so it is
cached per post, keyed by the post's content (text, title, date, author, where its body starts) and the
*fingerprint* of everything else extraction reads: the spaCy model (name, version, pipeline, spaCy
release), the rules files (``data/rules/*.yaml``), the gazetteer, the trained weights
(``data/weights/*.json``) and the source of the code that extracts (every ``graph`` module the
extractors import). Adding posts extracts those posts only; a changed rule file re-extracts every post
from its cached parse (``graph.cache``) without parsing again. Each post's result is written as soon as
it is found (atomically), so an interrupted build loses nothing it finished.

Results live under ``<cache>/results/<fingerprint>/<key[:2]>/<key>.pickle`` (the cache folder of
``graph.cache``: ``.cache/rckg`` or ``RCKG_CACHE``); a file that cannot be read back is a miss.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from graph.cache import Shelf, cache_folder
from graph.collector import without_collection
from graph.extract import PostContext, extract_facts
from graph.fingerprint import code_inputs, fingerprint_of
from graph.learn.entities import correct_entities
from graph.mentions import MentionFinder
from graph.model import Fact, Mention, Post
from graph.nlp import model_key, parse
from graph.progress import Progress

# The modules extraction starts from (the extractors are found by name in graph/extract); what they
# import (transitively, within graph) counts too: the learned deciders and entity corrector, the mention
# finder, the rules. Training and reading are not extraction: editing them re-extracts nothing.
EXTRACTION_CODE = ("incremental.py", "extract")


@dataclass(frozen=True)
class Extracted:
    """What one post gives before resolution: the names it mentions and the facts it states."""

    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...]

    def for_post(self, post: Post) -> Extracted:
        """The same result cited from ``post`` (a cached result may come from an identical post elsewhere)."""
        if all(f.evidence.post_id == post.id for f in self.facts):
            return self
        facts = tuple(replace(f, evidence=replace(f.evidence, post_id=post.id)) for f in self.facts)
        return Extracted(self.mentions, facts)


# A runner extracts a list of posts, yielding (index in the list, result) in any order; it counts the
# posts it had to parse (not in the parse cache) in the tally under "parsed".
Runner = Callable[[list[Post], Counter], Iterator[tuple[int, Extracted]]]


@cache
def finder() -> MentionFinder:
    """One mention finder per process (it holds the model's vocabulary and the gazetteer's matcher)."""
    return MentionFinder()


def extract_locally(
    posts: list[Post], tally: Counter, background: bool = True
) -> Iterator[tuple[int, Extracted]]:
    """Parse (or read the parse cache) and extract ``posts`` in this process, in order.

    With ``background``, the model may parse in a forked process beside this one (``graph.nlp.parse``).
    """
    if not posts:
        return
    docs = parse(posts, tally=tally, background=background)  # the model parses on while the finder is made
    try:
        find = finder()
        for i, (post, doc) in enumerate(zip(posts, docs, strict=True)):
            mentions = tuple(correct_entities(PostContext(post, doc, tuple(find(post, doc)))))
            yield i, Extracted(mentions, tuple(extract_facts(PostContext(post, doc, mentions))))
    finally:
        docs.close()  # interrupted: the parsing process beside this one is ended now, not at exit


class ResultCache:
    """Per-post extraction results for one fingerprint, keyed by the post's content."""

    def __init__(self, root: Path, fingerprint: str):
        self.shelf = Shelf(root, "results", fingerprint)

    def key(self, post: Post) -> str:
        return self.shelf.key([post.text, post.title, post.date, post.author, post.body_start])

    def path(self, post: Post) -> Path:
        return self.shelf.path(self.key(post))

    def get(self, post: Post) -> Extracted | None:
        found = self.shelf.get(self.key(post))
        return found.for_post(post) if isinstance(found, Extracted) else None

    def put(self, post: Post, result: Extracted) -> None:
        self.shelf.put(self.key(post), result)


def result_cache() -> ResultCache | None:
    """The result cache of the cache folder named by the environment, or None when the cache is off."""
    folder = cache_folder()
    return None if folder is None else ResultCache(folder, fingerprint())


@cache
def fingerprint() -> str:
    """A hash of everything extraction depends on besides the post: model, rules, gazetteer, weights, code."""
    return fingerprint_of(versioned_inputs())


def versioned_inputs() -> dict[str, bytes]:
    """Name -> content of every input the fingerprint covers."""
    from graph import rules
    from graph.learn.deciders import weights_dir

    inputs = {"model": model_key().encode()}
    data_files = [*sorted((rules.DATA_DIR / "rules").glob("*.yaml")), rules.DATA_DIR / "gazetteer.yaml",
                  *sorted(weights_dir().glob("*.json"))]  # fmt: skip
    for path in data_files:
        inputs[f"data:{path.parent.name}/{path.name}"] = path.read_bytes() if path.exists() else b""
    return {**inputs, **code_inputs(EXTRACTION_CODE)}


def extract_posts(
    posts: list[Post], runner: Runner = extract_locally, progress: Progress | None = None
) -> tuple[list[Extracted], Counter]:
    """Every post's result, in order: from the result cache, else from ``runner`` (then cached at once).

    The tally counts the posts ``cached``, ``extracted`` and ``parsed``.
    """
    store = result_cache()
    with without_collection():  # the results read back live until the build ends
        found: list[Extracted | None] = [store.get(post) if store else None for post in posts]
    todo = [i for i, result in enumerate(found) if result is None]
    tally = Counter(cached=len(posts) - len(todo), extracted=len(todo), parsed=0)
    progress = progress or Progress(enabled=False)
    with progress.stage("parse and extract", len(todo), f"{tally['cached']} from the cache") as advance:
        for j, result in runner([posts[i] for i in todo], tally):
            found[todo[j]] = result
            if store:
                store.put(posts[todo[j]], result)
            advance(1)
    missing = [posts[i].id for i, result in enumerate(found) if result is None]
    if missing:
        raise RuntimeError(f"no extraction result for {len(missing)} post(s), e.g. {missing[0]}")
    return [result for result in found if result is not None], tally
