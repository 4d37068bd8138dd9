"""The spaCy pipeline wrapper: long texts parsed in pieces, Docs in order, processes only where they pay."""

from __future__ import annotations

import pytest

from graph import nlp as nlp_module
from graph.model import Post

PARAGRAPH = "Marie Dupont dirige la relation client de la SNCF depuis 2012. Elle préside aussi l'AFRC."


@pytest.mark.parametrize(
    "text",
    [
        "",
        "court",
        "\n\n".join([PARAGRAPH] * 12),
        "\n".join([PARAGRAPH] * 12),
        " ".join([PARAGRAPH] * 12),
        "x" * 1000,  # no break at all: cut at the limit
    ],
)
def test_chunks_join_back_to_the_text_and_stay_under_the_limit(text):
    pieces = nlp_module.chunks(text, limit=300)
    assert "".join(pieces) == text
    assert all(len(piece) <= 300 for piece in pieces)


def test_chunks_cut_after_a_paragraph_break_when_there_is_one():
    text = "\n\n".join([PARAGRAPH] * 6)
    pieces = nlp_module.chunks(text, limit=300)
    assert len(pieces) > 1
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


def test_a_text_longer_than_a_chunk_is_one_doc_with_the_same_text(monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 200)
    text = "\n\n".join([PARAGRAPH] * 5)
    (doc,) = nlp_module.parse_texts([text])
    assert doc.text == text
    assert [t.idx for t in doc] == [t.idx for t in nlp_module.load_nlp()(text)]
    assert {e.text for e in doc.ents} >= {"Marie Dupont"}
    assert doc[0].is_sent_start


def test_parse_gives_one_doc_per_post_in_order(monkeypatch):
    monkeypatch.setenv("RCKG_CACHE", "off")
    texts = ["Premier billet.", "", "Troisième billet, avec « guillemets ».", "Quatrième."]
    posts = [Post("f.txt", i, text, 0) for i, text in enumerate(texts)]
    assert [doc.text for doc in nlp_module.parse(posts)] == [post.plain for post in posts]


def test_one_process_unless_the_environment_asks_for_more(monkeypatch):
    monkeypatch.delenv("RCKG_PROCESSES", raising=False)
    assert nlp_module.processes() == 1
    monkeypatch.setenv("RCKG_PROCESSES", "2")
    assert nlp_module.processes() == 2
