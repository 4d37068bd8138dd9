"""Works extractor: books, studies and blogs with their authors."""

from __future__ import annotations

from graph.extract.works import extract_works


def works(ctx):
    return {(f.type, f.get("label"), getattr(f.get("author"), "name", None)) for f in extract_works(ctx)}


def test_quoted_book_of_an_author(context):
    found = works(context('Relisez "Comment se faire des amis" de Dale Carnegie.'))
    assert ("Book", "Comment se faire des amis", "Dale Carnegie") in found


def test_book_word_then_author_then_quoted_title(context):
    found = works(context('Lisez le livre de mon ami Frank Rosenthal "Tout savoir sur le retail".'))
    assert ("Book", "Tout savoir sur le retail", "Frank Rosenthal") in found


def test_book_in_the_title_line_and_its_translator(context):
    ctx = context(
        "Le livre est remarquablement traduit par Marylène Delbourg-Delphis.",
        title="L'Art de l'enchantement de Guy Kawasaki : un livre essentiel",
    )
    facts = list(extract_works(ctx))
    assert ("Book", "L'Art de l'enchantement", "Guy Kawasaki") in works(ctx)
    translated = [f for f in facts if f.get("translator")]
    assert translated[0].get("label") == "L'Art de l'enchantement"


def test_study_with_year_and_author(context):
    facts = list(
        extract_works(context("Selon l'Observatoire des services clients 2013 de BVA, tout va mieux."))
    )
    assert facts[0].get("label") == "Observatoire des services clients 2013"
    assert facts[0].get("author").name == "BVA" and facts[0].get("year") == "2013"


def test_study_title_in_parentheses(context):
    found = works(
        context("Selon l'étude d'Accenture (Global consumer behavior study 2010), les clients partent.")
    )
    assert ("Study", "Global consumer behavior study 2010", "Accenture") in found


def test_source_line_is_a_study(context):
    found = works(context("La publicité recule de 3%. Source IREP France Pub 2013"))
    assert {label for _, label, _ in found} == {"IREP France Pub 2013"}


def test_blog_of_a_person(context):
    assert ("Blog", "blog de Benoît Meyronin", "Benoît Meyronin") in works(
        context("Lire le blog de Benoît Meyronin à ce sujet.")
    )


def test_white_paper_quote_is_no_book(context):
    assert works(context('Elle déclarait dans ce livre blanc "rester souple sur les délais".')) == set()


def test_generic_survey_is_no_study(context):
    assert works(context("Les résultats de l'enquête de satisfaction sont bons.")) == set()
