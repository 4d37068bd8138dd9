"""Award conferrals, on tiny hand-made French posts: one test per shape the extractor claims."""

from __future__ import annotations

import pytest

from graph.extract.awards import IDENTITY, extract_awards
from graph.extract.awards.names import names_its_giver
from graph.model import Fact


def awards(context, body: str, **post) -> list[Fact]:
    """The conferrals found in a post; each quote is the post's text at its offsets."""
    ctx = context(body, **post)
    facts = list(extract_awards(ctx))
    for fact in facts:
        assert fact.type == "AwardConferral" and fact.family == "awards"
        assert fact.identity == IDENTITY
        assert fact.evidence.quote == ctx.post.text[fact.evidence.start : fact.evidence.end]
        assert len(fact.evidence.quote) <= 200
    return facts


def rows(facts: list[Fact], *roles: str) -> set[tuple]:
    """(recipient name, award, and the asked roles) of each fact."""
    out = set()
    for f in facts:
        values = tuple(v.name if hasattr(v, "name") else v for v in (f.get(r) for r in roles))
        out.add((f.get("recipient").name, f.get("award"), *values))
    return out


PALMES = "Palmes de la Relation client 2013 : un bon anniversaire !"


def test_an_award_line_names_the_prize_its_category_and_the_ceremony_of_the_post(context):
    facts = awards(
        context,
        "La soirée était réussie.\n\nPalme Innovation Catégorie Expérience client : "
        "La Banque Postale IARD.\nUne belle application.\n",
        title=PALMES,
    )
    assert rows(facts, "category", "year", "event") == {
        (
            "La Banque Postale IARD",
            "Palme Innovation Catégorie Expérience client",
            "Expérience client",
            2013,
            "Palmes de la Relation client 2013",
        )
    }


def test_an_award_line_with_a_year_and_a_quoted_category(context):
    facts = awards(
        context, "Palme 2013 de la Relation Client catégorie « Initiative et Territoire » : CAMIF Matelsom.\n"
    )
    assert rows(facts, "category", "year") == {
        (
            "CAMIF Matelsom",
            "Palme de la Relation Client catégorie Initiative et Territoire",
            "Initiative et Territoire",
            2013,
        )
    }


def test_the_awarded_project_follows_pour(context):
    facts = awards(
        context, "Palme 2013 Coup de cœur du jury : Groupama Rhône-Alpes / Auvergne pour Granvillage.\n"
    )
    assert rows(facts, "project") == {
        ("Groupama Rhône-Alpes / Auvergne", "Palme Coup de cœur du jury", "Granvillage")
    }


def test_a_category_list_takes_the_prize_series_from_its_heading(context):
    body = (
        "La Fête des services 2013 est une première. Le jury a donné le palmarès suivant :\n"
        "  • Catégorie « Services aux seniors » : Beecitiz\n"
        "  • Grand Prix Esprit de Service France : Allo-mairie\n"
    )
    assert rows(awards(context, body), "category", "event") == {
        (
            "Beecitiz",
            "Fête des services 2013 - Services aux seniors",
            "Services aux seniors",
            "Fête des services 2013",
        ),
        ("Allo-mairie", "Grand Prix Esprit de Service France", None, "Fête des services 2013"),
    }


def test_a_winner_for_the_named_palme(context):
    facts = awards(
        context,
        "Les Palmes ont récompensé cette année :\n\nMercedes-Benz pour la Palme Voix du Client. "
        "La marque a été élue par les clients.\n\nClub d'Arc pour la Palme Initiative et Territoire.\n",
    )
    assert rows(facts) == {
        ("Mercedes-Benz", "Palme Voix du Client"),
        ("Club d'Arc", "Palme Initiative et Territoire"),
    }


ELU = "Elu service client de l'année 2014, source de réjouissances"


