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

import ast
import hashlib
import json
import pickle
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from graph.cache import cache_folder
from graph.extract import PostContext, extract_facts
from graph.files import write_atomic
from graph.learn.entities import correct_entities
from graph.mentions import MentionFinder
from graph.model import Fact, Mention, Post
from graph.nlp import model_key, parse
from graph.progress import Progress

PACKAGE = Path(__file__).resolve().parent
# The modules extraction starts from; what they import (transitively, within graph) counts too.
EXTRACTION_CODE = ("incremental.py", "extract", "learn")


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
    """Per-post extraction results for one fingerprint, as pickles."""

    def __init__(self, root: Path, fingerprint: str):
        self.folder = Path(root) / "results" / fingerprint[:32]
        self.fingerprint = fingerprint
        self._writable = True

    def key(self, post: Post) -> str:
        content = (self.fingerprint, post.text, post.title, post.date, post.author, post.body_start)
        return hashlib.sha256(json.dumps(content).encode("utf-8", "surrogatepass")).hexdigest()

    def path(self, post: Post) -> Path:
        key = self.key(post)
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, post: Post) -> Extracted | None:
        try:
            found = pickle.loads(self.path(post).read_bytes())
        except Exception:  # missing, truncated or from another release: a miss either way
            return None
        return found.for_post(post) if isinstance(found, Extracted) else None

    def put(self, post: Post, result: Extracted) -> None:
        if not self._writable:
            return
        try:
            write_atomic(self.path(post), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            self._writable = False
            warnings.warn(
                f"result cache {self.folder} is not writable ({error}); results are not cached", stacklevel=2
            )


def result_cache() -> ResultCache | None:
    """The result cache of the cache folder named by the environment, or None when the cache is off."""
    folder = cache_folder()
    return None if folder is None else ResultCache(folder, fingerprint())


@cache
def fingerprint() -> str:
    """A hash of everything extraction depends on besides the post: model, rules, gazetteer, weights, code."""
    digest = hashlib.sha256()
    for name, data in sorted(versioned_inputs().items()):
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def versioned_inputs() -> dict[str, bytes]:
    """Name -> content of every input the fingerprint covers."""
    from graph import rules
    from graph.learn.deciders import weights_dir

    inputs = {"model": model_key().encode()}
    data_files = [*sorted((rules.DATA_DIR / "rules").glob("*.yaml")), rules.DATA_DIR / "gazetteer.yaml",
                  *sorted(weights_dir().glob("*.json"))]  # fmt: skip
    for path in data_files:
        inputs[f"data:{path.parent.name}/{path.name}"] = path.read_bytes() if path.exists() else b""
    for path in extraction_modules():
        inputs[f"code:{path.relative_to(PACKAGE)}"] = path.read_bytes()
    return inputs


def extraction_modules() -> list[Path]:
    """The source of the code extraction runs: the starting modules and every graph module they import."""
    pending: list[Path] = []
    for name in EXTRACTION_CODE:
        start = PACKAGE / name
        pending.extend(start.rglob("*.py") if start.is_dir() else [start])
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        pending.extend(_imported_modules(path))
    return sorted(seen)


def _imported_modules(path: Path) -> Iterator[Path]:
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "graph" and parts[1:]:
                relative = Path(*parts[1:])
                candidates = (PACKAGE / relative.with_suffix(".py"), PACKAGE / relative / "__init__.py")
                yield from (p for p in candidates if p.exists())


def extract_posts(
    posts: list[Post], runner: Runner = extract_locally, progress: Progress | None = None
) -> tuple[list[Extracted], Counter]:
    """Every post's result, in order: from the result cache, else from ``runner`` (then cached at once).

    The tally counts the posts ``cached``, ``extracted`` and ``parsed``.
    """
    store = result_cache()
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
