"""The layout reader: list lines, their ranks and the names they start with, on invented lines."""

from __future__ import annotations

from graph.layout import block_of, item_at, list_items, unwrap
from graph.model import Post


def names(text: str) -> list[tuple[int | None, str]]:
    return [(it.rank, text[it.name_start : it.name_end]) for it in list_items(text)]


def test_numbered_and_bulleted_items_and_where_their_names_end() -> None:
    text = (
        "Le classement :\n"
        "1. Maison Durand avec une note de 91,2\n"
        "2) Boulangeries Léa : 90,4\n"
        "3e Atelier Brun (mode)\n"
        "- Jean Dupont, directeur\n"
        "• vente-exemple.fr\n"
    )
    assert names(text) == [
        (1, "Maison Durand"),
        (2, "Boulangeries Léa"),
        (3, "Atelier Brun"),
        (None, "Jean Dupont"),
        (None, "vente-exemple.fr"),
    ]


def test_a_sentence_in_a_list_is_no_name() -> None:
    text = "- réduire les coûts\n* Bonjour à tous les amis de la relation client que je salue bien\n"
    assert names(text) == []


def test_items_of_one_list_share_a_block_and_a_paragraph_starts_another() -> None:
    text = "1. Alpha\n2. Beta\n\n3. Gamma\nUne phrase entre deux listes.\n1. Delta\n"
    items = list_items(text)
    assert [len(block_of(text, it)) for it in items] == [3, 3, 3, 1]
    assert item_at(text, text.index("Delta")).rank == 1
    assert item_at(text, text.index("phrase")) is None


def test_a_rank_may_be_followed_by_a_dash() -> None:
    text = "Voici le top 3 :\n1er – Maison Durand : 38 minutes\n2e – Boulangeries Léa : 52 minutes\n"
    assert [(it.rank, text[it.name_start : it.name_end]) for it in list_items(text)] == [
        (1, "Maison Durand"), (2, "Boulangeries Léa")]


def test_a_hard_wrapped_paragraph_reads_as_one_line_and_keeps_its_offsets() -> None:
    wrapped = (
        "Un titre court\n"
        "Le salon Exemplia des métiers du conseil a fermé ses portes jeudi soir après\n"
        "trois jours d'ateliers. Maison Durand y présentait sa nouvelle offre, devant\n"
        "Boulangeries Léa et une trentaine d'exposants venus de tout le pays, ravis.\n"
        "- un point de liste garde sa ligne\n"
    )
    unwrapped = unwrap(wrapped)
    assert len(unwrapped) == len(wrapped)
    assert "fermé ses portes jeudi soir après trois jours" in unwrapped
    assert "devant Boulangeries Léa" in unwrapped
    assert unwrapped.startswith("Un titre court\n") and "ravis.\n- un point" in unwrapped


def test_a_posts_title_keeps_its_line_break_inside_a_wrapped_paragraph() -> None:
    title = "Kelvora et Vocalis deviennent filiales du groupe Dralix Services"
    text = (
        f"{title}\n"
        "Le marché des centres de contacts se concentre encore un peu plus, et le groupe\n"
        "Dralix Services en profite pour racheter deux sociétés de taille moyenne cette\n"
        "année, au terme de plusieurs mois de discussions avec leurs actionnaires.\n"
    )
    post = Post("a.txt", 0, text, 0, title=title, body_start=len(title) + 1)
    assert post.plain.startswith(f"{title}\nLe marché")
    assert "le groupe Dralix Services" in post.plain  # the body's wrapped lines still join


def test_one_overlong_line_does_not_set_the_width_of_a_wrapped_paragraph() -> None:
    wrapped = (
        "Maison Durand arrive en tête du palmarès national de la qualité\n"
        "des boulangeries de quartier, publié chaque automne par le cabinet\n"
        "Exemplia Conseil auprès de plusieurs milliers de clients interrogés\n"
        "en ligne (voir https://exemple.org/palmares/boulangeries/2024/resultats-complets)\n"
        "et dans les magasins de six régions pendant tout le mois de juin.\n"
    )
    assert "de la qualité des boulangeries de quartier" in unwrap(wrapped)


def test_lines_of_fields_and_values_keep_their_breaks() -> None:
    lines = (
        "Catégorie Boulangerie : Maison Durand, pour son pain au levain de seigle\n"
        "Catégorie Pâtisserie : Boulangeries Léa, pour sa tarte aux fruits rouges\n"
        "Prix du jury : Atelier Brun\n"
    )
    assert unwrap(lines) == lines


def test_short_lines_keep_their_breaks() -> None:
    lines = "Maison Durand\nBoulangeries Léa\nAtelier Brun\nLa Maison du Pain\n"
    assert unwrap(lines) == lines
