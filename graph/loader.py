"""Corpus files -> ``Post`` objects: each file read by its format, each post kept once.

Text and Markdown files are read here: decoded, then cut into posts by the rules below. Pages, feeds,
exports and JSON Lines are read by their own modules (``graph.formats``), which give posts with their
URL, date, author and labels; :func:`read_corpus` merges the copies of a post met in several files
(``graph.formats.dedup``).

For text files, every offset (``Post.offset``, ``Post.body_start``) refers to the text ``read_text``
returns: the file decoded, line endings turned into "\n" and Unicode normalized to NFC.

Every offset (``Post.offset``, ``Post.body_start``) refers to the text ``read_text`` returns: the file
decoded, HTML reduced to its text, line endings turned into "\\n" and Unicode normalized to NFC.
``Post.text`` is a slice of that text, so ``file_text[p.offset : p.offset + len(p.text)] == p.text``.

Posts are found by the shapes of the blog exports in ``data/corpus``:

- a French date line alone ("26 juillet 2012", "Mardi 17 décembre 2013"), after a blank line and
  followed by a blank line then a short line (the title), opens a post;
- in a file (or the part of a file before its first date line) without such date lines, a short line
  standing alone between blank lines, that does not read like body text, is the title of a new post;
- a signature line ("Billet écrit par Thierry Spencer du Sens du client...") gives the author.

The words behind these rules (months, weekdays, signature cues, ...) are in ``data/rules/loader.yaml``.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from graph import formats
from graph import rules as rule_files
from graph.cache import Shelf, cache_folder
from graph.fingerprint import code_inputs, fingerprint_of
from graph.formats.base import Reading, UnreadableFile
from graph.formats.dedup import Merged, Signature, merge_duplicates, signature
from graph.formats.markup import html_to_text
from graph.model import Post, Rejected

CORPUS_SUFFIXES = formats.SUFFIXES
# The libraries whose release may change what a page or feed gives (the reading cache's fingerprint).
READING_LIBRARIES = ("trafilatura", "htmldate", "feedparser", "lxml")

__all__ = ["UnreadableFile", "html_to_text", "read_corpus", "load_corpus", "read_text", "split_posts"]


# --- rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    date_line: re.Pattern[str]
    months: dict[str, int]
    signature_cues: tuple[str, ...]
    title_max_length: int
    title_min_words: int
    chrome_lines: frozenset[str]
    body_line_endings: tuple[str, ...]
    headline_endings: tuple[str, ...]
    bullets: tuple[str, ...]
    binary_control_share: float


@cache
def _rules() -> _Rules:
    """The loader rules from ``data/rules/loader.yaml``, read once."""
    raw = rule_files.load("rules/loader")
    months = {name.casefold(): number for name, number in raw["months"].items()}
    alternatives = "|".join(re.escape(word) for word in sorted(months, key=len, reverse=True))
    weekdays = "|".join(re.escape(word) for word in raw["weekdays"])
    date_line = re.compile(
        rf"(?:(?:{weekdays}),?\s+)?(?P<day>1er|[0-9]{{1,2}})\s+(?P<month>{alternatives})\s+(?P<year>[0-9]{{4}})",
        re.IGNORECASE,
    )
    return _Rules(
        date_line=date_line,
        months=months,
        signature_cues=tuple(cue.casefold() for cue in raw["signature_cues"]),
        title_max_length=int(raw["title_max_length"]),
        title_min_words=int(raw["title_min_words"]),
        chrome_lines=frozenset(line.casefold() for line in raw["chrome_lines"]),
        body_line_endings=tuple(raw["body_line_endings"]),
        headline_endings=tuple(raw["headline_endings"]),
        bullets=tuple(raw["bullets"]),
        binary_control_share=float(raw["binary_control_share"]),
    )


# --- decoding ------------------------------------------------------------------------------------

# Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters (Unicode category Cc) other than tab, line feed, form feed and carriage return,
# and the replacement character that undecodable bytes become.
_NON_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def read_text(path: Path) -> str:
    """The text of a text file, or ``UnreadableFile`` saying why not.

    The result is what every offset refers to: line endings are "\\n" and Unicode is NFC.
    """
    return decode_text(_read_bytes(Path(path)))


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error
    if not data:
        raise UnreadableFile("empty file")
    return data


def decode_text(data: bytes) -> str:
    """The bytes of a text file as the text every offset refers to (see ``read_text``)."""
    text = decode(data)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise UnreadableFile("empty file")
    return text


def decode(data: bytes) -> str:
    """Bytes -> str by a fixed rule; raise ``UnreadableFile("binary content")`` for non-text.

    A byte order mark decides (UTF-8, UTF-16, UTF-32). Without one, strict UTF-8 is tried first: text
    that decodes as UTF-8 is almost never meant as anything else. A file cut inside its last multi-byte
    sequence is still UTF-8 (the broken tail is dropped). Otherwise the bytes are Windows-1252, the
    superset of Latin-1 that Windows editors write (curly quotes at 0x92). Either way, text with NUL
    characters or many control characters is binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        text = _utf8_or_none(data)
        if text is None:
            text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise UnreadableFile("binary content")
    return text


