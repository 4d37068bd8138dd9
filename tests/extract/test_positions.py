"""Positions: each shape the extractor claims, on tiny hand-made French sentences."""

from __future__ import annotations

import pytest

from graph.extract.positions import extract
from graph.model import Fact


def positions(context, body: str, **post) -> set[tuple[str, str, str]]:
    """(holder, title, organization) of every position found in a post."""
    ctx = context(body, **post)
    facts = list(extract(ctx))
    for fact in facts:  # every fact cites a passage of its own post
        assert fact.evidence.quote == ctx.post.text[fact.evidence.start : fact.evidence.end]
        assert len(fact.evidence.quote) <= 200
    return {_row(f) for f in facts}


def _row(fact: Fact) -> tuple[str, str, str]:
    return fact.get("holder").name, fact.get("title"), fact.get("organization").name


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Nous avons rencontré Vineet Nayar, le Président de HCLT, à Paris.",
         ("Vineet Nayar", "Président", "HCLT")),
        ("Elle était accompagnée d'Eric Lestanguet, Directeur de la relation client de GDF SUEZ.",
         ("Eric Lestanguet", "Directeur de la relation client", "GDF SUEZ")),
        ("La parole est à Isabelle Barth, Directrice de l'EM Strasbourg.",
         ("Isabelle Barth", "Directrice", "EM Strasbourg")),
        ("Arnaud Deschamps le Directeur général de Nespresso France était sur scène.",
         ("Arnaud Deschamps", "Directeur général", "Nespresso France")),
        ("Olivier Leclerc, directeur des centres de relation clients particuliers d'EDF, a gagné.",
         ("Olivier Leclerc", "directeur des centres de relation clients particuliers", "EDF")),
        # two adjectives joined by "et" are one title
        ("Hugo Lantier, directeur administratif et financier de Kelvora Conseil, a parlé.",
         ("Hugo Lantier", "directeur administratif et financier", "Kelvora Conseil")),
        ("Je suis Virginie Le Lamer, conseillère GDF SUEZ DolceVita, à Quimper.",
         ("Virginie Le Lamer", "conseillère", "GDF SUEZ DolceVita")),
        ("En guise d'introduction, Laurent Garnier, directeur associé de KP/AM, présentait une étude.",
         ("Laurent Garnier", "directeur associé", "KP/AM")),
        # titles of a site, of a central bank
        ("Hugo Lantier, Site Leader de Darty à Lille, a ouvert le centre.",
         ("Hugo Lantier", "Site Leader", "Darty")),
        ("Paul Verdal, le gouverneur de la Banque de France, a parlé.",
         ("Paul Verdal", "gouverneur", "Banque de France")),
    ],
)
def test_person_then_title_then_organization(context, body, expected):
    assert expected in positions(context, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Il me rappelle le directeur marketing monde du Groupe Yum! (Pizza Hut, KFC...), Micky Pant.",
         ("Micky Pant", "directeur marketing monde", "Groupe Yum!")),
        ("Ce livre fut écrit par le premier vice-Président d'Amazon, Bill Price, en 2006.",
         ("Bill Price", "premier vice-Président", "Amazon")),
        ("Le discours du Président de la Mission Nationale de la Relation Client, Fabrice André, a plu.",
         ("Fabrice André", "Président", "Mission Nationale de la Relation Client")),
    ],
)
def test_title_then_organization_then_person(context, body, expected):
    assert expected in positions(context, body)


def test_a_founder_in_parentheses(context):
    body = "Guy Kawasaki cite Richard Branson (le fondateur du groupe Virgin qui a ciré ses chaussures)."
    found = positions(context, body)
    assert ("Richard Branson", "fondateur", "Virgin") in found


def test_a_possessive_title_is_at_the_organization_just_named(context):
    body = "Palme Initiative et Territoire : CAMIF Matelsom.\nEmery Jacquillat, son Président racontait."
    found = positions(context, body)
    assert ("Emery Jacquillat", "Président", "CAMIF Matelsom") in found


