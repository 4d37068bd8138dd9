"""The network view of the RDF graph: who is connected to whom, as a NetworkX multigraph.

One pure function, :func:`network_view`, turns the RDF graph into a ``nx.MultiDiGraph`` whose nodes
are the things a reader looks for (people, organizations, events, awards, works, places) and whose
edges are the relations a reader expects. N-ary facts become plain edges: a Position is drawn
``person -> organization`` labelled with the title, an AwardConferral ``recipient -> award`` (and
``award -> event``). Documents and evidences are not nodes: they would be hubs tying together
everything a post names and drown the social structure; instead every node and edge carries its
evidence quotes with the post's title and date. The measures below are plain functions of the view.

>>> view = network_view(rdflib.Graph().parse("tests/fixtures/view_graph.ttl"))    # doctest: +SKIP
>>> view.edges["https://w3id.org/rckg/id/person/marie-durand",
...            "https://w3id.org/rckg/id/org/banque-azur", 0]["label"]              # doctest: +SKIP
'holds: Directrice de la Relation Client'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

import networkx as nx
import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from graph.namespace import RC, SCHEMA_URL

# The kind of a drawn node, from the local name of its rc: class.
KIND_OF_CLASS = {
    "Person": "person",
    "Company": "company",
    "Association": "association",
    "PublicBody": "public_body",
    "Media": "media",
    "School": "school",
    "Organization": "organization",
    "Event": "event",
    "AwardCeremony": "event",
    "Convention": "event",
    "Conference": "event",
    "TradeShow": "event",
    "Workshop": "event",
    "Competition": "event",
    "Award": "award",
    "Work": "work",
    "Book": "work",
    "Study": "work",
    "Blog": "work",
    "Place": "place",
}
# Things that are not drawn; unknown classes are drawn as "other".
HIDDEN_CLASSES = {"Document", "Evidence", "Position", "AwardConferral", "Interview"}
OTHER = "other"
PEOPLE = ("person",)
ORGANIZATIONS = ("company", "association", "public_body", "media", "school", "organization")

# Entity-to-entity properties drawn as edges: (property, reversed?, label). A reversed edge goes
# from the object to the subject, so that it reads "Jean Martin -author-> Le client roi".
DIRECT_EDGES = (
    (RC.organizer, True, "organizer"),
    (RC.partner, True, "partner"),
    (RC.speaker, True, "speaker"),
    (RC.host, True, "host"),
    (RC.author, True, "author"),
    (RC.publisher, True, "publisher"),
    (RC.translator, True, "translator"),
    (RC.conferredBy, True, "confers"),
    (RC.location, False, "in"),
    (RC.parentOrganization, False, "part of"),
    (RC.subsidiaryOf, False, "subsidiary of"),
    (RC.brandOf, False, "brand of"),
    (RC.divisionOf, False, "division of"),
    (RC.memberOf, False, "member of"),
    (RC.ownedBy, False, "owned by"),
    (RC.mergedInto, False, "merged into"),
)
# Properties never listed as facts: the drawing, the names (see ``names``) or the provenance show them.
_NOT_FACTS = {RDF.type, RDFS.label, SKOS.altLabel, PROV.wasDerivedFrom, RC.mentions}


# Named tuples rather than ordered dataclasses: the view sorts hundreds of thousands of quotes, and tuples
# compare in C.
UNTITLED = "(untitled post)"


class Source(NamedTuple):
    """A post of the corpus, as a reader sees it."""

    date: str
    title: str
    file: str
    url: str = ""  # the post's URL, when its source gives one


class Quote(NamedTuple):
    """A passage of a post that supports a node or an edge."""

    source: Source
    text: str


def network_view(g: rdflib.Graph) -> nx.MultiDiGraph:
    """The people, organizations, events, awards, works and places of ``g``, and their relations.

    Node attributes: ``label``, ``kind`` (see :data:`KIND_OF_CLASS`), ``type`` (class name),
    ``names`` (label and other names), ``years``, ``facts`` ((name, value) pairs), ``evidence``
    (:class:`Quote`), ``posts`` (:class:`Source` of the posts that name it). Edge attributes:
    ``relation``, ``label``, ``years``, ``facts``, ``evidence``. Node ids are the IRIs.
    """
    view = nx.MultiDiGraph()
    reader = _Reader(g)
    for subject in sorted(set(g.subjects(RDF.type, None))):
        if isinstance(subject, URIRef) and reader.kind(subject) is not None:
            _add_node(view, reader, subject)
    for prop, reverse, label in DIRECT_EDGES:
        for subject, obj in sorted(g.subject_objects(prop)):
            if isinstance(obj, URIRef) and _drawn(view, reader, subject):
                source, target = (obj, subject) if reverse else (subject, obj)
                # An organization's own evidence says where it is named, not that it is linked.
                own = () if reader.kind(subject) in (*PEOPLE, *ORGANIZATIONS) else reader.evidence(subject)
                evidence = reader.statement_evidence(subject, prop, obj) or own
                _add_edge(view, reader, source, target, key=label, label=label,
                          years=reader.own_years(subject) or _years(evidence), evidence=evidence)
    for position in sorted(g.subjects(RDF.type, RC.Position)):
        _add_position(view, reader, position)
    for conferral in sorted(g.subjects(RDF.type, RC.AwardConferral)):
        _add_conferral(view, reader, conferral)
    for interview in sorted(g.subjects(RDF.type, RC.Interview)):
        _add_interview(view, reader, interview)
    for node, data in view.nodes(data=True):
        edge_years = (year for *_, years in view.edges(node, data="years") for year in years)
        in_years = (year for *_, years in view.in_edges(node, data="years") for year in years)
        data["years"] = tuple(sorted(set(data["years"]).union(edge_years, in_years)))
    return view


def importance(view: nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality: the share of the other nodes each node is directly linked to.

    Relations are counted once per pair of nodes and in either direction (a direction says who
    did what, not who matters). PageRank would need SciPy; degree is also easier to explain.
    """
    return nx.degree_centrality(_pairs(view)) if len(view) > 1 else dict.fromkeys(view, 0.0)


