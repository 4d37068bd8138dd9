"""Mentions: what the model finds, cleaned by the gazetteer and the rules of data/rules/entities.yaml."""

from __future__ import annotations

import pytest

from graph.mentions import MentionFinder
from graph.model import Post
from graph.names import clean_span, is_org_name, is_person_name, is_place, org_kind, split_person, split_title
from graph.nlp import load_nlp


@pytest.fixture(scope="module")
def mentions():
    finder = MentionFinder()

    def find(text: str) -> dict[str, str]:
        post = Post("t.txt", 0, text, 0)
        return {m.text: m.kind for m in finder(post, load_nlp()(post.plain)) if m.source != "weak"}

    return find


def test_a_title_word_is_not_a_person(mentions):
    found = mentions("Le Président de l'AFRC a ouvert la soirée, suivi du Directeur Général de Sarenza.")
    assert "Président" not in found and "Directeur Général" not in found
    assert found["AFRC"] == "Association"
    found = mentions("Jeanne Morin, Group Chief Client Officer, et Paul Verdal, Chief Data Officer, parlent.")
    assert not any("Officer" in name for name in found)


def test_the_department_of_an_english_title_is_no_organization(mentions):
    found = mentions("Jérôme Bastide\nVP Customer Care, Free\nIl arrive de Bouygues Telecom.")
    assert "Customer Care" not in found and found["Free"] == "Company"


def test_the_region_a_title_covers_is_no_organization(mentions):
    found = mentions("Paul Rigaud, directeur commercial Northern Europe et Benelux chez Kelmor, a parlé.")
    assert found.get("Northern Europe") in (None, "Place") and found.get("Benelux") in (None, "Place")


def test_a_company_is_not_a_place(mentions):
    found = mentions("Stéphane Treppoz a rejoint Sarenza en 2005 après un passage chez Arthur Andersen.")
    assert found["Sarenza"] == "Company"
    assert found["Stéphane Treppoz"] == "Person"
    assert found.get("Arthur Andersen") != "Person"


def test_a_name_after_a_title_and_de_is_a_firm_not_a_place(mentions):
    found = mentions("Jean Valmont, DRH de Fibranix France, a présenté le plan. Il a travaillé à Annecy.")
    assert found["Fibranix France"] == "Company"
    assert found["Annecy"] == "Place"


def test_a_name_glued_to_its_organization_is_split(mentions):
    found = mentions("J'ai commenté l'étude avec Maria Flament de Leroy Merlin et Aude Marchand-Falce d'EDF.")
    assert found["Maria Flament"] == "Person"
    assert found["Leroy Merlin"] == "Company"
    assert found["Aude Marchand-Falce"] == "Person"
    assert "Maria Flament de Leroy Merlin" not in found


def test_a_nobiliary_particle_stays_in_the_name():
    assert split_person("Léonard de Vinci") == ("Léonard de Vinci", None)
    assert split_person("Tanguy de Laubier") == ("Tanguy de Laubier", None)
    assert split_person("Arnaud Deschamps de Nespresso") == ("Arnaud Deschamps", "Nespresso")
    assert split_person("Arnaud Deschamps le Directeur") == ("Arnaud Deschamps", None)


def test_an_organization_after_a_title():
    assert split_title("Président de HCLT") == "HCLT"
    assert split_title("Directrice de l'EM Strasbourg") == "EM Strasbourg"
    assert split_title("Vineet Nayar") is None


def test_person_and_organization_names():
    assert is_person_name("Marie-Laurence Guena")
    assert not is_person_name("Service Client")
    assert not is_person_name("Directeur Relation")
    assert not is_person_name("ALD Automotive") and is_person_name("Emmanuel MIGNOT")
    assert is_org_name("BearingPoint") and is_org_name("iDTGV") and is_org_name("Cmonassurance.com")
    assert not is_org_name("Distribution")  # a sector, not a company
    assert not is_org_name("Palmes de la Relation Client 2013")  # an event
    assert not is_org_name("NPS")


@pytest.mark.parametrize(
    "name,before,kind",
    [
        ("Syndicat national de la communication directe", "", "Association"),
        ("EM Strasbourg", "", "School"),
        ("Relation Client Magazine", "", "Media"),
        ("Wellcom", "le travail de l'agence", "Company"),
        ("Cherclient.tv", "la webTV", "Media"),
    ],
)
def test_kind_from_the_name_or_the_words_before_it(name, before, kind):
    assert org_kind(name, before) == kind


def test_handles_lists_and_appositions(mentions):
    found = mentions(
        "Les interviews des directeurs d'IKEA, de FREE, de Four Seasons et Houra .fr. "
        "En France : Trusteam, gestionnaire de fonds, publie une étude."
    )
    assert found["Four Seasons"] == "Company" and found["Trusteam"] == "Company"
    assert not any(name.startswith("@") for name in mentions("Bravo à Transdev (@transdev) !"))


def test_hashtags_and_handles_name_no_organization(mentions):
    found = mentions("Rendez-vous en 2016 ! #VRC2015 #ClientHorizon, merci à @CFEC_officiel et à Orange.")
    assert not {"VRC2015", "ClientHorizon", "CFEC_officiel"} & set(found)


