"""The ontology, the SHACL shapes and graph.namespace agree with each other and with the contract."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, SH

from graph.namespace import ID, MAX_SLUG, RC, SEGMENTS, bind_prefixes, mint, slug

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
RC_NS = str(RC._NS)
# A plain Namespace: rdflib's XSD warns when pytest probes module globals for attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

CONTRACT_CLASSES = [
    "Person", "Organization", "Company", "Association", "PublicBody", "Media", "School", "Event", "Award",
    "AwardConferral", "Position", "Work", "Book", "Study", "Interview", "Document", "Evidence", "Place",
]  # fmt: skip

# property -> (domain classes, range classes or datatypes); () = left open, as the contract says "any".
CONTRACT_PROPERTIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "acronym": (("Organization",), ("rdfs:Literal",)),
    "holder": (("Position",), ("Person",)),
    "organization": (("Position",), ("Organization",)),
    "title": (("Position",), ("rdfs:Literal",)),
    "recipient": (("AwardConferral",), ("Person", "Organization")),
    "award": (("AwardConferral",), ("Award",)),
    "category": (("AwardConferral",), ("rdfs:Literal",)),
    "event": (("AwardConferral",), ("Event",)),
    "year": (("AwardConferral", "Work"), ("xsd:gYear",)),
    "rank": (("AwardConferral",), ("xsd:integer",)),
    "conferredBy": (("Award", "AwardConferral"), ("Organization",)),
    "startDate": (("Event",), ("xsd:date", "xsd:gYearMonth", "xsd:gYear")),
    "location": (("Event",), ("Place",)),
    "organizer": (("Event",), ("Organization", "Person")),
    "partner": (("Event",), ("Organization",)),
    "edition": (("Event",), ("xsd:integer",)),
    "speaker": (("Event",), ("Person",)),
    "host": (("Event",), ("Person",)),
    "parentOrganization": (("Organization",), ("Organization",)),
    "author": (("Work",), ("Person", "Organization")),
    "publisher": (("Work",), ("Organization",)),
    "translator": (("Work",), ("Person",)),
    "interviewee": (("Interview",), ("Person",)),
    "interviewer": (("Interview",), ("Person",)),
    "mentions": (("Document",), ()),
    "quote": (("Evidence",), ("rdfs:Literal",)),
    "document": (("Evidence",), ("Document",)),
    "sourceFile": (("Document",), ("xsd:string",)),
}

ORG_LINKS = ("subsidiaryOf", "brandOf", "divisionOf", "memberOf", "ownedBy", "mergedInto")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "rckg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl")


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {
        term
        for kind in TERM_TYPES
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(RC_NS)
    }


def curie(term: URIRef) -> str:
    """rc: terms by local name, others as rdfs:/xsd: CURIEs, to compare with the contract table."""
    for prefix, namespace in (("", RC_NS), ("rdfs:", str(RDFS)), ("xsd:", str(XSD))):
        if term.startswith(namespace):
            return prefix + term[len(namespace) :]
    return str(term)


def members(ontology: Graph, node: URIRef | BNode | None) -> set[str]:
    """The classes or datatypes named by a domain/range: one IRI or an owl:unionOf list."""
    if node is None:
        return set()
    union = ontology.value(node, OWL.unionOf)
    if union is None:
        return {curie(node)}
    return {curie(item) for item in Collection(ontology, union)}


# ----------------------------------------------------------------------------------------------------------
# The ontology


def test_ontology_declares_exactly_the_terms_of_rc(ontology: Graph) -> None:
    assert (ontology.value(URIRef("https://w3id.org/rckg/ontology"), RDF.type)) == OWL.Ontology
    assert declared_terms(ontology) == set(dir(RC))


@pytest.mark.parametrize("graph_name", ["ontology", "shapes"])
def test_every_rc_iri_used_is_declared(request: pytest.FixtureRequest, graph_name: str) -> None:
    graph: Graph = request.getfixturevalue(graph_name)
    used = {
        node for triple in graph for node in triple if isinstance(node, URIRef) and node.startswith(RC_NS)
    }
    assert used <= set(dir(RC)), used - set(dir(RC))


def test_every_term_is_declared_once_with_one_kind(ontology: Graph) -> None:
    for term in declared_terms(ontology):
        kinds = [kind for kind in TERM_TYPES if (term, RDF.type, kind) in ontology]
        assert len(kinds) == 1, term


def test_every_contract_class_is_a_class(ontology: Graph) -> None:
    for name in CONTRACT_CLASSES:
        assert (RC[name], RDF.type, OWL.Class) in ontology, name


@pytest.mark.parametrize("name", sorted(CONTRACT_PROPERTIES))
def test_contract_property_domain_and_range(ontology: Graph, name: str) -> None:
    domain, range_ = CONTRACT_PROPERTIES[name]
    term = RC[name]
    literal_range = all(":" in item for item in range_) and range_
    expected_kind = OWL.DatatypeProperty if literal_range else OWL.ObjectProperty
    assert (term, RDF.type, expected_kind) in ontology
    assert members(ontology, ontology.value(term, RDFS.domain)) == set(domain)
    assert members(ontology, ontology.value(term, RDFS.range)) == set(range_)


def test_extra_terms_the_build_uses(ontology: Graph) -> None:
    for name in ("Convention", "AwardCeremony", "Conference", "TradeShow", "Workshop", "Competition"):
        assert (RC[name], RDFS.subClassOf, RC.Event) in ontology
    for name in ("Book", "Study", "Blog"):
        assert (RC[name], RDFS.subClassOf, RC.Work) in ontology
    for name in ORG_LINKS:
        assert (RC[name], RDFS.subPropertyOf, RC.parentOrganization) in ontology
    for name, domain, range_ in (
        ("endDate", "Event", {"xsd:date", "xsd:gYearMonth", "xsd:gYear"}),
        ("project", "AwardConferral", {"rdfs:Literal"}),
        ("startOffset", "Evidence", {"xsd:integer"}),
        ("endOffset", "Evidence", {"xsd:integer"}),
        ("date", "Interview", {"xsd:date"}),
    ):
        assert members(ontology, ontology.value(RC[name], RDFS.domain)) == {domain}
        assert members(ontology, ontology.value(RC[name], RDFS.range)) == range_


@pytest.mark.parametrize("annotation", [RDFS.label, RDFS.comment])
def test_every_term_has_french_and_english_text(ontology: Graph, annotation: URIRef) -> None:
    for term in declared_terms(ontology):
        languages = {
            value.language for value in ontology.objects(term, annotation) if isinstance(value, Literal)
        }
        assert languages == {"fr", "en"}, (term, annotation)


def test_every_class_reaches_a_standard_vocabulary(ontology: Graph) -> None:
    for term in ontology.subjects(RDF.type, OWL.Class):
        if not isinstance(term, URIRef) or not term.startswith(RC_NS):
            continue
        ancestors = set(ontology.transitive_objects(term, RDFS.subClassOf)) | set(
            ontology.objects(term, OWL.equivalentClass)
        )
        assert any(not str(ancestor).startswith(RC_NS) for ancestor in ancestors), term


def test_key_alignments(ontology: Graph) -> None:
    sdo, org, foaf, skos = (
        "https://schema.org/",
        "http://www.w3.org/ns/org#",
        "http://xmlns.com/foaf/0.1/",
        "http://www.w3.org/2004/02/skos/core#",
    )
    for term, parent in (
        (RC.Person, foaf + "Person"),
        (RC.Organization, org + "Organization"),
        (RC.Position, org + "Membership"),
        (RC.Award, skos + "Concept"),
        (RC.Evidence, str(PROV.Entity)),
        (RC.Media, sdo + "NewsMediaOrganization"),
    ):
        assert (term, RDFS.subClassOf, URIRef(parent)) in ontology
    for term, parent in (
        (RC.holder, org + "member"),
        (RC.organization, org + "organization"),
        (RC.acronym, skos + "altLabel"),
        (RC.parentOrganization, sdo + "parentOrganization"),
        (RC.author, sdo + "author"),
    ):
        assert (term, RDFS.subPropertyOf, URIRef(parent)) in ontology


# ----------------------------------------------------------------------------------------------------------
# The shapes

VALID_DATA = """
@base <https://w3id.org/rckg/id/> .
@prefix rc: <https://w3id.org/rckg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<doc/a> a rc:Document ; rc:sourceFile "002.txt" ; dcterms:title "La 27e convention de l'AFRC" ;
    dcterms:issued "2012-10-11"^^xsd:date ; dcterms:creator <person/redac> .
