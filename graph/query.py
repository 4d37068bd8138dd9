"""Run SPARQL over the graph: inline text, a ``.rq`` file or a saved question, on either engine.

A *source* is an Oxigraph store directory (a :class:`~pathlib.Path`, opened read-only for each query)
or an rdflib graph in memory. Both engines answer with one :class:`Answer`, kept as SPARQL 1.1 results
JSON (or N-Triples for a graph) so that rendering does not depend on the engine.

>>> source = open_source(default_graph_path())                       # doctest: +SKIP
>>> answer = run_query(source, resolve_query("award-winners-by-year"), timeout=30)  # doctest: +SKIP
>>> print(answer.render("table").decode())                           # doctest: +SKIP

Parameters are bound by the engines themselves (rdflib ``initBindings``, Oxigraph ``substitutions``),
never pasted into the query text, so a value cannot change what the query does; only the page
(``limit``, ``offset``: whole numbers, checked) is written into it, by :mod:`graph.paging`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice, takewhile
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException, ParseResults
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier
from rdflib.util import from_n3

from graph.namespace import ID, RC
from graph.paging import paged
from graph.store import is_store, load_graph, open_store

SAVED_QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"

# Declared for every query, so inline questions can be short; saved queries declare their own too,
# to stay runnable on any other triple store.
PREFIXES = {"id": str(ID)} | {
    name: str(namespace._NS)
    for name, namespace in (
        ("rc", RC), ("rdf", RDF), ("rdfs", RDFS), ("skos", SKOS),
        ("prov", PROV), ("dcterms", DCTERMS), ("xsd", XSD),
    )
}

RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
OUTPUT_FORMATS = ("table", *RESULTS_FORMATS, *GRAPH_FORMATS)

# An open Store answers untimed queries without reopening (benchmarks); timed ones need the store's path,
# since a child process must open the store itself rather than share RocksDB's threads and locks.
Source = rdflib.Graph | Path | ox.Store

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_TABLE_CELL_WIDTH = 80
_NOT_PROJECTED = "the query has no variable ?{} in its SELECT clause (--param binds selected variables only)"
_COMMENT_LINE = re.compile(r"(?m)^\s*#.*$")
_UPDATE_KEYWORD = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


class QueryError(Exception):
    """A query the engine cannot parse or run; ``line`` and ``column`` locate a syntax error."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, line, column)
        self.message, self.line, self.column = message, line, column

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        return where + self.message


class ReadOnlyError(QueryError):
    """A SPARQL update sent where only queries are allowed."""


class QueryTimeout(Exception):
    """A query that ran past its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self) -> str:
        return (
            f"the query ran longer than {self.seconds:g} s and was stopped: "
            "narrow it (more specific patterns, LIMIT) or allow more time (--timeout)"
        )


@dataclass(frozen=True)
class SavedQuery:
    """A competency question kept in ``ontology/queries/<name>.rq``; ``comment`` says what it answers."""

    name: str
    comment: str
    text: str


def saved_queries(folder: Path = SAVED_QUERIES) -> dict[str, SavedQuery]:
    """The saved questions by name, in name order."""
    return {path.stem: _read_saved(path) for path in sorted(Path(folder).glob("*.rq"))}


def _read_saved(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    heading = takewhile(lambda line: line.startswith("#"), text.splitlines())
    return SavedQuery(path.stem, " ".join(line.lstrip("#").strip() for line in heading), text)


def resolve_query(spec: str, folder: Path = SAVED_QUERIES) -> str:
    """The SPARQL text meant by ``spec``: a ``.rq`` file, a saved query's name, or inline SPARQL."""
    if spec.endswith(".rq"):
        if not Path(spec).is_file():
            raise FileNotFoundError(f"no query file {spec}")
        return Path(spec).read_text(encoding="utf-8")
    saved = saved_queries(folder)
    if spec in saved:
        return saved[spec].text
    if re.fullmatch(r"[\w.-]+", spec):
        raise LookupError(f"no saved query named {spec!r}: `rckg query --list` shows them")
    return spec


