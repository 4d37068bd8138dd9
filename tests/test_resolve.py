"""Entity resolution: one entity per real person or organization, across posts and files."""

from __future__ import annotations

from graph.model import Mention, Post, Ref
from graph.resolve import Resolver, acronym_fits, one_edit_apart, resolve


def post(text: str, index: int = 0) -> Post:
    return Post("t.txt", index, text, 0)


def mention(text: str, whole: str, kind: str, source: str = "ner") -> Mention:
    start = whole.index(text)
    return Mention(start, start + len(text), text, kind, source)


def test_case_and_accents_make_one_company():
    a, b = post("GDF SUEZ recrute."), post("GDF Suez recrute.", 1)
    resolver, _ = resolve(
        [(a, [mention("GDF SUEZ", a.text, "Company")]), (b, [mention("GDF Suez", b.text, "Company")])]
    )
    entities = resolver.entities()
    assert len(entities) == 1
    assert {e.label for e in entities.values()} == {"GDF Suez"}  # the gazetteer's preferred form


def test_long_name_and_acronym_in_parentheses_are_one_organization():
    text = "Le Syndicat des Bonnes Pratiques Clients (SBPC) publie son guide. Le SBPC recommande..."
    p = post(text)
    long = mention("Syndicat des Bonnes Pratiques Clients", text, "Association")
    short = Mention(text.rindex("SBPC"), text.rindex("SBPC") + 4, "SBPC", "Company")
    resolver, _ = resolve([(p, [long, short])])
    [entity] = resolver.entities().values()
    assert entity.acronym == "SBPC" and entity.kind == "Association"
    assert entity.label == "Syndicat des Bonnes Pratiques Clients"


def test_a_first_name_alone_names_the_full_name_of_the_post():
    text = "Guy Kawasaki publie un livre. Guy y raconte ses débuts."
    p = post(text)
    full = mention("Guy Kawasaki", text, "Person")
    partial = Mention(text.rindex("Guy"), text.rindex("Guy") + 3, "Guy", "Person", "partial")
    resolver, kept = resolve([(p, [full, partial])])
    [entity] = resolver.entities().values()
    assert entity.label == "Guy Kawasaki" and "Guy" in entity.aliases


def test_weak_organizations_need_a_firm_mention_somewhere():
    a, b = post("Chez Zorglub, on aime."), post("La société Plimpton innove.", 1)
    resolver, _ = resolve([
        (a, [mention("Zorglub", a.text, "Company", "weak")]),
        (b, [mention("Plimpton", b.text, "Company")]),
    ])
    assert {e.label for e in resolver.entities().values()} == {"Plimpton"}


def test_a_fact_may_name_a_new_entity_but_not_a_title():
    resolver = Resolver()
    assert resolver.ref(Ref("Europcar", "Company"))
    assert resolver.ref(Ref("Directeur Général", "Person")) is None
    assert resolver.ref(Ref("le service client", "Company")) is None


def test_misspellings_and_acronym_fit():
    assert one_edit_apart("costacroisieres", "costacroiseres")
    assert not one_edit_apart("nespressofrance", "nespresso")
    assert acronym_fits("AMARC", "Association pour le MAnagement de la Réclamation Client")
    assert acronym_fits("AFRC", "Association Française de la Relation Client")
    assert not acronym_fits("SNCF", "Association Française de la Relation Client")


def test_a_known_place_named_once_as_each_stays_a_place():
    a, b = post("Le centre de Annecy ouvre."), post("Zorglub rejoint Annecy.", 1)
    resolver, _ = resolve([
        (a, [mention("Annecy", a.text, "Place")]),
        (b, [mention("Zorglub", b.text, "Company"), mention("Annecy", b.text, "Company", "weak")]),
    ])
    kinds = {e.label: e.kind for e in resolver.entities().values()}
    assert kinds["Annecy"] == "Place" and kinds["Zorglub"] == "Company"
