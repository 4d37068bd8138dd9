"""Organization links extractor: cue phrases, group brand lists and extended names."""

from __future__ import annotations

from graph.extract.org_links import extract_org_links


def pairs(ctx):
    return {(f.type, f.get("child").name, f.get("parent").name) for f in extract_org_links(ctx)}


def test_appartient_au_groupe(context):
    assert ("subsidiaryOf", "Free", "Groupe Iliad") in pairs(
        context("Free, qui appartient au Groupe Iliad, innove.")
    )


def test_group_brands_in_parentheses(context):
    found = pairs(context("Il était directeur marketing du Groupe Yum! (Pizza Hut, KFC...) à Paris."))
    assert {("brandOf", "Pizza Hut", "Groupe Yum!"), ("brandOf", "KFC", "Groupe Yum!")} <= found


def test_merger_parent_is_the_subject(context):
    found = pairs(context("Direct Energie remporte le prix, un an après la fusion avec Poweo."))
    assert ("mergedInto", "Poweo", "Direct Energie") in found


def test_national_subsidiary_when_both_named(context):
    found = pairs(
        context(
            "La société Nespresso est exemplaire. Arnaud Deschamps, Directeur général de "
            "Nespresso France, était sur scène."
        )
    )
    assert ("subsidiaryOf", "Nespresso France", "Nespresso") in found


def test_no_link_when_the_parent_is_not_named(context):
    assert pairs(context("Arnaud Deschamps dirige Nespresso France.")) == set()