def test_an_anaphoric_organization_is_the_one_just_named(context):
    found = positions(context, "Bouygues Telecom est distingué pour son projet, résumé par Alain Angerame, "
                               "Directeur Relation Client de l'opérateur.")
    assert ("Alain Angerame", "Directeur Relation Client", "Bouygues Telecom") in found


def test_du_groupe_is_the_organization_the_sentences_are_about(context):
    found = positions(context, "Darty a répondu aux clients via son compte Twitter. Le président du groupe, "
                               "Marc Aubert, promet des changements.")
    assert ("Marc Aubert", "président", "Darty") in found
    assert not any(org == "Twitter" for _, _, org in found)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("J'ai rencontré Vineet Nayar grâce à Dominique Gibert de Diateino, son éditeur.",
         ("Dominique Gibert", "member", "Diateino")),
        ("Billet écrit par Thierry Spencer, du Sens du client, le blog des professionnels.",
         ("Thierry Spencer", "member", "Sens du client")),
        ("Olivier Leclerc est suivi d'Anne Loïs (iDTGV) et Delphine Isal (Air France-KLM).",
         ("Delphine Isal", "member", "Air France-KLM")),
        ("Comme le disent Tony Hsieh de Zappos et Maria Flament de Leroy Merlin dans leurs livres.",
         ("Maria Flament", "member", "Leroy Merlin")),
        ("Selon M. Paul Verdal (groupe Fnac) et M. Hugo Lantier (groupe Darty), tout va bien.",
         ("Hugo Lantier", "member", "Darty")),
    ],
)
def test_a_person_of_an_organization_without_title_is_a_member(context, body, expected):
    assert expected in positions(context, body)


def test_a_title_wins_over_a_bare_membership_of_the_same_pair(context):
    body = ("Eric Lestanguet de GDF SUEZ parlait. Eric Lestanguet, Directeur de la relation client de "
            "GDF SUEZ, concluait.")
    found = positions(context, body)
    assert ("Eric Lestanguet", "member", "GDF SUEZ") not in found
    assert ("Eric Lestanguet", "Directeur de la relation client", "GDF SUEZ") in found


def test_two_titles_and_two_organizations_of_one_phrase(context):
    body = "Qui êtes-vous ?\n\nFondateur et Président de TELETECH International, le premier groupe.\n"
    found = positions(context, body, title="Emmanuel Mignot (Teletech International) et le Sens du client")
    assert {("Emmanuel Mignot", "Fondateur", "TELETECH International"),
            ("Emmanuel Mignot", "Président", "TELETECH International")} <= found


INTERVIEW_TITLE = "Stéphane Treppoz (Sarenza) et le Sens du client"
INTERVIEW = (
    "Stéphane Treppoz a repris la société en 2007, avec le concours d'Hélène Supau, Directrice Générale.\n"
    "Stéphane Treppoz, Président du Directoire répond au questionnaire du Sens du client.\n\n"
    "Qui êtes-vous ?\n\n"
    "J'ai démarré ma carrière à New York chez Arthur Andersen. Retour en France en 1995, successivement "
    "Chargé de mission auprès de la Direction Générale de Vivendi puis de Cegetel, j'ai été nommé PDG "
    "d'AOL France en 1998. Fonction exercée jusqu'en 2004 avant de rejoindre Wendel Investissement en tant "
    "que Senior Advisor.\n"
)


def test_a_questionnaire_gives_the_interviewee_career(context):
    found = positions(context, INTERVIEW, title=INTERVIEW_TITLE)
    assert {
        ("Stéphane Treppoz", "Président du Directoire", "Sarenza"),
        ("Stéphane Treppoz", "member", "Arthur Andersen"),
        ("Stéphane Treppoz", "Chargé de mission auprès de la Direction Générale", "Vivendi"),
        ("Stéphane Treppoz", "Chargé de mission auprès de la Direction Générale", "Cegetel"),
        ("Stéphane Treppoz", "PDG", "AOL France"),
        ("Stéphane Treppoz", "Senior Advisor", "Wendel Investissement"),
        ("Hélène Supau", "Directrice Générale", "Sarenza"),
    } <= found


