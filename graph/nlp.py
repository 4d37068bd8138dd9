"""The French spaCy pipeline: loaded from the installed model package, never downloaded.

``parse`` reads each post's parse from the parse cache (``graph.cache``) when this model has already
parsed the same text, and parses only the others. When there is much to parse, the model runs in a
forked process beside the caller, so that the build extracts facts from the first posts on one core
while the next ones are parsed on the other.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc
from spacy.util import get_model_meta, get_package_path

from graph.cache import EXCLUDED, ParseCache, cache_folder
from graph.model import Post

MODEL = "fr_core_news_md"
PROCESSES_ENV = "RCKG_PROCESSES"
# Longer texts are parsed in pieces cut at paragraph (else line, sentence, word) breaks and joined back
# into one Doc: spaCy refuses texts over nlp.max_length (10^6 characters), and its memory grows with them.
CHUNK_CHARS = 100_000
_BREAKS = ("\n\n", "\n", ". ", " ")
# Below this many characters to parse, a parsing process beside the caller costs more than it saves.
BACKGROUND_CHARS = 20_000
# Texts the model takes at a time. A batch of posts this long costs the model no speed against a larger
# one, and gives the same parses; a parse beside the build keeps it waiting for one batch at the start and
# leaves it one batch to extract alone at the end (16 had the build wait 9 s on the seed corpus).
BATCH_SIZE = 4
_FORK = multiprocessing.get_context("fork")
PR_SET_PDEATHSIG = 1  # prctl(2)


# Where a line break starts a sentence (``line_breaks``); its version names the parses in the cache.
LINE_BREAKS = "line-breaks-3"
# A line that ends on one of these words runs on into the next one (a hard-wrapped paragraph). Kept here,
# beside LINE_BREAKS, not in data/rules: a change to it changes the parses and must change that version.
_RUNS_ON = frozenset(["de", "d'", "du", "des", "la", "le", "les", "l'", "un", "une", "et", "ou", "à", "au",
                      "aux", "en", "par", "pour", "sur", "avec", "chez", "que", "qui"])


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Mark where sentences start, before the parser, which respects it: at a blank line, and at one line
    break where the next line opens like a sentence (a capital, a digit, a bullet) and the line before does
    not run on (a comma, a hyphen, "de", "la"...); never between two capitalised words of a line. The
    parser reads a post as running text: it hangs a title, a heading or a list's lead line on the sentence
    below it, and may cut a name in two ("Président de TELETECH | International")."""
    last, gap = None, ""  # the text between the last word and this one (``doc.text`` is rebuilt per call)
    for tok in doc:
        if tok.is_space:
            gap += tok.text + tok.whitespace_
            continue
        if last is not None:
            opens = tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text[:1] in "-•*–—«\"("
            runs_on = last.text[-1:] in ",-" or last.lower_ in _RUNS_ON
            if gap.count("\n") >= 2 or ("\n" in gap and opens and not runs_on):
                tok.is_sent_start = True
            elif "\n" not in gap and last.text[:1].isupper() and tok.text[:1].isupper() and last.is_alpha:
                tok.is_sent_start = False  # "Président de TELETECH International": not in a name
        last, gap = tok, tok.whitespace_
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The model, once per process, with sentences starting at line breaks (``line_breaks``). The
    lemmatizer and morphologizer stay: rules use POS and lemmas."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as err:  # the package is a declared dependency; say how to get it back
        raise RuntimeError(f"spaCy model {MODEL!r} is not installed: run `make run` to install it") from err
    nlp.add_pipe("line_breaks", before="parser")
    return nlp


def lemma_lookups() -> Lookups:
    """The lemmatizer's tables: the loaded model's, else read from the model package alone, in about a
    second where loading the model takes ten (a build whose every post is cached never loads the model)."""
    if load_nlp.cache_info().currsize:
        return load_nlp().get_pipe("lemmatizer").lookups
    return package_lookups()


def package_lookups() -> Lookups:
    """The lemmatizer's tables as the model package stores them, read without loading the model."""
    package = get_package_path(MODEL)
    meta = get_model_meta(package)
    folder = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    return Lookups().from_disk(folder / "lemmatizer" / "lookups")


def model_key() -> str:
    """Everything a parse depends on besides its text: the model (name, version, components run), the
    spaCy release and where long texts are cut. Read from the package's metadata, without loading the model.
    """
    meta = get_model_meta(get_package_path(MODEL))
    pipeline = ",".join(name for name in meta.get("pipeline", []) if name not in meta.get("disabled", []))
    model = f"{meta['lang']}_{meta['name']}-{meta['version']}"
    return f"{model}-spacy-{spacy.__version__}-{pipeline}-{LINE_BREAKS}-chunk-{CHUNK_CHARS}"


def parse_cache() -> ParseCache | None:
    """The parse cache named by the environment (see ``graph.cache``), or None when it is off."""
    folder = cache_folder()
    return None if folder is None else ParseCache(folder, model_key())