def test_the_function_before_an_organization_is_no_part_of_its_name(mentions):
    found = mentions("Jérôme Pellissier, Directeur de l'Expérience Client de Boursorama Banque, a parlé.")
    assert "Boursorama Banque" in found
    assert not [name for name in found if name.startswith("Expérience")]


def test_tail_words_the_model_left_out_finish_a_name(mentions):
    found = mentions("La soirée était organisée par le Cercle Français de l'Expérience Client (CFEC).")
    assert "Cercle Français de l'Expérience Client" in found
    found = mentions("Chez La Banque Postale Assurances IARD, on innove.")
    assert "La Banque Postale Assurances" not in found  # the name goes on past the tail words


def test_an_organization_noun_or_apposition_makes_a_name_an_organization(mentions):
    found = mentions("Julien Ferrand travaille chez Opinéo Études (filiale du groupe Sextant) depuis 2010.")
    assert found.get("Sextant") == "Company"  # a common word, but named by its noun
    found = mentions("Marc Lefort dirige la relation client de Direct Assurance (filiale d'AXA).")
    assert "Direct Assurance" in found
    found = mentions("Le cabinet de Jean Dupont a ouvert.\nSelon la marque, tout va bien.")
    assert "Jean Dupont" not in {k for k, v in found.items() if v != "Person"} and "Selon" not in found


def test_a_firm_suffix_ends_no_persons_name(mentions):
    found = mentions("La soirée était organisée par Mystéria Conseil, avec Brightline Partners.")
    assert found.get("Mystéria Conseil") not in (None, "Person")


def test_a_past_employer_and_a_time_phrase_are_no_part_of_a_name(mentions):
    found = mentions("Claire Dumas (ex-Société Générale) a publié chez Dunod cet automne un livre.")
    assert "Société Générale" in found and "ex-Société Générale" not in found
    assert not any(name.endswith("cet automne") for name in found)


def test_a_country_after_a_company_is_part_of_its_name(mentions):
    assert "Carrefour France" in mentions("Jean Morel, directeur exécutif de Carrefour France, a parlé.")


def test_a_public_body_or_union_named_with_its_place_is_that_local_branch(mentions):
    found = mentions("Christine Morel, de la CAF de Colombes, et Paul Durand, de l'Urssaf Rhône-Alpes, ont "
                     "rencontré la CGT du Nord. La CAF a parlé à Orange.")
    assert found["CAF de Colombes"] == "PublicBody" and found["Urssaf Rhône-Alpes"] == "PublicBody"
    assert "CGT du Nord" in found and "Orange" in found


def test_a_media_noun_makes_the_name_after_it_a_media(mentions):
    assert mentions("La radio Ondes Bleues a diffusé le reportage lundi.")["Ondes Bleues"] == "Media"
    assert mentions("Le journal Le Parisien a publié une enquête.")["Le Parisien"] == "Media"


def test_a_surname_after_du_is_one_name_unless_its_tail_is_a_firm(mentions):
    found = mentions("Selon Marc Aubert du Sablon, la démarche est utile.")
    assert found["Marc Aubert du Sablon"] == "Person" and "Sablon" not in found
    found = mentions("Paul Martin de Webhelp explique la démarche.")
    assert found["Paul Martin"] == "Person" and found["Webhelp"] == "Company"
    # a tail that runs on is the start of another name
    found = mentions("Billet écrit par Thierry Lanvin du Cercle du client, le blog.")
    assert found["Thierry Lanvin"] == "Person"
    # a tail the post names again is the firm's name
    found = mentions("Pierre Lambert du Montfort parle. Montfort recrute 200 conseillers.")
    assert found["Pierre Lambert"] == "Person"
    # after "de", a firm is as likely as a surname
    assert mentions("Julie Martin de Castelvin est montée sur le podium.")["Julie Martin"] == "Person"


def test_an_institution_named_in_lower_case_after_its_capitalised_head(mentions):
    found = mentions("Le rapport a été présenté au Comité consultatif des usagers du rail en mars.")
    assert "Comité consultatif des usagers du rail" in found
    found = mentions("Jean Martin est président du Syndicat des prestataires de la relation client.")
    assert found["Syndicat des prestataires de la relation client"] == "Association"
    # a company's own board, or a head with one word after it, is no institution's name
    assert not mentions("Le Conseil d'administration de la société a voté hier soir.")
    assert "Fédération est présente" not in mentions("La Fédération est présente dans toutes les régions.")


def test_a_name_in_capitals_opening_with_a_first_name_is_a_person(mentions):
    found = mentions("Par CLAIRE DUVANEL, publié le 3 mars 2015.\nLe cabinet Orvenal a changé de siège.")
    assert found.get("CLAIRE DUVANEL") == "Person" and "DUVANEL" not in found
    assert mentions("JEAN-MARC DUVANEL, directeur de Orvenal, le dit.").get("JEAN-MARC DUVANEL") == "Person"
    assert not is_person_name("ALD AUTOMOTIVE")  # an acronym, not a first name, opens a firm's name