def test_each_bullet_of_a_winner_list_is_one_prize_in_its_category(context):
    body = (
        "Les 27 lauréats 2014 dans les 28 catégories :\n"
        "  • Europcar (Location de véhicules) élu service client de l'année.\n"
        "  • vente-privee.com (Vente à distance généraliste et Vente évènementielle)\n"
        "  • Groupon (Achats groupés et deals), nouveau gagnant de cette catégorie\n"
    )
    assert rows(awards(context, body, title=ELU), "category", "year", "event") == {
        (
            "Europcar",
            "Elu service client de l'année 2014 - Location de véhicules",
            "Location de véhicules",
            2014,
            "Elu service client de l'année 2014",
        ),
        (
            "vente-privee.com",
            "Elu service client de l'année 2014 - Vente à distance généraliste",
            "Vente à distance généraliste",
            2014,
            "Elu service client de l'année 2014",
        ),
        (
            "vente-privee.com",
            "Elu service client de l'année 2014 - Vente évènementielle",
            "Vente évènementielle",
            2014,
            "Elu service client de l'année 2014",
        ),
        (
            "Groupon",
            "Elu service client de l'année 2014 - Achats groupés et deals",
            "Achats groupés et deals",
            2014,
            "Elu service client de l'année 2014",
        ),
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # bullets that describe their winner, under a heading that names the prize outside its aside
        ("Le jury a rendu son verdict.\n\n"
         "Palmarès du trophée Open to Listen 2016 (et non du Prix des Fidèles), les gagnants :\n\n"
         "  • BRINDOR, torréfacteur depuis 1920\n  • Vertigo.fr, pour ses cerfs-volants\n",
         {("BRINDOR", "trophée Open to Listen 2016", None),
          ("Vertigo.fr", "trophée Open to Listen 2016", None)}),
        # plain lines that open on a name, up to the first line that does not
        ("Voici le palmarès des Trophées Vermeil 2019, les gagnants sont :\n"
         "Ormeau Services, installé à Lille depuis dix ans. Il progresse encore.\n"
         "Vertigo Conseil, primé pour la deuxième fois.\nLe jury se réunira de nouveau en juin.\n",
         {("Ormeau Services", "Trophée Vermeil 2019", None),
          ("Vertigo Conseil", "Trophée Vermeil 2019", None)}),
        # plain lines with their category
        ("Les lauréats des Trophées Vermeil 2019 :\nBrindor (Vente en ligne)\nVertigo Conseil (Banque)\n",
         {("Brindor", "Trophée Vermeil 2019 - Vente en ligne", "Vente en ligne"),
          ("Vertigo Conseil", "Trophée Vermeil 2019 - Banque", "Banque")}),
        # a heading whose verb confers the prize on the list
        ("Cette année, trois enseignes obtiennent le Label Vermeil :\n- Brindor\n- Vertigo Conseil\n",
         {("Brindor", "Label Vermeil", None), ("Vertigo Conseil", "Label Vermeil", None)}),
        # no prize named: left to the learned decider
        ("Les gagnants sont :\nOrmeau Services, installé à Lille.\nVertigo Conseil.\n", set()),
    ],
)
def test_winners_listed_one_per_line_under_a_winners_heading(context, body, expected):
    assert rows(awards(context, body), "category") == expected


def test_two_winners_of_one_line_are_two_conferrals(context):
    body = "Les lauréats des Trophées Vermeil 2019 :\n- Brindor et Vertigo Conseil, ex æquo (Banque)\n"
    assert {r[0] for r in rows(awards(context, body))} == {"Brindor", "Vertigo Conseil"}
    body = "Le palmarès des Trophées Vermeil.\n\nPrix de bronze (ex æquo) : Maison Durand et Atelier Brun\n"
    found = rows(awards(context, body))
    assert {("Maison Durand", "Prix de bronze"), ("Atelier Brun", "Prix de bronze")} <= found


def test_a_winner_line_names_previous_holders_of_the_same_prize(context):
    body = (
        "Les lauréats 2014 :\n"
        "  • Société Générale (Banque) succède à BNP Paribas vainqueur l'an passé.\n"
        "  • Cmonassurance.com (Assurance) remporte le prix et détrône Mutavie.\n"
        "  • Cofidis (Organisme de crédit) qui, après avoir remporté l'édition 2012, remporte le prix 2014.\n"
        "  • Nespresso (Distribution) gagne. C'est Nespresso qui avait été élu "
        "Service client de l'année 2012."
    )
    found = rows(awards(context, body, title=ELU), "year", "event")
    assert ("BNP Paribas", "Elu service client de l'année 2013 - Banque", 2013, None) in found
    assert ("Mutavie", "Elu service client de l'année - Assurance", None, None) in found
    assert ("Cofidis", "Elu service client de l'année 2012 - Organisme de crédit", 2012, None) in found
    assert ("Nespresso", "Elu service client de l'année 2012 - Distribution", 2012, None) in found
    assert len(found) == 8


def test_the_organizer_named_in_the_post_confers_the_listed_prizes(context):
    body = (
        "Les lauréats 2014 :\n  • Total (Service aux automobilistes) remporte le prix.\n\n"
        "Il faut payer l'étude réalisée par l'organisateur Viseo.\n"
    )
    (fact,) = awards(context, body, title=ELU)
    assert fact.get("conferredBy").name == "Viseo"


def test_the_role_of_the_year_and_the_runners_up(context):
    body = (
        "Olivier Leclerc, directeur des centres de relation clients d'EDF est le Directeur Relation Client "
        "de l'année 2013, suivi d'Anne Loïs (iDTGV) et Delphine Isal (Air France-KLM).\n"
    )
    assert rows(awards(context, body, title=PALMES), "rank", "year", "event") == {
        (name, "Directeur Relation Client de l'année", rank, 2013, "Palmes de la Relation client 2013")
        for name, rank in (("Olivier Leclerc", 1), ("Anne Loïs", 2), ("Delphine Isal", 3))
    }


