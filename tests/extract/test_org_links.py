"""Organization links extractor: cue phrases, group brand lists and extended names."""

from __future__ import annotations

import pytest

from graph.extract.org_links import extract_org_links


def pairs(ctx):
    return {(f.type, f.get("child").name, f.get("parent").name) for f in extract_org_links(ctx)}


def test_appartient_au_groupe(context):
    assert ("subsidiaryOf", "Free", "Groupe Iliad") in pairs(
        context("Free, qui appartient au Groupe Iliad, innove.")
    )


def test_a_company_of_a_group_in_an_apposition(context):
    found = pairs(context("Parmi les lauréats, Brindor, une enseigne du groupe Vertigo Holding, progresse."))
    assert ("subsidiaryOf", "Brindor", "Vertigo Holding") in found
    assert ("subsidiaryOf", "Brindor", "Vertigo") in pairs(context("Brindor (du groupe Vertigo) innove."))
    assert not pairs(context("Le directeur du groupe Vertigo a parlé à Brindor."))


def test_group_brands_in_parentheses(context):
    found = pairs(context("Il était directeur marketing du Groupe Yum! (Pizza Hut, KFC...) à Paris."))
    assert {("brandOf", "Pizza Hut", "Groupe Yum!"), ("brandOf", "KFC", "Groupe Yum!")} <= found
    # "groupe" in lower case, outside the name
    found = pairs(context("Elle est fidèle au groupe Kelvia (Brindor) depuis dix ans."))
    assert ("brandOf", "Brindor", "Kelvia") in found


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


def test_two_names_of_one_company_are_no_link(context):
    found = pairs(
        context(
            "Me voilà à bord du bateau Costa Fortuna de Costa Croisières. Costa est leader. "
            "Mercedes Benz a été élue. Mercedes est en tête."
        )
    )
    assert found == set()


def test_region_and_business_line_names_are_parts(context):
    found = pairs(
        context(
            "Le prix va à Groupama Rhône-Alpes pour Granvillage, fidèle à la marque Groupama. "
            "Côté banques, La Banque Postale devance BforBank. "
            "La Banque Postale Assurances IARD est distinguée."
        )
    )
    assert ("subsidiaryOf", "Groupama Rhône-Alpes", "Groupama") in found
    assert ("subsidiaryOf", "Banque Postale Assurances IARD", "La Banque Postale") in found


def test_name_of_a_group_extended(context):
    found = pairs(
        context("Richard Branson, le fondateur du groupe Virgin, nous fait voler sur Virgin Atlantic.")
    )
    assert ("divisionOf", "Virgin Atlantic", "Virgin") in found


def test_part_of_ce_groupe_names_the_last_organization(context):
    found = pairs(
        context(
            "Eric Lestanguet dirige la relation client de GDF SUEZ. C'est un signe pour la branche "
            "particuliers de ce grand groupe. Virginie travaille chez GDF SUEZ DolceVita."
        )
    )
    assert ("divisionOf", "GDF SUEZ DolceVita", "GDF SUEZ") in found


def test_unit_before_a_name_and_country_after_it(context):
    found = pairs(
        context(
            "J'ai été téléconseillère au sein du Centre Conseil GDF SUEZ. Google innove : j'ai fait une "
            "conférence chez Google France."
        )
    )
    assert ("divisionOf", "Centre Conseil GDF SUEZ", "GDF SUEZ") in found
    assert ("subsidiaryOf", "Google France", "Google") in found


def links(context, body: str) -> set[tuple[str, str]]:
    return {(child, parent) for _, child, parent in pairs(context(body))}


def test_subsidiaries_and_brands_behind_asides_and_descriptions(context):
    facts = links(context, (
        "Julien Ferrand, de Opinéo Études (filiale du groupe Sextant), a parlé. Sylvéa Énergies, fournisseur "
        "alternatif filiale du groupe belge Maréval, progresse. Sosh, la marque sans engagement d'Orange."
    ))
    expected = {("Opinéo Études", "Sextant"), ("Sylvéa Énergies", "Maréval"), ("Sosh", "Orange")}
    assert expected <= facts