def default_graph_path(exports: Path = Path("exports")) -> Path:
    """Where queries run by default: the built store if there is one, else the Turtle export."""
    store = Path(exports) / "store"
    return store if is_store(store) else Path(exports) / "graph.ttl"


def open_source(path: Path) -> Source:
    """A store directory stays a path (each query opens it read-only); an RDF file is parsed into rdflib."""
    path = Path(path)
    if is_store(path):
        return path
    if not path.is_file():
        raise FileNotFoundError(
            f"no graph at {path}: run `rckg build`, or give a store folder or an RDF file"
        )
    return load_graph(path)


def parse_param(assignment: str) -> tuple[str, Identifier]:
    """``name=value`` from the command line, the value read by :func:`parse_term`."""
    name, equals, value = assignment.partition("=")
    name = name.strip().lstrip("?$")
    if not equals or not re.fullmatch(r"\w+", name):
        raise ValueError(f"--param takes name=value (e.g. --param organization=Easiware), not {assignment!r}")
    return name, parse_term(value)


def parse_term(value: str) -> Identifier:
    """An RDF term from a parameter value.

    ``<iri>``, a bare ``http(s)://`` IRI or ``prefix:name`` with a known prefix give an IRI; an N3
    literal (``"2014"^^xsd:gYear``, ``"client"@fr``) gives that literal; anything else is a plain
    string, which is how the graph writes labels and titles.
    """
    if value.startswith("<") and value.endswith(">"):
        return rdflib.URIRef(value[1:-1])
    if re.fullmatch(r"https?://\S+", value):
        return rdflib.URIRef(value)
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and re.fullmatch(r"\S*", local):
        return rdflib.URIRef(PREFIXES[prefix] + local)
    if value.startswith('"'):
        namespaces = rdflib.Graph(bind_namespaces="none").namespace_manager
        for name, iri in PREFIXES.items():
            namespaces.bind(name, iri)
        try:
            return from_n3(value, nsm=namespaces)
        except Exception as error:  # from_n3 raises bare exceptions of several kinds
            raise ValueError(f"cannot read {value!r} as a literal: {error}") from None
    return rdflib.Literal(value)


def is_update(text: str) -> bool:
    """True if ``text`` is a SPARQL update (INSERT, DELETE, LOAD, DROP ...) rather than a query."""
    return bool(_UPDATE_KEYWORD.match(_COMMENT_LINE.sub("", text)))


def uses_service(text: str) -> bool:
    """True if the query calls another endpoint (SERVICE): an endpoint of ours must not fetch URLs."""
    code = _COMMENT_LINE.sub("", text).lower()  # a line that starts with # is a comment, whatever it holds
    if "service" not in code and "\\u" not in code:  # no keyword, not even escaped: no need to parse
        return False
    try:
        tree = parseQuery(text)
    except Exception:  # a malformed query: the engine reports it with line and column
        return False
    return _has_service(tree)


def _has_service(node: object) -> bool:
    if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(v) for v in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_service(v) for v in node)
    return False