def test_elected_at_a_ceremony(context):
    body = (
        "Virginie Le Lamer (GDF SUEZ Dolce Vita) a été élue meilleure conseillère client de France 2013 "
        "lors des 24 heures de la Relation Client de l'AFRC.\n"
    )
    assert rows(awards(context, body), "year", "event") == {
        (
            "Virginie Le Lamer",
            "meilleure conseillère client de France",
            2013,
            "24 heures de la Relation Client 2013",
        )
    }


def test_last_year_dates_a_prize_one_year_before_the_post(context):
    body = (
        "Virginie Le Lamer a été élue meilleure conseillère client de France 2013.\n\n"
        "Elle était accompagnée d'Eric Lestanguet, Directeur de la relation client de GDF SUEZ lui aussi "
        "récompensé l'an passé et désigné Directeur de la relation client de l'année.\n"
    )
    found = rows(
        awards(context, body, title="Virginie Le Lamer et les 24 heures de la Relation Client 2013"), "year"
    )
    assert ("Eric Lestanguet", "Directeur de la relation client de l'année", 2012) in found


def test_podium_places_go_with_the_last_prize(context):
    body = (
        "Alain Angerame, Directeur de la Relation Client de Bouygues Telecom a été nommé Directeur Relation "
        "Client de l'Année.\n\nXavier Quérat-Hément, Directeur de la qualité de La Poste, et Maria Flament, "
        "Responsable Voix du Client de Leroy Merlin, occupent respectivement la deuxième et la "
        "troisième place."
    )
    assert rows(awards(context, body), "rank") == {
        ("Alain Angerame", "Directeur Relation Client de l'Année", None),
        ("Xavier Quérat-Hément", "Directeur Relation Client de l'Année", 2),
        ("Maria Flament", "Directeur Relation Client de l'Année", 3),
    }


def test_a_prize_given_by_its_subject(context):
    facts = awards(context, 'L\'AFRC a décerné son prix "Coup de cœur" à Nespresso.\n')
    assert rows(facts, "conferredBy") == {("Nespresso", "prix Coup de cœur", "AFRC")}


def test_a_prize_given_to_the_narrator_goes_to_the_author(context):
    body = 'Lors de cette soirée, le comité du Gala m\'a décerné son prix "Coup de cœur" pour mon action.\n'
    assert rows(awards(context, body, author="Thierry Spencer")) == {("Thierry Spencer", "prix Coup de cœur")}


def test_a_named_prize_won(context):
    facts = awards(
        context, "Cette année, Nespresso remporte le Trophée de la Qualité Client 2012 devant Darty.\n"
    )
    assert rows(facts, "year") == {("Nespresso", "Trophée de la Qualité Client", 2012)}


def test_the_great_winner_of_a_ranking_written_in_lower_case(context):
    facts = awards(context, "Cette année, Nespresso est le grand gagnant du classement national de la"
                            " réactivité des boutiques en ligne.\n")
    assert rows(facts) == {("Nespresso", "classement national de la réactivité des boutiques en ligne")}


def test_a_prize_word_after_a_demonstrative_names_no_prize(context):
    facts = awards(context, "Darty illustre cette catégorie et sa progression. Par catégorie, les champions"
                            " 2011 sont : Fnac, Darty (électronique), Nespresso, Sephora (beauté).\n")
    assert {award for _, award in rows(facts)} == {"champions"}


def test_an_edition_rewards_each_organization_it_names(context):
    body = (
        "A propos des 24 heures de la relation client, notez que l'édition 2013 a récompensé les étudiants "
        "de l'IAE de Tours qui planchaient sur un sujet GDF SUEZ et l'équipe technique d'Acticall.\n"
    )
    assert rows(awards(context, body), "event") == {
        ("IAE de Tours", "24 heures de la relation client 2013", "24 heures de la relation client 2013"),
        ("Acticall", "24 heures de la relation client 2013", "24 heures de la relation client 2013"),
    }


def test_a_role_prize_in_apposition_takes_the_ceremony_of_the_post(context):
    body = (
        "Quelle surprise que d'assister aux Palmes de la Relation Client 2016 !\n"
        "Et pour finir : Céline Sarrazin la Directrice Client de l'année pour Bouygues Immobilier !\n"
    )
    assert rows(awards(context, body), "year", "event") == {
        ("Céline Sarrazin", "Directrice Client de l'année", 2016, "Palmes de la Relation Client 2016")
    }