def test_first_person_outside_a_questionnaire_is_nobody(context):
    found = positions(context, "J'ai été nommé PDG d'AOL France en 1998. J'ai démarré ma carrière chez "
                               "Arthur Andersen.")
    assert found == set()


@pytest.mark.parametrize(
    "body",
    [
        "Maurice Thévenet, professeur de management au Conservatoire, était brillant.",
        "Marylène Delbourg-Delphis (associée de Guy Kawasaki et serial entrepreneuse) l'a traduit.",
        "Eric Lestanguet, Directeur de la relation client de l'année, en a fait un cheval de bataille.",
        "Le patron d'une chaîne d'hôtels ne saisissait pas le concept.",
        "Jean-Michel Billaut, célèbre blogueur invité à témoigner, lançait un appel.",
    ],
)
def test_no_position_without_a_named_organization(context, body):
    assert positions(context, body) == set()


def test_a_title_never_runs_across_a_verb(context):
    found = positions(context, "Stéphane Treppoz, Président du Directoire répond au questionnaire du Sens du "
                               "client.")
    assert not any(org == "Sens du client" for _, _, org in found)


def test_a_title_behind_a_determiner_in_the_answers_is_someone_elses(context):
    body = "Qui êtes-vous ?\n\nJ'ai longtemps travaillé avec le Président de Renault.\n"
    assert not any(org == "Renault" for _, _, org in positions(context, body, title=INTERVIEW_TITLE))


def test_title_first_at_the_start_of_a_sentence(context):
    body = "Le salon a ouvert. Président de la Mission Nationale de la Relation Client, Fabrice André parla."
    expected = ("Fabrice André", "Président", "Mission Nationale de la Relation Client")
    assert expected in positions(context, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Autre présentation, celle de Paul Marchal et Lucie Brandt, consultants et associés chez Le Pont "
         "Conseil : une méthode.",
         {("Paul Marchal", "consultant", "Le Pont Conseil"),
          ("Lucie Brandt", "consultant", "Le Pont Conseil"),
          ("Paul Marchal", "associé", "Le Pont Conseil"), ("Lucie Brandt", "associé", "Le Pont Conseil")}),
        ("Ensuite Marc Lenoir, Sophie Vidal et Hugo Petit, directeurs associés de Kelvia, ont conclu.",
         {("Marc Lenoir", "directeur associé", "Kelvia"), ("Sophie Vidal", "directeur associé", "Kelvia"),
          ("Hugo Petit", "directeur associé", "Kelvia")}),
    ],
)
def test_a_plural_title_belongs_to_every_person_listed_before_it(context, body, expected):
    assert expected <= positions(context, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Cette table ronde était animée par Jeanne Morel, consultante chez Le Bon Conseil.",
         ("Jeanne Morel", "consultante", "Le Bon Conseil")),
        ("Paul Durand, responsable qualité au sein du groupe Berlino, a témoigné.",
         ("Paul Durand", "responsable qualité", "Berlino")),
        ("Au micro, Luc Perrin, directeur commercial du cabinet Oxalis, très en verve.",
         ("Luc Perrin", "directeur commercial", "Oxalis")),
    ],
)
def test_a_capitalised_name_after_chez_or_an_organization_noun_is_the_organization(context, body, expected):
    found = positions(context, body)
    assert expected in found