@dataclass(frozen=True)
class Answer:
    """What a query gave: SPARQL 1.1 results JSON (``bindings``, ``boolean``) or N-Triples (``graph``)."""

    kind: str
    payload: bytes
    truncated: bool = False

    def rows(self) -> list[dict[str, str]]:
        """The solutions, each variable's value written compactly (``id:person/x``, lexical literals)."""
        solutions = self._solutions()
        names = [variable.value for variable in solutions.variables]
        return [
            {n: _compact(term) for n, term in zip(names, s, strict=True) if term is not None}
            for s in solutions
        ]

    @property
    def variables(self) -> list[str]:
        return [variable.value for variable in self._solutions().variables]

    @property
    def boolean(self) -> bool:
        return bool(ox.parse_query_results(self.payload, ox.QueryResultsFormat.JSON))

    def triples(self) -> list[ox.Triple]:
        return list(ox.parse(self.payload, ox.RdfFormat.N_TRIPLES))

    def render(self, output_format: str) -> bytes:
        """The answer in one of :data:`OUTPUT_FORMATS` (``table`` is for reading in a terminal)."""
        if self.kind == "graph":
            if output_format == "table":
                output_format = "turtle"
            if output_format not in GRAPH_FORMATS:
                raise ValueError(
                    f"a CONSTRUCT or DESCRIBE answer is a graph: use one of {', '.join(GRAPH_FORMATS)}"
                )
            return ox.serialize(self.triples(), format=GRAPH_FORMATS[output_format], prefixes=PREFIXES)
        if output_format == "table":
            return self._table().encode("utf-8")
        if output_format not in RESULTS_FORMATS:
            raise ValueError(
                f"a SELECT or ASK answer is a table: use table or one of {', '.join(RESULTS_FORMATS)}"
            )
        if output_format == "json":  # the payload already is results JSON
            return self.payload
        results = ox.parse_query_results(self.payload, ox.QueryResultsFormat.JSON)
        return results.serialize(format=RESULTS_FORMATS[output_format])

    def _solutions(self) -> ox.QuerySolutions:
        if self.kind != "bindings":
            raise ValueError(f"a {self.kind} answer has no rows")
        return ox.parse_query_results(self.payload, ox.QueryResultsFormat.JSON)

    def _table(self) -> str:
        if self.kind == "boolean":
            return f"{str(self.boolean).lower()}\n"
        names, rows = self.variables, self.rows()
        cells = [[_cell(row.get(name, "")) for name in names] for row in rows]
        widths = [max([len(name)] + [len(line[i]) for line in cells]) for i, name in enumerate(names)]
        lines = [names, ["-" * width for width in widths], *cells]
        text = "\n".join(
            "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
        )
        note = f"{len(rows)} row{'s' if len(rows) != 1 else ''}" + (
            " (cut at the result limit)" if self.truncated else ""
        )
        return f"{text}\n({note})\n"


def run_query(
    source: Source,
    query: str,
    params: Mapping[str, Identifier] | None = None,
    *,
    timeout: float | None = None,
    limit: int | None = None,
) -> Answer:
    """Run SPARQL ``query`` over ``source`` and return its answer.

    ``params`` bind variables of the SELECT clause through the engine, except ``limit`` and ``offset``,
    which set the page of the answer (:func:`~graph.paging.paged`; ``limit=all``: the whole answer).
    With ``timeout`` (seconds) the query runs in a :class:`Worker` that is killed when time is up
    (:class:`QueryTimeout`); the keyword ``limit`` caps the rows or triples returned. A malformed query
    raises :class:`QueryError` with the parser's line and column, an update :class:`ReadOnlyError`.
    """
    check_query(query)
    if timeout is not None and isinstance(source, ox.Store):
        raise TypeError("a timed query needs the store's path, not an open Store")
    query, bindings = paged(query, params or {})
    if timeout is None:
        return _evaluate(source, query, bindings, limit)
    with Worker(source) as worker:
        return worker.ask(query, bindings, limit, timeout)


def check_query(query: str) -> None:
    """Refuse what no rckg query may do: update the graph (:class:`ReadOnlyError`), call another endpoint."""
    if is_update(query):
        raise ReadOnlyError(
            "this is a SPARQL update, and rckg's graph is read-only: send a query (SELECT, ASK ...)"
        )
    if uses_service(query):
        raise QueryError(
            "SERVICE (a federated query) is refused: rckg answers from its own graph and never fetches "
            "other endpoints; run the query where both graphs are loaded"
        )


# Neither rdflib nor Oxigraph can stop a query midway, so a timed query runs in a forked child that
# can be killed. Forking shares an in-memory rdflib graph with the child at no copying cost.
_FORK = multiprocessing.get_context("fork")


