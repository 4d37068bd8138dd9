"""Fact extractors, one module per relation family, each registered under its family name.

An extractor is a plain function ``PostContext -> Iterable[Fact]`` (like a spaCy component: small,
registered, testable alone). ``extract_facts`` runs every registered extractor on one post, then the steps
registered to read the facts of every family at once (``@across_families``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.attrs import POS
from spacy.symbols import IDS
from spacy.tokens import Doc, Token

from graph.model import Fact, Mention, Post

Extractor = Callable[["PostContext"], Iterable[Fact]]
FactStep = Callable[[list[Fact]], list[Fact]]
T = TypeVar("T")
EXTRACTORS: dict[str, Extractor] = {}
ACROSS_FAMILIES: dict[str, FactStep] = {}


@dataclass(frozen=True)
class PostContext:
    """What an extractor sees of one post: its text, its parse and the entities it names."""

    post: Post
    doc: Doc
    mentions: tuple[Mention, ...] = field(default=())
    # What one post's stages work out once and ask for many times (a decider's per-post table), by name.
    memo: dict[str, object] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def text(self) -> str:
        """The plain text (typographic variants folded, same offsets as ``post.text``)."""
        return self.post.plain

    def once(self, name: str, compute: Callable[[PostContext], T]) -> T:
        """``compute(self)``, worked out the first time a stage asks for ``name`` in this post."""
        if name not in self.memo:
            self.memo[name] = compute(self)
        return self.memo[name]  # type: ignore[return-value]

    def tokens_of(self, *tags: str) -> list[Token]:
        """The post's tokens of these parts of speech ("VERB", "NOUN"), in text order, found once per post
        from the parse's array: rules that read only verbs need not build and test every token."""
        return self.once(f"tokens:{'+'.join(tags)}", lambda ctx: tokens_of(ctx.doc, *tags))

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def whole_names_end(self, start: int, end: int) -> int:
        """``end``, moved past a name that starts before it and ends after it: a phrase the parse cut
        ("Conseil d'Administration de Pôle" + "emploi") keeps the whole name."""
        return max([end, *(m.end for m in self.mentions if start <= m.start < end < m.end)])


def tokens_of(doc: Doc, *tags: str) -> list[Token]:
    """The tokens of ``doc`` of these parts of speech, in text order."""
    wanted = {IDS[tag] for tag in tags}
    return [doc[i] for i, pos in enumerate(doc.to_array(POS).tolist()) if pos in wanted]


def register(family: str) -> Callable[[Extractor], Extractor]:
    """Decorator: ``@register("awards")`` adds the function to the registry the build walks."""

    def add(func: Extractor) -> Extractor:
        EXTRACTORS[family] = func
        return func

    return add


def across_families(name: str) -> Callable[[FactStep], FactStep]:
    """Decorator: ``@across_families("ceremonies")`` runs the function on one post's facts once every family
    has given them (by name order, after the learned deciders): a conferral and the ceremony it was at."""

    def add(step: FactStep) -> FactStep:
        ACROSS_FAMILIES[name] = step
        return step

    return add


def extract_facts(
    context: PostContext, families: Iterable[str] | None = None, learned: bool = True
) -> list[Fact]:
    """Every fact the registered extractors find in one post, in a stable order.

    Where a family has shipped weights that beat its rules (``graph.learn``), its trained decider has the
    last word on the rules' facts and adds the candidates they missed; ``learned=False`` gives the rules'
    facts alone (what ``rckg train`` learns from).
    """
    _load_builtin_extractors()
    facts: list[Fact] = []
    for family in sorted(families or EXTRACTORS):
        found = rule_facts(context, family)
        if learned:
            found = _decided(family, context, found)
        facts.extend(f for f in found if f.evidence.quote)  # a fact cites a passage, never an empty one
    for name in sorted(ACROSS_FAMILIES):
        facts = ACROSS_FAMILIES[name](facts)
    return facts


def rule_facts(context: PostContext, family: str) -> list[Fact]:
    """The facts a family's rules find in one post, found once: a decider of another family may read them
    (who the rules make a prize's recipient is seldom its organizer)."""
    _load_builtin_extractors()
    return context.once(f"rules:{family}", lambda ctx: list(EXTRACTORS[family](ctx)))


def _decided(family: str, context: PostContext, found: list[Fact]) -> list[Fact]:
    from graph.learn.deciders import decide, load_deciders, weights

    for name, d in sorted(load_deciders().items()):
        model = weights(name) if d.family == family else None
        if model:
            found = decide(d, context, found, model)
    return found


def _load_builtin_extractors() -> None:
    # Importing a family module registers it; done lazily so that graph.extract has no import cycle.
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