def test_a_name_the_shape_makes_an_organization_is_a_certain_reference(context):
    ctx = context("Paul Marchal, consultant chez Le Pont Conseil, a parlé.")
    orgs = [f.get("organization") for f in extract(ctx)]
    assert [(o.name, o.certain) for o in orgs] == [("Le Pont Conseil", True)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Bernard Lacoste, professeur de marketing au Conservatoire national des arts et métiers et à "
         "l'ESSEC, était brillant.",
         {("Bernard Lacoste", "professeur de marketing", "Conservatoire national des arts et métiers"),
          ("Bernard Lacoste", "professeur de marketing", "ESSEC")}),
        ("Nous écoutions Claire Dubois, chercheuse à l'INSEAD, sur la fidélité.",
         {("Claire Dubois", "chercheuse", "INSEAD")}),
    ],
)
def test_au_and_a_l_link_a_title_to_its_organization(context, body, expected):
    assert expected <= positions(context, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Pour Paul Girard, directeur de la relation client de La Redoute, tout change.",
         ("Paul Girard", "directeur de la relation client", "La Redoute")),
        ("Marc Petit, responsable des achats de L'Oréal, le confirme.",
         ("Marc Petit", "responsable des achats", "L'Oréal")),
    ],
)
def test_an_article_opening_the_name_belongs_to_the_organization(context, body, expected):
    """The link "de la" / "de l'" shares its article with the name: neither title nor name loses it."""
    assert expected in positions(context, body)


def test_a_title_after_an_organization_in_parentheses_is_at_that_organization(context):
    found = positions(context, "Julie Lambert (Kelvora), directrice de l'expérience client, témoigne.")
    assert found == {("Julie Lambert", "directrice de l'expérience client", "Kelvora")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Marc Petit a cofondé Lumeo Conseil en 2010 avec Anne Moreau.",
         {("Marc Petit", "cofondateur", "Lumeo Conseil"), ("Anne Moreau", "cofondateur", "Lumeo Conseil")}),
        ("Claire Morel et Julie Roux ont fondé la société Vexalia en 2012.",
         {("Claire Morel", "fondateur", "Vexalia"), ("Julie Roux", "fondateur", "Vexalia")}),
        ("Vous aviez créé, il y a quinze ans déjà, avec Paul Girard, le groupe Kelvora.",
         {("Paul Girard", "fondateur", "Kelvora")}),
    ],
)
def test_a_founding_verb_makes_its_subject_and_whom_avec_names_founders(context, body, expected):
    assert expected <= positions(context, body)


@pytest.mark.parametrize(
    "body",
    [
        "Marc Petit a créé la surprise chez Darty.",  # the object names no organization
        "Paul Girard n'a pas fondé Kelvora.",  # denied
        "Orange a créé un service client.",  # no person
    ],
)
def test_no_founder_where_the_verb_founds_no_organization(context, body):
    assert not any(title in ("fondateur", "cofondateur") for _, title, _ in positions(context, body))


def test_a_title_at_a_city_is_no_position(context):
    assert positions(context, "Luc Perrin, directeur commercial à Lyon, a témoigné.") == set()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Francois Delmas, Directeur associe d´Orvalis, m'a remis le prix.",
         ("Francois Delmas", "Directeur associe", "Orvalis")),
    ],
)
def test_a_typing_slip_for_the_apostrophe(context, body, expected):
    assert expected in positions(context, body)


def test_a_title_right_after_another_is_the_same_persons(context):
    body = ("Tout va bien, dit Pierre Gaillard, le co-président de l'Agora des directeurs de la Relation "
            "Client, directeur des ventes et de la relation client du groupe Valmy.")
    found = positions(context, body)
    assert ("Pierre Gaillard", "co-président", "Agora des directeurs de la Relation Client") in found
    assert ("Pierre Gaillard", "directeur des ventes et de la relation client", "Valmy") in found
    assert not any(title.startswith("directeurs") for _, title, _ in found)  # a title word inside a name


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Zelkova, cabinet de conseil en management, présentait ensuite, par la voix de son représentant "
         "Laurent Bois, une étude.", ("Laurent Bois", "représentant", "Zelkova")),
        ("Renault a été élue par les clients. Marc Hubert, représentant de la marque, rappelait "
         "que le réseau compte.", ("Marc Hubert", "représentant", "Renault")),
    ],
)
def test_a_representative_of_the_organization_just_named(context, body, expected):
    assert expected in positions(context, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Bravo à Julie Martin chez Air France pour son courage.", ("Julie Martin", "member", "Air France")),
        ("Pour finir, Claire Moulin la Directrice Client de l'année pour Bouygues Telecom !",
         ("Claire Moulin", "member", "Bouygues Telecom")),
    ],
)
def test_a_person_chez_an_organization_or_awarded_for_it_is_a_member(context, body, expected):
    found = positions(context, body)
    assert expected in found
    assert not any("année" in title for _, title, _ in found)


