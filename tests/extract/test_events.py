"""Events extractor: names by kind, dates, agenda entries and roles, on hand-made French sentences."""

from __future__ import annotations

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


def test_speakers_listed_after_interventions(context):
    ctx = context(
        "La convention de l'AMARC a lieu vendredi 13 décembre 2013, avec les interventions de "
        "Patrick Bastat, Erik Perey et Philippe Torres."
    )
    assert {"Patrick Bastat", "Erik Perey", "Philippe Torres"} <= set(names(extract_events(ctx), "speaker"))


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


def test_bare_head_without_owner_is_no_event(context):
    assert list(extract_events(context("J'ai donné une conférence hier soir."))) == []


def test_dates_weekday_decides_the_missing_year():
    found = find_dates("Mardi 17 décembre 2013 puis mardi 4 février", None)
    assert [d.start for d in found] == ["2013-12-17", "2014-02-04"]


def test_dates_month_only():
    assert find_dates("au mois d'octobre 2013", None)[0].start == "2013-10"
