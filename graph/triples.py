"""Facts and entities to RDF triples: the one place where the graph's shape is decided.

Each post is an rc:Document; each fact an n-ary node (or, for organization links, a direct triple plus
an rdf:Statement carrying its provenance); every node cites rc:Evidence whose rc:quote is
``post.text[start:end]``. IRIs come from ``graph.namespace.mint``, so the same corpus mints the same IRIs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from graph.memory import ONE_GRAPH
from graph.model import ORG_KINDS, PERSON, PLACE, Entity, Evidence, Fact, Mention, Post, Ref
from graph.namespace import RC, SCHEMA_URL, bind_prefixes, mint
from graph.resolve import Resolver, segment

# The rc: class of a fact node -> its IRI segment.
NODE_SEGMENTS = {
    "AwardConferral": "conferral",
    "Position": "position",
    "Interview": "interview",
    "Event": "event",
    "Convention": "event",
    "AwardCeremony": "event",
    "Conference": "event",
    "TradeShow": "event",
    "Workshop": "event",
    "Competition": "event",
    "Work": "work",
    "Book": "work",
    "Study": "work",
    "Blog": "work",
}
LINK_PROPERTIES = ("parentOrganization", "subsidiaryOf", "brandOf", "divisionOf", "memberOf", "ownedBy",
                   "mergedInto")
# Roles whose absence makes a fact meaningless: an unresolved reference there drops the whole fact.
REQUIRED_ROLES = {"holder", "recipient", "interviewee", "child", "parent"}
INTEGER_ROLES = {"rank", "edition"}
# Roles with one value per node: a second fact about the same node keeps the first value.
# Roles a node holds once (the shapes' sh:maxCount 1). Two facts whose identities slug alike ("Prix X" of
# 2013 and "Prix X 2013" undated) meet on one node: the first fact's value stays, the second adds evidence.
SINGLE_VALUED = {"title", "year", "rank", "edition", "startDate", "endDate", "date", "category", "project",
                 "holder", "organization", "recipient", "award"}
DATE_ROLES = {"startDate", "endDate", "date"}
_YEAR = re.compile(r"(1[89]|20)\d\d")
_DATES = (
    (re.compile(r"(1[89]|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"), XSD.date),
    (re.compile(r"(1[89]|20)\d\d-(0[1-9]|1[0-2])"), XSD.gYearMonth),
    (_YEAR, XSD.gYear),
)
# Nodes that must carry a label: a fact of these kinds without one is left out.
LABELLED = {"Event", "Convention", "AwardCeremony", "Conference", "TradeShow", "Workshop", "Competition",
            "Work", "Book", "Study", "Blog"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s|\n")


@cache
def rc(name: str) -> URIRef:
    """``RC[name]``, made once a name: a defined namespace checks the name at every access, and a graph
    asks for its terms a million times."""
    return RC[name]


@lru_cache(maxsize=1 << 16)
def integer(value: int) -> Literal:
    """An xsd:integer literal, made once a value (evidence offsets come back again and again)."""
    return Literal(value, datatype=XSD.integer)


def string_literal(text: str) -> Literal:
    """A plain string literal. rdflib normalises a str without a datatype back into the same str, through
    a dozen type tests that cost more than the rest of making the literal: skipped."""
    return Literal(text, normalize=False)


# The kind of entity a role takes, where the ontology restricts it (rdfs:range in ontology/rckg.ttl).
PERSON_ROLES = {"holder", "speaker", "host", "interviewee", "interviewer", "translator", "creator"}
ORGANIZATION_ROLES = {"organization", "partner", "conferredBy", "publisher", "child", "parent"}


def fits_range(role: str, kind: str) -> bool:
    if role in PERSON_ROLES:
        return kind == PERSON
    if role in ORGANIZATION_ROLES:
        return kind in ORG_KINDS
    return kind == PERSON or kind in ORG_KINDS


def literal_for(role: str, value: str | int) -> Literal | None:
    """The typed literal of a role's value; None for a value of the wrong shape (it is left out)."""
    text = str(value).strip()
    if role in INTEGER_ROLES:
        return Literal(int(text), datatype=XSD.integer) if text.isdigit() else None
    if role == "year":
        return Literal(text, datatype=XSD.gYear) if _YEAR.fullmatch(text) else None
    if role in DATE_ROLES:
        for pattern, datatype in _DATES:
            if pattern.fullmatch(text) and (role != "date" or datatype == XSD.date):
                return Literal(text, datatype=datatype)
        return None
    return string_literal(text) if text else None