def test_a_possessive_after_another_person_is_that_persons(context):
    body = "Free grandit vite. Xavier Niel et son directeur Paul Durand étaient là."
    assert not any(holder == "Paul Durand" for holder, _, _ in positions(context, body))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Paul Durand est nommé directeur de la relation client de Darty.",
         ("Paul Durand", "directeur de la relation client", "Darty")),
        ("Darty vient de nommer Julie Morel au poste de directrice de la relation client.",
         ("Julie Morel", "directrice de la relation client", "Darty")),
        ("Le site Cdiscount, filiale du groupe Casino, vient de nommer Julie Morel au poste de directrice.",
         ("Julie Morel", "directrice", "Cdiscount")),
        ("Darty annonce l'arrivée de Julie Morel au poste de directrice générale adjointe.",
         ("Julie Morel", "directrice générale adjointe", "Darty")),
        ("Julie Morel rejoint Darty en tant que directrice de la relation client.",
         ("Julie Morel", "directrice de la relation client", "Darty")),
        ("Julie Morel arrive de Fnac, où elle était responsable de l'expérience client depuis 2011.",
         ("Julie Morel", "responsable de l'expérience client", "Fnac")),
        ("Julie Morel aime la mer. Auparavant, elle avait passé huit ans chez Orange, comme chef de projet.",
         ("Julie Morel", "chef de projet", "Orange")),
        ("Une table ronde animée par Pauline Garnier, journaliste pour Le Figaro, a suivi.",
         ("Pauline Garnier", "journaliste", "Le Figaro")),
        ("Présentée par Thomas Ribeiro, journaliste à BFM Business, la soirée fut courte.",
         ("Thomas Ribeiro", "journaliste", "BFM Business")),
        # a post left is a position held
        ("En juin, Sophie Marvel quitte sa fonction de trésorière de l'Adrexa.",
         ("Sophie Marvel", "trésorière", "Adrexa")),
        # "vous" after a greeting is the person addressed
        ("Louis Brandel, bonjour. Vous êtes le directeur général de Fenwix. Parlons de vos projets.",
         ("Louis Brandel", "directeur général", "Fenwix")),
        # a demonstrative title is the person just named
        ("Nadia Perrin a été primée en mai. Cette employée de Valtrex Energie répond à cent appels.",
         ("Nadia Perrin", "employée", "Valtrex Energie")),
        # a company led by a person
        ("Rachetée en mai, la société Dralix Systems dirigée par Hugo Lantier grandit.",
         ("Hugo Lantier", "dirigeant", "Dralix Systems")),
    ],
)
def test_a_frame_gives_the_position(context, body, expected):
    assert expected in positions(context, body)


def test_a_title_a_verb_does_not_give_the_holder_is_no_appointment(context):
    assert positions(context, "Paul Durand aime les directeurs de la relation client de Darty.") == set()
    assert positions(context, "Darty cherche un directeur de la relation client pour Paul Durand.") == set()


def test_officers_listed_under_a_board_heading_and_offices_taken(context):
    body = (
        "L'assemblée générale a élu Paul Durand, directeur client de Darty, à la présidence du Club Client "
        "Atlantique. Il succède à Julie Morel.\n\n"
        "Le nouveau bureau est ainsi composé :\n"
        "– Président : Paul Durand (Darty)\n"
        "– Vice-présidente : Anne Petit, responsable client de Keolis Bordeaux\n"
    )
    found = positions(context, body)
    assert {("Paul Durand", "Président", "Club Client Atlantique"),
            ("Anne Petit", "Vice-présidente", "Club Client Atlantique"),
            ("Anne Petit", "responsable client", "Keolis Bordeaux")} <= found


