"""Interviews, learned: every person a post names in full is a candidate interviewee; the model reads
the post's shape (questions at line ends, an interview noun in the title) and the person's place in it
(in the title, the subject of "répond", the most named).
"""

from __future__ import annotations

from graph.extract import PostContext
from graph.learn.deciders import Candidate, Decider, attach_rule_facts, decider, entity_role
from graph.learn.features import doc_features, evidence_of, mention_features
from graph.model import PERSON, Fact, Mention, Ref
from graph.rules import name_key

FAMILY = "interviews"
# The features of later mentions worth keeping: the words and word classes around them, their line.
_ANYWHERE = ("w-1=", "w-2=", "wincls=", "head=", "intitle", "linestart", "lineend", "linecolon")


def interviewee_candidates(ctx: PostContext, rule_facts: list[Fact]) -> list[Candidate]:
    base = tuple(doc_features(ctx))
    people = [m for m in ctx.mentions if m.kind == PERSON and " " in m.text.strip()]
    counts: dict[str, int] = {}
    for m in people:
        counts[name_key(m.text)] = counts.get(name_key(m.text), 0) + 1
    top = max(counts.values(), default=0)
    occurrences: dict[str, list[Mention]] = {}
    for m in people:
        occurrences.setdefault(name_key(m.text), []).append(m)
    cands = []
    for order, (k, found) in enumerate(occurrences.items()):
        m = found[0]
        feats = (
            *base,
            # The guest is most often introduced first, in the title or the lead, before the questions.
            "named_first" if order == 0 else "named_later",
            *mention_features(ctx, m),
            *_anywhere(ctx, found),
            *_voice(ctx),
            f"count={min(counts[k], 4)}",
            "most_named" if counts[k] == top else "less_named",
            f"people={min(len(counts), 4)}",
        )
        cands.append(Candidate((m,), feats))
    return attach_rule_facts(cands, rule_facts, interviewee_key)


def _voice(ctx: PostContext) -> tuple[str, ...]:
    """Questions asked inside paragraphs, a guest addressed as "vous": an interview's voice (the post's,
    worked out once for all its candidates)."""
    return ctx.once("interviews.voice", _find_voice)


def _find_voice(ctx: PostContext) -> tuple[str, ...]:
    return (
        *(["doc=questions"] if ctx.text.count("?") >= 3 else []),
        *(["doc=vous"] if sum(1 for t in ctx.doc if t.lower_ == "vous") >= 3 else []),
    )


def _anywhere(ctx: PostContext, found: list[Mention]) -> list[str]:
    """What stands around any of a person's mentions, not only the first: the interviewee is often named
    first in passing and later where the post says whom it questions ("notre entretien avec X")."""
    seen = {f for m in found[1:] for f in mention_features(ctx, m) if f.startswith(_ANYWHERE)}
    return sorted(f"any:{f}" for f in seen)


interviewee_key, label, gold = entity_role("interviewee", lambda key: key.interviewees)


def interview_facts(ctx: PostContext, c: Candidate, rule_facts: list[Fact] | None = None) -> list[Fact]:
    m = c.mentions[0]
    roles: list[tuple[str, Ref | str]] = [("interviewee", Ref(m.text, PERSON))]
    if ctx.post.author:
        roles.append(("interviewer", Ref(ctx.post.author, PERSON)))
    if ctx.post.date:
        roles.append(("date", ctx.post.date))
    return [Fact(FAMILY, "Interview", tuple(roles), evidence_of(ctx, m), ("interviewee", "interviewer"))]


decider(Decider(FAMILY, interviewee_candidates, label, interview_facts, interviewee_key, gold))
