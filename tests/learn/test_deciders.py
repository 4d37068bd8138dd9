"""The deciders' candidates and facts on sentences written for the suite (invented people and firms)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.learn import awards, interviews, org_links, positions, prizes
from graph.learn.deciders import RULE, WEIGHTS, decide, load_deciders
from graph.learn.keys import KeyFacts, read_key
from graph.learn.linear import LinearModel
from graph.model import Evidence, Fact


def _pairs(cands):
    return {tuple(m.text for m in c.mentions): c for c in cands}


def test_a_person_and_an_organization_of_one_clause_are_a_candidate(context):
    ctx = context("Hier, Jeanne Vallier, directrice générale de Pelliot Assurances, a ouvert la séance.")
    cands = _pairs(positions.position_candidates(ctx, []))
    pair = cands[("Jeanne Vallier", "Pelliot Assurances")]
    assert "shape=clause" in pair.features and "btwcls=TITLE" in pair.features and RULE not in pair.features
    assert positions.title_of(ctx, *pair.mentions) == "directrice générale"


@pytest.mark.parametrize(
    ("body", "person", "org", "title"),
    [
        ("Après avoir été directeur commercial chez Kelvora, Pierre Vasseur dirige Dralix.",
         "Pierre Vasseur", "Kelvora", "directeur commercial"),
        ("Jeanne Vallier, Senior Vice President chez Kelvora, a ouvert la séance.",
         "Jeanne Vallier", "Kelvora", "Senior Vice President"),
        ("Pierre Vasseur, Darty, directeur des opérations, témoigne aussi.",
         "Pierre Vasseur", "Darty", "directeur des opérations"),
        ("Pierre Vasseur, Darty directeur des opérations, témoigne aussi.",
         "Pierre Vasseur", "Darty", "directeur des opérations"),
        ("Chez Darty, Pierre Vasseur, son Président racontait comment tout a commencé.",
         "Pierre Vasseur", "Darty", "Président"),
    ],
)
def test_a_title_opens_on_its_first_title_word_and_the_capitals_before_it(context, body, person, org, title):
    ctx = context(body)
    pair = _pairs(positions.position_candidates(ctx, []))[(person, org)]
    assert positions.title_of(ctx, *pair.mentions) == title


def test_an_organization_belongs_to_the_person_named_last_before_it(context):
    ctx = context("On a entendu Paul Verdal, directeur chez Kelvora, puis Jeanne Morin, directrice qualité.")
    pairs = _pairs(positions.position_candidates(ctx, []))
    assert "owner=self" in pairs[("Paul Verdal", "Kelvora")].features
    assert "owner=other" in pairs[("Jeanne Morin", "Kelvora")].features


def test_a_pair_knows_where_the_rules_place_its_person_and_organization(context):
    ctx = context("Paul Verdal, directeur de Kelvora, a reçu Jeanne Morin, de Dralix Systems.")
    rule_facts = [f for c in positions.position_candidates(ctx, [])
                  if [m.text for m in c.mentions] == ["Paul Verdal", "Kelvora"]
                  for f in positions.position_facts(ctx, c)]
    pairs = _pairs(positions.position_candidates(ctx, rule_facts))
    assert "p_rule_elsewhere" in pairs[("Paul Verdal", "Dralix Systems")].features
    assert "o_rule_other" in pairs[("Jeanne Morin", "Kelvora")].features
    assert "p_rule_elsewhere" not in pairs[("Paul Verdal", "Kelvora")].features


def test_a_name_card_pairs_the_name_line_with_the_next_line(context):
    ctx = context("Les intervenants :\nMarc Lemoine\nDirecteur Relation Client, Groupe Tarvel\n")
    pair = _pairs(positions.position_candidates(ctx, []))[("Marc Lemoine", "Groupe Tarvel")]
    assert "shape=card" in pair.features
    assert positions.title_of(ctx, *pair.mentions) == "Directeur Relation Client"


def test_a_title_read_on_a_card_line_is_not_the_name_that_opens_it(context):
    ctx = context("Marc Lemoine au micro\n\nMarc Lemoine, Directeur des Ventes, Groupe Tarvel\n")
    people = [m for m in ctx.mentions if m.text == "Marc Lemoine"]
    org = next(m for m in ctx.mentions if m.text == "Groupe Tarvel")
    assert positions.title_of(ctx, people[0], org) == "Directeur des Ventes"


def test_an_organization_after_a_pronoun_goes_to_the_person_named_last(context):
    ctx = context("Paul Brenier arrive à Lyon. Il rejoint ensuite la société Dralix en 2004.")
    pairs = _pairs(positions.position_candidates(ctx, []))
    assert "shape=anaphor" in pairs[("Paul Brenier", "Dralix")].features


def test_a_titled_person_with_no_organization_in_the_clause_meets_the_organizations_the_post_is_about(
    context,
):
    ctx = context("Kelvora ouvre un centre à Lyon. Kelvora recrute. « Nous voulons grandir », explique "
                  "Jeanne Morin, directrice adjointe du marketing. Dralix Systems observe.")
    pairs = _pairs(positions.position_candidates(ctx, []))
    topic = pairs[("Jeanne Morin", "Kelvora")]
    assert {"shape=topic", "topic_rank=1", "topic_count=2"} <= set(topic.features)
    # named once, Dralix Systems is no organization the post is about (it follows her: an anaphor's pair)
    assert "shape=topic" not in pairs[("Jeanne Morin", "Dralix Systems")].features
    (fact,) = positions.position_facts(ctx, topic)
    assert fact.get("title") == "directrice adjointe du marketing"
    assert "Kelvora" not in fact.evidence.quote and "Jeanne Morin" in fact.evidence.quote


def test_a_kept_candidate_becomes_a_fact_with_its_clause_as_evidence(context):
    ctx = context("Hier, Jeanne Vallier, directrice générale de Pelliot Assurances, a ouvert la séance.")
    keep_all = LinearModel({}, bias=5.0)
    facts = decide(load_deciders()["positions"], ctx, [], keep_all)
    assert facts
    for fact in facts:
        assert fact.evidence.quote == ctx.post.text[fact.evidence.start : fact.evidence.end]
    assert ("Jeanne Vallier", "Pelliot Assurances") in {(f.get("holder").name, f.get("organization").name)
                                                        for f in facts}


def test_a_rejecting_model_drops_the_rules_facts_it_covers(context):
    ctx = context("Hier, Jeanne Vallier, directrice générale de Pelliot Assurances, a ouvert la séance.")
    rule_facts = positions.position_facts(ctx, positions.position_candidates(ctx, [])[0])
    assert decide(load_deciders()["positions"], ctx, rule_facts, LinearModel({}, bias=-5.0)) == []


def test_the_rules_facts_stay_when_the_model_is_unsure_but_above_the_rules_cut(context):
    ctx = context("Hier, Jeanne Vallier, directrice générale de Pelliot Assurances, a ouvert la séance.")
    rule_facts = positions.position_facts(ctx, positions.position_candidates(ctx, [])[0])
    unsure = LinearModel({}, bias=-1.0, threshold=0.5, cuts={"rule": 0.2})
    assert decide(load_deciders()["positions"], ctx, rule_facts, unsure) == rule_facts


def test_no_shipped_decider_weighs_the_rules_verdict():
    # The rules were written on the keyed texts the deciders learn from: their verdict there is no evidence
    # of their verdict on new text, so the models learn from the parse alone; the rules' facts keep a cut.
    for name in sorted(load_deciders()):
        model = LinearModel.load(WEIGHTS / f"{name}.json")
        assert RULE not in model.weights, name


def test_recipients_are_candidates_only_where_the_post_speaks_of_prizes(context):
    prize = context("Le Trophée Vortal 2019 a été remis à Kelmor, devant la société Astrane.")
    assert {c.mentions[0].text for c in awards.recipient_candidates(prize, [])} >= {"Kelmor", "Astrane"}
    plain = context("Kelmor a ouvert un bureau à Lille avec la société Astrane.")
    assert awards.recipient_candidates(plain, []) == []


def test_a_recipient_knows_how_close_the_nearest_prize_stands(context):
    ctx = context("Le Trophée Vortal 2019 est allé à Kelmor.\nLa société Astrane a ouvert un site à Lyon.")
    cands = {c.mentions[0].text: c for c in awards.recipient_candidates(ctx, [])}
    assert "prize=line" in cands["Kelmor"].features
    assert "prize=near" in cands["Astrane"].features


def test_a_recipient_gets_the_prize_named_before_it(context):
    ctx = context("Les Trophées Vortal 2019 ont été remis hier soir.\nLa société Kelmor arrive première.")
    cand = next(c for c in awards.recipient_candidates(ctx, []) if c.mentions[0].text == "Kelmor")
    fact = awards.recipient_facts(ctx, cand)[0]
    assert fact.get("award") == "Trophée Vortal" and fact.get("year") == 2019


def test_a_recipient_gets_the_prize_its_own_verb_governs_over_the_series_of_the_post(context):
    ctx = context(
        "Les Trophées Vortal 2019 ont été remis hier soir.\n"
        "La société Kelmor décroche pour la troisième fois le label Qualité Accueil.",
        title="Trophées Vortal 2019 : le palmarès",
    )
    winner = next(m for m in ctx.mentions if "Kelmor" in m.text)
    favour_series = LinearModel({"series": 5.0, "intitle": 5.0}, bias=0.0)
    assert prizes.choose(ctx, winner, favour_series).name == "label Qualité Accueil"


def test_a_prize_named_after_a_role_is_a_candidate_prize(context):
    ctx = context("Lors de la soirée du 4 juin, Lucie Forgeat a été élue Directrice Client de l'année 2021"
                  " par le jury du club Orvane.")
    winner = next(m for m in ctx.mentions if m.text == "Lucie Forgeat")
    found = {(p.name, p.year) for p in prizes.prizes(ctx, winner) if p.role}
    assert found == {("Directrice Client de l'année", 2021)}


def test_a_prize_phrase_ends_before_the_words_that_tell_how_it_was_given(context):
    ctx = context("Le jury a décerné le trophée qualité sur la base de trois critères à la société Kelmor.")
    winner = next(m for m in ctx.mentions if "Kelmor" in m.text)
    assert {p.name for p in prizes.prizes(ctx, winner)} == {"trophée qualité"}


def test_a_plural_series_names_its_prize_in_the_singular():
    assert prizes.singular_head("Trophées Vortal") == "Trophée Vortal"
    assert prizes.singular_head("Palmes de la relation client") == "Palme de la relation client"
    assert prizes.singular_head("Prix Vortal") == "Prix Vortal"


def test_organization_pairs_are_ordered_child_then_parent(context):
    ctx = context("Kelmor, filiale du groupe Astrane Holding, recrute.")
    pairs = _pairs(org_links.link_candidates(ctx, []))
    assert any(child == "Kelmor" for child, _ in pairs) and any(parent == "Kelmor" for _, parent in pairs)
    assert org_links.link_type(", filiale du groupe ") == "subsidiaryOf"
    assert org_links.link_type(" et ") == "parentOrganization"


def test_a_link_and_its_reverse_are_rivals_of_which_the_likelier_stays(context):
    ctx = context("Kelmor, filiale du groupe Astrane Holding, recrute.")
    links = load_deciders()["org_links"]
    cands = links.candidates(ctx, [])
    child_first = next(c for c in cands if c.mentions[0].text == "Kelmor")
    favour = LinearModel({f: 0.1 for f in child_first.features if f.startswith("ab:")}, bias=2.0)
    facts = decide(links, ctx, [], favour)
    assert {(f.get("child").name, f.get("parent").name) for f in facts} == {("Kelmor", "Astrane Holding")}


def test_interviewees_are_the_people_a_post_names_in_full(context):
    ctx = context("Sophie Delmas répond à nos questions.\nQuelle est votre priorité ?\nLe client.",
                  title="Entretien avec Sophie Delmas")
    cands = interviews.interviewee_candidates(ctx, [])
    assert [c.mentions[0].text for c in cands] == ["Sophie Delmas"]
    assert "doc=INTERVIEW" in cands[0].features


def test_an_interviewee_is_read_at_every_mention_not_only_the_first(context):
    ctx = context("Chez Norvalis, Marc Tellier a pris la direction du service client en mai.\n"
                  "Nous avons rencontré Marc Tellier à Lyon. Comment voyez-vous vos clients ?"
                  " Et vos équipes ? Et demain ?")
    [cand] = interviews.interviewee_candidates(ctx, [])
    assert "any:w-1=rencontrer" in cand.features
    assert "doc=questions" in cand.features


def test_the_person_a_post_names_first_is_told_among_interviewees(context):
    ctx = context("Sophie Delmas, directrice de Norvalis, dévoile sa vision. Elle cite Marc Tellier.\n"
                  "Pourquoi ce choix ?\nParce que le client compte.")
    by_name = {c.mentions[0].text: c.features for c in interviews.interviewee_candidates(ctx, [])}
    assert "named_first" in by_name["Sophie Delmas"] and "named_later" in by_name["Marc Tellier"]


def test_keys_tie_every_alias_to_one_entity(tmp_path: Path):
    key = {"source": "x.txt", "entities": [
        {"name": "Pelliot Assurances", "type": "Company", "aliases": ["Pelliot"]},
        {"name": "Jeanne Vallier", "type": "Person", "aliases": []}],
        "positions": [{"person": "Jeanne Vallier", "title": "DG", "org": "Pelliot"}]}
    path = tmp_path / "k.yaml"
    path.write_text(yaml.safe_dump(key), encoding="utf-8")
    facts = read_key(path)
    assert facts.entity("PELLIOT") == facts.entity("Pelliot Assurances")
    assert facts.positions == {(facts.entity("Jeanne Vallier"), facts.entity("Pelliot"))}


def test_a_recipient_is_a_positive_only_where_the_post_names_its_award(context):
    # The recipient decider learns whether the fact it makes is right: a right recipient whose award the post
    # never names would get a wrong prize.
    ctx = context("Le Trophée Vortal 2019 a été remis à Kelmor, devant la société Astrane.")
    key = KeyFacts("x.txt", entity_of={"kelmor": "kelmor", "astrane": "astrane"},
                   awards=[("kelmor", "Trophée Vortal"), ("astrane", "Prix de l'innovation Ardelle")])
    cands = {c.mentions[0].text: c for c in awards.recipient_candidates(ctx, [])}
    assert awards.prize_named(ctx, cands["Kelmor"], key)
    assert not awards.prize_named(ctx, cands["Astrane"], key)


def test_entity_candidates_add_the_names_the_finder_left_out(context):
    from graph.learn.entities import entity_candidates, entity_features

    ctx = context("Le site Zorbalix a séduit les jurés, comme la société Pelliot Assurances.")
    cands = entity_candidates(ctx.post, ctx.doc, list(ctx.mentions))
    texts = {c.text for c in cands}
    assert "Pelliot Assurances" in texts and any("Zorbalix" in t for t in texts)
    feats = entity_features(ctx, next(c for c in cands if c.text == "Pelliot Assurances"))
    assert "nwords=2" in feats and any(f.startswith("shape=") for f in feats)
    assert "prevclass=ORGNOUN" in feats  # "la société X": a kind word just before the name


def test_a_social_media_handle_is_no_entity_candidate(context):
    from graph.learn.entities import entity_candidates

    ctx = context("Paul Verdal, CEO de Kelvora (@Kelvora_Group), a parlé ; suivez #RelationClient.")
    texts = {c.text for c in entity_candidates(ctx.post, ctx.doc, list(ctx.mentions))}
    assert not any("Kelvora_Group" in t or "RelationClient" in t for t in texts)


def test_the_corrector_keeps_what_its_model_keeps_with_the_kind_it_gives(context):
    from graph.learn.entities import correct

    ctx = context("Le site Zorbalix a séduit les jurés, comme la société Pelliot Assurances.")
    assert [m for m in correct(ctx, LinearModel({}, bias=-5.0), None) if m.kind != "Place"] == []
    kept = correct(ctx, LinearModel({}, bias=5.0), LinearModel({}, bias=-5.0))
    assert kept and all(m.kind != "Person" and m.source in ("ner", "gazetteer", "pattern") for m in kept)


def test_the_corrector_keeps_a_site_named_by_its_address_whatever_its_model_says(context):
    from graph.learn.entities import correct

    ctx = context("Selon le comparateur Zorbalix.fr, les clients sont satisfaits.")
    kept = {m.text for m in correct(ctx, LinearModel({}, bias=-5.0), None)}
    assert "Zorbalix.fr" in kept


def test_jargon_is_no_candidate_even_where_the_finder_read_a_name(context):
    from graph.learn.entities import entity_candidates

    ctx = context("La stratégie est claire, rappelle Seydou Bakary, le responsable des Ntic à l'Apix.")
    assert "Ntic" in {m.text for m in ctx.mentions}  # the finder's lone capitalised word
    assert "Ntic" not in {m.text for m in entity_candidates(ctx.post, ctx.doc, list(ctx.mentions))}


def test_event_roles_are_candidates_only_where_the_rules_found_an_event(context):
    from graph.learn.events import ORGANIZERS, SPEAKERS

    ctx = context("La 5e Convention Kelmor s'est tenue à Lyon, organisée par l'association Astrane.\n"
                  "Paul Brenier y est intervenu sur l'avenir du service client.")
    event = Fact("events", "Convention", (("label", "5e Convention Kelmor"),),
                 Evidence.of(ctx.post, 0, 30), ("label",))
    orgs = ORGANIZERS.candidates(ctx, [event])
    assert any("Astrane" in c.mentions[0].text for c in orgs)
    people = SPEAKERS.candidates(ctx, [event])
    assert [c.mentions[0].text for c in people] == ["Paul Brenier"]
    added = decide(SPEAKERS, ctx, [event], LinearModel({}, bias=5.0))
    assert event in added  # an additive decider keeps the rules' facts
    speaker = next(f for f in added if f.get("speaker"))
    assert speaker.get("label") == "5e Convention Kelmor" and speaker.get("speaker").name == "Paul Brenier"
    assert SPEAKERS.candidates(ctx, []) == []


def test_an_organization_named_in_an_events_name_is_told_and_joins_that_event(context):
    from graph.learn.events import ORGANIZERS

    text = "Le Forum Dralix s'ouvre. Le groupe Kelmor a tenu le Colloque Kelmor 2019 à Lyon."
    ctx = context(text)
    events = [Fact("events", "Conference", (("label", label),), Evidence.of(ctx.post, at, at + 9), ("label",))
              for label, at in (("Forum Dralix", 3), ("Colloque Kelmor 2019", text.index("Colloque")))]
    by_name = {c.mentions[0].text: c for c in ORGANIZERS.candidates(ctx, events)}
    assert "in_event_name" in by_name["Kelmor"].features
    added = decide(ORGANIZERS, ctx, events, LinearModel({}, bias=5.0))
    joined = {f.get("organizer").name: f.get("label") for f in added if f.get("organizer")}
    assert joined["Kelmor"] == "Colloque Kelmor 2019"  # named after the forum, before the colloquium


def test_an_organization_the_awards_rules_make_a_recipient_is_told_among_event_roles(context):
    from graph.learn.events import ORGANIZERS

    ctx = context("Le comparateur Vexa organise les Trophées Dralix 2024. Kelmor Banque remporte le Trophée "
                  "Dralix 2024 de la banque en ligne.")
    event = Fact("events", "AwardCeremony", (("label", "Trophées Dralix 2024"),),
                 Evidence.of(ctx.post, 0, 30), ("label",))
    by_name = {c.mentions[0].text: c for c in ORGANIZERS.candidates(ctx, [event])}
    assert "recipient" in by_name["Kelmor Banque"].features
    assert "recipient" not in by_name["Vexa"].features


def test_work_titles_are_the_phrases_a_work_word_heads_and_quoted_titles(context):
    from graph.learn import works

    ctx = context("Le baromètre Vortal 2021 réalisé par la société Kelmor paraît. "
                  "Son livre « Le client roi » est sorti.")
    titles = {m.text for m in works.title_phrases(ctx)}
    assert "baromètre Vortal 2021" in titles and "Le client roi" in titles
    cand = next(c for c in works.work_candidates(ctx, []) if c.mentions[0].text == "baromètre Vortal 2021")
    fact = works.work_facts(ctx, cand)[0]
    assert fact.type == "Study" and fact.get("year") == 2021
    assert [a.name for a in fact.all("author")] == ["Kelmor"]


def test_a_name_is_also_offered_with_the_capitalised_words_beside_it():
    from graph.learn.entities import _widened
    from graph.model import Mention

    text = "Le jury salue Hess Automobile Group pour sa note, puis Dr Pierre Ricaud."
    hess = Mention(14, 18, "Hess", "Person", "partial")
    assert [m.text for m in _widened(text, hess)] == ["Hess Automobile", "Hess Automobile Group"]
    ricaud = Mention(58, 71, "Pierre Ricaud", "Person", "ner")
    assert "Dr Pierre Ricaud" in [m.text for m in _widened(text, ricaud)]


def test_an_associations_name_is_also_offered_as_its_whole_noun_phrase(context):
    from graph.learn.entities import entity_candidates

    ctx = context("Paul Brenier préside l'Association ligérienne des centres de contacts depuis 2010.")
    texts = {c.text for c in entity_candidates(ctx.post, ctx.doc, list(ctx.mentions))}
    assert "Association ligérienne des centres de contacts" in texts


def test_list_items_and_jargon_in_the_entity_candidates(context):
    from graph.learn.entities import entity_candidates

    ctx = context("Le classement Vortal :\n\n1. Zorbalix\n2. Pelliot Assurances\n3. Kelmor\n\n"
                  "Le Machine Learning aide.")
    texts = {c.text for c in entity_candidates(ctx.post, ctx.doc, list(ctx.mentions))}
    assert {"Zorbalix", "Pelliot Assurances", "Kelmor"} <= texts
    assert "Machine Learning" not in texts


def test_a_candidate_knows_it_is_part_of_a_fuller_persons_name(context):
    from graph.learn.entities import entity_candidates, entity_features

    ctx = context("Odile Vaubernier, directrice qualité, a reçu les jurés. Selon Vaubernier, tout va bien.")
    cands = entity_candidates(ctx.post, ctx.doc, list(ctx.mentions))
    lone = [c for c in cands if c.text == "Vaubernier"]
    full = next(c for c in cands if c.text == "Odile Vaubernier")
    assert all("person_part=last" in entity_features(ctx, c) for c in lone)
    assert not any(f.startswith("person_part=") for f in entity_features(ctx, full))


def test_a_score_or_a_year_is_no_name_the_finder_missed():
    from graph.learn.entities import _names_someone

    assert not _names_someone("61,4/100") and not _names_someone("2019")
    assert _names_someone("Zorbalix") and _names_someone("Kelmor Services")


def test_a_clause_ends_after_an_acronym_but_not_after_an_initial():
    from graph.learn.features import clause_bounds

    text = "Bouygues Telecom s'allie à SFR. Sitel, filiale de Acticall, signe. J. Dupont et M. Roux y sont."
    first = clause_bounds(text, 0, 8)
    assert text[first[0] : first[1]] == "Bouygues Telecom s'allie à SFR."
    sitel = text.index("Sitel")
    assert text[slice(*clause_bounds(text, sitel, sitel + 5))] == "Sitel, filiale de Acticall, signe."
    dupont = text.index("Dupont")
    assert text[slice(*clause_bounds(text, dupont, dupont + 6))] == "J. Dupont et M. Roux y sont."


def learned_titles(ctx) -> dict[tuple[str, str], str]:
    """(holder, organization) -> title of every position the positions decider keeps when it keeps all."""
    facts = decide(load_deciders()["positions"], ctx, [], LinearModel({}, bias=5.0))
    return {(f.get("holder").name, f.get("organization").name): f.get("title") for f in facts}


def test_a_learned_position_takes_its_title_from_the_title_word_on(context):
    titles = learned_titles(context("Jeanne Vallier est aussi la fondatrice de Pelliot Assurances, dit-on."))
    assert titles[("Jeanne Vallier", "Pelliot Assurances")] == "fondatrice"


def test_a_title_that_names_another_organization_is_not_the_next_ones(context):
    ctx = context("Jeanne Vallier, directrice générale de Pelliot Assurances, rejoint Webhelp.")
    titles = learned_titles(ctx)
    assert titles[("Jeanne Vallier", "Pelliot Assurances")] == "directrice générale"
    assert titles[("Jeanne Vallier", "Webhelp")] == "member"