def test_officers_listed_without_bullets_under_a_board_heading(context):
    body = (
        "L'assemblée générale du Club Client Atlantique s'est réunie hier.\n\n"
        "Le nouveau bureau :\n"
        "Président : Paul Durand (Darty)\n"
        "Trésorière : Anne Petit (Keolis Bordeaux)\n"
    )
    found = positions(context, body)
    assert {("Paul Durand", "Président", "Club Client Atlantique"),
            ("Anne Petit", "Trésorière", "Club Client Atlantique")} <= found


def test_a_second_title_after_et_and_a_handle_before_the_title(context):
    found = positions(context, "Isabelle Morin, présidente du CRCA et directrice client de la SNCF, a parlé. "
                               "Sandrine Levet (@SLevet), rédactrice en chef de Relation Client Magazine.")
    assert {("Isabelle Morin", "directrice client", "SNCF"),
            ("Sandrine Levet", "rédactrice en chef", "Relation Client Magazine")} <= found


def test_a_headline_appointment_without_its_auxiliary(context):
    found = {(f.get("holder").name, f.get("organization").name, f.get("title"))
             for f in extract(context("Jeanne Petit nommée directrice générale de Kelmor Assurances"))}
    assert ("Jeanne Petit", "Kelmor Assurances", "directrice générale") in found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Brelanor Conseil, le groupe fondé par les Lyonnais Paul Verdal et Jeanne Morin, grandit vite.",
         {("Paul Verdal", "fondateur", "Brelanor Conseil"),
          ("Jeanne Morin", "fondateur", "Brelanor Conseil")}),
        ("Créée en 2004 par Hugo Lantier et Marc Ossant, Kelvora compte 300 salariés.",
         {("Hugo Lantier", "fondateur", "Kelvora"), ("Marc Ossant", "fondateur", "Kelvora")}),
        # a sentence of its own, the organization after its noun: not the one of the sentence before
        ("Dralix recrute. Fondée en 1998 par Hugo Lantier, la société Kelvora compte 300 salariés.",
         {("Hugo Lantier", "fondateur", "Kelvora")}),
        ("Le logo associe l'Afrex et Vertua Garantie, initié par Alain Roubet et Sylvie Carnot en 2012.",
         {("Alain Roubet", "initiateur", "Vertua Garantie"),
          ("Sylvie Carnot", "initiateur", "Vertua Garantie")}),
    ],
)
def test_founders_named_after_a_participle(context, body, expected):
    assert expected <= positions(context, body)


def test_a_founding_participle_after_another_person_is_not_theirs(context):
    found = positions(context, "Paul Verdal, qui a quitté Brelanor, créée par Jeanne Morin, rejoint Kelvora.")
    assert not any(holder == "Jeanne Morin" for holder, _, _ in found)


def test_an_anaphoric_organization_is_not_one_named_before_another_person(context):
    body = ("On a entendu Paul Verdal, directeur commercial chez Kelvora, mais aussi Jeanne Morin, "
            "responsable qualité, ou encore Hugo Lantier, président de l'association européenne.")
    found = positions(context, body)
    assert not any(holder == "Hugo Lantier" and org == "Kelvora" for holder, _, org in found)


def test_a_career_in_the_third_person_gives_each_organization_joined(context):
    body = ("Jeanne Morin est née à Lyon. Diplômée de l'Insa, Jeanne commence sa carrière chez "
            "Dralix Systems en Asie, puis rejoint Kelvora en 2001. En 2006, elle rejoint Bain & Co. à Rome.")
    found = positions(context, body)
    assert {("Jeanne Morin", "member", "Dralix Systems"), ("Jeanne Morin", "member", "Kelvora"),
            ("Jeanne Morin", "member", "Bain & Co")} <= found


