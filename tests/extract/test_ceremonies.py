"""A conferral and the one prize ceremony its post tells of: linked when their names share a word and their
years agree, never when the post tells of two ceremonies. A ceremony's organizers win nothing there."""

from __future__ import annotations

from graph.extract import extract_facts
from graph.extract.awards.ceremonies import at_ceremonies, without_givers
from graph.model import Evidence, Fact, Ref

QUOTE = Evidence("p", 0, 5, "texte")


def _ceremony(label: str) -> Fact:
    return Fact("events", "AwardCeremony", (("label", label),), QUOTE, ("label",))


def _conferral(award: str, *roles: tuple[str, object]) -> Fact:
    roles = (("recipient", Ref("Kelmor", "Company")), ("award", award), *roles)
    return Fact("awards", "AwardConferral", roles, QUOTE, ("recipient", "award", "year"))


def _events(facts: list[Fact]) -> list[object]:
    return [f.get("event") for f in facts if f.type == "AwardConferral"]


def test_a_prize_named_like_the_posts_one_ceremony_was_given_there():
    facts = at_ceremonies([_ceremony("Trophées Vortal 2019"), _conferral("Trophée Vortal de l'innovation")])
    assert _events(facts) == ["Trophées Vortal 2019"]


def test_a_prize_of_another_name_or_year_is_not_linked():
    facts = at_ceremonies([
        _ceremony("Trophées Vortal 2019"),
        _conferral("Prix Astrane"),
        _conferral("Trophée Vortal", ("year", 2017)),
    ])
    assert _events(facts) == [None, None]


def test_with_two_ceremonies_nothing_is_linked():
    facts = at_ceremonies([
        _ceremony("Trophées Vortal 2019"),
        _conferral("Trophée Vortal"),
        _conferral("Palme Kelmor", ("event", "Palmes Kelmor 2019")),
    ])
    assert _events(facts) == [None, "Palmes Kelmor 2019"]


def test_a_conferral_keeps_the_event_its_own_sentence_gives():
    facts = at_ceremonies([_ceremony("Trophées Vortal 2019"), _conferral("Trophée Vortal", ("event", "X"))])
    assert _events(facts) == ["X"]


def test_a_post_of_one_ceremony_links_its_prizes(context):
    ctx = context("La cérémonie des Trophées Vortal 2019 s'est tenue à Lyon le 3 juin. Le groupe Kelmor a "
                  "remporté le Trophée Vortal de l'innovation.")
    conferrals = [f for f in extract_facts(ctx) if f.type == "AwardConferral"]
    assert conferrals and all(f.get("event") for f in conferrals)


def test_the_step_is_registered_to_run_after_every_family() -> None:
    from graph.extract import ACROSS_FAMILIES, _load_builtin_extractors

    _load_builtin_extractors()
    assert ACROSS_FAMILIES["ceremonies"] is at_ceremonies


def test_the_organizer_of_a_prize_event_is_no_recipient():
    organized = (("label", "Podium Vortal"), ("organizer", Ref("Kel Mor", "Company")))  # "Kelmor" spaced
    podium = Fact("events", "Competition", organized, QUOTE, ("label",))
    won = (("recipient", Ref("Astrane", "Company")), ("award", "Podium Vortal"))
    winner = Fact("awards", "AwardConferral", won, QUOTE, ("recipient", "award", "year"))
    assert without_givers([podium, _conferral("Podium Vortal"), winner]) == [podium, winner]
