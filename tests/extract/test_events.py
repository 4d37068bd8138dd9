"""Events extractor: names by kind, dates, agenda entries and roles, on hand-made French sentences."""

from __future__ import annotations

import pytest

from graph.extract._phrases import find_dates
from graph.extract.events import extract_events


def names(facts, role):
    return [v.name if hasattr(v, "name") else v for f in facts for r, v in f.roles if r == role]


def test_named_trade_show_with_day_range(context):
    ctx = context("Du mardi 8 au jeudi 10 avril 2014\nSalon Stratégie Clients 2014 : une édition réussie.\n")
    facts = list(extract_events(ctx))
    assert facts[0].type == "TradeShow"
    assert facts[0].get("label") == "Salon Stratégie Clients 2014"
    assert facts[0].get("startDate") == "2014-04-08" and facts[0].get("endDate") == "2014-04-10"


def test_two_days_joined_by_et_are_a_range_and_a_quoted_name_keeps_no_spaces(context):
    ctx = context("Les 3 et 4 avril 2025, la 18e Convention Kelmor se tiendra à Paris.")
    fact = next(iter(extract_events(ctx)))
    assert fact.get("startDate") == "2025-04-03" and fact.get("endDate") == "2025-04-04"
    ctx = context("Le webinaire « Selfcare et satisfaction », organisé par Kelmor, aura lieu le 15 mai 2025.")
    assert {f.get("label") for f in extract_events(ctx)} == {"Selfcare et satisfaction 2025"}


def test_possessive_convention_takes_its_organizer_edition_and_relative_date(context):
    ctx = context("Le 29 juin dernier, l'AMARC a tenu sa 27ème convention à Paris.", date="2012-07-26")
    fact = next(iter(extract_events(ctx)))
    assert fact.type == "Convention"
    assert fact.get("label") == "Convention AMARC 2012"
    assert fact.get("startDate") == "2012-06-29"
    assert fact.get("edition") == 27
    assert "AMARC" in names([fact], "organizer")


def test_organizer_partner_host_cues(context):
    ctx = context(
        "Le Forum de la relation client 2014, organisé par Les Echos, en partenariat avec "
        "l'AFRC, sera présenté par Isabelle Gounin Levy."
    )
    facts = list(extract_events(ctx))
    assert "Les Echos" in names(facts, "organizer")
    assert "AFRC" in names(facts, "partner")
    assert "Isabelle Gounin Levy" in names(facts, "host")


def test_the_master_of_ceremonies_is_a_host(context):
    ctx = context("Les Palmes Kelmor 2024 ont eu lieu le 5 juin 2024 à Lyon. Le maître de cérémonie, Paul "
                  "Girard, a remis les prix ; l'animatrice de la soirée était Claire Fontaine.")
    assert {"Paul Girard", "Claire Fontaine"} <= set(names(extract_events(ctx), "host"))


def test_speakers_listed_after_interventions(context):
    ctx = context(
        "La convention de l'AMARC a lieu vendredi 13 décembre 2013, avec les interventions de "
        "Patrick Bastat, Erik Perey et Philippe Torres."
    )
    assert {"Patrick Bastat", "Erik Perey", "Philippe Torres"} <= set(names(extract_events(ctx), "speaker"))


def test_speakers_listed_among_the_speakers(context):
    ctx = context("Le Forum Kelmor 2024 s'est tenu le 12 mars 2024 à Lyon. Parmi les intervenants, Claire "
                  "Fontaine, Marc Petit et Julie Roux.")
    assert {"Claire Fontaine", "Marc Petit", "Julie Roux"} <= set(names(extract_events(ctx), "speaker"))


def test_event_after_lors_de_and_speaker(context):
    ctx = context(
        "Lisez la synthèse de l'intervention de Vincent Cespedes lors des Talents de la relation client 2013."
    )
    facts = list(extract_events(ctx))
    assert facts[0].get("label") == "Talents de la relation client 2013"
    assert names(facts, "speaker") == ["Vincent Cespedes"]