<evidence/e> a rc:Evidence ; rc:document <doc/a> ; rc:startOffset 10 ; rc:endOffset 44 ;
    rc:quote "Jean Dupont, président de l'AFRC" .
<person/redac> a rc:Person ; rdfs:label "Marie Martin" .
<person/jean-dupont> a rc:Person ; rdfs:label "Jean Dupont" ; prov:wasDerivedFrom <evidence/e> .
<org/afrc> a rc:Association ; rdfs:label "Association Française de la Relation Client"@fr ;
    rc:acronym "AFRC" .
<org/acme> a rc:Company ; rdfs:label "Acme" ; rc:memberOf <org/afrc> .
<statement/acme-memberof-afrc> a rdf:Statement ; rdf:subject <org/acme> ; rdf:predicate rc:memberOf ;
    rdf:object <org/afrc> ; prov:wasDerivedFrom <evidence/e> .
<position/p> a rc:Position ; rc:holder <person/jean-dupont> ; rc:organization <org/afrc> ;
    rc:title "président" ; prov:wasDerivedFrom <evidence/e> .
<place/paris> a rc:Place ; rdfs:label "Paris" .
<event/convention> a rc:Convention ; rdfs:label "27e convention de l'AFRC" ; rc:edition 27 ;
    rc:startDate "2012-10"^^xsd:gYearMonth ; rc:location <place/paris> ; rc:organizer <org/afrc> ;
    rc:host <person/jean-dupont> ; prov:wasDerivedFrom <evidence/e> .
