"""``rckg serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph, and a query page.

>>> httpd = make_server(open_source(default_graph_path()), port=8000)   # doctest: +SKIP
>>> httpd.serve_forever()                                               # doctest: +SKIP

``/sparql`` (also ``/``) takes a query by GET (``?query=``) or POST (an ``application/x-www-form-urlencoded``
form with ``query=``, or an ``application/sparql-query`` body) and answers in the format the ``Accept``
header asks for. Updates are refused with 403; every query has a time limit and a result limit.
Queries are answered by a :class:`~graph.pool.WorkerPool` of long-lived processes that keep the graph open:
one still running at the time limit is stopped (503) while the others keep answering.
``/`` without a query is a page that sends queries and shows answers, with no external script or style.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from urllib.parse import parse_qs, urlsplit

from graph.pool import PoolBusy, WorkerPool
from graph.query import Answer, QueryError, QueryTimeout, ReadOnlyError, Source, saved_queries

log = logging.getLogger(__name__)

ENDPOINT_PATHS = ("/sparql", "/")

# (media type, output format) in order of preference; the first is the default for its kind of answer.
MEDIA_TYPES = {
    "bindings": (
        ("application/sparql-results+json", "json"),
        ("application/json", "json"),
        ("application/sparql-results+xml", "xml"),
        ("application/xml", "xml"),
        ("text/xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
    ),
    "graph": (
        ("text/turtle", "turtle"),
        ("application/turtle", "turtle"),
        ("application/x-turtle", "turtle"),
        ("application/ld+json", "jsonld"),
        ("application/x-json+ld", "jsonld"),
        ("application/n-triples", "ntriples"),
        ("application/rdf+xml", "rdfxml"),
    ),
}
MEDIA_TYPES["boolean"] = MEDIA_TYPES["bindings"]
# The media type each output format is sent with.
CONTENT_TYPES = {fmt: media for kind in ("bindings", "graph") for media, fmt in reversed(MEDIA_TYPES[kind])}

_READ_ONLY = (
    "this endpoint is read-only: SPARQL updates are refused (send queries: SELECT, ASK, CONSTRUCT, DESCRIBE)"
)


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries over ``source``, at most ``workers`` at a time."""

    daemon_threads = True
    request_queue_size = 128  # connections waiting to be accepted: 5 (the default) drops a burst's SYNs

    def __init__(
        self, address: tuple[str, int], source: Source, timeout: float, limit: int, workers: int
    ) -> None:
        self.pool = WorkerPool(source, workers, timeout, limit)  # before the socket: workers need none
        try:
            super().__init__(address, SparqlHandler)
        except OSError:
            self.pool.close()
            raise
        self.source, self.query_timeout, self.result_limit = source, timeout, limit
        self.page = _query_page()

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


def make_server(
    source: Source,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    timeout: float = 30.0,
    limit: int = 10_000,
    workers: int = 2,
) -> SparqlServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever()`` on it."""
    return SparqlServer((host, port), source, timeout, limit, workers)


def negotiate(kind: str, accept: str | None) -> str | None:
    """The output format for an answer of ``kind`` that the ``Accept`` header allows, or None."""
    offered = MEDIA_TYPES[kind]
    for media_range in _media_ranges(accept or "*/*"):
        if media_range == "*/*":
            return offered[0][1]
        for media_type, output_format in offered:
            if media_range in (media_type, media_type.split("/")[0] + "/*"):
                return output_format
    return None


def _media_ranges(accept: str) -> list[str]:
    """The media ranges of an Accept header, most wanted first (q=0 dropped)."""
    weighted = []
    for position, item in enumerate(accept.split(",")):
        media_range, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_range and quality > 0:
            weighted.append((-quality, position, media_range.lower()))
    return [media_range for *_, media_range in sorted(weighted)]


class SparqlHandler(BaseHTTPRequestHandler):
    """The SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    server_version = "rckg-sparql"
    protocol_version = "HTTP/1.1"  # keep-alive: every answer says its Content-Length
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path not in ENDPOINT_PATHS:
            return self._send_text(HTTPStatus.NOT_FOUND, f"nothing at {url.path}: the endpoint is /sparql")
        if "update" in params:
            return self._send_text(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if "query" not in params:
            return self._send(HTTPStatus.OK, self.server.page, "text/html; charset=utf-8")
        self._answer(params["query"][0], params)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        # read whatever is answered: the next request on this connection starts after the body
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", errors="replace")
        if url.path not in ENDPOINT_PATHS:
            return self._send_text(HTTPStatus.NOT_FOUND, f"nothing at {url.path}: the endpoint is /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        content_type = self.headers.get_content_type()
        if content_type == "application/sparql-update":
            return self._send_text(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if content_type == "application/sparql-query":
            return self._answer(body, params)
        if content_type != "application/x-www-form-urlencoded":
            return self._send_text(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send the query as application/sparql-query or as a form (x-www-form-urlencoded)",
            )
        params |= parse_qs(body, keep_blank_values=True)
        if "update" in params:
            return self._send_text(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if "query" not in params:
            return self._send_text(HTTPStatus.BAD_REQUEST, "the form has no query= field")
        self._answer(params["query"][0], params)

    def _refuse_method(self) -> None:
        self.close_connection = True  # its body is not read
        self._send_text(HTTPStatus.METHOD_NOT_ALLOWED, _READ_ONLY, {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _answer(self, query: str, params: dict[str, list[str]]) -> None:
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._send_text(
                HTTPStatus.BAD_REQUEST,
                "default-graph-uri and named-graph-uri are not supported: the graph is one",
            )
        try:
            answer = self.server.pool.run(query)
        except ReadOnlyError:
            return self._send_text(HTTPStatus.FORBIDDEN, _READ_ONLY)
        except QueryError as error:
            return self._send_text(HTTPStatus.BAD_REQUEST, f"malformed query: {error}")
        except (QueryTimeout, PoolBusy) as error:
            return self._send_text(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        self._send_answer(answer, params)

    def _send_answer(self, answer: Answer, params: dict[str, list[str]]) -> None:
        wanted = params.get("format", [None])[0]  # a convenience for links and the query page
        output_format = (
            wanted if wanted in CONTENT_TYPES else negotiate(answer.kind, self.headers.get("Accept"))
        )
        if output_format is None or CONTENT_TYPES[output_format] not in dict(MEDIA_TYPES[answer.kind]):
            offered = ", ".join(dict(MEDIA_TYPES[answer.kind]))
            return self._send_text(HTTPStatus.NOT_ACCEPTABLE, f"this answer can be sent as: {offered}")
        headers = {"X-Result-Limit-Reached": "true"} if answer.truncated else {}
        content_type = CONTENT_TYPES[output_format]
        if content_type.startswith("text/") or content_type.endswith(("json", "xml")):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, answer.render(output_format), content_type, headers)

    def _send_text(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers)

    def _send(
        self, status: HTTPStatus, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        log.info("%s %s", self.address_string(), format % args)


def _query_page() -> bytes:
    """The query page, with the saved questions built in so that it works offline."""
    questions = [{"name": q.name, "comment": q.comment, "text": q.text} for q in saved_queries().values()]
    embedded = json.dumps(questions, ensure_ascii=False).replace("</", "<\\/")  # cannot close the <script>
    page = files("graph").joinpath("static/sparql.html").read_text(encoding="utf-8")
    return page.replace("/*SAVED_QUERIES*/[]", embedded).encode("utf-8")