def test_anaphor_gives_host_to_the_main_event(context):
    ctx = context(
        "Les Palmes de la Relation Client 2013 ont eu lieu hier. Les Palmes de la Relation Client "
        "sont un grand moment. J'ai animé cette soirée en tant que co-animateur avec Isabelle Gounin Levy."
    )
    facts = list(extract_events(ctx))
    hosted = [f for f in facts if f.get("host")]
    assert hosted and hosted[0].get("label") == "Palmes de la Relation Client 2013"


def test_no_event_in_avec_le_concours(context):
    ctx = context("Il a repris la société avec le concours d'Hélène Supau, Directrice Générale.")
    assert list(extract_events(ctx)) == []


def test_a_venue_named_after_an_event_word_is_no_event(context):
    ctx = context("Le Forum Exemplia s'est tenu le 4 juin 2024 au Palais des Congrès de Lyon.")
    labels = {f.get("label") for f in extract_events(ctx)}
    assert labels and not any("Congrès" in label for label in labels)


def test_bare_head_without_owner_is_no_event(context):
    assert list(extract_events(context("J'ai donné une conférence hier soir."))) == []


def test_dates_weekday_decides_the_missing_year():
    found = find_dates("Mardi 17 décembre 2013 puis mardi 4 février", None)
    assert [d.start for d in found] == ["2013-12-17", "2014-02-04"]


def test_dates_month_only():
    assert find_dates("au mois d'octobre 2013", None)[0].start == "2013-10"


def test_speaker_subject_of_a_narrative_verb_with_apposition(context):
    ctx = context(
        "Le 29 juin dernier, l'AMARC a tenu sa convention à Paris.\n"
        "  - En guise d'introduction, Laurent Garnier, directeur associé de KP/AM, présentait les "
        "exigences des clients.\n",
        title="Compte rendu (Convention AMARC)", date="2012-07-26")
    assert "Laurent Garnier" in names(extract_events(ctx), "speaker")


def test_speaker_list_of_subjects_goes_to_the_reported_event(context):
    ctx = context(
        "Cette année, l'AFRC a décidé de placer cette cérémonie des Palmes de la relation client sous le "
        "thème de la confiance. En guise d'introduction, Valérie Morrisson et Eric Falque rappelaient les "
        "résultats du 8ème Podium de la relation client TNS Sofres. Les Palmes de la relation client ont "
        "récompensé cette année quatre entreprises.")
    facts = list(extract_events(ctx))
    palmes = [f for f in facts if f.get("label").startswith("Palmes")]
    spoke = set(names(palmes, "speaker"))
    assert spoke == {"Valérie Morrisson", "Eric Falque"}
    assert not any(f.get("speaker") for f in facts if f.get("label").startswith("Podium"))


def test_no_speaker_when_the_name_is_a_complement(context):
    ctx = context(
        "Palmes 2013 : la soirée. Les Palmes 2013 ont eu lieu hier. Lors de la visite de Jean Dupont, "
        "le directeur présentait son bilan.", title="Palmes 2013 : la soirée")
    assert names(extract_events(ctx), "speaker") == []


def test_speaker_cues_after_the_name(context):
    ctx = context(
        "Les Palmes de la Relation client 2013 ont eu lieu. Cela irrite Jean-Michel Billaut, célèbre "
        "blogueur invité à témoigner. C'était une intervention de la même nature que celle de Philippe "
        "Bloch venu présenter son livre. Olivier Leclerc se félicitait sur scène de ses résultats.",
        title="Palmes de la Relation client 2013 : un bon anniversaire !")
    assert {"Jean-Michel Billaut", "Philippe Bloch", "Olivier Leclerc"} <= set(
        names(extract_events(ctx), "speaker"))


def test_speakers_after_forward_cues(context):
    ctx = context(
        "Le 29 juin, l'AMARC a tenu sa convention. Autre présentation, celle d'Olivier Tirmarche et "
        "Jérôme Tougne, consultants. Inergie présentait ensuite, par la voix de son représentant Laurent "
        "Rouas, une étude. La parole a été donnée également à Natalie Jouen-Arzur, Présidente de Pacitel.",
        title="Compte rendu (Convention AMARC)", date="2012-07-26")
    assert {"Olivier Tirmarche", "Jérôme Tougne", "Laurent Rouas", "Natalie Jouen-Arzur"} <= set(
        names(extract_events(ctx), "speaker"))