def test_members_listed_by_an_association_and_its_own_federation(context):
    facts = links(context, (
        "L'Association des Professionnels du Service Client (APSC) a réuni ses adhérents. Un record pour "
        "cette association, qui compte parmi ses membres La Poste, Darty ou encore Nexity, et qui est "
        "elle-même membre de la Fédération Européenne des Centres de Contact."
    ))
    apsc = {"Association des Professionnels du Service Client", "APSC"}  # one entity once resolved
    members = {child for child, parent in facts if parent in apsc}
    assert {"La Poste", "Darty", "Nexity"} <= members
    federation = {c for c, parent in facts if parent == "Fédération Européenne des Centres de Contact"}
    assert federation and federation <= apsc


def test_a_purchase_told_actively_or_as_ownership(context):
    assert ("subsidiaryOf", "Teleservices Durand", "Armatis") in pairs(
        context("Armatis acquiert Teleservices Durand et double de taille.")
    )
    assert ("subsidiaryOf", "Proxicall", "Webhelp") in pairs(
        context("Le groupe Webhelp s'offre Proxicall, un spécialiste lyonnais.")
    )
    assert ("ownedBy", "Vocalis", "Intelcia") in pairs(
        context("Vocalis, désormais propriété d'Intelcia, ouvre un bureau à Lille.")
    )
    assert ("ownedBy", "Vocalis", "Intelcia") in pairs(context("Vocalis a été rachetée par Intelcia."))


def test_a_cue_opening_the_body_cites_its_own_sentence_not_the_title(context):
    """The spaces after a title line belong to the next sentence: the cue's sentence is quoted, and a name
    of the title is no child of the body's group."""
    ctx = context("La filiale du groupe Vertigo confie ses appels à Brindor Services.",
                  title="Des équipes étoffées chez Brindor")
    for fact in extract_org_links(ctx):
        assert fact.evidence.quote.startswith("La filiale")
        assert fact.get("child").name != "Brindor"


def test_a_sale_or_a_stake_makes_the_buyer_an_owner(context):
    found = pairs(context(
        "Le groupe Brindor confirme la cession de Vertigo Solutions au fonds Ormeau Partners. "
        "Depuis l'entrée de Garance Invest au capital de Webtel, les recrutements ont repris. "
        "En 2019, Orbis Finance entre au capital de Malo Services."
    ))
    assert {("ownedBy", "Vertigo Solutions", "Ormeau Partners"), ("ownedBy", "Webtel", "Garance Invest"),
            ("ownedBy", "Malo Services", "Orbis Finance")} <= found
    assert not any(parent == "Brindor" for _, _, parent in found)



@pytest.mark.parametrize(
    ("text", "link"),
    [
        # an acquisition named by a noun
        ("Le secteur a vu l'acquisition de Webhelp par Teleperformance cette année.",
         ("ownedBy", "Webhelp", "Teleperformance")),
        # a parent company in an apposition
        ("Le patron d'Iliad, la maison mère de l'opérateur Free, a parlé.",
         ("subsidiaryOf", "Free", "Iliad")),
        # a share held by a group
        ("Webhelp, détenu à 60 % par le groupe Teleperformance, recrute.",
         ("ownedBy", "Webhelp", "Teleperformance")),
    ],
)
def test_ownership_told_by_a_noun_an_apposition_or_a_share(context, text, link):
    assert link in pairs(context(text))