class Worker:
    """A child process that keeps ``source`` open and answers queries one at a time, until stopped.

    >>> with Worker(Path("exports/store")) as worker:                 # doctest: +SKIP
    ...     answer = worker.ask("ASK { ?s ?p ?o }", {}, limit=None, timeout=5)

    A store path is opened by the child itself, once (RocksDB's threads and locks do not cross a fork).
    A query still running at its timeout stops the worker (:class:`QueryTimeout`); so does a worker that
    dies (:class:`QueryError`): check :attr:`alive` before asking again.
    """

    def __init__(self, source: Source) -> None:
        job_reader, self._jobs = _FORK.Pipe(duplex=False)
        self._answers, answer_writer = _FORK.Pipe(duplex=False)
        self._process = _FORK.Process(target=_serve, args=(source, job_reader, answer_writer), daemon=True)
        self._process.start()
        job_reader.close()
        answer_writer.close()

    @property
    def alive(self) -> bool:
        return not self._jobs.closed and self._process.exitcode is None

    def ask(self, query: str, bindings: dict[str, Identifier], limit: int | None, timeout: float) -> Answer:
        """The answer to ``query``, or :class:`QueryTimeout` after ``timeout`` seconds."""
        try:
            self._jobs.send((query, bindings, limit))
            if not self._answers.poll(timeout):
                self.stop()
                raise QueryTimeout(timeout)
            outcome = self._answers.recv()
        except (EOFError, OSError):
            self.stop()
            raise QueryError("the query stopped without an answer (out of memory?)") from None
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def stop(self) -> None:
        if self._jobs.closed:
            return
        self._process.kill()
        self._process.join()
        self._process.close()
        self._jobs.close()
        self._answers.close()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _serve(source: Source, jobs: Connection, answers: Connection) -> None:
    """The worker's loop: open the source once, then answer each job until the parent hangs up."""
    _close_inherited(keep={jobs.fileno(), answers.fileno()})
    opened = open_store(source) if isinstance(source, Path) else source
    while True:
        try:
            query, bindings, limit = jobs.recv()
        except EOFError:
            return
        try:
            outcome: Answer | Exception = _evaluate(opened, query, bindings, limit)
        except QueryError as error:
            outcome = error
        try:
            answers.send(outcome)
        except OSError:  # the parent is gone
            return


def _close_inherited(keep: set[int]) -> None:
    """Close what a forked worker inherited but ``keep`` and the standard streams: the server's sockets
    (a client's connection ends when the server closes it; the port frees when the server stops) and the
    other workers' pipes (each worker sees its parent hang up, and stops, even if the parent was killed)."""
    low = 3
    for descriptor in sorted(keep):
        os.closerange(low, descriptor)
        low = descriptor + 1
    os.closerange(low, os.sysconf("SC_OPEN_MAX"))


def _evaluate(source: Source, query: str, bindings: dict[str, Identifier], limit: int | None) -> Answer:
    try:
        if isinstance(source, rdflib.Graph):
            return _evaluate_rdflib(source, query, bindings, limit)
        store = source if isinstance(source, ox.Store) else open_store(source)
        return _evaluate_oxigraph(store, query, bindings, limit)
    except QueryError:
        raise
    except Exception as error:  # an engine failing on a query is the user's news, not a traceback
        raise QueryError(f"the query could not be evaluated: {type(error).__name__}: {error}") from error


def _evaluate_oxigraph(
    store: ox.Store, query: str, bindings: dict[str, Identifier], limit: int | None
) -> Answer:
    substitutions = {ox.Variable(name): _to_oxigraph(term) for name, term in bindings.items()}
    try:
        result = store.query(query, prefixes=PREFIXES, substitutions=substitutions)
    except SyntaxError as error:
        raise _located(str(error)) from None
    except RuntimeError as error:
        missing = re.search(r"variable \?(\w+) in its SELECT", str(error))
        raise QueryError(_NOT_PROJECTED.format(missing[1]) if missing else str(error)) from None
    if isinstance(result, ox.QueryBoolean):
        return _boolean_answer(bool(result))
    if isinstance(result, ox.QuerySolutions):
        return _solutions_answer(result, limit)
    triples, truncated = _capped(result, limit)
    return Answer("graph", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), truncated)


