"""Hostile and odd corpus files: each is rejected with a clear reason or read correctly, and nothing crashes.

One build of a folder of such files (module fixture) backs most tests; the 50 MB file is read by the
loader only, since parsing 50 MB takes the model about half an hour: the build instead gets a
single-post file longer than the parse pieces (``graph.nlp.CHUNK_CHARS``, lowered for the test).
"""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from graph import nlp as nlp_module
from graph.build import BuildResult, build
from graph.loader import load_corpus, read_text
from graph.namespace import RC, mint

BODY = (
    "Marie Dupont, directrice de la relation client de la SNCF, a reçu la Palme d'or à Besançon. "
    "Elle remercie l'équipe.\n"
)
HOSTILE = (
    '<script>alert(1)</script> "; DROP TABLE posts; -- } . ?s ?p ?o { """ \'\'\' '
    "C:\\new\\table \\u0041 \\\\ @prefix x: <y> . ]]> &amp; ${x}"
)
HOSTILE_FILE = 'odd "name"; DROP } ?s.txt'
PIECE = 2_000  # parse pieces during the test build, so that a 10 kB post is parsed in pieces
# Files that are read, and the title each one's (first) post must get once decoded.
READABLE_TITLES = {
    "truncated.txt": "Prix à Besançon",
    "latin1.txt": "Rencontre à Besançon",
    "cp1252.txt": "Prix des \u0153uvres à 5 \u20ac",
    "utf16.txt": "Prix à Orléans",
    "utf16be.txt": "Remise des prix à Orléans",  # another title: the same post twice would be merged
    "longline.txt": "Une ligne sans fin",
    "page.html": "Palmarès",
    "nodate.txt": "Un billet sans date",
    "fevrier.txt": "31 février 2012",  # an impossible date is not a date: it reads as the title
    HOSTILE_FILE: f"Titre {HOSTILE}",
    "markup.md": "Du balisage partout",
}
REJECTED = {"empty.txt": "empty file", "blank.txt": "empty file", "binary.txt": "binary content",
            "nul.txt": "binary content"}  # fmt: skip