def test_speaker_of_a_talk_listed_as_a_bullet(context):
    ctx = context(
        "Le 29 juin, l'AMARC a tenu sa convention.\n"
        "  - Les attentes, une option stratégique par André-Yves Portnoff, constituait une conclusion.\n"
        "  - Premier paradoxe illustré par Jean Martin dans une présentation.\n",
        title="Compte rendu (Convention AMARC)", date="2012-07-26")
    assert names(extract_events(ctx), "speaker") == ["André-Yves Portnoff"]


def test_organizers_that_announce_the_results(context):
    ctx = context(
        "Lundi 10 février 2014\nPodium de la relation client 2014, après 20 mois d'absence, TNS Sofres et "
        "BearingPoint reviennent nous annoncer les résultats du palmarès.\n")
    assert names(extract_events(ctx), "organizer") == ["TNS Sofres", "BearingPoint"]


def test_organizer_named_by_its_site_in_an_agenda_entry(context):
    ctx = context(
        "Mercredi 12 février 2014\nLes trophées Qualiweb 2014, avec 350 sites testés.\nAu programme :\n"
        "- Les résultats de l'enquête\nPour plus d'informations, rendez-vous sur le site de Cocedal Conseil, "
        "Qualiweb.com\n\nDu mardi 8 au jeudi 10 avril 2014\nSalon Stratégie Clients 2014 : une édition.\n")
    facts = list(extract_events(ctx))
    qualiweb = next(f for f in facts if "Qualiweb" in f.get("label"))
    assert names([qualiweb], "organizer") == ["Cocedal Conseil"]


def test_talk_owned_by_a_person_is_named_after_them_in_the_post_month(context):
    ctx = context("Vineet Nayar a expliqué lors de sa conférence un point développé dans son livre.",
                  date="2011-05-22")
    fact = next(iter(extract_events(ctx)))
    assert fact.type == "Conference"
    assert fact.get("label") == "Conférence de Vineet Nayar (mai 2011)"
    assert fact.get("startDate") == "2011-05"
    assert names([fact], "speaker") == ["Vineet Nayar"]


def test_seminar_without_a_name_held_at_an_organization(context):
    ctx = context("Je l'ai entendu cette semaine lors d'un séminaire auquel je participais chez EDF.",
                  date="2011-05-22")
    fact = next(iter(extract_events(ctx)))
    assert fact.type == "Workshop"
    assert fact.get("label") == "Séminaire chez EDF (mai 2011)"
    assert names([fact], "organizer") == ["EDF"]


def test_award_giving_with_a_pronoun_subject(context):
    ctx = context("Les initiatives d'Emmanuel Mignot sont nombreuses. Dernière en date : il remet jeudi "
                  "5 mai les labels Open To dialog.", date="2011-05-03")
    fact = next(iter(extract_events(ctx)))
    assert fact.type == "AwardCeremony" and fact.get("label").startswith("Remise des labels Open To")
    assert fact.get("startDate") == "2011-05-05"
    assert names([fact], "organizer") == ["Emmanuel Mignot"]


def test_ceremony_reported_by_the_title_gets_organizer_and_speakers(context):
    ctx = context(
        "Ce prix a une forte notoriété. Lors de la remise des prix, on a vu une intervention, celle de "
        "Philippe Bloch venu présenter son livre. Il faut payer l'étude réalisée par l'organisateur Viseo.",
        title="Elu service client de l'année 2014, source de réjouissances")
    facts = list(extract_events(ctx))
    assert {f.get("label") for f in facts} == {"Elu service client de l'année 2014"}
    assert names(facts, "organizer") == ["Viseo"] and names(facts, "speaker") == ["Philippe Bloch"]


def test_title_with_a_year_but_no_ceremony_is_no_event(context):
    ctx = context("Voici mes meilleurs articles de l'année.",
                  title="Best of Sens du client 2013 : mes articles")
    assert list(extract_events(ctx)) == []


def test_head_after_avec_le_is_an_event_but_not_a_product(context):
    ctx = context("Il se tiendra simultanément avec le salon e-marketing Paris. "
                  "Éditeur de l'Atelier CRM, NestCRM.")
    assert [f.get("label") for f in extract_events(ctx)] == ["Salon e-marketing Paris"]