<award/palme> a rc:Award ; rdfs:label "Palme Innovation Sociale" ; rc:conferredBy <org/afrc> .
<conferral/c> a rc:AwardConferral ; rc:recipient <org/acme> ; rc:award <award/palme> ; rc:rank 1 ;
    rc:year "2012"^^xsd:gYear ; rc:event <event/convention> ; rc:project "pour Granvillage" ;
    prov:wasDerivedFrom <evidence/e> .
<work/livre> a rc:Book ; rdfs:label "Le client d'abord" ; rc:author <person/jean-dupont> ;
    rc:year "2011"^^xsd:gYear ; prov:wasDerivedFrom <evidence/e> .
<interview/i> a rc:Interview ; rc:interviewee <person/jean-dupont> ; rc:date "2012-10-11"^^xsd:date ;
    prov:wasDerivedFrom <evidence/e> .
"""


def conforms(data: Graph, ontology: Graph, shapes: Graph, inference: str = "none") -> tuple[bool, str]:
    ok, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference=inference)
    return ok, text


# The build validates with inference="none"; RDFS entailment (rc:memberOf => rc:parentOrganization) must
# not make a valid graph invalid either, for users who validate with it.
@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_shapes_accept_a_valid_graph(ontology: Graph, shapes: Graph, inference: str) -> None:
    ok, report = conforms(Graph().parse(data=VALID_DATA, format="turtle"), ontology, shapes, inference)
    assert ok, report


def _drop(subject: str, predicate: URIRef) -> Callable[[Graph], None]:
    return lambda graph: graph.remove((ID[subject], predicate, None))


def _set(subject: str, predicate: URIRef, value: Literal | URIRef) -> Callable[[Graph], None]:
    return lambda graph: graph.set((ID[subject], predicate, value))


INVALID_CASES = {
    "position without evidence": (
        _drop("position/p", PROV.wasDerivedFrom),
        "at least one prov:wasDerivedFrom",
    ),
    "evidence without quote": (_drop("evidence/e", RC.quote), "exactly one non-empty rc:quote"),
    "evidence with blank quote": (_set("evidence/e", RC.quote, Literal("  ")), "non-empty rc:quote"),
    "event date as plain text": (
        _set("event/convention", RC.startDate, Literal("octobre 2012")),
        "rc:startDate of an rc:Event",
    ),
    "event date as dateTime": (
        _set("event/convention", RC.startDate, Literal("2012-10-11T09:00:00", datatype=XSD.dateTime)),
        "rc:startDate of an rc:Event",
    ),
    "org link statement without evidence": (
        _drop("statement/acme-memberof-afrc", PROV.wasDerivedFrom),
        "organization link statement needs",
    ),
    "org link with no statement": (_set("org/acme", RC.subsidiaryOf, ID["org/afrc"]), "no rdf:Statement"),
    "company without label (subclass target)": (
        _drop("org/acme", RDFS.label),
        "exactly one non-blank rdfs:label",
    ),
    "person with two labels": (
        lambda graph: graph.add((ID["person/jean-dupont"], RDFS.label, Literal("J. Dupont"))),
        "exactly one non-blank rdfs:label",
    ),
    "rank out of range": (_set("conferral/c", RC.rank, Literal(1001)), "from 1 to 1000"),
    "year not a gYear": (_set("conferral/c", RC.year, Literal(2012)), "rc:year, an xsd:gYear"),
    "recipient neither person nor organization": (
        _set("conferral/c", RC.recipient, ID["place/paris"]),
        "rc:Person or an rc:Organization",
    ),
    "position held by an organization": (
        _set("position/p", RC.holder, ID["org/acme"]),
        "rc:holder, an rc:Person",
    ),
    "edition zero": (_set("event/convention", RC.edition, Literal(0)), "positive xsd:integer"),
    "document without source file": (_drop("doc/a", RC.sourceFile), "exactly one rc:sourceFile"),
    "derived from something else than evidence": (
        _set("work/livre", PROV.wasDerivedFrom, ID["doc/a"]),
        "must point to an rc:Evidence",
    ),
    # Each constraint that moved from a node shape, a sh:node value shape or a rewritten SPARQL query.
    "quote as a number": (_set("evidence/e", RC.quote, Literal(42)), "non-empty rc:quote"),
    "label as a date": (
        _set("award/palme", RDFS.label, Literal("2012-10-11", datatype=XSD.date)),
        "exactly one non-blank rdfs:label",
    ),
    "blank position title": (_set("position/p", RC.title, Literal(" ")), "rc:title, a non-blank string"),
    "blank category": (_set("conferral/c", RC.category, Literal("")), "rc:category of an rc:AwardConferral"),
    "blank acronym": (_set("org/afrc", RC.acronym, Literal("\t")), "rc:acronym of an rc:Organization"),
    "document title as an IRI": (
        _set("doc/a", DCTERMS.title, ID["award/palme"]),
        "at most one dcterms:title",
    ),
    "event end as plain text": (
        _set("event/convention", RC.endDate, Literal("fin octobre")),
        "rc:endDate of an rc:Event",
    ),
    "organizer neither person nor organization": (
        _set("event/convention", RC.organizer, ID["place/paris"]),
        "rc:organizer of an rc:Event is an rc:Person or an rc:Organization",
    ),
    "author neither person nor organization": (
        _set("work/livre", RC.author, ID["award/palme"]),
        "rc:author of an rc:Work is an rc:Person or an rc:Organization",
    ),
    "evidence without document": (_drop("evidence/e", RC.document), "exactly one rc:document"),
    "start offset after the end": (_set("evidence/e", RC.startOffset, Literal(50)), "below its rc:endOffset"),
    "statement with two subjects": (
        lambda graph: graph.add((ID["statement/acme-memberof-afrc"], RDF.subject, ID["org/afrc"])),
        "exactly one rdf:subject",
    ),
    "org link statement derived from a document": (
        _set("statement/acme-memberof-afrc", PROV.wasDerivedFrom, ID["doc/a"]),
        "organization link statement needs",
    ),
    "org link whose statement cites a document": (
        _set("statement/acme-memberof-afrc", PROV.wasDerivedFrom, ID["doc/a"]),
        "no rdf:Statement carrying",
    ),
    "org link whose statement names another parent": (
        _set("statement/acme-memberof-afrc", RDF.object, ID["org/acme"]),
        "no rdf:Statement carrying",
    ),
    "org link stated only by a broader link": (
        _set("statement/acme-memberof-afrc", RDF.predicate, RC.parentOrganization),
        "no rdf:Statement carrying",
    ),
    "org link statement of a triple not in the graph": (
        _set("statement/acme-memberof-afrc", RDF.predicate, RC.subsidiaryOf),
        "describes a triple that is not asserted",
    ),
    "org link to a place": (
        lambda graph: graph.add((ID["org/acme"], RC.subsidiaryOf, ID["place/paris"])),
        "must point to an rc:Organization",
    ),
}


VALID_VARIANTS = {
    "language-tagged quote": _set(
        "evidence/e", RC.quote, Literal("Jean Dupont, président de l'AFRC", lang="fr")
    ),
    "language-tagged title": _set("position/p", RC.title, Literal("président", lang="fr")),
    "year as an event date": _set("event/convention", RC.startDate, Literal("2012", datatype=XSD.gYear)),
    "organization as organizer": _set("event/convention", RC.organizer, ID["org/acme"]),
    "person as recipient": _set("conferral/c", RC.recipient, ID["person/jean-dupont"]),
    "broader link stated by the narrower statement": lambda graph: graph.add(
        (ID["org/acme"], RC.parentOrganization, ID["org/afrc"])
    ),
    "statement of another fact, without evidence": lambda graph: graph.add(
        (ID["statement/other"], RDF.predicate, RC.award)
    ).add((ID["statement/other"], RDF.subject, ID["conferral/c"])).add(
        (ID["statement/other"], RDF.object, ID["award/palme"])
    ),
}


@pytest.mark.parametrize("case", sorted(VALID_VARIANTS))
def test_shapes_accept_valid_variants(ontology: Graph, shapes: Graph, case: str) -> None:
    data = Graph().parse(data=VALID_DATA, format="turtle")
    VALID_VARIANTS[case](data)
    ok, report = conforms(data, ontology, shapes)
    assert ok, report


@pytest.mark.parametrize("case", sorted(INVALID_CASES))
def test_shapes_reject_invalid_graphs(ontology: Graph, shapes: Graph, case: str) -> None:
    mutate, message = INVALID_CASES[case]
    data = Graph().parse(data=VALID_DATA, format="turtle")
    mutate(data)
    ok, report = conforms(data, ontology, shapes)
    assert not ok
    assert message in report, report


# ----------------------------------------------------------------------------------------------------------
# graph.namespace


def test_rc_rejects_unknown_terms() -> None:
    assert RC.Person == URIRef(RC_NS + "Person")
    with pytest.raises(AttributeError):
        _ = RC.Persn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Société Générale", "societe-generale"),
        ("Directeur de la Relation Client de l'année", "directeur-de-la-relation-client-de-l-annee"),
        ("  Cœur   d'Œuvre & Cie ! ", "coeur-d-oeuvre-cie"),
        ("UBIFRANCE", "ubifrance"),
        ("Prix n°1 — 2012", "prix-n1-2012"),
    ],
)
def test_slug_is_readable_ascii(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_slug_is_never_empty_and_keeps_unreadable_inputs_apart() -> None:
    assert slug("") and slug("!!!") and slug("北京")
    assert slug("北京") != slug("上海")
    assert slug("北京") == slug("北京")


def test_long_slugs_are_cut_and_stay_distinct() -> None:
    stem = "association francaise des directeurs de la relation client et du marketing " * 2
    first, second = slug(stem + "paris"), slug(stem + "lyon")
    assert len(first) <= MAX_SLUG and len(second) <= MAX_SLUG
    assert first != second
    head, _hash = first.rsplit("-", 1)
    full = "-".join((stem + "paris").split())
    assert full.startswith(head + "-")  # cut between two words, not inside one
    assert slug(stem + "paris") == first  # deterministic


def test_mint_builds_short_stable_iris() -> None:
    assert mint("person", "Jean Dupont") == URIRef("https://w3id.org/rckg/id/person/jean-dupont")
    assert mint("evidence", "002.txt#3", "120", "187") == ID["evidence/002-txt-3-120-187"]
    assert mint("org", "Société Générale") == mint("org", "societe generale")
    with pytest.raises(ValueError):
        mint("organisation", "Acme")
    assert {"person", "org", "event", "award", "statement", "evidence", "doc"} <= SEGMENTS


def test_bind_prefixes_uses_the_project_namespaces() -> None:
    graph = bind_prefixes(Graph())
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    assert prefixes["rc"] == RC_NS
    assert prefixes["id"] == str(ID)
    assert prefixes["schema"] == "https://schema.org/"
    assert {"skos", "foaf", "org", "prov", "dcterms", "xsd"} <= prefixes.keys()


def test_link_shape_targets_every_organization_link_property() -> None:
    """The organization-link constraints run on the subjects of every link property the ontology has."""
    ontology = Graph().parse(ONTOLOGY_DIR / "rckg.ttl")
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    links = set(ontology.transitive_subjects(RDFS.subPropertyOf, RC.parentOrganization))
    for name in ("OrganizationLinkShape", "LinkTargetShape"):
        shape = URIRef(f"https://w3id.org/rckg/shapes#{name}")
        assert links == set(shapes.objects(shape, SH.targetSubjectsOf)), name
    path = shapes.value(URIRef("https://w3id.org/rckg/shapes#LinkTargetShape"), SH.path)
    assert links == set(Collection(shapes, shapes.value(path, SH.alternativePath)))
