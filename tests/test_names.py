"""Which part of a person's full name a shorter name is: the one test behind a lone first or last name
passing to resolution, resolution tying it to the post's full name, and the entity corrector's features."""

from __future__ import annotations

from graph.names import WORD_PARTS, name_part


def test_a_word_of_the_name_is_its_first_last_or_inner_word() -> None:
    assert name_part("Odile", "Odile Vaubernier") == "first"
    assert name_part("Vaubernier", "Odile Vaubernier") == "last"
    assert name_part("Vaubernier", "Odile Vaubernier de Lamotte") == "inner"
    assert name_part("Odile Vaubernier", "Odile Vaubernier") == "whole"
    assert {"whole", "first", "last", "inner"} == WORD_PARTS


def test_several_words_are_a_prefix_or_a_suffix_and_a_stranger_is_nothing() -> None:
    assert name_part("Odile Vaubernier", "Odile Vaubernier de Lamotte") == "prefix"
    assert name_part("de Lamotte", "Odile Vaubernier de Lamotte") == "suffix"
    assert name_part("Lamot", "Odile Vaubernier de Lamotte") is None  # words, not letters
    assert name_part("Odile", "") is None