def test_venue_inside_an_organization_keeps_its_whole_name(context):
    ctx = context("Le 29 juin dernier au sein de Orange Campus, l'AMARC a tenu sa 27ème convention.",
                  date="2012-07-26")
    assert names(extract_events(ctx), "location") == ["Orange Campus"]


def test_quoted_conference_of_an_organization_named_before_it(context):
    ctx = context(
        "- Le Cercle du marketing direct dont l'actualité de la semaine (le 12 décembre) est la Conférence "
        "\"Retour de la DMA 2013 Chicago: Quelles innovations ?\"", date="2013-12-10")
    fact = next(iter(extract_events(ctx)))
    assert fact.get("label").startswith("Retour de la DMA 2013 Chicago")
    assert names([fact], "organizer") == ["Cercle du marketing direct"]


REPORT = (
    "C'est à Lyon que l'AFCC a réuni le 18 juin dernier ses adhérents pour sa douzième "
    "convention annuelle.\n\n"
    "Organisée par Cabinet Sirius, la matinée était animée par la journaliste Julie Morel. "
    "Le salon voisin avait pour partenaires Banque Lune et Client Hebdo.\n\n"
    "Paul Durand, président de l'association, a ouvert les travaux. Marc Lefort a ensuite présenté le "
    "baromètre.\n\n"
    "Sont ensuite intervenus, lors d'une table ronde :\n"
    "  - Anne Petit, directrice de la relation client de Darty ;\n"
    "  - Luc Bernard, médiateur de La Poste.\n\n"
    "La conclusion revenait à Sophie Martin, professeur à l'ESSEC.\n"
)


def test_a_convention_report_gives_its_organizer_host_and_speakers(context):
    facts = list(extract_events(context(REPORT, title="Convention Lumière 2015 : le compte rendu",
                                        date="2015-06-22")))
    assert "AFCC" in names(facts, "organizer")
    assert 12 in names(facts, "edition")
    assert "Julie Morel" in names(facts, "host")
    assert {"Paul Durand", "Marc Lefort", "Anne Petit", "Luc Bernard", "Sophie Martin"} <= set(
        names(facts, "speaker"))


def test_sentences_after_an_event_in_its_paragraph_give_its_speakers_and_host(context):
    body = (
        "Mon coup de cœur : l'atelier \"Le conseiller augmenté\", le mercredi 19 mars. Anne Petit, "
        "responsable innovation chez Darty, y a détaillé son outil. Le tout animé par Julie Morel.\n\n"
        "Luc Bernard a présenté ses vœux.\n"
    )
    facts = list(extract_events(context(body, date="2014-03-21")))
    workshop = [f for f in facts if f.type == "Workshop"]
    assert names(workshop, "speaker") == ["Anne Petit"]
    assert names(workshop, "host") == ["Julie Morel"]
    assert "Luc Bernard" not in names(facts, "speaker")  # another paragraph, no event named or reported


def test_an_occasion_with_no_name_is_named_by_its_organizer_and_dated(context):
    body = ("Les lauréats 2014 ont été dévoilés le jeudi 20 mars au Pavillon Dauphine, lors d'une soirée "
            "organisée par Mystéria Conseil et présentée par Thomas Ribeiro, journaliste à BFM Business.\n")
    facts = list(extract_events(context(body, date="2014-03-24")))
    ceremony = next(f for f in facts if f.type == "AwardCeremony")
    assert ceremony.get("label") == "Soirée Mystéria Conseil (mars 2014)"
    assert ceremony.get("startDate") == "2014-03-20"
    assert names([ceremony], "organizer") == ["Mystéria Conseil"]
    assert names([ceremony], "host") == ["Thomas Ribeiro"]


