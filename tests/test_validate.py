"""graph.validate gives pyshacl's verdicts with the full shapes, string disjunctions left out or not."""

from __future__ import annotations

import pytest
from pyshacl import validate as shacl_validate
from rdflib import RDFS, Graph, Literal, Namespace
from rdflib.namespace import SH

from graph.namespace import ID, RC
from graph.validate import is_string, ontology, shapes, shapes_for, string_disjunctions, validate
from tests.test_ontology import INVALID_CASES, VALID_DATA, VALID_VARIANTS

# A plain Namespace: rdflib's XSD warns when pytest probes module globals for attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def full_verdict(data: Graph) -> bool:
    conforms, _, _ = shacl_validate(data, shacl_graph=shapes(), ont_graph=ontology(), inference="none")
    return bool(conforms)


def test_the_string_disjunctions_of_the_shapes_are_found() -> None:
    paths = {path for _, path, _ in string_disjunctions()}
    assert {RDFS.label, RC.quote, RC.title} <= paths


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        (Literal("Jean"), True),
        (Literal("Jean", lang="fr"), True),
        (Literal("Jean", datatype=XSD.string), True),
        (Literal(12), False),
        (Literal("2012", datatype=XSD.gYear), False),
        (ID["person/jean"], False),
    ],
)
def test_is_string_accepts_what_sh_datatype_string_or_langstring_accepts(value, accepted: bool) -> None:
    assert is_string(value) is accepted


@pytest.mark.parametrize("case", sorted(VALID_VARIANTS))
def test_valid_variants_conform(case: str) -> None:
    data = Graph().parse(data=VALID_DATA, format="turtle")
    VALID_VARIANTS[case](data)
    assert validate(data).conforms == full_verdict(data) is True


@pytest.mark.parametrize("case", sorted(INVALID_CASES))
def test_invalid_graphs_fail_with_pyshacl_s_message(case: str) -> None:
    mutate, message = INVALID_CASES[case]
    data = Graph().parse(data=VALID_DATA, format="turtle")
    mutate(data)
    report = validate(data)
    assert report.conforms == full_verdict(data) is False
    assert message in report.text, report.text


def test_a_value_that_is_no_string_keeps_its_disjunction() -> None:
    data = Graph().parse(data=VALID_DATA, format="turtle")
    data.set((ID["evidence/e"], RC.quote, Literal(42)))
    reduced = shapes_for(data)
    kept = {shape for shape, _, choice in string_disjunctions() if (shape, SH["or"], choice) in reduced}
    assert kept == {shape for shape, path, _ in string_disjunctions() if path == RC.quote}
    report = validate(data)
    assert not report.conforms and not full_verdict(data)
    assert "non-empty rc:quote string" in report.text, report.text
    assert report.focus == (str(ID["evidence/e"]),)  # the node that broke the shape, for the build to drop
