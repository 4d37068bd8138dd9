"""The ceremony a conferral took place at, when the post tells of one prize event and of prizes named like it;
and who cannot have won there: the prize event's organizers.

The awards rules give a conferral its event only where the sentence or the post's setting names the prize's
edition ("Trophées Qualiweb 2021"). A post that tells of one award ceremony or contest (the events family
reads "la soirée des Palmes de la relation client 2013") and of prizes that share a word of its name
("la Palme Innovation", "le Trophée Qualiweb") gave them there, unless their years differ. With two
ceremonies, or none, nothing is linked: which prize went with which is no longer the text's to say.
"""

from __future__ import annotations

import re

from graph import rules
from graph.extract import across_families
from graph.extract._phrases import domain_words, year_in
from graph.extract.awards.vocab import words
from graph.model import Fact, Ref

PRIZE_EVENTS = frozenset({"AwardCeremony", "Competition"})


def _words(name: str) -> set[str]:
    """A name's telling words, folded, a plural read as its singular ("Trophées" as "trophee"): not the
    words that join a prize's name or stop one (the awards vocabulary), nor the field's own words."""
    common = words("connectors") | words("name_stops") | domain_words()
    found = re.findall(r"[^\W\d_]+", rules.fold(name))  # "l'accueil": "l" is the connector "l'"
    return {w.removesuffix("s") for w in found if w not in common and f"{w}'" not in common}


def _year(fact: Fact) -> str | None:
    for role in ("year", "startDate", "label", "award"):
        value = fact.get(role)
        found = year_in(str(value)) if value is not None else None
        if found:
            return found
    return None


@across_families("ceremonies")
def at_ceremonies(facts: list[Fact]) -> list[Fact]:
    """One post's facts, each conferral with no event given the post's one prize event it names like."""
    events = {str(f.get("label")): f for f in facts if f.family == "events" and f.type in PRIZE_EVENTS}
    named = {str(f.get("event")) for f in facts if f.type == "AwardConferral" and f.get("event")}
    if len(events.keys() | named) != 1 or not events:
        return facts
    (label, event), = events.items()
    out = []
    for fact in facts:
        if (
            fact.type == "AwardConferral"
            and fact.get("event") is None
            and _words(str(fact.get("award"))) & _words(label)
            and (_year(fact) or _year(event)) == (_year(event) or _year(fact))
        ):
            fact = Fact(fact.family, fact.type, (*fact.roles, ("event", label)), fact.evidence, fact.identity)
        out.append(fact)
    return out


@across_families("givers")
def without_givers(facts: list[Fact]) -> list[Fact]:
    """One post's facts but the conferrals to an organizer of one of its prize events: "le Podium organisé
    par X et Y" puts neither X nor Y on it, whatever a sentence listing them beside the winners suggests."""
    givers = {
        rules.name_key(ref.name)
        for f in facts
        if f.family == "events" and f.type in PRIZE_EVENTS
        for ref in f.all("organizer")
        if isinstance(ref, Ref)
    }

    def given_to_giver(f: Fact) -> bool:
        recipient = f.get("recipient")
        conferral = f.type == "AwardConferral" and isinstance(recipient, Ref)
        return conferral and rules.name_key(recipient.name) in givers

    return [f for f in facts if not given_to_giver(f)]