def test_a_report_names_its_organizer_by_the_series_head_and_its_speakers_by_a_list(context):
    body = (
        "Le CRCA a réuni 300 professionnels le jeudi 14 novembre à Talence, à l'occasion de ses 9es "
        "Rencontres de la Relation Client Atlantique.\n\n"
        "Petit rappel : les Rencontres sont organisées depuis 2005 par Cabinet Sirius.\n\n"
        "Le sociologue Paul Durand, professeur à l'ESSEC, a ensuite livré la conférence inaugurale.\n\n"
        "La table ronde de la matinée a réuni :\n"
        "– Anne Petit, directrice du service client de Darty ;\n"
        "– Luc Bernard, délégué général du SP2C.\n"
    )
    facts = list(extract_events(context(body, title="9es Rencontres de la Relation Client Atlantique",
                                        date="2013-11-18")))
    assert {"CRCA", "Cabinet Sirius"} <= set(names(facts, "organizer"))
    assert {"Paul Durand", "Anne Petit", "Luc Bernard"} <= set(names(facts, "speaker"))


def test_an_election_of_the_year_is_a_competition_but_a_conference_of_the_year_is_no_name(context):
    ctx = context("Kelmor Conseil organise l'élection des conseillers client de l'année 2019. "
                  "Paul Brenier a donné la Conférence de l'année.")
    facts = list(extract_events(ctx))
    assert [(f.type, f.get("label")) for f in facts] == [
        ("Competition", "Élection des conseillers client de l'année 2019")
    ]
    assert names(facts, "organizer") == ["Kelmor Conseil"]


def test_an_edition_organized_is_named_after_the_event_it_is_of(context):
    ctx = context("Kelmor Conseil organise la 5e édition de ses Journées Clients Atlantique le 16 mai 2024.")
    labels = {f.get("label") for f in extract_events(ctx)}
    assert labels and all(not label.startswith("5e") for label in labels)
    assert any(label.startswith("Journées Clients Atlantique") for label in labels)


def test_speakers_listed_with_their_organizations_in_parentheses(context):
    ctx = context("La 12e Convention Kelmor s'est tenue à Lyon. On a pu entendre Paul Brenier (Darty), "
                  "Anne Petit (Fnac) et Luc Bernard.")
    assert {"Paul Brenier", "Anne Petit", "Luc Bernard"} <= set(names(list(extract_events(ctx)), "speaker"))


def test_organizers_named_with_the_noun_of_their_kind(context):
    ctx = context("Co-organisé par le groupe Kelmor et l'association Vertigo, le salon Exemplia Clients se "
                  "tiendra du 14 au 16 octobre 2025 à Lille.")
    assert {"Kelmor", "Vertigo"} <= set(names(list(extract_events(ctx)), "organizer"))


def test_the_speakers_an_announced_event_will_hear(context):
    ctx = context("Le 12 mars 2025, l'AFRC organise sa matinale à Lyon. Interviendront Paul Brenier, "
                  "directeur client de Darty, et Anne Petit. Luc Bernard, associé du cabinet Kelmor, "
                  "présentera l'étude.")
    assert {"Paul Brenier", "Anne Petit", "Luc Bernard"} <= set(names(list(extract_events(ctx)), "speaker"))


def test_the_people_one_could_hear_at_an_event_are_its_speakers(context):
    ctx = context("La 12e Convention Kelmor s'est tenue à Lyon. On a pu entendre Paul Brenier, directeur "
                  "des opérations de Zorbalix, et Jeanne Vallier.")
    speakers = names(list(extract_events(ctx)), "speaker")
    assert "Paul Brenier" in speakers


@pytest.mark.parametrize(
    ("body", "label", "organizer"),
    [
        # the object of "organiser" names the event, its subject organizes it
        ("En 2019, la Fédération des Vendeurs a organisé les Nuits du Conseil Client.",
         "Nuits du Conseil Client", "Fédération des Vendeurs"),
        # the subject of "lancer" organizes the election its object lists
        ("Cette année, la FNVC a lancé deux initiatives: un prix régional et l'élection du Jeune conseiller "
         "client de Bretagne.", "Élection du Jeune conseiller client de Bretagne", "FNVC"),
        # an event head with an adjective, owned by an organization
        ("Le séminaire régional de la Fédération Française des Vendeurs a eu lieu à Nantes en juin.",
         "Séminaire régional de la Fédération Française des Vendeurs", "Fédération Française des Vendeurs"),
        # a named event "of" an organization is that organization's: the name stays whole
        ("Comme chaque année, la Nuit des Étoiles de la Fédération Française des Vendeurs a réuni la "
         "profession.", "Nuit des Étoiles de la Fédération Française des Vendeurs",
         "Fédération Française des Vendeurs"),
        # ... and so is a dated edition followed by "de" and the organization
        ("Le prix sera remis pendant les Palmes du Conseil Client 2019 de la FNVC, à Nantes.",
         "Palmes du Conseil Client 2019", "FNVC"),
        # a site that gives its own trophies, the parser taking its name for the sentence's root
        ("Le marché bouge. Comparabanque.com décerne chaque année ses Trophées Vortal aux agences.",
         "Trophées Vortal", "Comparabanque.com"),
    ],
)
def test_a_frame_names_the_event_and_its_organizer(context, body, label, organizer):
    fact = next(iter(extract_events(context(body))))
    assert fact.get("label") == label
    assert names([fact], "organizer") == [organizer]