def _evaluate_rdflib(
    graph: rdflib.Graph, query: str, bindings: dict[str, Identifier], limit: int | None
) -> Answer:
    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except ParseException as error:
        raise QueryError(error.msg, error.lineno, error.col) from None
    except Exception as error:  # rdflib reports unknown prefixes and the like as bare exceptions
        raise QueryError(str(error)) from None
    result = graph.query(
        prepared, initBindings={rdflib.Variable(name): term for name, term in bindings.items()}
    )
    if result.type == "ASK":
        return _boolean_answer(bool(result.askAnswer))
    if result.type == "SELECT":
        names = [str(variable) for variable in result.vars or []]
        unknown = sorted(set(bindings) - set(names))
        if unknown:  # the same refusal as Oxigraph's, so that both engines accept the same queries
            raise QueryError(_NOT_PROJECTED.format(unknown[0]))
        solutions = ({str(k): v for k, v in row.asdict().items()} for row in result)
        return _bindings_answer(names, solutions, limit)
    triples, truncated = _capped(iter(result), limit)
    graph_answer = rdflib.Graph(bind_namespaces="none")
    for triple in triples:
        graph_answer.add(triple)
    return Answer("graph", graph_answer.serialize(format="nt", encoding="utf-8"), truncated)


def _solutions_answer(solutions: ox.QuerySolutions, limit: int | None) -> Answer:
    """Solutions as results JSON, written by Oxigraph (much faster than term by term in Python).

    Cut at ``limit`` in TSV, where each solution is one line (line breaks in values are escaped),
    then turned into JSON by Oxigraph's own parser and writer.
    """
    if limit is None:
        return Answer("bindings", solutions.serialize(format=ox.QueryResultsFormat.JSON))
    header_and_rows = solutions.serialize(format=ox.QueryResultsFormat.TSV).split(b"\n", limit + 1)
    truncated = len(header_and_rows) == limit + 2 and header_and_rows[-1] != b""
    kept = b"\n".join(header_and_rows[: limit + 1]) + b"\n" if truncated else b"\n".join(header_and_rows)
    results = ox.parse_query_results(kept, ox.QueryResultsFormat.TSV)
    return Answer("bindings", results.serialize(format=ox.QueryResultsFormat.JSON), truncated)


def _located(message: str) -> QueryError:
    """A QueryError from Oxigraph's ``error at LINE:COLUMN: message``."""
    found = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    return QueryError(found[3], int(found[1]), int(found[2])) if found else QueryError(message)


def _capped(items: Iterator, limit: int | None) -> tuple[list, bool]:
    kept = list(islice(items, None if limit is None else limit + 1))
    return (kept[:limit], True) if limit is not None and len(kept) > limit else (kept, False)


def _boolean_answer(value: bool) -> Answer:
    return Answer("boolean", json.dumps({"head": {}, "boolean": value}).encode("utf-8"))


def _bindings_answer(
    names: list[str], solutions: Iterable[Mapping[str, object]], limit: int | None
) -> Answer:
    kept, truncated = _capped(iter(solutions), limit)
    document = {
        "head": {"vars": names},
        "results": {"bindings": [{name: _term_json(term) for name, term in s.items()} for s in kept]},
    }
    return Answer("bindings", json.dumps(document, ensure_ascii=False).encode("utf-8"), truncated)


def _lexical(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal) else str(term)


def _term_json(term: object) -> dict[str, str]:
    """One RDF term (rdflib's or Oxigraph's) as SPARQL 1.1 results JSON."""
    if isinstance(term, rdflib.URIRef | ox.NamedNode):
        return {"type": "uri", "value": _lexical(term)}
    if isinstance(term, rdflib.BNode | ox.BlankNode):
        return {"type": "bnode", "value": _lexical(term)}
    if isinstance(term, rdflib.Literal | ox.Literal):
        entry = {"type": "literal", "value": _lexical(term)}
        if term.language:
            entry["xml:lang"] = term.language
        elif term.datatype is not None and _lexical(term.datatype) != _XSD_STRING:
            entry["datatype"] = _lexical(term.datatype)
        return entry
    raise TypeError(f"cannot write {term!r} as a SPARQL result")


def _to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def _compact(term: object) -> str:
    """``id:person/x`` for IRIs under a known prefix, the lexical form for literals."""
    value = _lexical(term)
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if value.startswith(iri):
                return f"{prefix}:{value[len(iri) :]}"
    if isinstance(term, ox.BlankNode):
        return f"_:{value}"
    return value


def _cell(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= _TABLE_CELL_WIDTH else flat[: _TABLE_CELL_WIDTH - 1] + "…"
