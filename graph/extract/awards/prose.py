"""Award verb frames in prose: prizes named after a role ("X est le Directeur Relation Client de l'année"),
"G décerne son prix "X" à Y", "X remporte le Prix Y", "le Prix X revient à Y", "l'édition 2013 a récompensé
X et Y"."""

from __future__ import annotations

import re
from dataclasses import replace

from graph import rules
from graph.extract import PostContext
from graph.extract._phrases import noun_phrase_end, sentences_in
from graph.extract.awards.names import (
    ORG_ONLY,
    Conferral,
    Setting,
    as_ref,
    clean_name,
    evidence_span,
    mention_at,
    name_end,
    recipient_at,
    role_award_start,
    series_in,
    starts_word,
    subject_before,
    year_before,
)
from graph.extract.awards.vocab import find, head_at, words
from graph.model import PERSON, PLACE, Mention, Ref


def year_awards(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """Prizes named after a role: "X est le Directeur Relation Client de l'année 2013, suivi de Y et Z"."""
    text, out = ctx.text, []
    for mark in find("year_award_marks", text, start, end):
        award_start = role_award_start(text, start, mark.start())
        if award_start is None:
            continue
        award_end = mark.end()
        after_year = re.match(r"\s+((?:19|20)\d\d)\b", text[award_end:end])
        year = int(after_year.group(1)) if after_year else None
        dated_end = award_end + (after_year.end() if after_year else 0)
        award = clean_name(ctx.post.text[award_start:award_end])
        person = any(rules.fold(w) in words("role_heads") for w in award.split())
        sentence = _sentence_around(text, start, end, award_start)
        found = _awarded_subject(ctx, setting, sentence[0], award_start, person)
        if found:
            subject, verb_start = found
            year = year or year_before(ctx, setting, subject.end, award_start)
            current = not any(True for _ in find("last_year", text, subject.end, award_start))
            event = _event_after(ctx, dated_end, sentence[1], year)
            if event is None and current and year and setting.series and year == setting.year:
                event = setting.series.event
            first = Conferral(
                as_ref(subject),
                award,
                *evidence_span(sentence, subject.start, dated_end),
                None,
                year,
                None,
                event,
            )
            runners = _runners_up(ctx, dated_end, sentence[1], person)
            if runners:
                first = replace(first, rank=1)
                out.extend(
                    replace(first, recipient=as_ref(r), rank=i, start=sentence[0], end=sentence[1])
                    for i, r in enumerate(runners, start=2)
                )
            out.insert(len(out) - len(runners), first)
            continue
        # Only a role's prize stands in apposition to its holder: an organization's prize in a list of names
        # ("soutenue par La Mission ..., Élu Service Client de l'Année, ...") is the prize's organizer.
        apposed = _apposed(ctx, award_start, dated_end, sentence[1], person) if person else None
        if apposed:
            year = year or (setting.year if setting.series else None)
            event = setting.series.event if setting.series and year == setting.year else None
            out.append(
                Conferral(
                    as_ref(apposed),
                    award,
                    *evidence_span(sentence, min(apposed.start, award_start), max(apposed.end, dated_end)),
                    None,
                    year,
                    None,
                    event,
                    weak=True,
                )
            )
    return out


def _sentence_around(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    for s, e in sentences_in(text, start, end):
        if s <= pos < e:
            return s, e
    return start, end


def _awarded_subject(
    ctx: PostContext, setting: Setting, sentence_start: int, award_start: int, person: bool
) -> tuple[Mention, int] | None:
    """The subject of "<X> a été élue <award>" / "<X> est le <award>": the verb must end just before it."""
    before = rules.fold(ctx.text[sentence_start:award_start])
    before = re.sub(r"\s*(?:le|la|l'|les|comme|en tant que)\s*$", "", before.rstrip()).rstrip()
    before = re.sub(
        r"\s+(?:(?:19|20)\d\d|l'an passe|l'an dernier|l'annee derniere|aussi|egalement|donc)$", "", before
    )
    for verb in sorted(words("subject_verbs"), key=len, reverse=True):
        if before.endswith(" " + verb) or before == verb:
            verb_start = sentence_start + len(before) - len(verb)
            subject = subject_before(ctx, sentence_start, verb_start, person)
            return (subject, verb_start) if subject else None
    return None


def _event_after(ctx: PostContext, start: int, end: int, year: int | None) -> str | None:
    """ "... lors des 24 heures de la Relation Client" : the ceremony named after the prize."""
    cue = re.match(
        r"\s*(?:,\s*)?(?:lors|à l'occasion|au cours|dans le cadre)\s+(?:des|du|de la|de l')\s*",
        ctx.text[start:end],
    )
    if not cue:
        return None
    found = series_in(ctx, start + cue.end(), end)
    if not found or found[0].start != start + cue.end():
        return None
    series = found[0]
    year = series.year or year
    return f"{series.name} {year}" if year else None


def _runners_up(ctx: PostContext, start: int, end: int, person: bool) -> list[Mention]:
    """ ", suivi d'Anne Loïs (iDTGV) et Delphine Isal (Air France-KLM)": the second and third places."""
    cue = next(iter(find("runner_up_cues", ctx.text, start, min(end, start + 20))), None)
    if cue is None:
        return []
    return [
        m
        for m in ctx.mentions_in(cue.start(), end)
        if (m.kind == PERSON) == person
        and ctx.text[cue.start() : m.start].count("(") == ctx.text[cue.start() : m.start].count(")")
    ]


def _apposed(
    ctx: PostContext, award_start: int, dated_end: int, sentence_end: int, person: bool
) -> Mention | None:
    """A role's prize in apposition: "X, Directeur ... de l'année", "... de l'année 2012 sur mon blog, X"."""
    for m in ctx.mentions:
        if m.kind == PLACE or (m.kind == PERSON) != person:
            continue
        gap = ctx.text[m.end : award_start]
        if m.end <= award_start and re.fullmatch(r"\s*(?:,|\()?\s*(?:la|le|l')?\s*", gap):
            return m
        gap = ctx.text[dated_end : m.start]
        if dated_end <= m.start <= sentence_end and re.fullmatch(r"(?:\s+[a-zà-ÿ']+){0,4}\s*,\s*", gap):
            return m
    return None


def given(ctx: PostContext, start: int, end: int) -> list[Conferral]:
    """ "G décerne son prix "Coup de cœur" à X", "en décernant la "Victoire" à X", "X remporte le Prix Y"."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in find("give_verbs", text, s, e):
            m = re.match(
                r"\s+(?:(?P<noun>[\w]+)\s+)?(?:(?P<kind>prix|troph[ée]e|palme|titre|distinction)\s+)?"
                r"(?P<award>\"[^\"]{2,80}\")(?P<to>\s+(?:à|au)\s+)?",
                text[verb.end() : e],
            )
            if not m:
                continue
            award = clean_name(ctx.post.text[verb.end() + m.start("award") : verb.end() + m.end("award")])
            if m.group("kind"):
                award = f"{m.group('kind')} {award}"
            rec_start = verb.end() + m.end()
            mention = mention_at(ctx, rec_start) if m.group("to") else None
            if (
                mention is None
                and re.search(r"\bm'\s*(?:a|ont)?\s*$", text[s : verb.start()])
                and ctx.post.author
            ):
                recipient: Ref | None = Ref(ctx.post.author, PERSON)
            else:
                recipient = as_ref(mention)
            if recipient is None:
                continue
            giver = mention_at(ctx, s, ORG_ONLY)  # the subject of the sentence, when it opens it
            out.append(Conferral(recipient, award, s, e, conferred_by=as_ref(giver)))
        for verb in find("win_verbs", text, s, e):
            m = re.match(r"\s+(?:(?:le|la|les|l'|un|une|son|sa)\s*)?", text[verb.end() : e])
            award_start = verb.end() + (m.end() if m else 0)
            head = head_at(text, award_start)
            if head:
                stop, year = name_end(ctx, head.end(), e)
            else:  # "est le grand gagnant du classement national de la réactivité": the parse's noun phrase
                stop, year = _ranking_phrase_end(ctx, award_start), None
                if stop is None:
                    continue
            award = clean_name(ctx.post.text[award_start:stop])
            subject = subject_before(ctx, s, verb.start(), None)
            if subject and len(award.split()) >= 2:
                out.append(Conferral(as_ref(subject), award, s, e, year=year))
    return out


def _ranking_phrase_end(ctx: PostContext, pos: int) -> int | None:
    """End of the noun phrase a ranking word (``ranking_names``) at ``pos`` heads, written in lower case."""
    span = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or rules.fold(span[0].text) not in words("ranking_names"):
        return None
    return noun_phrase_end(span[0])


def goes_to(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "Le Prix du Public, décerné par X, revient à Sosh", "le Grand Prix a été décerné à la MAIF"."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in find("goes_to_verbs", text, s, e):
            to = re.match(r"\s+(?:à|au|aux)\s+", text[verb.end() : e])
            heads = [h for h in find("award_heads", text, s, verb.start()) if starts_word(text, h.start())]
            if not to or not heads:
                continue
            head = heads[-1]
            stop, year = name_end(ctx, head.end(), verb.start())
            award = clean_name(ctx.post.text[head.start() : stop])
            recipient = recipient_at(ctx, verb.end() + to.end(), e)
            if recipient is None or len(award.split()) < 2:
                continue
            year = year or setting.year
            series = setting.series
            event = series.event if series and series.year == year else None
            cues = find("conferrer_cues", text, head.end(), verb.start())
            giver = next((recipient_at(ctx, c.end(), verb.start()) for c in cues), None)
            out.append(
                Conferral(
                    recipient,
                    award,
                    s,
                    e,
                    None,
                    year,
                    None,
                    event,
                    conferred_by=giver if giver and giver.kind != PERSON else None,
                    series=series.name if series else None,
                )
            )
    return out


def rewarded(ctx: PostContext, setting: Setting, start: int, end: int) -> list[Conferral]:
    """ "l'édition 2013 a récompensé les étudiants ... de l'IAE de Tours et l'équipe ... d'Acticall"."""
    text, out = ctx.text, []
    for s, e in sentences_in(text, start, end):
        for verb in find("reward_verbs", text, s, e):
            named = [x for x in series_in(ctx, s, verb.start())] or (
                [setting.series] if setting.series else []
            )
            edition = re.search(r"(?:édition|edition)\s+((?:19|20)\d\d)\s*$", text[s : verb.start()])
            if not named or not (edition or named[-1].end >= verb.start() - 2):
                continue
            series = named[-1]
            year = int(edition.group(1)) if edition else series.year or setting.year
            award = f"{series.name} {year}" if year else series.name
            for part in re.split(r"\s+et\s+|,\s+", text[verb.end() : e]):
                part_start = text.find(part, verb.end(), e)
                cut = re.search(r"\s(?:qui|que|dont|pour|lors)\s", part)
                part_end = part_start + (cut.start() if cut else len(part))
                orgs = [x for x in ctx.mentions_in(part_start, part_end) if x.kind not in (PERSON, PLACE)]
                if orgs:
                    out.append(
                        Conferral(
                            as_ref(orgs[-1]),
                            award,
                            s,
                            e,
                            None,
                            year,
                            None,
                            f"{series.name} {year}" if year else None,
                        )
                    )
    return out