def sentence_around(post: Post, start: int, end: int, limit: int = 240) -> Evidence:
    """The sentence (or line) of a post that holds ``text[start:end]``, at most ``limit`` characters."""
    text = post.text
    left = max(0, start - limit // 2)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    s = ends[-1] if ends else left
    stop = _SENTENCE_END.search(text, end, min(len(text), end + limit // 2))
    e = stop.start() + (1 if text[stop.start()] in ".!?" else 0) if stop else min(len(text), end + limit // 2)
    return Evidence.of(post, s, max(e, end))


@dataclass
class GraphBuilder:
    """Accumulates triples; nodes are merged by IRI, so one fact found twice has two evidences."""

    resolver: Resolver
    graph: Graph

    def __post_init__(self) -> None:
        bind_prefixes(self.graph)
        self.entities: dict[str, Entity] = {}
        self.entity_iri: dict[str, URIRef] = {}
        self.posts: dict[str, Post] = {}
        self.evidence_nodes: set[URIRef] = set()  # asked for every fact and mention: a set answers sooner
        self.document_iris: dict[str, URIRef] = {}  # every evidence names its document

    def add(self, triple: tuple[URIRef, URIRef, URIRef | Literal]) -> None:
        # Straight to the store: Graph.add checks that each term is an rdflib term (a third of its time on a
        # big graph), and every term here was made as one.
        self.graph.store.add(triple, self.graph)

    # --- entities and documents -------------------------------------------------------------

    def set_entities(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        for key, entity in sorted(entities.items()):
            iri = mint(segment(entity.kind), entity.label)
            self.entity_iri[key] = iri
            self.add((iri, RDF.type, rc(entity.kind)))
            self.add((iri, RDFS.label, string_literal(entity.label)))
            for alias in entity.aliases:
                self.add((iri, SKOS.altLabel, string_literal(alias)))
            if entity.acronym:
                self.add((iri, rc("acronym"), string_literal(entity.acronym)))
                self.add((iri, SKOS.altLabel, string_literal(entity.acronym)))

    def iri_of(self, key: str | None) -> URIRef | None:
        if not key:
            return None
        return self.entity_iri.get(self.resolver.uf.find(key))

    def document_iri(self, post_id: str) -> URIRef:
        if (iri := self.document_iris.get(post_id)) is None:
            iri = self.document_iris[post_id] = mint("doc", post_id)
        return iri

    def add_document(self, post: Post) -> URIRef:
        self.posts[post.id] = post
        doc = self.document_iri(post.id)
        self.add((doc, RDF.type, rc("Document")))
        self.add((doc, rc("sourceFile"), string_literal(post.source_file)))
        if post.title:
            self.add((doc, DCTERMS.title, string_literal(post.title)))
        if post.date:
            # dcterms:date is the contract term; dcterms:issued (its refinement) stays for earlier queries.
            self.add((doc, DCTERMS.date, Literal(post.date, datatype=XSD.date)))
            self.add((doc, DCTERMS.issued, Literal(post.date, datatype=XSD.date)))
        if post.author:
            author = self.value_node("creator", Ref(post.author, PERSON))
            if author is not None:
                self.add((doc, DCTERMS.creator, author))
        if post.url:
            self.add((doc, SCHEMA_URL, url_node(post.url)))
        for label in post.labels:
            self.add((doc, DCTERMS.subject, string_literal(label)))
        return doc

    def add_mentions(self, post: Post, mentions: Iterable[Mention]) -> None:
        """rc:mentions from the post to each entity it names; the entity cites its first mention there."""
        doc = self.document_iri(post.id)
        cited: set[URIRef] = set()
        for m in mentions:
            iri = self.iri_of(self.resolver.mention_keys.get((post.id, m.start, m.end)))
            if iri is None or iri in cited:
                continue
            cited.add(iri)
            self.add((doc, rc("mentions"), iri))
            evidence = self.add_evidence(sentence_around(post, m.start, m.end))
            self.add((iri, PROV.wasDerivedFrom, evidence))

    def add_evidence(self, evidence: Evidence) -> URIRef:
        node = mint("evidence", evidence.post_id, str(evidence.start), str(evidence.end))
        if node not in self.evidence_nodes:
            self.evidence_nodes.add(node)
            self.add((node, RDF.type, rc("Evidence")))
            self.add((node, rc("quote"), string_literal(evidence.quote)))
            self.add((node, rc("document"), self.document_iri(evidence.post_id)))
            self.add((node, rc("startOffset"), integer(evidence.start)))
            self.add((node, rc("endOffset"), integer(evidence.end)))
        return node

    # --- facts ------------------------------------------------------------------------------------

    def value_node(self, role: str, value: Ref | str | int) -> URIRef | Literal | None:
        if isinstance(value, Ref):
            if value.kind == PLACE:
                # A place fills only an event's location: a winner or an employer read as a place is left
                # out (its fact too, when the role is required), so one misread name never breaks the build.
                return self._named_node("place", rc("Place"), value.name) if role == "location" else None
            key = self.resolver.ref(value)
            entity = self.entities.get(self.resolver.uf.find(key)) if key else None
            if entity is None or not fits_range(role, entity.kind):
                return None  # a name that resolved to the wrong kind of entity for this role
            return self.entity_iri[entity.key]
        if role == "award":
            return self._named_node("award", rc("Award"), str(value))
        if role == "event":
            return self._named_node("event", rc("Event"), str(value))
        if role == "location":
            return self._named_node("place", rc("Place"), str(value))
        return literal_for(role, value)

    def _named_node(self, seg: str, cls: URIRef, name: str) -> URIRef:
        iri = mint(seg, name)
        if not any(True for _ in self.graph.triples((iri, RDFS.label, None))):
            self.add((iri, RDFS.label, string_literal(name)))
        if cls != rc("Event") or not any(True for _ in self.graph.triples((iri, RDF.type, None))):
            self.add((iri, RDF.type, cls))
        return iri

    def add_fact(self, fact: Fact) -> None:
        values: list[tuple[str, URIRef | Literal]] = []
        for role, value in fact.roles:
            node = self.value_node(role, value)
            if node is None:
                if role in REQUIRED_ROLES:
                    return
                continue
            values.append((role, node))
        if fact.type in LABELLED and not any(role == "label" for role, _ in values):
            return
        evidence = self.add_evidence(fact.evidence)
        for role, node in values:
            if role == "event":  # an event named by another fact cites that fact's passage too
                self.add((node, PROV.wasDerivedFrom, evidence))
        if fact.type in LINK_PROPERTIES:
            self._add_link(fact.type, dict(values), evidence)
        else:
            self._add_node(fact, values, evidence)

    def _add_link(self, prop: str, values: dict[str, URIRef | Literal], evidence: URIRef) -> None:
        child, parent = values.get("child"), values.get("parent")
        if child is None or parent is None or child == parent:
            return
        self.add((child, rc(prop), parent))
        statement = mint("statement", _local(child), prop, _local(parent))
        self.add((statement, RDF.type, RDF.Statement))
        self.add((statement, RDF.subject, child))
        self.add((statement, RDF.predicate, rc(prop)))
        self.add((statement, RDF.object, parent))
        self.add((statement, PROV.wasDerivedFrom, evidence))

    def _add_node(self, fact: Fact, values: list[tuple[str, URIRef | Literal]], evidence: URIRef) -> None:
        identity = [_local(v) for r, v in values if r in fact.identity] or [fact.evidence.post_id]
        node = mint(NODE_SEGMENTS[fact.type], *identity)
        self._type_node(node, rc(fact.type))
        for role, value in values:
            if role == "label":
                prop = RDFS.label if (node, RDFS.label, None) not in self.graph else SKOS.altLabel
                if (node, RDFS.label, value) not in self.graph:
                    self.add((node, prop, value))
            elif role == "altLabel":
                self.add((node, SKOS.altLabel, value))
            elif role in SINGLE_VALUED and (node, rc(role), None) in self.graph:
                continue
            else:
                self.add((node, rc(role), value))
        self.add((node, PROV.wasDerivedFrom, evidence))

    def _type_node(self, node: URIRef, cls: URIRef) -> None:
        # An event first met as a plain rc:Event (named by an award) takes the finer kind when one is known.
        if cls != rc("Event"):
            self.graph.remove((node, RDF.type, rc("Event")))
        elif any(True for _ in self.graph.triples((node, RDF.type, None))):
            return
        self.add((node, RDF.type, cls))


def _local(value: URIRef | Literal) -> str:
    """The readable part of a value for an IRI: an entity's slug, or the literal's text."""
    return str(value).rsplit("/", 1)[-1] if isinstance(value, URIRef) else str(value)


def build_graph(
    posts: list[Post],
    resolver: Resolver,
    mentions: dict[str, list[Mention]],
    facts: list[Fact],
) -> Graph:
    """The RDF graph of a corpus: documents, entities with their mentions, facts with their evidence."""
    # References in facts and signatures may name entities no mention found: register them first,
    # so that the entity set (and every label) is final before any IRI is minted.
    for fact in facts:
        for _, value in fact.roles:
            if isinstance(value, Ref) and value.kind != PLACE:
                resolver.ref(value)
    for post in posts:
        if post.author:
            resolver.ref(Ref(post.author, PERSON))
    builder = GraphBuilder(resolver, Graph(store=ONE_GRAPH))
    builder.set_entities({k: e for k, e in resolver.entities().items() if e.kind in ORG_KINDS + (PERSON,)})
    for post in posts:
        builder.add_document(post)
        builder.add_mentions(post, mentions.get(post.id, []))
    for fact in facts:
        builder.add_fact(fact)
    return builder.graph


_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


def url_node(url: str) -> URIRef | Literal:
    """A post's URL as an IRI, or as an xsd:anyURI literal when it is not a well-formed one."""
    return URIRef(url) if _IRI.fullmatch(url) else Literal(url, datatype=XSD.anyURI)
