"""Coordination ("X, Y et Z"): the members of one list fill one role together (sentences written for the
suite, invented people and firms)."""

from __future__ import annotations

from graph.learn.coordination import coordination_groups
from graph.learn.deciders import decide, load_deciders
from graph.learn.linear import LinearModel

PODIUM = "Kalibank, Monabank et Zetabank montent sur le podium du Trophée de l'accueil, devant Paul Verdal."


def _members(ctx, name):
    return sorted(m.text for m in coordination_groups(ctx)[next(m for m in ctx.mentions if m.text == name)])


def test_names_joined_by_commas_and_a_conjunction_are_one_coordination(context):
    ctx = context(PODIUM)
    assert _members(ctx, "Monabank") == ["Kalibank", "Monabank", "Zetabank"]
    assert _members(ctx, "Paul Verdal") == ["Paul Verdal"]


def test_a_person_and_the_firm_named_beside_him_are_no_coordination(context):
    ctx = context("Marc Dufresne, Textalis, a présenté les résultats de Kalibank ainsi que de Monabank.")
    assert _members(ctx, "Marc Dufresne") == ["Marc Dufresne"]
    assert _members(ctx, "Kalibank") == ["Kalibank", "Monabank"]


def test_lines_of_a_list_are_no_coordination(context):
    ctx = context("Les lauréats :\nKalibank,\nMonabank")
    assert _members(ctx, "Kalibank") == ["Kalibank"]


def test_a_kept_recipient_brings_the_members_of_its_coordination(context):
    ctx = context(PODIUM)
    first_only = LinearModel({"linestart": 10.0}, bias=-5.0)  # keeps the name that opens the line, alone
    recipients = {f.get("recipient").name for f in decide(load_deciders()["awards"], ctx, [], first_only)}
    assert recipients == {"Kalibank", "Monabank", "Zetabank"}