def test_an_apposition_yields_to_a_firmer_statement_of_the_post(context):
    body = (
        "Virginie Le Lamer a été élue meilleure conseillère client de France 2013.\n"
        "Bravo à Virginie Le Lamer, Conseillère client de l'année !\n"
    )
    assert rows(awards(context, body)) == {("Virginie Le Lamer", "meilleure conseillère client de France")}


def test_no_prize_without_a_winner(context):
    body = (
        "Elu Service Client de l'année, dont c'est la 7ème édition, est le prix le plus connu.\n"
        "L'Agora, soutenue par La Mission Nationale de la Relation Client, Élu Service Client de l'Année "
        "et SP2C, a dévoilé son palmarès.\n"
        "Stéphane Treppoz a été nommé PDG d'AOL France en 1998.\n"
        "Mon premier billet de l'année 2011 parlait de Sarenza.\n"
        "Les entreprises se félicitent en se remettant des prix.\n"
    )
    assert awards(context, body, title=PALMES) == []


def test_a_run_of_winners_with_their_categories_after_the_ceremony_is_named(context):
    body = (
        "Belle soirée hier aux Trophées de l'Accueil Client 2015 au Grand Rex.\n"
        "Et sinon ? Orange, pour l'accueil téléphonique, la SNCF pour la relation digitale, "
        'Darty (@Darty) pour son programme baptisé "Contrat de confiance", Fnac pour la voix du client '
        "(enfin ?), et je salue aussi les équipes.\n"
    )
    assert rows(awards(context, body), "category", "project", "event") == {
        ("Orange", "Trophée de l'Accueil Client 2015 - accueil téléphonique", "accueil téléphonique", None,
         "Trophées de l'Accueil Client 2015"),
        ("SNCF", "Trophée de l'Accueil Client 2015 - relation digitale", "relation digitale", None,
         "Trophées de l'Accueil Client 2015"),
        ("Darty", "Trophée de l'Accueil Client 2015", None, "Contrat de confiance",
         "Trophées de l'Accueil Client 2015"),
        ("Fnac", "Trophée de l'Accueil Client 2015 - voix du client", "voix du client", None,
         "Trophées de l'Accueil Client 2015"),
    }


def test_a_run_of_winners_takes_the_year_of_the_post_series(context):
    body = "Voici le palmarès.\nDecathlon pour la fidélisation et Boulanger pour le service après-vente.\n"
    assert {(r, a) for r, a in rows(awards(context, body, title="Palmes de la Relation Client 2014"))} == {
        ("Decathlon", "Palme de la Relation Client 2014 - fidélisation"),
        ("Boulanger", "Palme de la Relation Client 2014 - service après-vente"),
    }


def test_one_x_pour_la_y_or_a_list_without_a_prize_is_no_winner(context):
    assert awards(context, "Aux Palmes de la Relation Client 2016, Orange pour la téléphonie.\n") == []
    assert (
        awards(context, "Les leaders sont connus : Orange pour la téléphonie, EDF pour l'énergie et Darty.\n")
        == []
    )
    # a possessive with no named project says why, not what was won
    body = "Aux Palmes de la Relation Client 2016.\nBravo Orange pour sa franchise, EDF pour son audace.\n"
    assert awards(context, body) == []


def test_a_rank_in_a_named_ranking(context):
    facts = awards(context, "Le gagnant : la MAIF, classée première du Podium TNS Sofres BearingPoint.\n")
    assert rows(facts, "rank") == {("MAIF", "Podium TNS Sofres BearingPoint", 1)}
    facts = awards(
        context,
        "Marc Dupont, directeur client de la MAAF, a été nommé Directeur Relation Client de l'Année. Un prix "
        "de plus pour cet assureur, classé deuxième du Classement Qualité Service Client.\n",
    )
    assert ("MAAF", "Classement Qualité Service Client", 2) in rows(facts, "rank")
    assert next(f for f in facts if f.get("rank") == 2).evidence.quote.startswith("MAAF")


def test_a_rank_needs_a_named_ranking_and_one_antecedent(context):
    assert awards(context, "Orange, classé premier de notre petite liste.\n") == []
    body = "Orange et SFR ont publié leurs chiffres. Cet opérateur, classé premier du Podium BVA, innove.\n"
    assert awards(context, body) == []


def test_an_award_line_winner_ends_at_its_clause(context):
    body = (
        "Voici les lauréats :\n"
        "  • Trophée de l'Innovation : Lunaris, pour son application « Lunaris Aide ». Bravo.\n"
        "  • Trophée de la Relation Collaborateurs : Kelvo, filiale du groupe Astra, récompensée.\n"
        "  • Coup de cœur du jury : la jeune pousse nantaise Vobix, qui rappelle les clients.\n"
    )
    facts = awards(context, body, title="Trophées Clients 2016 : le palmarès")
    assert rows(facts, "project") == {
        ("Lunaris", "Trophée de l'Innovation", "Lunaris Aide"),
        ("Kelvo", "Trophée de la Relation Collaborateurs", None),
        ("Vobix", "Coup de cœur du jury", None),
    }


