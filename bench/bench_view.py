"""How long the network page takes to build, and to settle in a browser, for a small and a big graph.

    .venv/bin/python -m bench.bench_view [--nodes 5000] [--graph exports/graph.ttl]

For each graph it prints the time to build the NetworkX view, to write the page, and the time until
vis-network's layout is stable in headless chromium (``stabilizationIterationsDone``, recorded by the
page in ``<body data-stable-ms>``), plus the chromium run's wall time. The big graph is synthetic:
people, organizations, events, awards and works in sectors, linked mostly within their sector, in the
shape the build writes. Pages and screenshots are left in bench/output/ (gitignored).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, XSD, Literal
from rdflib.namespace import DCTERMS, PROV

from graph.html import render_html
from graph.view import RC, network_view

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/headless.py drives chromium for the tests and for this bench
from tests.headless import CHROMIUM, Browser  # noqa: E402

ID = rdflib.Namespace("https://w3id.org/rckg/id/")
OUTPUT = ROOT / "bench" / "output"
FIXTURE = ROOT / "tests" / "fixtures" / "view_graph.ttl"
ORG_CLASSES = (RC.Company, RC.Company, RC.Company, RC.Association, RC.PublicBody, RC.Media, RC.School)


def synthetic_graph(nodes: int, seed: int = 0) -> rdflib.Graph:
    """About ``nodes`` drawn nodes: half people, a third organizations, the rest events, awards, works."""
    rng = random.Random(seed)
    g = rdflib.Graph()
    sectors = max(1, nodes // 60)
    counts = {"person": nodes // 2, "org": nodes * 3 // 10, "event": nodes // 12, "award": nodes // 20}
    counts["work"] = max(1, nodes - sum(counts.values()))
    members: dict[str, list[list[rdflib.URIRef]]] = {kind: [[] for _ in range(sectors)] for kind in counts}
    for kind, count in counts.items():
        for number in range(count):
            node = ID[f"{kind}/{kind}-{number}"]
            sector = number % sectors
            members[kind][sector].append(node)
            cls = {"person": RC.Person, "org": rng.choice(ORG_CLASSES), "event": RC.Conference,
                   "award": RC.Award, "work": RC.Book}[kind]
            g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(f"{kind.capitalize()} {number} (sector {sector})")))
    documents = [ID[f"doc/post-{number}"] for number in range(max(1, nodes // 10))]
    for number, document in enumerate(documents):
        g.add((document, RDF.type, RC.Document))
        g.add((document, DCTERMS.title, Literal(f"Post {number}")))
        issued = f"{2005 + number % 11}-0{1 + number % 9}-15"
        g.add((document, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
        g.add((document, RC.sourceFile, Literal(f"{number:03d}_post.txt")))
    facts = iter(range(10**9))

    def pick(kind: str, sector: int) -> rdflib.URIRef:
        """A node of ``kind``, from the same sector most of the time."""
        if rng.random() > 0.85:
            sector = rng.randrange(sectors)
        return rng.choice(members[kind][sector] or [node for group in members[kind] for node in group])

    def fact(family: str, cls: rdflib.URIRef) -> rdflib.URIRef:
        number = next(facts)
        node, evidence = ID[f"{family}/{family}-{number}"], ID[f"evidence/e{number}"]
        document = rng.choice(documents)
        g.add((node, RDF.type, cls))
        g.add((node, PROV.wasDerivedFrom, evidence))
        g.add((evidence, RDF.type, RC.Evidence))
        g.add((evidence, RC.quote, Literal(f"The sentence that states {family} {number}.")))
        g.add((evidence, RC.document, document))
        g.add((document, RC.mentions, node))
        return node

    for sector in range(sectors):
        for person in members["person"][sector]:
            for _ in range(rng.choice((1, 1, 2))):
                position = fact("position", RC.Position)
                g.add((position, RC.holder, person))
                g.add((position, RC.organization, pick("org", sector)))
                title = rng.choice(("Président", "Directeur général", "Fondateur"))
                g.add((position, RC.title, Literal(title)))
        for org in members["org"][sector]:
            if rng.random() < 0.2:
                g.add((org, RC.subsidiaryOf, pick("org", sector)))
        for event in members["event"][sector]:
            g.add((event, RC.organizer, pick("org", sector)))
            g.add((event, RC.startDate, Literal(f"{rng.randrange(2005, 2016)}", datatype=XSD.gYear)))
            for _ in range(3):
                g.add((event, RC.speaker, pick("person", sector)))
        for award in members["award"][sector]:
            g.add((award, RC.conferredBy, pick("org", sector)))
            for _ in range(3):
                conferral = fact("conferral", RC.AwardConferral)
                g.add((conferral, RC.recipient, pick(rng.choice(("person", "org")), sector)))
                g.add((conferral, RC.award, award))
                g.add((conferral, RC.event, pick("event", sector)))
                g.add((conferral, RC.year, Literal(f"{rng.randrange(2005, 2016)}", datatype=XSD.gYear)))
        for work in members["work"][sector]:
            g.add((work, RC.author, pick("person", sector)))
            g.add((work, RC.publisher, pick("org", sector)))
    return g


def bench(name: str, g: rdflib.Graph) -> None:
    """Print build and settle times for one graph, and how long a search-and-select takes."""
    started = time.perf_counter()
    view = network_view(g)
    built = time.perf_counter()
    page = OUTPUT / f"{name}.html"
    page.write_text(render_html(view), encoding="utf-8")
    written = time.perf_counter()
    print(f"{name}: {len(view)} nodes, {view.number_of_edges()} links; view built in {built - started:.2f} s,"
          f" page written in {written - built:.2f} s ({page.stat().st_size / 1e6:.1f} MB)", flush=True)
    if not CHROMIUM.exists():
        return
    with Browser(timeout=120) as browser:
        opened = time.perf_counter()
        tab = browser.open(page.as_uri())
        tab.wait_for("document.body && document.body.dataset.state === 'stable'", timeout=600)
        stable = time.perf_counter() - opened
        in_page = int(tab.evaluate("document.body.dataset.stableMs")) / 1000
        # A reader's gesture on the settled page: search a name and open the first result.
        clicked = time.perf_counter()
        tab.evaluate(SEARCH_AND_SELECT)
        selected = time.perf_counter() - clicked
        problems = tab.console()
        tab.screenshot(OUTPUT / f"{name}.png")
    report = f"    stable after {stable:.2f} s (page clock {in_page:.2f} s); search + select {selected:.2f} s"
    print(report + (f"; console: {problems[:3]}" if problems else ""), flush=True)


SEARCH_AND_SELECT = """(() => {
  const search = document.getElementById("search");
  search.value = "1";
  search.dispatchEvent(new Event("input"));
  document.querySelector("#results button").click();
  return document.body.dataset.selected;
})()"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=5000, help="size of the synthetic graph")
    parser.add_argument("--graph", type=Path, help="also bench this RDF file (e.g. exports/graph.ttl)")
    args = parser.parse_args()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: browser times are skipped (apt-get install chromium)")
    bench("fixture", rdflib.Graph().parse(FIXTURE))
    if args.graph:
        bench(args.graph.stem, rdflib.Graph().parse(args.graph))
    started = time.perf_counter()
    big = synthetic_graph(args.nodes)
    print(f"(synthetic graph: {len(big)} triples made in {time.perf_counter() - started:.1f} s)")
    bench(f"synthetic-{args.nodes}", big)


if __name__ == "__main__":
    main()