def test_a_site_named_by_its_address_is_an_organization(mentions):
    found = mentions("Selon Comparabanque.com et vente-kalio.fr, écrivez à a@kalio.fr ou www.kalio.com.")
    assert found.get("Comparabanque.com") == "Company" and found.get("vente-kalio.fr") == "Company"
    assert not any("kalio.com" in name or "@" in name for name in found)


def test_a_name_after_a_preposition_of_place_is_a_place(mentions):
    found = mentions("Le centre d'appels de Kelmor, installé à Annecy, a ouvert un second site en Turquie.")
    assert found.get("Annecy") in (None, "Place") and found.get("Turquie") in (None, "Place")
    assert found.get("Kelmor") != "Place"
    assert mentions("Le Trophée Vortal 2019 a été remis à Kelmor.").get("Kelmor") != "Place"


def test_a_city_or_country_the_model_calls_an_organization_is_a_place(mentions):
    found = mentions("Claire Dupont, directrice du site d'Annecy de Zorglub Services, vise Douala et Calais.")
    assert all(found.get(city) in (None, "Place") for city in ("Annecy", "Douala", "Calais"))
    assert found["Zorglub Services"] == "Company" and found["Claire Dupont"] == "Person"
    assert is_place("Winterthur") and not is_place("Winterthur Assurances")
    assert not is_place("Orange")  # the gazetteer's firm is left out of the place names


def test_a_body_named_by_a_lowercase_head_then_capitals(mentions):
    found = mentions("Paul Morel, membre de l'union locale CGT de Douai, écrit au rectorat de Nantes.")
    assert found["union locale CGT de Douai"] == "Association"
    assert "rectorat de Nantes" in found
    assert "fondation Orvenal" in mentions("Selon la fondation Orvenal, la satisfaction progresse.")
    assert "institut Sondalia" not in mentions("Selon l'institut Sondalia, la satisfaction progresse.")
    # no words between: the head is a description, the capitals the name ("le syndicat CGT")
    assert "syndicat CGT" not in mentions("Le syndicat CGT a appelé à la grève chez Kelmor.")
    assert not any(n.startswith("conseil") for n in mentions("Le conseil d'administration de Kelmor a voté."))


def test_trade_abbreviations_and_french_names_of_countries_name_no_organization(mentions):
    found = mentions("Après dix ans en SSII puis chez un GEIQ, Paul Morel a ouvert un site en "
                     "Grande-Bretagne pour Kelmor, puis un autre à l'île Maurice.")
    assert all(found.get(name) in (None, "Place") for name in ("SSII", "GEIQ", "Grande-Bretagne"))
    assert found["Paul Morel"] == "Person"


def test_two_known_firms_joined_by_a_slash_are_two_names(mentions):
    found = mentions("Le rapprochement Teleperformance/Webhelp a été commenté par Paul Morel.")
    assert found.get("Teleperformance") == "Company" and found.get("Webhelp") == "Company"
    assert "Teleperformance/Webhelp" not in found


def test_a_name_that_does_something_is_a_firm_not_a_place(mentions):
    found = mentions("Consolidation du secteur\n\nKelvora rachète Dralix Systems. Lyon accueille le salon.")
    assert found["Kelvora"] == "Company"
    assert found["Lyon"] == "Place"


def test_a_person_the_model_reads_may_open_with_a_first_name_that_is_also_a_word(mentions):
    # "Ken" and "Ariel" are in the lemmatizer's word list; the uncommon surname makes the name a person's.
    found = mentions("Selon Ken Moravecky, directeur de Darty, les ventes montent.")
    assert found["Ken Moravecky"] == "Person"
    assert mentions("Ariel Bostanji a rejoint la Fnac.")["Ariel Bostanji"] == "Person"
    assert not is_person_name("Ken Moravecky")  # without the model's word, the rules alone do not say


def test_a_dash_between_spaces_ends_a_name(mentions):
    found = mentions("Photo : Léa Morin - AFP")
    assert found.get("Léa Morin") == "Person" and found.get("AFP") == "Media"


def test_hyphenated_place_names_are_no_organizations():
    assert not is_org_name("Lys-Saint-Georges") and not is_org_name("Vaux-le-Vicomte")
    assert is_org_name("Saint-Gobain")


def test_a_common_word_in_capitals_is_no_organization():
    assert not is_org_name("DIGITALE") and not is_org_name("LES BONNES PRATIQUES")
    assert is_org_name("DARTY") and is_org_name("SNCF")


def test_a_name_stops_at_an_indefinite_article_and_keeps_no_dangling_de(mentions):
    assert list(clean_span("Kelvora Conseil d'une grande ville", 0)) == [(0, len("Kelvora Conseil"))]
    found = mentions("Au sein de la ville, la Caisse d'allocations familiales de Brest (CAF) a ouvert.")
    assert not any(name.endswith(" de") for name in found)


def test_a_demonstrative_before_an_apposition_is_no_name(mentions):
    found = mentions("J'ai rejoint Kelvora en 1994. Cette filiale de Darty gérait le plateau.")
    assert "Cette" not in found
    assert list(clean_span("Satisfaction Index de l", 0)) == [(0, len("Satisfaction Index"))]