def test_the_headline_is_no_award_line(context):
    facts = awards(context, "La soirée fut belle.\n", title="Trophées Clients 2016 : la MAIF rafle tout")
    assert facts == []


def test_a_prize_that_goes_to_its_winner(context):
    body = "Le Prix du Public, décerné par Client Hebdo après un vote, revient à Sosh, la marque d'Orange.\n"
    facts = awards(context, body, title="Trophées Clients 2016")
    assert rows(facts, "year", "conferredBy") == {("Sosh", "Prix du Public", 2016, "Client Hebdo")}
    assert rows(awards(context, "Le prix du public est revenu à Talkbox.\n", date="2014-03-21"), "year") == {
        ("Talkbox", "prix du public", 2014)
    }


def test_podium_places_given_in_turn_go_to_the_contest_named_before(context):
    body = (
        "Le salon accueillait le concours Jeunes Pousses Client, qui distingue les start-up. Le jury a "
        "attribué la première place à Qorva (rappels), la deuxième à Vexo et la troisième à Fidora.\n"
    )
    facts = awards(context, body, date="2014-03-21")
    assert rows(facts, "rank", "year") == {
        ("Qorva", "Concours Jeunes Pousses Client", 1, 2014),
        ("Vexo", "Concours Jeunes Pousses Client", 2, 2014),
        ("Fidora", "Concours Jeunes Pousses Client", 3, 2014),
    }


def test_a_category_list_under_a_heading_of_winners(context):
    body = (
        "Les entreprises labellisées, par catégorie :\n"
        "- Banque en ligne : Fortuneo\n"
        "- Téléphonie mobile : Sosh, la marque d'Orange\n"
    )
    facts = awards(context, body, title='Un nouveau label : "Service Client Modèle"', date="2014-03-24")
    assert rows(facts, "category") == {
        ("Fortuneo", "Service Client Modèle 2014 - Banque en ligne", "Banque en ligne"),
        ("Sosh", "Service Client Modèle 2014 - Téléphonie mobile", "Téléphonie mobile"),
    }


def test_a_podium_told_in_prose(context):
    body = (
        "Banque. Le Crédit Mutuel prend la tête, devant Boursorama Banque, deuxième, et la Société Générale, "
        "qui complète le podium.\n\n"
        "Énergie. EDF s'impose pour la deuxième année consécutive ; Engie décroche la deuxième marche et "
        "Total, filiale du groupe Elf, la troisième.\n"
    )
    facts = awards(context, body, title="Baromètre de l'Écoute Client 2014 : les résultats")
    assert rows(facts, "rank") == {
        ("Crédit Mutuel", "Baromètre de l'Écoute Client 2014 - Banque", 1),
        ("Boursorama Banque", "Baromètre de l'Écoute Client 2014 - Banque", 2),
        ("Société Générale", "Baromètre de l'Écoute Client 2014 - Banque", 3),
        ("EDF", "Baromètre de l'Écoute Client 2014 - Énergie", 1),
        ("Engie", "Baromètre de l'Écoute Client 2014 - Énergie", 2),
        ("Total", "Baromètre de l'Écoute Client 2014 - Énergie", 3),
    }


def test_a_podium_of_a_role_prize(context):
    body = (
        "Moment attendu, l'élection du Directeur Client de l'Année. Sur la plus haute marche : Julie Morel, "
        "directrice client chez SFR. Elle devance Marc Lefort, directeur client de Direct Assurance, classé "
        "deuxième, tandis que Nadia Belkacem, de Bonduelle, complète le podium à la troisième place.\n"
    )
    facts = awards(context, body, title="Trophées Clients 2015 : le palmarès")
    assert rows(facts, "rank", "year") == {
        ("Julie Morel", "Directeur Client de l'Année", 1, 2015),
        ("Marc Lefort", "Directeur Client de l'Année", 2, 2015),
        ("Nadia Belkacem", "Directeur Client de l'Année", 3, 2015),
    }


def test_a_podium_is_of_the_prize_its_own_sentence_names(context):
    body = (
        "Julie Morel a été élue Directrice Client de l'année 2023.\n"
        "Cette année, c'est Darty qui arrive en tête du Podium de la Relation Client, devant la Fnac.\n"
    )
    found = rows(awards(context, body), "rank")
    assert ("Darty", "Podium de la Relation Client", 1) in found
    assert ("Fnac", "Podium de la Relation Client", 2) in found