def _utf8_or_none(data: bytes) -> str | None:
    """Strict UTF-8, tolerating only an incomplete sequence at the very end; None if not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        # final=False keeps an incomplete trailing sequence pending instead of failing on it.
        return decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    return len(_NON_TEXT.findall(text)) > _rules().binary_control_share * len(text)


# --- post splitting ------------------------------------------------------------------------------


def parse_date_line(line: str) -> str | None:
    """ISO date of a line that is only a French date ("1er mai 2011", "Mardi 17 décembre 2013"), else None.

    An impossible date ("31 février 2012") is not a date.
    """
    rules = _rules()
    match = rules.date_line.fullmatch(line.strip())
    if match is None:
        return None
    day = 1 if match["day"].lower() == "1er" else int(match["day"])
    try:
        date = datetime.date(int(match["year"]), rules.months[match["month"].casefold()], day)
    except ValueError:
        return None
    return date.isoformat()


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the line in the text
    text: str  # without its "\n"
    blank: bool
    next_text: int | None  # index of the first non-blank line from this one on, if any


@dataclass(frozen=True)
class _Boundary:
    line: int  # index of the post's first line
    title_line: int | None
    date: str | None = None
    date_line: int | None = None


def split_posts(text: str, source_file: str) -> list[Post]:
    """Cut a decoded file text into posts, in order, covering the whole text.

    Text with no post shape gives one post without title; blank text gives no post.
    """
    if not text.strip():
        return []
    lines = _split_lines(text)
    dated = _date_boundaries(lines)
    first_dated = dated[0].line if dated else len(lines)
    titled = _title_boundaries(lines, first_dated)
    if titled and any(not line.blank for line in lines[: titled[0].line]):
        # A text that opens with body text is one article (an excerpt, a page without its title): its
        # short lines between blank lines are section headings, not the titles of other posts.
        titled = []
    boundaries = titled + dated
    if not boundaries or any(not line.blank for line in lines[: boundaries[0].line]):
        # text before the first post shape is a post of its own, titled by its first line if it reads so
        end = boundaries[0].line if boundaries else len(lines)
        boundaries.insert(0, _Boundary(0, _opening_title(lines, end)))
    starts = [0] + [lines[boundary.line].start for boundary in boundaries[1:]] + [len(text)]
    return [
        _post(text, lines, boundary, starts[index], starts[index + 1], source_file, index)
        for index, boundary in enumerate(boundaries)
    ]


def _split_lines(text: str) -> list[_Line]:
    texts = text.split("\n")
    starts = [0]
    for line_text in texts[:-1]:
        starts.append(starts[-1] + len(line_text) + 1)
    lines: list[_Line] = []
    next_text = None
    for index in reversed(range(len(texts))):  # backwards, to know each line's next non-blank line
        blank = not texts[index].strip() or _is_chrome(texts[index])
        next_text = next_text if blank else index
        lines.append(_Line(starts[index], texts[index], blank, next_text))
    return lines[::-1]


def _is_chrome(line: str) -> bool:
    """A line of the web page's frame (search box, advert label, menu, breadcrumb), not of the post: the
    loader reads it as a blank line, so it never titles a post nor opens its body."""
    stripped = " ".join(line.split()).casefold()
    return stripped in _rules().chrome_lines or stripped.count(" > ") >= 2


def _date_boundaries(lines: list[_Line]) -> list[_Boundary]:
    """Date lines that open a post, with the post's title line wherever the layout puts it: after the
    date and a blank line ("26 juillet 2012", "", title), right under the date ("3 mars 2015", title, ""),
    right above it (title, "10 avril 2015", ""), or above it and a blank line when body text follows."""
    boundaries: list[_Boundary] = []
    for index, line in enumerate(lines):
        titled = index > 0 and not lines[index - 1].blank
        if titled and not _is_title_above_date(lines, index - 1):
            continue
        if boundaries and index in (boundaries[-1].title_line, boundaries[-1].date_line):
            continue  # the title of the previous date, even if it reads as a date
        date = parse_date_line(line.text)
        if date is None or index + 1 >= len(lines):
            continue
        if not lines[index + 1].blank:
            under = index + 1  # the title right under the date, then a blank line
            headline = _is_short(lines[under]) and _ending(lines[under]) not in (".", ",", ";", ":")
            if not titled and under + 1 < len(lines) and lines[under + 1].blank and headline:
                boundaries.append(_Boundary(index, _past_kicker(lines, under), date, index))
            continue
        if titled:
            if not boundaries or boundaries[-1].title_line != index - 1:  # else the last post's title
                boundaries.append(_Boundary(index - 1, index - 1, date, index))
            continue
        title_line = _next_text_line(lines, index + 1, len(lines))
        above = index - 2 if index >= 2 and lines[index - 1].blank and not lines[index - 2].blank else None
        body_follows = title_line is not None and (
            not _is_short(lines[title_line]) or _ending(lines[title_line]) == "."
        )
        headline_above = above is not None and _ending(lines[above]) not in (".", ",", ";", ":")
        taken = boundaries and above in (boundaries[-1].title_line, boundaries[-1].date_line)
        if headline_above and body_follows and not taken and _is_title_above_date(lines, above):
            boundaries.append(_Boundary(above, above, date, index))
        elif title_line is not None and _is_short(lines[title_line]):
            boundaries.append(_Boundary(index, _past_kicker(lines, title_line), date, index))
    return boundaries


def _ending(line: _Line) -> str:
    """The last character of a line, past closing quotes and spaces."""
    return line.text.rstrip("\"'»”’ ")[-1:]


def _is_short(line: _Line) -> bool:
    return 0 < len(line.text.strip()) < _rules().title_max_length


def _past_kicker(lines: list[_Line], index: int) -> int:
    """The title line, past a kicker in capitals above it ("COMMUNIQUÉ DE PRESSE", then the title)."""
    kicker = lines[index].text.strip()
    below = index + 1
    if kicker.isupper() and below < len(lines) and not lines[below].blank and _is_short(lines[below]):
        return below
    return index


def _is_title_above_date(lines: list[_Line], index: int) -> bool:
    """A short line opening a paragraph, no list item nor signature: the date under it dates its post."""
    rules = _rules()
    candidate = "" if lines[index].blank else lines[index].text.strip()
    opens_paragraph = index == 0 or lines[index - 1].blank
    if not candidate or len(candidate) >= rules.title_max_length or not opens_paragraph:
        return False
    if candidate.startswith((*rules.bullets, "#", "@")) or re.match(r"[0-9]+[.)]\s", candidate):
        return False
    return _after_signature_cue(candidate) is None


def _title_boundaries(lines: list[_Line], end: int) -> list[_Boundary]:
    """Title lines of undated posts among ``lines[:end]``: each needs body text before the next title."""
    boundaries: list[_Boundary] = []
    for index in range(end):
        if boundaries and _next_text_line(lines, boundaries[-1].line + 1, end) == index:
            continue  # the first line after a title is its body
        if _is_title(lines, index, end):
            boundaries.append(_Boundary(index, index))
    return boundaries


def _is_title(lines: list[_Line], index: int, end: int) -> bool:
    """A short line alone between blank lines, followed by body text, that does not read as body text."""
    rules = _rules()
    candidate = "" if lines[index].blank else lines[index].text.strip()
    if not candidate or len(candidate) >= rules.title_max_length:
        return False
    if index > 0 and not lines[index - 1].blank:
        return False
    if index + 1 >= end or not lines[index + 1].blank or _next_text_line(lines, index + 1, end) is None:
        return False
    if candidate.startswith(rules.bullets) or re.match(r"[0-9]+[.)]\s", candidate):
        return False
    if candidate.rstrip("\"'»”’ ").endswith(rules.body_line_endings):
        return False
    following = lines[_next_text_line(lines, index + 1, end) or index].text.strip()
    if following.startswith(rules.bullets) or re.match(r"[0-9]+[.)]\s", following):
        return False  # a line a list hangs from is a section heading ("Les cinq premiers du classement")
    return _after_signature_cue(candidate) is None


def _opening_title(lines: list[_Line], end: int) -> int | None:
    """The first line of a text that opens with no post shape, when it reads as a headline: short, of a few
    words, opening with a capital, a digit or a quote, not ending like a sentence (a question may be a
    headline: ``headline_endings``), not a list item, a date or a signature, not wrapped (a lowercase line
    right under it), with body text under it ("Un label pour les centres d'appels", then the body)."""
    rules = _rules()
    first = _next_text_line(lines, 0, end)
    if first is None or _next_text_line(lines, first + 1, end) is None:
        return None
    candidate = lines[first].text.strip()
    if len(candidate) >= rules.title_max_length or len(candidate.split()) < rules.title_min_words:
        return None
    if not (candidate[0].isupper() or candidate[0].isdigit() or candidate[0] in "\"«“'[("):
        return None
    if candidate.startswith(rules.bullets) or re.match(r"[0-9]+[.)]\s", candidate):
        return None
    headline_endings = tuple(e for e in rules.body_line_endings if e not in rules.headline_endings)
    if candidate.rstrip("\"'»”’ ").endswith(headline_endings) or parse_date_line(candidate):
        return None
    below = lines[first + 1].text.strip() if first + 1 < end else ""  # "X est le gagnant du" / "classement"
    wrapped = below[:1].islower() and not parse_date_line(below)
    return first if not wrapped and _after_signature_cue(candidate) is None else None


def _next_text_line(lines: list[_Line], start: int, end: int) -> int | None:
    """Index of the first non-blank line in ``lines[start:end]``, if any."""
    found = lines[start].next_text if start < len(lines) else None
    return found if found is not None and found < end else None


def _post(
    text: str,
    lines: list[_Line],
    boundary: _Boundary,
    start: int,
    end: int,
    source_file: str,
    index: int,
) -> Post:
    post_text = text[start:end]
    title = None if boundary.title_line is None else _title_text(lines[boundary.title_line].text)
    if boundary.title_line is None:
        body_from = boundary.line
    else:  # the body follows the title and the date line, in whichever order they come
        body_from = max(boundary.title_line, boundary.date_line or 0) + 1
    body_line = _next_text_line(lines, body_from, len(lines))
    body_start = len(post_text) if body_line is None else min(lines[body_line].start - start, len(post_text))
    return Post(
        source_file=source_file,
        index=index,
        text=post_text,
        offset=start,
        title=title,
        date=boundary.date,
        author=post_author(post_text[body_start:]),
        body_start=body_start,
    )


def _title_text(line: str) -> str:
    """The title as written, without surrounding spaces or Markdown heading marks."""
    return re.sub(r"^#{1,6}\s+", "", line.strip())


def post_author(body: str) -> str | None:
    """The name in the post's last signature line, if any."""
    authors = [author for line in body.split("\n") if (author := _signature_author(line))]
    return authors[-1] if authors else None


def _signature_author(line: str) -> str | None:
    """The signed name: "Billet écrit par Thierry Spencer du Sens du client, ..." -> "Thierry Spencer"."""
    rest = _after_signature_cue(line.strip())
    if rest is None:
        return None
    name_end = 0
    for count, word in enumerate(re.finditer(r"\S+", rest)):
        token = word.group()
        bare = token.rstrip(",;:.!?)")
        if count >= 5 or not bare[:1].isupper():
            break
        name_end = word.start() + len(bare)
        ends_phrase = token != bare and not re.fullmatch(r"[^\W\d_]\.", token)  # "J." is an initial
        if ends_phrase:
            break
    name = rest[:name_end].strip()
    # "Publié par La rédaction": an article alone is the start of a common noun, not a name
    return None if not name or name.casefold() in _ARTICLES else name


_ARTICLES = frozenset({"la", "le", "les", "l'", "l’", "un", "une", "des"})


def _after_signature_cue(line: str) -> str | None:
    """The rest of a line that starts with a signature cue, else None."""
    cue = next((cue for cue in _rules().signature_cues if line[: len(cue)].casefold() == cue), None)
    return None if cue is None else line[len(cue) :]


# --- corpus --------------------------------------------------------------------------------------


@dataclass
class Corpus:
    """What the reading stage gives: the posts, each once, and what it could not or would not read."""

    posts: list[Post]
    rejected: list[Rejected]  # files, or parts of files ("line 12: ..."), not read, with the reason
    merged: list[Merged]  # the copies of posts met more than once
    left_out: Counter[str]  # items of feeds and exports that are not posts (comments, pages, drafts, ...)


def read_corpus(paths: Iterable[Path]) -> Corpus:
    """Every post under ``paths`` (files or folders) once, and the files or parts that were not read.

    Folders are walked recursively for the suffixes of ``graph.formats`` in sorted order; files named
    directly are read whatever their suffix. An unreadable file does not stop the others.
    """
    paths = list(paths)
    posts: list[Post] = []
    rejected: list[Rejected] = []
    left_out: Counter[str] = Counter()
    signatures: list[Signature] = []
    names: set[str] = set()
    shelf = reading_shelf()
    for path in corpus_files(paths):
        name = _source_name(path, names)
        try:
            read = read_file(path, name, shelf)
        except UnreadableFile as error:
            rejected.append(Rejected(str(path), str(error)))
            continue
        reading = read.reading
        if read.by_format and not reading.posts and not reading.problems and not reading.left_out:
            rejected.append(Rejected(str(path), "no post found"))
        signatures.extend(read.signatures)
        posts.extend(reading.posts)
        rejected.extend(Rejected(str(path), problem) for problem in reading.problems)
        left_out.update(reading.left_out)
    # Near-copies are compared word by word: the verdicts of the last build of the same paths come first.
    roots = sorted(str(Path(path).resolve()) for path in paths)
    verdicts_key = shelf.key(["near-copy verdicts", roots]) if shelf else ""
    known = shelf.get(verdicts_key) if shelf else None
    posts, merged, verdicts = merge_duplicates(posts, signatures, known if isinstance(known, dict) else None)
    if shelf and verdicts != known:
        shelf.put(verdicts_key, verdicts)
    return Corpus(posts, rejected, merged, left_out)


@dataclass(frozen=True)
class FileRead:
    """One file's reading, whether a format's reader made it (else the text rules), and each post's
    signature for the merge of copies."""

    reading: Reading
    by_format: bool
    signatures: tuple[Signature, ...]


def read_file(path: Path, name: str, shelf: Shelf | None = None) -> FileRead:
    """One file's posts (cited as ``name``), as a :class:`FileRead`.

    With a ``shelf`` (the reading cache), a file read before (same bytes, suffix and name) is not read
    again: reading tens of thousands of posts takes seconds that a rebuild need not spend.
    Raises ``UnreadableFile``.
    """
    data = _read_bytes(path)
    key = shelf.key([path.suffix.lower(), name, hashlib.sha256(data).hexdigest()]) if shelf else ""
    found = shelf.get(key) if shelf else None
    if isinstance(found, FileRead):
        return found
    reader = formats.reader_for(path, data)
    if reader is None:
        reading = Reading(posts=split_posts(decode_text(data), name))
    else:
        reading = reader(path, data, name)
    read = FileRead(reading, reader is not None, tuple(signature(post) for post in reading.posts))
    if shelf:
        shelf.put(key, read)
    return read


def reading_shelf() -> Shelf | None:
    """The reading cache of the cache folder (``graph.cache``), or None when the cache is off."""
    folder = cache_folder()
    return None if folder is None else Shelf(folder, "readings", reading_fingerprint())


@cache
def reading_fingerprint() -> str:
    """A hash of what reading depends on besides the file: this module, the formats' readers, the loader
    rules and the libraries that read pages and feeds."""
    rules_file = rule_files.DATA_DIR / "rules" / "loader.yaml"
    libraries = ",".join(f"{name}-{version(name)}" for name in READING_LIBRARIES)
    inputs = {"data:rules/loader.yaml": rules_file.read_bytes(), "libraries": libraries.encode()}
    return fingerprint_of({**inputs, **code_inputs(["loader.py", "formats"])})


def _source_name(path: Path, taken: set[str]) -> str:
    """The file's name as posts cite it: its name, or with its folders when another file has that name
    (a mirrored blog has an index.html in every month's folder); post ids stay unique."""
    name = path.name
    for parent in path.parents:
        if name not in taken or parent == parent.parent:
            break
        name = f"{parent.name}/{name}" if parent.name else name
    number = 1
    unique = name
    while unique in taken:
        number += 1
        unique = f"{name} ({number})"
    taken.add(unique)
    return unique


def load_corpus(paths: Iterable[Path]) -> tuple[list[Post], list[Rejected]]:
    """The posts under ``paths``, each once, and the files (or parts) that could not be read."""
    corpus = read_corpus(paths)
    return corpus.posts, corpus.rejected


def corpus_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to read, each once: named files as given, folder contents sorted, hidden files skipped."""
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                file
                for file in path.rglob("*")
                if file.suffix.lower() in CORPUS_SUFFIXES
                and file.is_file()
                and not any(part.startswith(".") for part in file.relative_to(path).parts)
            )
        else:
            found = [path]
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file
