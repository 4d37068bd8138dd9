"""Noun phrases read off the parse, sentences, and the word clusters the learned features use."""

from __future__ import annotations

from graph.extract._phrases import noun_phrase_end, sentence_bounds, subject_token
from graph.learn.clusters import cluster, compute_clusters
from graph.nlp import load_nlp


def phrase(text: str, head: str) -> str:
    doc = load_nlp()(text)
    token = next(t for t in doc if t.text == head)
    end = noun_phrase_end(token)
    return text[token.idx : end] if end else ""


def test_a_prize_word_heads_its_whole_noun_phrase() -> None:
    text = "Exemplia est le grand gagnant du classement national de la réactivité des boutiques en ligne."
    assert phrase(text, "classement") == "classement national de la réactivité des boutiques en ligne"


def test_the_phrase_stops_before_a_verb_or_a_comma() -> None:
    text = "Le baromètre Exemplia, publié hier, place Durand en tête."
    assert phrase(text, "baromètre") == "baromètre Exemplia"


def test_a_sentence_that_opens_where_asked_is_its_own() -> None:
    text = "Dralix recrute. Fondée en 1998, Kelvora grandit. Elle ouvre un site."
    start = text.index("Fondée")
    assert text[slice(*sentence_bounds(text, start))] == "Fondée en 1998, Kelvora grandit."
    assert text[slice(*sentence_bounds(text, start + 3))] == "Fondée en 1998, Kelvora grandit."


def test_a_name_the_parser_made_the_root_is_the_subject_of_the_verb_right_after_it() -> None:
    doc = load_nlp()("Le marché bouge. Comparabanque.com décerne chaque année ses Trophées Vortal.")
    verb = next(t for t in doc if t.text == "décerne")
    assert verb.dep_ == "acl" and subject_token(verb, ()).text == "Comparabanque.com"
    doc = load_nlp()("Kelvora, fondée en 2005, recrute.")  # after a comma the participle describes it
    assert subject_token(next(t for t in doc if t.text == "fondée"), ()) is None


def test_clusters_are_deterministic_and_group_close_vectors() -> None:
    import numpy as np

    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    assert compute_clusters(vectors, k=2, rounds=5) == compute_clusters(vectors, k=2, rounds=5)
    a, b, c, d = compute_clusters(vectors, k=2, rounds=5)
    assert a == b and c == d and a != c


def test_shipped_clusters_put_two_brands_together_and_a_verb_elsewhere() -> None:
    doc = load_nlp()("Dior Guerlain remporte")
    assert cluster(doc[0]) == cluster(doc[1]) != cluster(doc[2])