def test_a_ranking_that_places_a_name_at_its_head_followed_by_others(context):
    body = (
        "Le classement des opérateurs place en tête Kelmor Assurances, suivi de Vexa Telecom et de"
        " Brevia Energie.\n"
    )
    found = rows(awards(context, body, title="Baromètre Qualiscope 2022 : les résultats"), "rank")
    assert {(name, rank) for name, _, rank in found} == {
        ("Kelmor Assurances", 1), ("Vexa Telecom", 2), ("Brevia Energie", 3)
    }


def test_medals_are_podium_places(context):
    body = (
        "Kelmor Assurances décroche la médaille d'or du Trophée Qualiscope 2021, devant Vexa Telecom.\n"
    )
    found = rows(awards(context, body), "rank")
    assert {(name, rank) for name, _, rank in found} == {("Kelmor Assurances", 1), ("Vexa Telecom", 2)}


def test_names_on_a_podium_with_no_rank_share_the_prize_and_the_category_of_the_lead(context):
    body = (
        "Le comparateur Vexa décerne ses Trophées qualité chaque année. Du côté des banques en ligne, Kelmor"
        " Banque, Lunaris Bank et Brevia Finance montent sur le podium. Dans la catégorie Agence, Kelmor"
        " Banque devance ses concurrents.\n"
    )
    found = rows(awards(context, body), "category", "rank")
    assert {(name, category, rank) for name, _, category, rank in found} == {
        ("Kelmor Banque", "banques en ligne", None), ("Lunaris Bank", "banques en ligne", None),
        ("Brevia Finance", "banques en ligne", None), ("Kelmor Banque", "Agence", None),
    }
    assert {award for _, award, _, _ in found} == {
        "Trophée qualité - banques en ligne", "Trophée qualité - Agence"}


def test_names_tied_on_a_podium_share_its_rank(context):
    body = (
        "Kelmor Banque prend la première place du Trophée Vexa 2024, devant Lunaris Bank. Brevia Finance et"
        " Orvia Assurances sont ex æquo à la troisième place.\n"
    )
    found = rows(awards(context, body), "rank")
    assert {(name, rank) for name, _, rank in found} == {
        ("Kelmor Banque", 1), ("Lunaris Bank", 2), ("Brevia Finance", 3), ("Orvia Assurances", 3)
    }


def test_race_results_give_one_podium_per_category_a_sentence_opens_on(context):
    body = (
        "Chez les hommes, Jean Vasseur s'impose en 2h45, devant Paul Lemaire et Marc Orsini. Chez les femmes,"
        " Claire Morvan termine première, suivie de Julie Besson.\n"
    )
    found = rows(awards(context, body, title="Résultats du Trail des Conseillers 2024"), "category", "rank")
    assert {(name, category, rank) for name, _, category, rank in found} == {
        ("Jean Vasseur", "hommes", 1), ("Paul Lemaire", "hommes", 2), ("Marc Orsini", "hommes", 3),
        ("Claire Morvan", "femmes", 1), ("Julie Besson", "femmes", 2),
    }
    assert {award for _, award, _, _ in found} == {
        "Trail des Conseillers 2024 - hommes", "Trail des Conseillers 2024 - femmes"}


def test_a_podium_phrase_whose_subject_is_no_name_gives_no_prize(context):
    body = "Le Trophée Vexa de la relation client 2024 est remis. Trois banques montent sur le podium.\n"
    assert awards(context, body) == []


def test_ranks_without_a_podium_are_no_prize(context):
    assert awards(context, "Orange arrive troisième de notre liste de courses.\n") == []
    body = "Deuxième enseignement : EDF progresse. Pour la deuxième fois, Engie recule.\n"
    assert awards(context, body, title="Baromètre de l'Écoute Client 2014") == []


def test_a_section_of_winners_by_sector_with_ranks_and_numbered_lists(context):
    body = (
        "Le palmarès, secteur par secteur\n\n"
        "Banque :\n  1. Boursorama Banque (16,8/20)\n  2. Banque Lune\n\n"
        "Assurance : la Matmut, première avec 17,1/20, devant la GMF (2e). Pas de troisième.\n\n"
        "Vente à distance : Oscaro (1er) et Maison Vergne (2e), une petite maison des Vosges.\n\n"
        "Et deux prix hors secteurs :\n"
        "  • le Prix Coup de cœur du jury pour Tartines & Cie, chaîne lyonnaise de boulangeries ;\n"
    )
    facts = awards(context, body, title="Trophées de l'Écoute Client 2014 : le palmarès")
    assert rows(facts, "rank") >= {
        ("Boursorama Banque", "Trophée de l'Écoute Client 2014 - Banque", 1),
        ("Banque Lune", "Trophée de l'Écoute Client 2014 - Banque", 2),
        ("Matmut", "Trophée de l'Écoute Client 2014 - Assurance", 1),
        ("GMF", "Trophée de l'Écoute Client 2014 - Assurance", 2),
        ("Oscaro", "Trophée de l'Écoute Client 2014 - Vente à distance", 1),
        ("Maison Vergne", "Trophée de l'Écoute Client 2014 - Vente à distance", 2),
    }
    assert ("Tartines & Cie", "Prix Coup de cœur du jury") in {(r, a) for r, a in rows(facts)}


