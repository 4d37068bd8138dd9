"""The rckg vocabulary as code, and how entity IRIs are minted.

``RC`` lists every term of ``ontology/rckg.ttl`` (a test keeps the two equal): a misspelt term is an
``AttributeError``, never a silent new IRI.

Minting conventions. Every node of the graph gets an IRI under ``ID`` = ``https://w3id.org/rckg/id/``::

    mint("person", "Jean Dupont")                 -> id:person/jean-dupont
    mint("org", "Société Générale")               -> id:org/societe-generale
    mint("conferral", award_slug, recipient_slug, "2012") -> id:conferral/<award>-<recipient>-2012
    mint("evidence", "002.txt#3", "120", "187")   -> id:evidence/002-txt-3-120-187

``mint(segment, *parts)`` joins the parts with "-" and slugs the result (``slug``): ASCII, lowercase,
accents stripped, runs of other characters turned into one "-". The segment names the kind of node and
must be one of ``SEGMENTS`` (all organization kinds share "org", all event kinds "event", all work kinds
"work"). Parts should be the identity of the node (a normalized name for an entity; the identifying roles
for an n-ary fact node; the post id and offsets for an evidence), so that the same input always gives the
same IRI from one build to the next. Slugs longer than ``MAX_SLUG`` characters are cut at a "-" and end
with a short hash of the whole slug, so they stay short, readable and distinct.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, SKOS, XSD, DefinedNamespace


class RC(DefinedNamespace):
    """The rckg ontology, https://w3id.org/rckg/ontology (see ontology/rckg.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/rckg/ontology#")

    # Classes
    Person: URIRef
    Organization: URIRef
    Company: URIRef
    Association: URIRef
    PublicBody: URIRef
    Media: URIRef
    School: URIRef
    Event: URIRef
    Convention: URIRef
    AwardCeremony: URIRef
    Conference: URIRef
    TradeShow: URIRef
    Workshop: URIRef
    Competition: URIRef
    Award: URIRef
    AwardConferral: URIRef
    Position: URIRef
    Work: URIRef
    Book: URIRef
    Study: URIRef
    Blog: URIRef
    Interview: URIRef
    Document: URIRef
    Evidence: URIRef
    Place: URIRef

    # Object properties
    holder: URIRef
    organization: URIRef
    recipient: URIRef
    award: URIRef
    event: URIRef
    conferredBy: URIRef
    location: URIRef
    organizer: URIRef
    partner: URIRef
    speaker: URIRef
    host: URIRef
    parentOrganization: URIRef
    subsidiaryOf: URIRef
    brandOf: URIRef
    divisionOf: URIRef
    memberOf: URIRef
    ownedBy: URIRef
    mergedInto: URIRef
    author: URIRef
    publisher: URIRef
    translator: URIRef
    interviewee: URIRef
    interviewer: URIRef
    mentions: URIRef
    document: URIRef

    # Datatype properties
    acronym: URIRef
    title: URIRef
    category: URIRef
    year: URIRef
    rank: URIRef
    project: URIRef
    startDate: URIRef
    endDate: URIRef
    edition: URIRef
    date: URIRef
    sourceFile: URIRef
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef


ID = Namespace("https://w3id.org/rckg/id/")

SEGMENTS = frozenset(
    {
        "person",
        "org",
        "event",
        "award",
        "place",
        "work",
        "position",
        "conferral",
        "interview",
        "doc",
        "evidence",
        "statement",
    }
)

MAX_SLUG = 80
_HASH_LEN = 8

# Letters NFKD does not decompose into ASCII: without these "cœur" would become "cur".
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:_HASH_LEN]


def slug(text: str) -> str:
    """A readable ASCII slug: ``slug("Société Générale") == "societe-generale"``; never empty."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    result = _NON_ALNUM.sub("-", ascii_text).strip("-")
    if not result:
        # Nothing readable (empty, or only punctuation or non-Latin script): keep distinct inputs apart.
        return _short_hash(text)
    if len(result) > MAX_SLUG:
        head = result[: MAX_SLUG - _HASH_LEN - 1]
        word_end = head.rfind("-")
        if word_end > len(head) // 2:  # cut between words unless that throws away most of the head
            head = head[:word_end]
        # Hash the whole slug, not the text, so spellings that slug alike still mint one IRI.
        result = f"{head}-{_short_hash(result)}"
    return result


def mint(segment: str, *parts: str) -> URIRef:
    """The IRI of a node of kind ``segment`` identified by ``parts``: ``ID[segment/slug(parts)]``."""
    if segment not in SEGMENTS:
        raise ValueError(f"unknown IRI segment {segment!r}; use one of {sorted(SEGMENTS)}")
    return ID[f"{segment}/{slug('-'.join(parts))}"]


# schema:url as the contract writes it, in schema.org's http namespace (the ontology's schema: is https).
SCHEMA_URL = URIRef("http://schema.org/url")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (schema is https://schema.org/, as rdflib's SDO)."""
    for prefix, namespace in (
        ("rc", RC._NS),
        ("id", ID),
        ("skos", SKOS._NS),
        ("schema", SDO._NS),
        ("foaf", FOAF._NS),
        ("org", ORG._NS),
        ("prov", PROV._NS),
        ("dcterms", DCTERMS._NS),
        ("xsd", XSD._NS),
    ):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