def write_corpus(folder: Path) -> None:
    """The hostile corpus: one file per oddity."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n \t\n")
    (folder / "binary.txt").write_bytes(random.Random(1).randbytes(4000))
    (folder / "nul.txt").write_bytes(b"Marie\x00Dupont\x00" * 50)
    truncated = ("12 mars 2013\n\nPrix à Besançon\n\n" + BODY + "Thé à Orléans é").encode()[:-1]
    (folder / "truncated.txt").write_bytes(truncated)
    (folder / "latin1.txt").write_bytes(("Rencontre à Besançon\n\n" + BODY).encode("latin-1"))
    cp1252 = (
        "Prix des \u0153uvres à 5 \u20ac\n\n" + BODY.replace("'", "\u2019") + "Un \u201cvrai\u201d succès.\n"
    )
    (folder / "cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    utf16 = "Prix à Orléans\n\n" + BODY
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + utf16.encode("utf-16-le"))
    utf16be = "Remise des prix à Orléans\n\n" + BODY
    (folder / "utf16be.txt").write_bytes(
        codecs.BOM_UTF16_BE + utf16be.replace("\n", "\r\n").encode("utf-16-be")
    )
    (folder / "longline.txt").write_text(
        "Une ligne sans fin\n\n" + BODY.strip() * 60 + "\n", encoding="utf-8"
    )
    (folder / "page.html").write_text(
        "<html><head><title>Onglet</title><script>var secret = '<p>piège</p>';</script></head><body>"
        f"<nav>Menu</nav><h1>Palmarès</h1><p>{BODY}</p><script>alert('page')</script>"
        "<style>p {{ color: red }}</style><p>Fin &amp; merci &lt;b&gt;.</p></body></html>",
        encoding="utf-8",
    )
    (folder / "nodate.txt").write_text("Un billet sans date\n\n" + BODY, encoding="utf-8")
    (folder / "fevrier.txt").write_text("31 février 2012\n\nUn titre\n\n" + BODY, encoding="utf-8")
    (folder / HOSTILE_FILE).write_text(
        f"12 mars 2013\n\nTitre {HOSTILE}\n\nMarie Dupont a écrit {HOSTILE} à Paris.\n\n{BODY}",
        encoding="utf-8",
    )
    (folder / "markup.md").write_text(
        "# Du balisage partout\n\n"
        + "".join(f"Paragraphe {i} : <b>gras</b> « {HOSTILE} » {BODY}\n" for i in range(25)),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[BuildResult, Path]:
    """The hostile corpus built once, with its own parse cache and small parse pieces."""
    folder = tmp_path_factory.mktemp("hostile-corpus")
    write_corpus(folder)
    out = tmp_path_factory.mktemp("hostile-exports")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RCKG_CACHE", str(tmp_path_factory.mktemp("hostile-cache")))
        patch.setattr(nlp_module, "CHUNK_CHARS", PIECE)
        return build([folder], out), out


def documents(graph: Graph) -> set:
    return set(graph.subjects(RDF.type, RC.Document))


def test_unreadable_files_are_named_with_a_reason(hostile):
    result, _ = hostile
    assert {Path(r.path).name: r.reason for r in result.rejected} == REJECTED


def test_every_readable_post_is_a_document(hostile):
    result, _ = hostile
    g = result.graph
    assert {post.source_file for post in result.posts} == set(READABLE_TITLES)
    assert documents(g) == {mint("doc", post.id) for post in result.posts}
    assert {str(g.value(doc, RC.sourceFile)) for doc in documents(g)} == set(READABLE_TITLES)


def test_each_encoding_is_decoded_to_the_right_characters(hostile):
    result, _ = hostile
    first_titles = {}
    for post in result.posts:
        first_titles.setdefault(post.source_file, post.title)
    assert first_titles == READABLE_TITLES
    titles = {str(t) for t in result.graph.objects(None, DCTERMS.title)}
    assert set(READABLE_TITLES.values()) <= titles


def test_html_code_and_navigation_are_not_text(hostile):
    result, out = hostile
    (page,) = [post for post in result.posts if post.source_file == "page.html"]
    for hidden in ("secret", "piège", "alert('page')", "color: red", "Onglet", "Menu"):
        assert hidden not in page.text
    assert "Fin & merci <b>." in page.text
    assert "secret" not in (out / "graph.ttl").read_text(encoding="utf-8")


def test_dates_only_when_the_post_states_a_real_one(hostile):
    result, _ = hostile
    dates = {post.source_file: post.date for post in result.posts}
    assert dates["truncated.txt"] == "2013-03-12"
    assert dates["nodate.txt"] is None
    assert dates["fevrier.txt"] is None
    g = result.graph
    issued = {str(g.value(doc, RC.sourceFile)): g.value(doc, DCTERMS.issued) for doc in documents(g)}
    assert issued["nodate.txt"] is None and issued["fevrier.txt"] is None
    assert str(issued["truncated.txt"]) == "2013-03-12"


def test_long_lines_and_long_posts_are_parsed_whole(hostile):
    result, _ = hostile
    long_posts = [post for post in result.posts if len(post.text) > PIECE]
    assert {post.source_file for post in long_posts} >= {"longline.txt", "markup.md"}


@pytest.mark.parametrize(
    "name,fmt", [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")]
)
def test_exports_parse_back_with_hostile_strings_as_literal_text(hostile, name, fmt):
    result, out = hostile
    g = Graph().parse(out / name, format=fmt)
    assert isomorphic(g, result.graph)
    assert (None, DCTERMS.title, Literal(f"Titre {HOSTILE}")) in g
    assert (None, RC.sourceFile, Literal(HOSTILE_FILE)) in g


def test_hostile_text_does_not_inject_triples(hostile):
    result, out = hostile
    # "@prefix x: <y> ." and "} . ?s ?p ?o {" stay inside literals: no new prefix, no new predicate.
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert not any(line.startswith("@prefix x:") for line in turtle.splitlines())
    predicates = {str(p) for p in result.graph.predicates()}
    assert not any(p.startswith("y") or "?" in p for p in predicates)
    assert json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))


def test_every_quote_is_found_verbatim_in_its_post(hostile):
    result, _ = hostile
    texts = {mint("doc", post.id): post.text for post in result.posts}
    g = result.graph
    for evidence in g.subjects(RDF.type, RC.Evidence):
        quote = str(g.value(evidence, RC.quote))
        assert quote in texts[g.value(evidence, RC.document)]


def test_a_50_megabyte_file_is_read_whole(tmp_path):
    block = "12 mars 2013\n\nUn titre court {}\n\n" + BODY * 20 + "\n" + BODY * 5000 + "\n"
    path = tmp_path / "huge.txt"  # numbered titles: copies of one post would be merged into one
    path.write_text("".join(block.format(n) for n in range(50_000_000 // len(block) + 1)), encoding="utf-8")
    assert path.stat().st_size > 50_000_000
    posts, rejected = load_corpus([path])
    assert not rejected
    text = read_text(path)
    assert "".join(post.text for post in posts) == text  # posts cover the file: nothing lost
    assert all(text[post.offset : post.offset + len(post.text)] == post.text for post in posts)
    assert len(posts) == text.count("12 mars 2013\n\nUn titre court ")