def test_sector_lines_need_a_section_of_winners(context):
    body = "Nos chiffres clés\n\nBanque : la Matmut, première avec 17,1/20, devant la GMF (2e).\n"
    assert awards(context, body, title="Trophées de l'Écoute Client 2014 : le palmarès") == []


def test_a_numbered_ranking_gives_every_place_its_rank(context):
    body = (
        "Les résultats ont été dévoilés hier soir.\n\n"
        "Les 3 premiers au classement général Exemplia 2019\n\n"
        "1. Maison Durand avec une note de 91,2\n"
        "2. Boulangeries Léa : 90,4\n"
        "3. Atelier Brun : 88\n"
    )
    title = "Trophées Exemplia 2019 : Maison Durand en tête"
    found = rows(awards(context, body, title=title), "rank", "category")
    assert found == {
        ("Maison Durand", "Trophée Exemplia", 1, "classement général Exemplia"),
        ("Boulangeries Léa", "Trophée Exemplia", 2, "classement général Exemplia"),
        ("Atelier Brun", "Trophée Exemplia", 3, "classement général Exemplia"),
    }


def test_a_bulleted_list_of_scores_in_order_is_a_ranking(context):
    body = (
        "Le baromètre Qualiscope mesure chaque année la satisfaction des clients des banques.\n\n"
        "  • Maison Durand (87,5%)\n"
        "  • Boulangeries Léa (85%)\n"
        "  • Atelier Brun (85%)\n"
        "  • Ferme Morel (81,2%)\n"
        "  • Cave Len"
    )
    found = rows(awards(context, body, title="Baromètre Qualiscope 2023 : les banques"), "rank")
    assert found == {
        ("Maison Durand", "Baromètre Qualiscope", 1),
        ("Boulangeries Léa", "Baromètre Qualiscope", 2),
        ("Atelier Brun", "Baromètre Qualiscope", 2),
        ("Ferme Morel", "Baromètre Qualiscope", 4),
    }
    unordered = body.replace("(85%)\n  • Atelier", "(80%)\n  • Atelier")
    assert awards(context, unordered, title="Baromètre Qualiscope 2023 : les banques") == []


def test_a_ranking_part_of_a_study_named_before_it_is_its_category(context):
    body = (
        "Cette année, « le palmarès qualité de l'accueil Exemplia 2019 » s'étend à la Belgique.\n"
        "Voici le classement des boutiques en ligne :\n\n"
        "1. Maison Durand\n"
        "2. Boulangeries Léa\n"
        "3. Atelier Brun\n"
    )
    found = rows(awards(context, body), "rank", "category")
    study = "palmarès qualité de l'accueil Exemplia"
    assert ("Maison Durand", study, 1, "classement des boutiques en ligne") in found


def test_a_heading_that_names_the_ranking_by_generic_words_names_the_one_before(context):
    body = (
        "Le palmarès de l'accueil Exemplia 2019 distingue les boutiques les plus attentives.\n"
        "Le classement complet :\n\n"
        "1. Maison Durand\n"
        "2. Boulangeries Léa\n"
        "3. Atelier Brun\n"
    )
    found = rows(awards(context, body), "rank", "category")
    assert ("Maison Durand", "palmarès de l'accueil Exemplia", 1, None) in found


def test_a_top_list_is_of_the_study_whose_quoted_name_the_text_gave(context):
    body = (
        "Le cabinet Exemplia publie son étude « Rapidité des boutiques » sur 80 enseignes.\n\n"
        "Voici le top 3 :\n"
        "1er – Maison Durand : 38 minutes\n"
        "2e – Boulangeries Léa : 52 minutes\n"
        "3e – Atelier Brun : 1 h 04\n"
    )
    found = rows(awards(context, body), "rank")
    study = "Rapidité des boutiques"
    assert {("Maison Durand", study, 1), ("Atelier Brun", study, 3)} <= found


def test_a_ranking_is_of_the_series_its_winners_are_said_to_be_of(context):
    body = (
        "Maison Durand arrive en tête cette année, devant Boulangeries Léa.\n"
        "Le top 3 de la saison :\n"
        "1. Maison Durand\n"
        "2. Boulangeries Léa\n"
        "3. Atelier Brun\n"
        "Tous les lauréats des Trophées Exemplia ont répondu présent à la soirée.\n"
    )
    found = rows(awards(context, body, title="Maison Durand monte sur la plus haute marche en 2021"), "rank")
    assert {("Maison Durand", "Trophée Exemplia", 1), ("Atelier Brun", "Trophée Exemplia", 3)} <= found


