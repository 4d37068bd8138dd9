"""The spaCy pipeline wrapper: long texts parsed in pieces, Docs in order, processes only where they pay."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from spacy.tokens import Doc

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


def token_view(doc) -> list[tuple]:
    return [(t.idx, t.text, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]


def test_a_parse_beside_the_caller_gives_the_docs_of_a_parse_in_process():
    texts = [PARAGRAPH, "", "Deuxième billet : Jean Martin rejoint Orange.", PARAGRAPH * 3]
    vocab = nlp_module.load_nlp().vocab
    beside = [Doc(vocab).from_bytes(data) for data in nlp_module.BackgroundParse(texts)]
    here = list(nlp_module.parse_texts(texts))
    assert [doc.text for doc in beside] == texts
    assert [token_view(doc) for doc in beside] == [token_view(doc) for doc in here]


def test_much_to_parse_goes_to_a_process_beside_the_caller(monkeypatch):
    monkeypatch.setenv("RCKG_CACHE", "off")
    monkeypatch.setattr(nlp_module, "BACKGROUND_CHARS", 1)
    started = []
    background = nlp_module.BackgroundParse
    monkeypatch.setattr(nlp_module, "BackgroundParse", lambda *a: started.append(1) or background(*a))
    texts = ["Premier billet.", PARAGRAPH]
    posts = [Post("f.txt", i, text, 0) for i, text in enumerate(texts)]
    assert [doc.text for doc in nlp_module.parse(posts)] == texts
    assert started


def test_a_parsing_process_that_fails_says_so(monkeypatch):
    def failing(texts, batch_size=4, n_process=1):
        raise MemoryError("no room")
        yield

    monkeypatch.setattr(nlp_module, "parse_texts", failing)  # the fork inherits the patched module
    with pytest.raises(RuntimeError, match="parsing process failed: MemoryError"):
        list(nlp_module.BackgroundParse(["Un billet."]))


def test_a_parsing_process_that_dies_says_so(monkeypatch):
    def dying(texts, batch_size=4, n_process=1):
        os._exit(3)
        yield

    monkeypatch.setattr(nlp_module, "parse_texts", dying)
    with pytest.raises(RuntimeError, match="ended early .exit code 3"):
        list(nlp_module.BackgroundParse(["Un billet."]))


def test_a_caller_that_stops_reading_ends_the_parsing_process():
    parses = nlp_module.BackgroundParse([PARAGRAPH] * 50)
    next(parses)
    parses.close()
    assert not [p for p in multiprocessing.active_children() if p.daemon]


def test_the_parsing_process_starts_at_once_and_a_caller_that_never_reads_ends_it(monkeypatch):
    monkeypatch.setenv("RCKG_CACHE", "off")
    monkeypatch.setattr(nlp_module, "BACKGROUND_CHARS", 1)
    docs = nlp_module.parse([Post("f.txt", i, PARAGRAPH, 0) for i in range(20)])
    assert [p for p in multiprocessing.active_children() if p.daemon]  # parsing before any Doc is asked for
    docs.close()
    assert not [p for p in multiprocessing.active_children() if p.daemon]


def test_the_lemmatizer_tables_read_from_the_package_are_the_loaded_model_s():
    loaded = nlp_module.load_nlp().get_pipe("lemmatizer").lookups
    read = nlp_module.package_lookups()
    assert read.tables == loaded.tables
    assert all(dict(read.get_table(t).items()) == dict(loaded.get_table(t).items()) for t in loaded.tables)


def _starts(text: str, word: str) -> bool:
    """Whether ``word`` (its first occurrence) starts a sentence of the parsed text."""
    return bool(next(t for t in nlp_module.load_nlp()(text) if t.text == word).is_sent_start)


def test_a_title_above_a_blank_line_is_a_sentence_of_its_own():
    doc = nlp_module.load_nlp()("Consolidation dans les centres d'appels\n\nKelvora rachète Dralix Systems.")
    kelvora = next(t for t in doc if t.text == "Kelvora")
    assert kelvora.is_sent_start and kelvora.head.text == "rachète"


def test_a_line_that_opens_like_a_sentence_starts_one_but_a_hard_wrapped_line_runs_on():
    assert _starts("Les gagnants sont :\nKelvora, pour son accueil.", "Kelvora")
    assert not _starts("Elle est responsable de la\nCommission sociale de l'association.", "Commission")
    assert not _starts("La journée organisée par l'association\na réuni 300 personnes.", "a")
