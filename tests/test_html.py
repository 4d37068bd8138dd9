"""The HTML page: self-contained, offline, deterministic, and document text is only ever shown as text.

Browser tests open the page in Debian's headless chromium with the network disabled (tests/headless.py)
and act as a reader would: type in the search box, press Enter, click the legend, type a year.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef, namespace

from graph.html import render_html, write_html
from graph.namespace import SCHEMA_URL
from graph.view import RC, network_view
from tests.headless import CHROMIUM, Browser

FIXTURE = Path(__file__).parent / "fixtures" / "view_graph.ttl"
OUTPUT = Path(__file__).parent / "output"
STATIC = Path(__file__).parent.parent / "graph" / "static"
ID = rdflib.Namespace("https://w3id.org/rckg/id/")
HOSTILE_NAME = "<img src=x onerror=\"document.title='pwned';window.pwned=1\">"
HOSTILE_QUOTE = "<script>document.title='pwned';window.pwned=2</script> dit <b onmouseover=alert(1)>oui</b>"
STABLE = "document.body && document.body.dataset.state === 'stable'"


def hostile_graph() -> rdflib.Graph:
    """A person, an organization and a post whose every text is an attack."""
    g = rdflib.Graph()
    RDF, RDFS, DCTERMS, PROV = namespace.RDF, namespace.RDFS, namespace.DCTERMS, namespace.PROV  # noqa: N806
    person, org, position = ID["person/h"], ID["org/h"], ID["position/h"]
    document, evidence = ID["doc/h"], ID["evidence/h"]
    g.add((person, RDF.type, RC.Person))
    g.add((person, RDFS.label, Literal(HOSTILE_NAME)))
    g.add((person, PROV.wasDerivedFrom, evidence))
    g.add((org, RDF.type, RC.Company))
    g.add((org, RDFS.label, Literal("Société </script><script>window.pwned=3</script>")))
    g.add((position, RDF.type, RC.Position))
    g.add((position, RC.holder, person))
    g.add((position, RC.organization, org))
    g.add((position, RC.title, Literal(HOSTILE_QUOTE)))
    g.add((position, PROV.wasDerivedFrom, evidence))
    g.add((evidence, RDF.type, RC.Evidence))
    g.add((evidence, RC.quote, Literal(HOSTILE_QUOTE)))
    g.add((evidence, RC.document, document))
    g.add((document, RDF.type, RC.Document))
    g.add((document, DCTERMS.title, Literal("<iframe src=javascript:window.pwned=4>")))
    g.add((document, DCTERMS.issued, Literal("2012-03-04", datatype=namespace.XSD.date)))
    g.add((document, RC.mentions, person))
    return g


@pytest.fixture(scope="module")
def fixture_html() -> str:
    return render_html(network_view(rdflib.Graph().parse(FIXTURE)))


# --- the page as written ------------------------------------------------------------------------------

def test_same_graph_gives_the_same_bytes(tmp_path) -> None:
    graph = rdflib.Graph().parse(FIXTURE)
    write_html(graph, tmp_path / "a.html")
    write_html(rdflib.Graph().parse(FIXTURE), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open_script: dict[str, str | None] | None = None
        self.policy = ""

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy":
            self.policy = dict(attrs)["content"] or ""
        if tag == "script":
            self._open_script = dict(attrs)

    def handle_data(self, data) -> None:
        if self._open_script is not None:
            self.scripts.append((self._open_script, data))
            self._open_script = None


def test_nothing_is_fetched_from_anywhere(fixture_html) -> None:
    parsed = _Tags()
    parsed.feed(fixture_html)
    assert not [(tag, attrs) for tag, attrs in parsed.tags if {"src", "href", "srcset", "data"} & set(attrs)]
    assert not [tag for tag, _ in parsed.tags if tag in ("link", "iframe", "img", "object", "embed", "base")]
    assert "@import" not in fixture_html and "@font-face" not in fixture_html
    assert set(re.findall(r"url\(\s*['\"]?(\w+):", fixture_html)) <= {"data"}
    assert not [host for host in ("cdnjs", "jsdelivr", "unpkg", "googleapis") if host in fixture_html]


def test_content_security_policy_allows_only_our_own_scripts(fixture_html) -> None:
    parsed = _Tags()
    parsed.feed(fixture_html)
    policy = parsed.policy
    assert "default-src 'none'" in policy and "unsafe-inline'" not in policy.split("style-src")[0]
    code = [text for attrs, text in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2  # vis-network, then the page's own script
    for text in code:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in policy


def test_document_text_never_reaches_the_html_as_markup() -> None:
    html = render_html(network_view(hostile_graph()))
    for attack in ("<img", "<script>document", "<iframe", "<b onmouseover", "</script><script>window"):
        assert attack not in html
    assert "\\u003cimg src=x onerror=" in html  # the data is there, as escaped JSON text


def test_the_page_script_never_parses_text_as_html() -> None:
    script = (STATIC / "view.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script


# --- in the browser -----------------------------------------------------------------------------------

browser_only = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with Browser() as running:
        yield running


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    write_html(rdflib.Graph().parse(FIXTURE), folder / "graph.html")
    write_html(hostile_graph(), folder / "hostile.html")
    return {"graph": folder / "graph.html", "hostile": folder / "hostile.html"}


def open_settled(browser, page: Path, fragment: str = ""):
    tab = browser.open(page.as_uri() + fragment)
    tab.wait_for(STABLE, timeout=15)
    return tab


def body(tab, name: str):
    return tab.evaluate(f"document.body.dataset.{name}")


def type_into(tab, element_id: str, text: str) -> None:
    """Focus a field, clear it and type ``text`` as keyboard input."""
    tab.evaluate(f"(() => {{ const f = document.getElementById('{element_id}'); f.focus(); f.select(); }})()")
    tab.send("Input.insertText", {"text": text})


def press_enter(tab) -> None:
    for kind in ("keyDown", "keyUp"):
        tab.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                            "windowsVirtualKeyCode": 13})


@pytest.mark.browser
@browser_only
def test_page_loads_offline_without_errors_and_draws_the_graph(browser, pages) -> None:
    tab = open_settled(browser, pages["graph"])
    assert tab.console() == []
    assert tab.requests() == [pages["graph"].as_uri()]
    assert (body(tab, "nodesShown"), body(tab, "edgesShown")) == ("11", "10")
    inked = tab.evaluate("""(() => {
        const canvas = document.querySelector('#network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked += 1;
        return inked;
    })()""")
    assert inked > 2000  # nodes and edges are drawn, not a blank canvas
    assert [kind.strip() for kind in tab.evaluate(
        "[...document.querySelectorAll('#legend label')].map(l => l.children[2].textContent)")] == [
        "Person", "Company", "Association", "Event", "Award", "Work", "Place"]
    tab.screenshot(OUTPUT / "graph.png")


@pytest.mark.browser
@browser_only
def test_search_opens_a_node_with_its_facts_quotes_and_neighbourhood(browser, pages) -> None:
    tab = open_settled(browser, pages["graph"])
    type_into(tab, "search", "durand")
    assert tab.evaluate("[...document.querySelectorAll('#results button')].map(b => b.textContent)") == [
        "Marie Durand · Person"]
    press_enter(tab)
    assert body(tab, "selected") == str(ID["person/marie-durand"])
    assert body(tab, "highlighted") == "3"  # Marie Durand, Banque Azur, Palme Innovation Sociale
    panel = tab.evaluate("document.getElementById('details').textContent")
    assert "holds: Directrice de la Relation Client → Banque Azur" in panel
    assert "Marie Durand, Directrice de la Relation Client de Banque Azur" in panel
    assert "— Les Palmes de la Relation Client 2013, 2013-12-18 (002_palmes.txt)" in panel
    type_into(tab, "search", "AFRC")  # other names and acronyms are searched too, accents ignored
    first_result = "document.querySelector('#results button').textContent"
    assert tab.evaluate(first_result).startswith("Association Française")
    type_into(tab, "search", "editions")
    assert tab.evaluate(first_result) == "Éditions Dunod · Company"
    assert tab.console() == []


@pytest.mark.browser
@browser_only
def test_filters_by_kind_and_year_then_show_everything(browser, pages) -> None:
    tab = open_settled(browser, pages["graph"])
    tab.evaluate("document.querySelector('#legend input[value=person]').click()")
    assert (body(tab, "nodesShown"), body(tab, "edgesShown")) == ("8", "6")
    type_into(tab, "year-from", "2012")  # Le client roi and Éditions Dunod are from 2011
    assert body(tab, "nodesShown") == "6"
    assert "6 of 11 nodes" in tab.evaluate("document.getElementById('status').textContent")
    assert "hide=person&from=2012" in tab.evaluate("location.hash")  # the view can be shared
    tab.evaluate("document.getElementById('reset').click()")
    assert (body(tab, "nodesShown"), body(tab, "edgesShown")) == ("11", "10")
    assert tab.console() == []


@pytest.mark.browser
@browser_only
def test_an_empty_graph_gives_a_working_empty_page(browser, tmp_path) -> None:
    write_html(rdflib.Graph(), tmp_path / "empty.html")
    tab = open_settled(browser, tmp_path / "empty.html")
    assert (body(tab, "nodesShown"), tab.console()) == ("0", [])


@pytest.mark.browser
@browser_only
def test_url_fragment_restores_filters_and_selection(browser, pages) -> None:
    tab = open_settled(browser, pages["graph"], f"#hide=person&from=2012&node={ID['org/afrc']}")
    assert body(tab, "nodesShown") == "6"
    assert body(tab, "selected") == str(ID["org/afrc"])
    assert tab.evaluate("document.querySelector('#legend input[value=person]').checked") is False


@pytest.mark.browser
@browser_only
def test_hostile_document_text_is_shown_and_never_runs(browser, pages) -> None:
    tab = open_settled(browser, pages["hostile"])
    type_into(tab, "search", "img src")
    press_enter(tab)
    node_panel = tab.evaluate("document.getElementById('details').textContent")
    assert HOSTILE_NAME in node_panel and HOSTILE_QUOTE in node_panel
    tab.evaluate("window.location.hash = 'edge=e0'")  # the position, as if its link were clicked
    tab.wait_for("document.body.dataset.selected === 'e0'", timeout=5)
    edge_panel = tab.evaluate("document.getElementById('details').textContent")
    assert f"holds: {HOSTILE_QUOTE}" in edge_panel and "<iframe src=javascript:window.pwned=4>" in edge_panel
    tab.screenshot(OUTPUT / "hostile.png")
    state = tab.evaluate("""({
        title: document.title,
        pwned: window.pwned === undefined ? null : window.pwned,
        images: document.querySelectorAll('img, iframe').length,
        scripts: document.scripts.length,
        bold: document.querySelectorAll('#details b, #results b').length,
    })""")
    assert state == {"title": "Relation client: who is connected to whom", "pwned": None, "images": 0,
                     "scripts": 3, "bold": 0}
    assert tab.console() == []  # a blocked script or fetch would be reported here
    assert tab.requests() == [pages["hostile"].as_uri()]


@pytest.mark.browser
@browser_only
@pytest.mark.parametrize(
    ("url", "links"),
    [("https://blog.example.fr/2012/03/palmes.html", 2), ("javascript:window.pwned=5", 0)],
)
def test_the_panel_links_each_quote_to_its_post(browser, tmp_path, url: str, links: int) -> None:
    graph = hostile_graph()
    value = URIRef(url) if url.startswith("https") else Literal(url, datatype=namespace.XSD.anyURI)
    graph.add((ID["doc/h"], SCHEMA_URL, value))
    write_html(graph, tmp_path / "linked.html")
    tab = open_settled(browser, tmp_path / "linked.html")
    type_into(tab, "search", "img src")
    press_enter(tab)
    found = tab.evaluate("[...document.querySelectorAll('#details a')].map(a => [a.getAttribute('href'), "
                         "a.target, a.rel, a.textContent])")  # fmt: skip
    title = "<iframe src=javascript:window.pwned=4>, 2012-03-04"
    assert found == [[url, "_blank", "noopener", title]] * links  # the evidence, then "Named in"
    panel = tab.evaluate("document.getElementById('details').textContent")
    assert panel.count(title) == 2  # with or without a link, the post is named by its title and date
    assert tab.evaluate("window.pwned === undefined") and tab.console() == []


def test_evidence_names_its_post_with_a_link_to_its_url() -> None:
    graph = hostile_graph()
    document = ID["doc/h"]
    graph.add((document, SCHEMA_URL, URIRef("https://blog.example.fr/2012/03/palmes.html")))
    parsed = _Tags()
    parsed.feed(render_html(network_view(graph)))
    (data,) = [json.loads(text) for attrs, text in parsed.scripts if attrs.get("type") == "application/json"]
    quotes = [data["quotes"][number] for node in data["nodes"] for number in node["evidence"]]
    assert quotes and all(quote[2:] == ["2012-03-04", "", "https://blog.example.fr/2012/03/palmes.html"]
                          for quote in quotes)  # fmt: skip
    script = (STATIC / "view.js").read_text(encoding="utf-8")
    assert 'link.target = "_blank";' in script and 'link.rel = "noopener";' in script
    assert "/^https?:\\/\\//i.test(url)" in script  # a javascript: URL is never a link


def test_a_post_without_url_keeps_its_four_items() -> None:
    parsed = _Tags()
    parsed.feed(render_html(network_view(hostile_graph())))
    (data,) = [json.loads(text) for attrs, text in parsed.scripts if attrs.get("type") == "application/json"]
    assert {len(data["quotes"][number]) for node in data["nodes"] for number in node["evidence"]} == {4}


def test_each_quote_and_post_is_written_once_and_cited_by_number() -> None:
    parsed = _Tags()
    parsed.feed(render_html(network_view(hostile_graph())))
    (data,) = [json.loads(text) for attrs, text in parsed.scripts if attrs.get("type") == "application/json"]
    cited = [number for item in (*data["nodes"], *data["edges"]) for number in item["evidence"]]
    assert len(cited) > len(set(cited)) == len(data["quotes"])  # one quote, cited by a node and an edge
    named = {number for node in data["nodes"] for number in node["posts"]}
    assert named == set(range(len(data["posts"])))