def communities(view: nx.MultiDiGraph, seed: int = 0) -> list[list[str]]:
    """Groups of densely linked nodes (Louvain, fixed seed), largest first, each sorted by label.

    Worked out once per view and seed, and kept in the view's attributes: the page and the GraphML and
    GEXF exports of a build all ask, and Louvain takes about a second on the view of 1,000 posts.
    """
    key = f"communities (seed {seed}, {len(view)} nodes, {view.number_of_edges()} links)"
    if key not in view.graph:
        found = nx.community.louvain_communities(_pairs(view), seed=seed)
        groups = [sorted(group, key=lambda node: (view.nodes[node]["label"], node)) for group in found]
        groups.sort(key=lambda group: (-len(group), view.nodes[group[0]]["label"], group[0]))
        view.graph[key] = groups
    return [list(group) for group in view.graph[key]]


def most_central(view: nx.MultiDiGraph, kinds: Iterable[str], n: int = 10) -> list[tuple[str, float]]:
    """The ``n`` nodes of the given kinds with the highest :func:`importance`, best first."""
    wanted = set(kinds)
    scores = importance(view)
    chosen = [node for node, kind in view.nodes(data="kind") if kind in wanted and scores[node] > 0]
    chosen.sort(key=lambda node: (-scores[node], view.nodes[node]["label"], node))
    return [(node, scores[node]) for node in chosen[:n]]