def test_creator_of_an_election_organizes_it(context):
    ctx = context("Marc Olivier est le créateur de l'élection du Vendeur de l'Année.")
    assert names(extract_events(ctx), "organizer") == ["Marc Olivier"]


def test_speakers_listed_with_their_titles(context):
    ctx = context("Lors du Salon Contact Expo 2019, nous avons pu écouter Jean Martin, directeur "
                  "commercial de Vendix, Marie Petit, responsable qualité chez Brico Plus, mais aussi "
                  "Luc Bernard, président de l'association ECCA.")
    assert names(extract_events(ctx), "speaker") == ["Jean Martin", "Marie Petit", "Luc Bernard"]


def test_occasion_organized_with_a_firm_and_the_guests_its_hosts_receive(context):
    ctx = context("Lors d'un déjeuner VIP organisé avec Zendora, l'Association des Directeurs Clients a "
                  "accueilli Paul Martin, sociologue, auteur et ancien député et Claire Dubois, directrice "
                  "chez Zendora.")
    facts = list(extract_events(ctx))
    assert facts[0].get("label") == "Déjeuner VIP Zendora"
    assert set(names(facts, "organizer")) == {"Zendora", "Association des Directeurs Clients"}
    assert names(facts, "speaker") == ["Paul Martin", "Claire Dubois"]


def test_a_post_that_opens_on_an_event_reports_it(context):
    ctx = context("La remise des prix Client d'Or 2020 a eu lieu mardi à Lille.\n"
                  "Les lauréats ont parlé de leurs projets.\n"
                  "Brico Plus, primé deux fois, par la voix de Paul Durand, a remercié ses équipes.")
    assert names(extract_events(ctx), "speaker") == ["Paul Durand"]


@pytest.mark.parametrize(
    ("body", "organizers", "role", "people"),
    [
        # who rewards organizes the ceremony; who interviews the winners on stage hosts it
        ("La remise des prix Client d'Or 2020 a eu lieu mardi à Lille et 30 marques ont été récompensées par "
         "Marelle Conseil. Interrogés sur scène par Paul Durand, les lauréats ont présenté leurs projets "
         "pendant la cérémonie.", ["Marelle Conseil"], "host", ["Paul Durand"]),
        # the initiator of the event organizes it; who opens the morning speaks
        ("FORUM CONTACT PLUS 2018 : le bilan.\nÀ l'initiative de cet événement, Paul Durand, directeur "
         "général de Brico Plus, a inauguré la matinée devant 300 invités.",
         ["Paul Durand"], "speaker", ["Paul Durand"]),
    ],
)
def test_who_organizes_the_event_and_who_takes_part(context, body, organizers, role, people):
    facts = list(extract_events(context(body)))
    assert names(facts, "organizer") == organizers
    assert names(facts, role) == people