def test_a_list_under_a_heading_that_names_no_ranking_is_no_ranking(context):
    body = "Nos partenaires :\n\n1. Maison Durand\n2. Boulangeries Léa\n3. Atelier Brun\n"
    assert awards(context, body) == []



def test_a_prize_named_after_a_firm_names_its_giver():
    assert names_its_giver("Exemplia", "Trophée Exemplia", None, "Trophées Exemplia 2021")
    assert not names_its_giver("Maison Durand", "Trophée Exemplia", "banque", None)
    assert not names_its_giver("Exemplia", "Trophée Exemplias")


def test_a_run_of_names_after_a_clause_that_confers_a_prize_on_no_one_it_names(context):
    facts = awards(
        context,
        "Le jury a décerné en mars 2019 le Label Accueil Vermeil à cinq enseignes : "
        "Brindor, Cafés Malo, Vertigo Conseil et Ormeau Services.\n",
    )
    assert {(r, a) for r, a, _ in rows(facts, "year")} >= {
        ("Brindor", "Label Accueil Vermeil"),
        ("Vertigo Conseil", "Label Accueil Vermeil"),
        ("Ormeau Services", "Label Accueil Vermeil"),
    }
    assert {y for *_, y in rows(facts, "year")} == {2019}


def test_a_run_of_names_before_the_clause_and_a_quoted_prize(context):
    facts = awards(
        context,
        "La cérémonie a eu lieu hier.\n\nBrindor, Vertigo Conseil, Ormeau Services : toutes trois ont été "
        "couronnées « Marque préférée de l'année 2018 ».\n",
    )
    assert {r for r, _ in rows(facts)} == {"Brindor", "Vertigo Conseil", "Ormeau Services"}
    assert {a for _, a in rows(facts)} == {"Marque préférée de l'année"}


def test_a_run_of_categories_with_their_winners_in_parentheses(context):
    facts = awards(
        context,
        "Boulangerie (Maison Durand), banque (Banque Brindor), transports (Vertigo Express) : en 2024, le "
        "jury a décerné le label « Élu Meilleur Accueil de l'année » à ces trois maisons.\n",
    )
    assert rows(facts, "category", "year") == {
        ("Maison Durand", "Élu Meilleur Accueil de l'année", "Boulangerie", 2024),
        ("Banque Brindor", "Élu Meilleur Accueil de l'année", "banque", 2024),
        ("Vertigo Express", "Élu Meilleur Accueil de l'année", "transports", 2024),
    }


def test_a_run_of_names_takes_the_categories_the_clause_gives_them_in_order(context):
    facts = awards(
        context,
        "Maison Durand, Banque Brindor, Vertigo Express : tous trois décrochent le titre « Meilleur Accueil "
        "de l'année 2015 » pour leurs catégories (boulangerie, banque en ligne et transports).\n",
    )
    assert rows(facts, "category") == {
        ("Maison Durand", "Meilleur Accueil de l'année", "boulangerie"),
        ("Banque Brindor", "Meilleur Accueil de l'année", "banque en ligne"),
        ("Vertigo Express", "Meilleur Accueil de l'année", "transports"),
    }


def test_a_short_prize_head_names_the_series_the_post_named_before(context):
    facts = awards(
        context,
        "Le Label Accueil Vermeil change de mains.\n\nLes lauréats sont : Brindor, Vertigo Conseil et "
        "Ormeau Services.\n",
        title="Le Label Accueil Vermeil en 2016",
    )
    assert {a for _, a in rows(facts)} == {"Label Accueil Vermeil"}
    assert {r for r, _ in rows(facts)} == {"Brindor", "Vertigo Conseil", "Ormeau Services"}


def test_a_run_beside_a_clause_that_confers_nothing_or_with_more_than_names_is_no_winners_list(context):
    assert not awards(
        context,
        "Les partenaires de la soirée sont : Brindor, Vertigo Conseil et Ormeau Services.\n"
        "Nos clients labellisés : Brindor, Vertigo Conseil et Ormeau Services, chez Cafés Malo.\n",
    )


def test_categories_in_parentheses_close_groups_of_listed_winners(context):
    facts = awards(context, "Le cabinet publie son étude annuelle. Les champions 2019 sont : Brindor, "
                   "Vertigo Group (pour la banque), Telvia, Ciblo Group (assurance), Dialys SAS (énergie).")
    assert rows(facts, "category", "year") >= {
        ("Brindor", "champions", "banque", 2019), ("Vertigo Group", "champions", "banque", 2019),
        ("Telvia", "champions", "assurance", 2019), ("Dialys SAS", "champions", "énergie", 2019)}