def parse(
    posts: Iterable[Post],
    batch_size: int = BATCH_SIZE,
    n_process: int | None = None,
    tally: Counter | None = None,
    background: bool = True,
) -> Parses:
    """One Doc per post, in order, parsed on the post's plain text (same offsets as ``post.text``).

    Cached parses are read back; the other texts go through the model (in ``n_process`` processes,
    by default ``processes()``; with one, in a forked process beside this one when there is much to
    parse and ``background`` allows it) and are cached. ``tally["parsed"]`` counts the texts parsed.
    The process beside this one starts at once: the caller gets ready while the first parses are made.
    """
    nlp = load_nlp()
    cache = parse_cache()
    texts = [post.plain for post in posts]
    keys = [cache.key(text) if cache else "" for text in texts]
    cached = [cache is not None and cache.has(key) for key in keys]
    misses = [text for text, hit in zip(texts, cached, strict=True) if not hit]
    n_process = processes() if n_process is None else n_process
    if tally is not None:
        tally["parsed"] += len(misses)
    beside: BackgroundParse | None = None
    parsed: Iterator[tuple[Doc, bytes | None]]
    if background and n_process == 1 and sum(map(len, misses)) >= BACKGROUND_CHARS:
        beside = BackgroundParse(misses, batch_size)
        # The parsing process sends each Doc serialized: the cache stores those bytes as they came.
        parsed = ((Doc(nlp.vocab).from_bytes(data), data) for data in beside)
    else:
        parsed = ((doc, None) for doc in parse_texts(misses, batch_size, n_process))

    def in_order() -> Iterator[Doc]:
        for text, key, hit in zip(texts, keys, cached, strict=True):
            doc = cache.get(key, text, nlp.vocab) if cache is not None and hit else None
            if doc is None:
                # A damaged cache file was a hit when the misses were counted: parse that text alone.
                doc, data = next(parsed) if not hit else (next(parse_texts([text], batch_size, 1)), None)
                if hit and tally is not None:
                    tally["parsed"] += 1
                if cache is not None:
                    cache.put(key, doc, data)
            yield doc

    return Parses(in_order(), beside)


class Parses(Iterator[Doc]):
    """The Docs ``parse`` gives, in order; ``close`` ends the parsing process beside the caller, if any,
    whether or not the caller has begun to read (a generator not yet started would not run its cleanup)."""

    def __init__(self, docs: Iterator[Doc], beside: BackgroundParse | None):
        self._docs, self._beside = docs, beside

    def __next__(self) -> Doc:
        return next(self._docs)

    def close(self) -> None:
        self._docs.close()
        if self._beside is not None:
            self._beside.close()


class BackgroundParse(Iterator[bytes]):
    """The serialized Docs of ``texts``, in order, parsed by a forked process (sharing the loaded model).

    The process starts when this is made and parses on while the caller works on the Docs it has
    received (the queue buffers them), so parsing and what the caller does with the parses share the
    two cores. A process that fails or dies says so with a RuntimeError; ``close`` (or reading the last
    parse) ends it.
    """

    def __init__(self, texts: list[str], batch_size: int = BATCH_SIZE):
        load_nlp()  # before the fork: the child inherits the model instead of loading it again
        self._left = len(texts)
        self._docs = _FORK.Queue()
        self._worker = _FORK.Process(target=_parse_into, args=(texts, batch_size, self._docs), daemon=True)
        self._worker.start()

    def __next__(self) -> bytes:
        if not self._left:
            raise StopIteration
        try:
            data = _next_parse(self._docs, self._worker)
        except BaseException:
            self.close()
            raise
        self._left -= 1
        if not self._left:
            self.close()
        return data

    def close(self) -> None:
        if self._worker.is_alive() and self._left:
            self._worker.terminate()
        self._worker.join()
        self._docs.close()
        self._left = 0


def _parse_into(texts: list[str], batch_size: int, docs: multiprocessing.Queue) -> None:
    as_forked_child()
    try:
        for doc in parse_texts(texts, batch_size):
            docs.put(doc.to_bytes(exclude=EXCLUDED))
    except BaseException as error:  # the parent must hear of it: it is waiting for the next parse
        docs.put(f"the parsing process failed: {error!r}")
    docs.close()
    docs.join_thread()


def as_forked_child() -> None:
    """Signals for a process the build forked: Ctrl-C is for the build to handle, a terminate ends it
    at once, and it ends when the build dies (Linux) rather than go on and hold the build's output open.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _next_parse(docs: multiprocessing.Queue, worker: multiprocessing.Process) -> bytes:
    while True:
        try:
            item = docs.get(timeout=1)
        except queue.Empty:
            if worker.is_alive():
                continue
            try:  # it may have put its last parse just before ending
                item = docs.get_nowait()
            except queue.Empty:
                raise RuntimeError(f"the parsing process ended early (exit code {worker.exitcode})") from None
        if isinstance(item, str):
            raise RuntimeError(item)
        return item


def processes() -> int:
    """How many processes run the model: ``RCKG_PROCESSES``, else one.

    One parsing process beside the build, which extracts on the other core meanwhile, pays best on a
    2-core machine: two parsing processes leave no core to the build (bench/bench_build.py).
    """
    value = os.environ.get(PROCESSES_ENV, "").strip()
    return max(1, int(value)) if value else 1


def parse_texts(texts: list[str], batch_size: int = BATCH_SIZE, n_process: int = 1) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, long texts parsed in pieces; one Doc per text, without its tensor."""
    nlp = load_nlp()
    pieces = [chunks(text) for text in texts]
    docs = nlp.pipe(
        (piece for text_pieces in pieces for piece in text_pieces), batch_size=batch_size, n_process=n_process
    )
    for text_pieces in pieces:
        parts = [next(docs) for _ in text_pieces]
        doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"]) if parts[1:] else parts[0]
        # The tok2vec output is large and unused once the pipeline ran; cached Docs do not have it either.
        doc.tensor = numpy.zeros((0,), dtype="float32")
        yield doc


def chunks(text: str, limit: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` (default ``CHUNK_CHARS``) characters that join back.

    Each cut falls after the last paragraph break in the second half of the piece, else the last line
    break, sentence end or space, else at ``limit`` itself.
    """
    limit = limit or CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = next(
            (found + len(brk) for brk in _BREAKS if (found := text.rfind(brk, start + limit // 2, end)) >= 0),
            end,
        )
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces
