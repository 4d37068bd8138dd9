"""HTML fragments -> text: the body of a post that a feed, an export or an archive page already isolated.

Whole pages go through trafilatura (``graph.formats.html``), which finds the article among menus,
sidebars and comments; a fragment is all article, and only needs its text: blocks on their own lines
separated by a blank line like the paragraphs of the text files, list items as bullets, no code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is not text to read: code, metadata, embedded objects, site navigation.
_SKIPPED = frozenset(
    {"script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object", "nav", "button"}
)
# Elements that stand on their own lines, separated by a blank line like paragraphs of the text files.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
    }
)  # fmt: skip
_LINE_BREAKS = frozenset({"br", "td", "th"})


class _TextExtractor(HTMLParser):
    """Collects the readable text of a page: blocks on their own lines, list items as bullets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: dict[str, int] = {}
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skipping.pop("head", None)  # a page may never close its head
        if tag in _SKIPPED:
            self._skipping[tag] = self._skipping.get(tag, 0) + 1
        elif tag == "pre":
            self._pre_depth += 1
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)  # <br/>, <hr/>: a self-closed element opens no skipped region

    def handle_endtag(self, tag: str) -> None:
        if self._skipping.get(tag):
            self._skipping[tag] -= 1
        elif tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        if tag in _BLOCKS:
            self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        if any(self._skipping.values()):
            return
        # Only HTML white space collapses: a no-break space is text.
        self._emit(data if self._pre_depth else re.sub(r"[ \t\n\r\f]+", " ", data))

    def _break(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._emit("\n\n")
        elif tag in _LINE_BREAKS:
            self._emit("\n")
        elif tag == "li":
            self._emit("\n• ")

    def _emit(self, text: str) -> None:
        if not any(self._skipping.values()):
            self.parts.append(text)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: no script/style/head, one block per paragraph, entities decoded."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    lines = [line.strip(" \t\r\f") for line in "".join(extractor.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"




_BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|table|blockquote|pre|section|article)\b", re.IGNORECASE)


def autop(markup: str) -> str:
    """WordPress keeps post bodies without <p>: blank lines part paragraphs, a newline is a <br>."""
    if _BLOCK_TAG.search(markup):
        return markup
    paragraphs = re.split(r"\n[ \t]*\n", markup.replace("\r\n", "\n"))
    return "".join(f"<p>{paragraph.strip().replace(chr(10), '<br>')}</p>" for paragraph in paragraphs)