@pytest.mark.parametrize(
    ("text", "label", "organizer"),
    [
        # set in time by "lors de", held by the organization the phrase names
        ("Lors de l'inauguration des nouveaux bureaux de Clarteo à Lyon, le PDG annonce 200 embauches.",
         "Inauguration des nouveaux bureaux de Clarteo à Lyon", "Clarteo"),
        # set in time by the day's date; "son" points to the sentence's organization
        ("Le groupe Armavia a fêté jeudi 12 mars 2015 l'inauguration de son centre d'appels.",
         "Inauguration de son centre d'appels 2015", "Armavia"),
        # set in time by what follows the phrase
        ("Le lancement officiel de Vocalia Services s'est déroulé hier matin dans son siège.",
         "Lancement officiel de Vocalia Services", "Vocalia Services"),
        # none named in the phrase: the sentence's subject holds it and names it; the date is no part of it
        ("Lors d'une conférence de presse le 12 mai 2024, Orange a présenté son baromètre.",
         "Conférence de presse d'Orange 2024", "Orange"),
    ],
)
def test_a_happening_named_by_what_happens(context, text, label, organizer):
    facts = [f for f in extract_events(context(text)) if f.get("altLabel")]
    assert [f.get("label") for f in facts] == [label]
    assert organizer in names(facts, "organizer")


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil d'administration de Clarteo recommande aux actionnaires d'accepter cette offre.",
        "La présentation de la nouvelle offre de Clarteo a séduit les clients.",
        "Lors de l'inauguration, les invités ont visité les plateaux.",  # no organization holds it
    ],
)
def test_no_happening_without_a_time_or_a_holder(context, text):
    assert list(extract_events(context(text))) == []


def test_a_night_of_prizes_is_an_event_and_the_night_of_time_is_not(context):
    ctx = context("La Nuit des Talents Clients a réuni 400 invités le 3 juin 2019. La nuit des temps, non.")
    labels = [f.get("label") for f in extract_events(ctx) if f.get("altLabel")]
    assert labels == ["Nuit des Talents Clients 2019"]


def test_a_happening_told_by_a_verb_is_named_by_its_noun(context):
    ctx = context("Webhelp a inauguré son nouveau centre à Tunis le 14 mai 2013.")
    fact = next(f for f in extract_events(ctx) if f.get("altLabel"))
    assert fact.get("altLabel") == "Inauguration de son nouveau centre"
    assert fact.get("startDate") == "2013-05-14"
    assert names([fact], "organizer") == ["Webhelp"]


def test_a_signing_is_held_by_every_name_listed_as_its_subject(context):
    ctx = context("Darty et la CFDT ont signé la charte de la médiation le 3 mars 2024 à Lyon.")
    fact = next(f for f in extract_events(ctx) if f.get("altLabel"))
    assert fact.get("altLabel") == "Signature de la charte de la médiation"
    assert fact.get("startDate") == "2024-03-03"
    assert set(names([fact], "organizer")) == {"Darty", "CFDT"}


def test_a_person_who_inaugurates_speaks_and_the_named_firm_holds_it(context):
    ctx = context("En juin 2012, Henri Castel inaugurait à Nantes les nouveaux locaux de Webhelp.")
    facts = [f for f in extract_events(ctx) if f.get("altLabel")]
    assert [f.get("altLabel") for f in facts] == ["Inauguration des nouveaux locaux de Webhelp"]
    assert names(facts, "organizer") == ["Webhelp"] and names(facts, "speaker") == ["Henri Castel"]


@pytest.mark.parametrize(
    "text",
    ["Webhelp a inauguré un premier magasin à Lille.",  # indefinite: no happening of its own
     "Webhelp a inauguré la journée par un discours."],  # the object is an event already
)
def test_no_happening_from_an_indefinite_object_or_an_event(context, text):
    assert not [f for f in extract_events(context(text)) if (f.get("label") or "").startswith("Inauguration")]


def test_a_board_meeting_set_in_time_is_held_by_its_organization(context):
    ctx = context("Ce plan ira lors du Conseil d'administration de Pôle emploi, le jeudi 4 juin 2020.")
    facts = [f for f in extract_events(ctx) if f.get("altLabel")]
    assert [f.get("altLabel") for f in facts] == ["Conseil d'administration de Pôle emploi"]
    assert names(facts, "organizer") == ["Pôle emploi"]


def test_a_phrase_the_parse_cuts_inside_a_name_keeps_the_whole_name(context):
    ctx = context("Ce plan ira lors du Conseil d'administration de Pôle emploi, le jeudi 4 juin 2020.")
    name = next(m for m in ctx.mentions if m.text == "Pôle emploi")
    assert ctx.whole_names_end(0, name.start + 4) == name.end  # "... de Pôle" + "emploi"
    assert ctx.whole_names_end(0, name.start) == name.start  # a name after the phrase is none of it