def test_an_organization_joining_another_is_no_career(context):
    found = positions(context, "Paul Verdal a remis le prix. Le groupe Kelvora rejoint le Syntec Numérique.")
    assert not any(org == "Syntec Numérique" for _, _, org in found)


def test_an_opening_participle_is_not_at_the_organization_of_an_apposition(context):
    found = positions(context, "Présidée par Hugo Lantier, DRH de Kelvora, la commission sociale se réunit.")
    assert ("Hugo Lantier", "président", "Kelvora") not in found
    assert ("Hugo Lantier", "DRH", "Kelvora") in found


def test_occupying_the_functions_of_a_title(context):
    found = positions(context, "Voici Hugo Lantier, qui occupe les fonctions de trésorier de Kelvora.")
    assert ("Hugo Lantier", "trésorier", "Kelvora") in found


def test_a_participle_after_a_complement_is_not_the_organization_s(context):
    body = "Les agences de la section Conseil de l'Afrex, présidée par Hugo Lantier, ont lu."
    found = positions(context, body)
    assert not any(org == "Afrex" for _, _, org in found)


def test_possessive_titles_in_a_row_are_at_the_same_organization(context):
    body = ("Kelvora Conseil grandit. Son coprésident, Paul Verdal, et son directeur financier, "
            "Hugo Lantier, racontent ses débuts.")
    found = positions(context, body)
    assert ("Paul Verdal", "coprésident", "Kelvora Conseil") in found
    assert ("Hugo Lantier", "directeur financier", "Kelvora Conseil") in found


def test_a_participle_clauses_away_from_the_organization_is_not_its(context):
    found = positions(context, "Kelvora Conseil, quant à elle, se lance, dirigée par Hugo Lantier.")
    assert not any(holder == "Hugo Lantier" for holder, _, _ in found)


def test_a_plural_possessive_title_belongs_to_every_person_listed_after_it(context):
    found = positions(context, "Ses deux fondateurs, Paul Verdal et Hugo Lantier, se sont connus à Lyon.",
                      title="Kelvora Conseil, l'appel du large")
    assert ("Paul Verdal", "fondateur", "Kelvora Conseil") in found
    assert ("Hugo Lantier", "fondateur", "Kelvora Conseil") in found


def test_a_board_lists_its_officers_with_their_firms_in_parentheses(context):
    board = "Association des Vendeurs de l'Ouest"
    found = positions(context, f"Le bureau de l'{board} est composé de Paul Verdal (Dralix Systems), "
                               "président, et Anne Morin (Pelliot Assurances), secrétaire.")
    assert ("Paul Verdal", "président", board) in found
    assert ("Anne Morin", "secrétaire", board) in found
    assert not any(org == board and title == "member" for _, title, org in found)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Présidente de la Fnac et directrice de la relation client de Nespresso, Julie Morel a parlé.",
         {("Julie Morel", "Présidente", "Fnac"),
          ("Julie Morel", "directrice de la relation client", "Nespresso")}),
        # the acronym's expansion in parentheses stands between the two titles
        ("Président de l'AFVC (association française des vendeurs de café) et directeur de Darty, Marc "
         "Aubert a ouvert la séance.",
         {("Marc Aubert", "Président", "AFVC"), ("Marc Aubert", "directeur", "Darty")}),
    ],
)
def test_titles_chained_before_their_holder_at_the_start_of_a_sentence(context, body, expected):
    assert expected <= positions(context, body)


def test_an_organization_speaking_through_a_person_makes_them_one_of_its_people(context):
    found = positions(context, "Nespresso, primée cette année, s'exprimait par la voix de Paul Verdier.")
    assert ("Paul Verdier", "member", "Nespresso") in found


def test_an_adjective_may_open_a_title_before_its_holder(context):
    found = positions(context, "Le salon a ouvert. Inamovible PDG de Darty, Marc Aubert, a parlé.")
    assert ("Marc Aubert", "PDG", "Darty") in found