@pytest.mark.parametrize(
    ("text", "link"),
    [
        # an acquiring noun, owned by the subject of the verb it is the object of
        ("Le groupe Vantor annonce l'acquisition de Telvia, spécialiste du recouvrement.",
         ("ownedBy", "Telvia", "Vantor")),
        # ... or by its "par" complement, past an apposition
        ("Le rachat de Telvia, filiale du groupe Ronce, par Dumas Partners est conclu.",
         ("ownedBy", "Telvia", "Dumas Partners")),
        # an owning verb: its subject owns what it names, through coordination or a share
        ("Le groupe Vantor a racheté Dialys SAS et Ciblo Group en mars.",
         ("ownedBy", "Ciblo Group", "Vantor")),
        ("Le groupe Vantor détient 23 % de Telvia.", ("ownedBy", "Telvia", "Vantor")),
        ("Telvia, propriété du fonds Dumas Partners, recrute.", ("ownedBy", "Telvia", "Dumas Partners")),
        # shareholders, either way round
        ("Telvia, dont l'actionnaire principal est le fonds Dumas Partners, recrute à Lyon.",
         ("ownedBy", "Telvia", "Dumas Partners")),
        ("Dumas Partners, actionnaire majoritaire de Telvia, se retire.",
         ("ownedBy", "Telvia", "Dumas Partners")),
        # a share "au capital" of a firm its nationality introduces
        ("Le groupe Vantor détient une participation majoritaire au capital du belge Telvia.",
         ("ownedBy", "Telvia", "Vantor")),
        ("Le groupe Marvel s'est offert Kalbo en 2015.", ("ownedBy", "Kalbo", "Marvel")),
        # ... an adverb between the verb and the name, a relative clause's subject the name it hangs on
        ("La société Vantor, qui possède aussi Telvia, recrute.", ("ownedBy", "Telvia", "Vantor")),
        ("Le groupe Vantor rachète également Telvia.", ("ownedBy", "Telvia", "Vantor")),
        ("Le groupe Vantor avait déjà racheté en mars 2021 Telvia.", ("ownedBy", "Telvia", "Vantor")),
        # a part noun after a possessive: a part of the organization the clause is about
        ("Le groupe Marvel a annoncé que sa filiale Tribo a signé un accord avec la Poste.",
         ("subsidiaryOf", "Tribo", "Marvel")),
    ],
)
def test_links_read_off_the_parse(context, text, link):
    assert link in pairs(context(text))


def test_offering_a_service_is_no_purchase(context):
    assert not pairs(context("Bouygues offre un service gratuit à Orange depuis mars."))


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Dialys SAS et Telvia deviennent filiales de Vantor Group.", ("Telvia", "Vantor Group")),
        ("Telvia, rattachée au groupe Marvel, recrute.", ("Telvia", "Marvel")),
        ("On retient l'absorption de Telvia par Dumas Partners.", ("Telvia", "Dumas Partners")),
        ("En 2009, Vantor Group entrant au capital de Telvia, elle grandit.", ("Telvia", "Vantor Group")),
        # in a list of deals, the name right before the cue is the buyer, not the sentence's first name
        ("Cette année-là, Dialys SAS fusionne avec Ciblo Group, Vantor Group entrant au capital de Telvia.",
         ("Telvia", "Vantor Group")),
        ("Ronce Finance, la maison mère de l'enseigne lyonnaise Telvia, s'endette.",
         ("Telvia", "Ronce Finance")),
        # a local branch named with "de" and its region; a part noun with its line of business
        ("La CGT de Normandie lance une pétition. La CGT a aussi parlé.", ("CGT de Normandie", "CGT")),
        ("Les clients de Kelvora (filiale de restauration rapide de Darty) sont contents.",
         ("Kelvora", "Darty")),
    ],
)
def test_cues_of_becoming_a_part(context, text, link):
    assert link in {pair[1:] for pair in pairs(context(text))}


@pytest.mark.parametrize("text", [
    "Le groupe Vantor ne rachètera pas Telvia cette année.",
    "Le groupe Vantor n'a jamais racheté Telvia.",
    "Le groupe Vantor ne rachètera plus Telvia.",
])
def test_a_purchase_denied_is_no_link(context, text):
    assert not pairs(context(text))


def test_a_plural_cue_makes_every_name_listed_before_it_a_part(context):
    found = pairs(context("Darty et Fnac deviennent filiales de Nespresso."))
    assert {("subsidiaryOf", "Darty", "Nespresso"), ("subsidiaryOf", "Fnac", "Nespresso")} <= found
    # a singular cue is the last name's alone
    singular = pairs(context("Darty et Fnac, filiale de Nespresso, vont bien."))
    assert ("subsidiaryOf", "Darty", "Nespresso") not in singular