def kind_counts(view: nx.MultiDiGraph) -> dict[str, int]:
    """How many nodes of each kind, most frequent first."""
    counts: dict[str, int] = {}
    for _, kind in view.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _pairs(view: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of linked pairs (self-loops dropped)."""
    pairs = nx.Graph()
    pairs.add_nodes_from(view)
    pairs.add_edges_from((u, v) for u, v in view.edges() if u != v)
    return pairs


class _Reader:
    """Reads labels, kinds, dates and evidence from the RDF graph.

    The triples are indexed by subject once: a lookup in rdflib's store costs some ten microseconds, and
    the view of a thousand posts makes millions of them.
    """

    def __init__(self, g: rdflib.Graph) -> None:
        self.g = g
        self._out: defaultdict[Node, defaultdict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for subject, prop, value in g:
            self._out[subject][prop].append(value)
        self._mentioned_in = self._inverse(RC.mentions)
        self._statements_about = self._inverse(RDF.subject)
        self._kinds: dict[URIRef, str | None] = {}
        self._superclasses: dict[Node, set[Node]] = {}
        self._sources: dict[URIRef, Source] = {}
        self._quotes: dict[Node, Quote | None] = {}
        self._evidence: dict[URIRef, tuple[Quote, ...]] = {}

    def _inverse(self, prop: URIRef) -> defaultdict[Node, list[Node]]:
        """The subjects of ``prop`` by object."""
        subjects: defaultdict[Node, list[Node]] = defaultdict(list)
        for subject, props in self._out.items():
            for value in props.get(prop, ()):
                subjects[value].append(subject)
        return subjects

    def objects(self, node: Node, prop: URIRef) -> Sequence[Node]:
        return self._out.get(node, {}).get(prop, ())

    def value(self, node: Node, prop: URIRef) -> Node | None:
        """One value of ``prop``: the smallest.

        The index lists values in the order rdflib gives a graph's triples in, a set's, which changes from
        run to run.
        """
        return min(self.objects(node, prop), default=None)

    def kind(self, node: URIRef) -> str | None:
        """The drawn kind of ``node``; None for what is not drawn (documents, n-ary facts, ...)."""
        if node not in self._kinds:
            names = {_local(cls) for cls in self._classes(node)}
            kinds = sorted({KIND_OF_CLASS[name] for name in names if name in KIND_OF_CLASS})
            if kinds:
                # The most specific kind wins when a node has a class and its superclass.
                specific = [kind for kind in kinds if kind != "organization"]
                self._kinds[node] = (specific or kinds)[0]
            elif names & HIDDEN_CLASSES or RDF.Statement in self.objects(node, RDF.type):
                self._kinds[node] = None
            else:
                self._kinds[node] = OTHER
        return self._kinds[node]

    def _classes(self, node: URIRef) -> set[URIRef]:
        """The classes of ``node`` and, when the ontology is in the graph, their superclasses."""
        classes: set[Node] = set()
        for cls in self.objects(node, RDF.type):
            if cls not in self._superclasses:
                self._superclasses[cls] = set(self.g.transitive_objects(cls, RDFS.subClassOf))
            classes.update(self._superclasses[cls])
        return {cls for cls in classes if isinstance(cls, URIRef)}

    def type_name(self, node: URIRef) -> str:
        """The most specific class name, as words ("Award ceremony")."""
        names = sorted(_local(cls) for cls in self.objects(node, RDF.type))
        specific = [name for name in names if name in KIND_OF_CLASS] or names or ["Thing"]
        return _words(max(specific, key=lambda name: (name not in ("Event", "Work", "Organization"), name)))

    def label(self, node: Node) -> str:
        if isinstance(node, Literal):
            return str(node)
        labels = sorted(str(label) for label in self.objects(node, RDFS.label))
        return labels[0] if labels else str(node).rstrip("/").rsplit("/", 1)[-1]

    def names(self, node: URIRef) -> tuple[str, ...]:
        """The preferred label, then every other name (alt labels, acronym)."""
        label = self.label(node)
        others = {str(name) for prop in (SKOS.altLabel, RC.acronym) for name in self.objects(node, prop)}
        return (label, *sorted(others - {label}))

    def source(self, document: URIRef) -> Source:
        if document not in self._sources:
            self._sources[document] = Source(
                date=str(self.value(document, DCTERMS.issued) or ""),
                # A post without title is named as such, never by its internal id.
                title=str(self.value(document, DCTERMS.title) or UNTITLED),
                file=str(self.value(document, RC.sourceFile) or ""),
                url=str(self.value(document, SCHEMA_URL) or ""),
            )
        return self._sources[document]

    def quote(self, evidence: Node) -> Quote | None:
        """The quote of one rc:Evidence with its post; None when either is missing."""
        if evidence not in self._quotes:
            document, text = self.value(evidence, RC.document), self.value(evidence, RC.quote)
            found = isinstance(document, URIRef) and text is not None
            self._quotes[evidence] = Quote(self.source(document), str(text)) if found else None
        return self._quotes[evidence]

    def evidence(self, node: URIRef) -> tuple[Quote, ...]:
        """The evidence quotes of ``node``, oldest post first."""
        if node not in self._evidence:
            quotes = {self.quote(evidence) for evidence in self.objects(node, PROV.wasDerivedFrom)}
            self._evidence[node] = tuple(sorted(quote for quote in quotes if quote is not None))
        return self._evidence[node]

    def statement_evidence(self, subject: URIRef, prop: URIRef, obj: URIRef) -> tuple[Quote, ...]:
        """The evidence of the reified ``rdf:Statement`` of a direct triple, if any."""
        quotes: set[Quote] = set()
        for statement in self._statements_about.get(subject, ()):
            if prop in self.objects(statement, RDF.predicate) and obj in self.objects(statement, RDF.object):
                quotes.update(self.evidence(statement))
        return tuple(sorted(quotes))

    def posts(self, node: URIRef) -> tuple[Source, ...]:
        return tuple(sorted({self.source(document) for document in self._mentioned_in.get(node, ())}))

    def own_years(self, node: URIRef) -> tuple[int, ...]:
        """The years a fact or event states itself (rc:year, rc:startDate, rc:date)."""
        years = {_year(value) for prop in (RC.year, RC.startDate, RC.endDate, RC.date)
                 for value in self.objects(node, prop)}
        return tuple(sorted(year for year in years if year is not None))

    def facts(self, node: URIRef, drawn: Iterable[URIRef] = ()) -> tuple[tuple[str, str], ...]:
        """Every property of ``node`` as (name, value) text, except what the drawing already shows."""
        skip = set(drawn)
        facts = {
            (_words(_local(prop)).lower(), self.label(value))
            for prop, values in self._out.get(node, {}).items() if prop not in _NOT_FACTS
            for value in values if value not in skip and not isinstance(value, rdflib.BNode)
        }
        return tuple(sorted(facts))


def _drawn(view: nx.MultiDiGraph, reader: _Reader, node: Node) -> bool:
    """True if ``node`` is (now) a node of the view: drawn kinds are added on first use."""
    if str(node) in view:  # the view's nodes are the IRIs as plain strings, which no URIRef equals
        return True
    if not isinstance(node, URIRef) or reader.kind(node) is None:
        return False
    _add_node(view, reader, node)
    return True


def _add_node(view: nx.MultiDiGraph, reader: _Reader, node: URIRef) -> None:
    kind = reader.kind(node)
    evidence = reader.evidence(node)
    posts = reader.posts(node)
    years = set(reader.own_years(node)) | set(_years(evidence)) | {_year(post.date) for post in posts}
    linked = {value for prop, _, _ in DIRECT_EDGES for value in reader.objects(node, prop)}
    view.add_node(
        str(node),
        label=reader.label(node),
        kind=kind,
        type=reader.type_name(node),
        names=reader.names(node),
        years=tuple(sorted(year for year in years if year is not None)),
        facts=reader.facts(node, drawn=linked),
        evidence=evidence,
        posts=posts,
    )


def _add_edge(
    view: nx.MultiDiGraph,
    reader: _Reader,
    source: Node,
    target: Node,
    *,
    key: str,
    label: str,
    years: Iterable[int] = (),
    facts: Iterable[tuple[str, str]] = (),
    evidence: Iterable[Quote] = (),
) -> None:
    """Add an edge, or merge into the edge with the same key (one relation, several facts)."""
    if not (_drawn(view, reader, source) and _drawn(view, reader, target)):
        return
    source, target = str(source), str(target)
    if view.has_edge(source, target, key):
        data = view.edges[source, target, key]
        years = set(data["years"]).union(years)
        facts = set(data["facts"]).union(facts)
        evidence = set(data["evidence"]).union(evidence)
    view.add_edge(source, target, key=key, relation=key.split(":", 1)[0], label=label,
                  years=_sorted_set(years), facts=_sorted_set(facts), evidence=_sorted_set(evidence))


def _sorted_set(items: Iterable) -> tuple:
    """The distinct items, sorted; a tuple that already is so is kept, not copied.

    The edges to a node cite that node's evidence tuple (an event's speakers, a work's authors): on a big
    corpus its quotes run to hundreds, and so do the edges; shared, they cost no memory per edge.
    """
    if isinstance(items, tuple) and all(a < b for a, b in zip(items, items[1:], strict=False)):
        return items
    return tuple(sorted(set(items)))


def _add_position(view: nx.MultiDiGraph, reader: _Reader, position: URIRef) -> None:
    """A Position as the edge ``holder -> organization``, labelled with the title."""
    holder, organization = reader.value(position, RC.holder), reader.value(position, RC.organization)
    titles = sorted(str(title) for title in reader.objects(position, RC.title))
    label = f"holds: {', '.join(titles)}" if titles else "works at"
    evidence = reader.evidence(position)
    _add_edge(view, reader, holder, organization, key=f"holds:{position}", label=label,
              years=reader.own_years(position) or _years(evidence),
              facts=reader.facts(position, drawn=(holder, organization)), evidence=evidence)


def _add_conferral(view: nx.MultiDiGraph, reader: _Reader, conferral: URIRef) -> None:
    """An AwardConferral as ``recipient -won-> award`` and ``award -at-> event``."""
    recipient, award, event = (reader.value(conferral, prop) for prop in (RC.recipient, RC.award, RC.event))
    evidence = reader.evidence(conferral)
    years = reader.own_years(conferral) or (reader.own_years(event) if event else ()) or _years(evidence)
    prize = award if award is not None else event  # a prize named only by its ceremony
    shown = ", ".join(str(year) for year in years)
    _add_edge(view, reader, recipient, prize, key=f"won:{conferral}",
              label=f"won ({shown})" if shown else "won", years=years,
              facts=reader.facts(conferral, drawn=(recipient, prize)), evidence=evidence)
    if award is not None and event is not None:
        _add_edge(view, reader, award, event, key="at", label="at", years=years, evidence=evidence)
    for giver in sorted(reader.objects(conferral, RC.conferredBy)):
        _add_edge(view, reader, giver, prize, key="confers", label="confers", years=years, evidence=evidence)


def _add_interview(view: nx.MultiDiGraph, reader: _Reader, interview: URIRef) -> None:
    """An Interview as ``interviewer -interviewed-> interviewee``."""
    evidence = reader.evidence(interview)
    for interviewer in sorted(reader.objects(interview, RC.interviewer)):
        for interviewee in sorted(reader.objects(interview, RC.interviewee)):
            _add_edge(view, reader, interviewer, interviewee, key=f"interviewed:{interview}",
                      label="interviewed", years=reader.own_years(interview) or _years(evidence),
                      facts=reader.facts(interview, drawn=(interviewer, interviewee)), evidence=evidence)


def _years(quotes: Iterable[Quote]) -> tuple[int, ...]:
    """The years of the posts the quotes come from."""
    years = {_year(date) for date in {quote.source.date for quote in quotes}}
    return tuple(sorted(year for year in years if year is not None))


def _year(value: object) -> int | None:
    """The year of an xsd:date, gYearMonth or gYear literal (or ISO text)."""
    return _year_of_text(str(value)) if value is not None else None


@cache
def _year_of_text(text: str) -> int | None:
    # Cached: every node asks for the year of each post that names it, hundreds of thousands of times.
    match = re.match(r"\s*(\d{4})", text)
    return int(match.group(1)) if match else None


def _local(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _words(name: str) -> str:
    """``AwardCeremony`` -> ``Award ceremony``, ``startDate`` -> ``Start date``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).split()
    return " ".join([words[0].capitalize(), *(word.lower() for word in words[1:])]) if words else name
