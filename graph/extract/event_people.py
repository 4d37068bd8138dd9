"""Who takes part in an event, read off the text around its name: organizers, partners, hosts and speakers
the cues of ``data/rules/events.yaml`` state ("organisé par X", "en partenariat avec Y"), the subjects of
a clause's cue ("X et Y rappelaient", "X a accueilli"), the speakers of talks listed as bullets or under
"Sont intervenus :", and the organizer a site is named after ("les vidéos sur le site de l'AFRC")."""

from __future__ import annotations

import re
from functools import cache

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import accent_free, listed_refs, ref_of
from graph.model import ORG_KINDS, PERSON, Ref

RULES = "rules/events"


@cache
def cues(field_name: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(rules.load(RULES)[field_name]) + ")", re.IGNORECASE)


def stated_roles(ctx: PostContext, start: int, end: int) -> list[tuple[str, Ref]]:
    """Organizers, partners, hosts and speakers stated in ``text[start:end]``."""
    found: list[tuple[str, Ref]] = []
    text = ctx.text
    for role, role_cues in rules.load(RULES)["roles"].items():
        kinds = (PERSON,) if role in ("host", "speaker") else None
        for m in re.finditer("(?i)(?:" + "|".join(role_cues) + ")", text[start:end]):
            cue_end = start + m.end()
            stop = re.search(r"[.;:!?\n]|\s(?:pour|qui|lors|se tiendra|sur le thème)\b", text[cue_end:end])
            for ref in listed_refs(ctx, cue_end, cue_end + stop.start() if stop else end, kinds,
                                   appositions=role == "speaker"):
                found.append((role, ref))
    return found


def start_of_clause(text: str, s_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last colon or semicolon of its sentence."""
    cut = max(text.rfind(":", s_start, pos), text.rfind(";", s_start, pos))
    return cut + 1 if cut >= 0 else s_start


_SUBJECT_GAP = re.compile(r"\s*(?:[\w'\-]+\s+){0,2}|\s*,[^.;:!?]{0,160}")


# "..., X", "Puis X", "Le sociologue X": what may open a clause before its subject.
_SUBJECT_OPENER = re.compile(r"(?:^|,)\s*(?:puis |ensuite |enfin |et )?(?:(?:le |la |l')(?:[a-zà-ÿ]+\s+)?)?$",
                             re.IGNORECASE)


def subjects_before(ctx: PostContext, clause_start: int, cue: int, kinds: tuple[str, ...], opens: bool
                     ) -> list[Ref]:
    """The names listed just before the cue at ``cue`` ("X et Y rappelaient", "X, directeur de Y,
    présentait"): the last name of ``kinds`` in the clause and the names joined to it by list glue. With
    ``opens``, the list must open the clause or follow a comma (so "la visite de X, ..." is no subject)."""
    text = ctx.text
    found = sorted((m for m in ctx.mentions_in(clause_start, cue) if m.kind in kinds), key=lambda m: m.start)
    if not found or not _SUBJECT_GAP.fullmatch(text[found[-1].end:cue]):
        return []
    group = [found[-1]]
    for m in reversed(found[:-1]):
        if not re.fullmatch(r"\s*(?:,|et|&)\s*", text[m.end:group[0].start]):
            break
        group.insert(0, m)
    if opens and not _SUBJECT_OPENER.search(text[clause_start:group[0].start]):
        return []
    return [ref_of(m) for m in group]


def subject_roles(ctx: PostContext, start: int, end: int, wanted: tuple[str, ...]) -> list[tuple[str, Ref]]:
    """Speakers and organizers named as the subject of a cue in ``text[start:end]`` (rules
    ``subject_roles``), and speakers of talks listed as bullets."""
    text, found = ctx.text, []
    for role, role_cues in rules.load(RULES)["subject_roles"].items():
        if role not in wanted:
            continue
        kinds = (PERSON,) if role == "speaker" else ORG_KINDS
        for shape, opens in (("verbs", True), ("phrases", False)):
            for pattern in role_cues[shape]:
                for m in re.finditer(rf"(?i)\b{pattern}", text[start:end]):
                    cue = start + m.start()
                    clause = start_of_clause(text, start, cue)
                    found += [(role, ref) for ref in subjects_before(ctx, clause, cue, tuple(kinds), opens)]
    if "speaker" in wanted:
        found += [("speaker", ref) for ref in _talk_speakers(ctx, start, end)]
    return found


@cache
def _talk_line() -> re.Pattern[str]:
    words = "|".join(accent_free(w) for w in rules.load(RULES)["talk_words"])
    return re.compile(rf"(?i)\b(?:{words})\b")


def _talk_speakers(ctx: PostContext, start: int, end: int) -> list[Ref]:
    """ "- Les attentes, une option stratégique par X, directeur de Y ... de sa présentation": in a bullet
    line naming a talk, the person after a bare "par" (not "organisé par", "animé par") gave it."""
    text = ctx.text
    line = re.match(r"[ \t]*[-*][ \t]", text[start:end])
    if not line or not _talk_line().search(text, start, end):
        return []
    found = []
    for m in re.finditer(r"(\S+) par ", text[start:end]):
        if re.search(r"(?:é|ée|és|ées|crite?s?|tenue?s?|duite?s?|mise?s?|prise?s?)$", m.group(1)):
            continue  # a participle: organisé par, présentée par, animé par
        at = start + m.end()
        found += [ref_of(x) for x in ctx.mentions if x.start == at and x.kind == PERSON]
    return found


def speaker_list(ctx: PostContext, start: int, end: int) -> list[tuple[Ref, int, int]]:
    """ "Sont ensuite intervenus, lors d'une table ronde ... :" then one bullet per speaker: the first
    person each bullet line names, with that line."""
    text = ctx.text
    line_end = text.find("\n", end)
    if not cues("speaker_lists").search(text, start, end) or not text[start:end].rstrip().endswith(":"):
        return []
    found = []
    pos = line_end + 1 if line_end >= 0 else len(text)
    while (bullet := re.match(r"[ \t]*[-*][ \t]+[^\n]*", text[pos:])) is not None:
        people = [m for m in ctx.mentions_in(pos, pos + bullet.end()) if m.kind == PERSON]
        if people:
            found.append((ref_of(people[0]), pos, pos + bullet.end()))
        pos += bullet.end() + 1
    return found


def site_organizers(ctx: PostContext, start: int, end: int) -> list[Ref]:
    """ "l'organisateur Viseo", "les videos de la soirée sur le site de l'AFRC": one organization per cue."""
    found = []
    for m in cues("site_organizer").finditer(ctx.text, start, end):
        found += [r for r in listed_refs(ctx, m.end(), end, ("Organization",)) if r.kind in ORG_KINDS][:1]
    return found
