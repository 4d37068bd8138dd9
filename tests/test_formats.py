"""Tests of graph.formats: pages, archive pages, feeds, exports and JSON Lines, each post once, bad input.

The fixtures of ``tests/fixtures/formats`` are shaped like the real files: a Blogger post page and a
monthly archive page (sidebar, "Articles populaires", comment thread, share buttons), a WordPress category
page (widgets, related posts), a WordPress RSS 2.0 feed with content:encoded, a Blogger Atom feed, Blogger
exports in both schemas and a WXR 1.2 export. They hold three posts, the interview reposted on a
magazine with another footer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.formats import reader_for
from graph.formats.base import Article, iso_date, make_posts
from graph.formats.dedup import canonical_url, merge_duplicates
from graph.formats.markup import autop, html_to_text
from graph.loader import read_corpus
from graph.model import Post
from graph.namespace import RC, SCHEMA_URL
from graph.resolve import resolve
from graph.triples import build_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
BLOG = "https://www.sensduclient-exemple.fr/"
MAG = "https://www.relationclient-mag.example/"
PALMES = ("Palmes de la relation client 2013 : la Banque Lune à l'honneur", "2013-12-18", "Jeanne Durand",
          BLOG + "2013/12/palmes-2013.html")  # fmt: skip
LEMOINE_BLOG = ("Marc Lemoine (Banque Lune) et le Sens du client", "2013-12-10", "Paul Martin",
                BLOG + "2013/12/marc-lemoine-banque-lune.html")  # fmt: skip
LEMOINE_MAG = ("Marc Lemoine (Banque Lune) et le Sens du client", "2013-12-12", "Paul Martin",
               MAG + "2013/12/12/marc-lemoine-banque-lune/")  # fmt: skip
AGENDA = ("Agenda des salons de la relation client 2014", "2014-01-06", "Jeanne Durand",
          MAG + "2014/01/06/agenda-salons-2014/")  # fmt: skip

# Each fixture file -> its posts as (title, date, author, url), and what it leaves out.
EXPECTED = {
    "blogger_post.html": ([PALMES], {}),
    "blogger_archive.html": ([PALMES, LEMOINE_BLOG], {}),
    "wordpress_category.html": ([LEMOINE_MAG, AGENDA], {}),
    "magazine.rss": ([AGENDA, LEMOINE_MAG], {}),
    "blog_feed.atom": ([PALMES, LEMOINE_BLOG], {}),
    "blogger_export_old.xml": (
        [PALMES, LEMOINE_BLOG],
        {"template": 1, "settings": 2, "draft": 1, "comment": 1},
    ),
    "blogger_export_2018.xml": (
        [PALMES, LEMOINE_BLOG],
        {"draft": 1, "trashed post": 1, "page": 1, "comment": 1},
    ),
    "magazine.wordpress.xml": (
        [LEMOINE_MAG, AGENDA],
        {"comment": 2, "page": 1, "attachment": 1, "draft": 1, "trashed post": 1, "nav menu item": 1},
    ),
    "scraped.jsonl": (
        [(*PALMES[:3], "http://sensduclient-exemple.fr/2013/12/palmes-2013.html?m=1"), AGENDA],
        {},
    ),
}
# Text of the pages around the posts that must never reach one: widgets, comments, menus, sharing.
NOT_POSTS = [
    "Articles populaires", "dix commandements", "centre d'appels de demain", "Archives du blog", "Libellés",
    "Bravo", "Quelle soirée", "commentaire", "Lucie Fontaine", "Envoyer par e-mail", "Partager", "Twitter",
    "Publié par", "Fourni par Blogger", "Article plus récent", "Articles similaires", "Commentaires récents",
    "propulsé par WordPress", "Aller au contenu", "Accueil", "12 300 vues", "Brouillon", "corbeille",
    "Mentions légales", "À propos", "b:skin",
]  # fmt: skip


def read(name: str):
    return read_corpus([FIXTURES / name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_post_is_read_once_with_its_url_date_and_author(name: str) -> None:
    corpus = read(name)
    posts, left_out = EXPECTED[name]
    assert corpus.rejected == []
    assert [(p.title, p.date, p.author, p.url) for p in corpus.posts] == posts
    assert dict(corpus.left_out) == left_out
    assert corpus.merged == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_sidebar_comment_or_menu_text_reaches_a_post(name: str) -> None:
    for post in read(name).posts:
        for text in NOT_POSTS:
            assert text.casefold() not in post.text.casefold(), (post.id, text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_body_is_the_post_text(name: str) -> None:
    for post in read(name).posts:
        assert post.title is not None and post.text.startswith(post.title + "\n\n")
        body = post.text[post.body_start :]
        assert body.startswith(("Hier soir", "Marc Lemoine est", "Voici les rendez-vous")), (post.id, body)
        assert "\n\n\n" not in post.text and post.text.endswith("\n")


def test_labels_and_categories() -> None:
    (palmes,) = read("blogger_post.html").posts
    assert palmes.labels == ("AFRC", "Palmes")
    lemoine, agenda = read("magazine.wordpress.xml").posts
    assert lemoine.labels == ("Interviews", "Banque Lune") and agenda.labels == ("Agenda", "Interviews")
    assert [p.labels for p in read("blogger_export_old.xml").posts] == [("AFRC", "Palmes"), ("Interview",)]


def test_offsets_run_through_the_file_like_a_text_file() -> None:
    posts = read("magazine.wordpress.xml").posts
    assert [p.index for p in posts] == [0, 1]
    assert posts[1].offset == len(posts[0].text)


def test_archive_page_keeps_paragraphs_and_interview_questions() -> None:
    _, lemoine = read("blogger_archive.html").posts
    assert "Il a répondu à mes questions.\n\nQui êtes-vous ?\nJe dirige" in lemoine.text


def test_the_whole_blog_gives_each_post_once() -> None:
    corpus = read_corpus([FIXTURES / name for name in EXPECTED])
    assert corpus.rejected == []
    assert sorted(p.title for p in corpus.posts) == sorted({PALMES[0], LEMOINE_BLOG[0], AGENDA[0]})
    copies = sum(len(posts) for posts, _ in EXPECTED.values())
    assert len(corpus.merged) == copies - 3
    by = Counter(m.by for m in corpus.merged)
    assert by["text"] >= 1  # the interview reposted on the magazine, with another footer
    assert sum(corpus.left_out.values()) == 16


def test_one_post_in_four_formats_is_one_document(tmp_path: Path) -> None:
    names = ["blogger_post.html", "blog_feed.atom", "blogger_export_2018.xml", "scraped.jsonl"]
    corpus = read_corpus([FIXTURES / name for name in names])
    palmes = [p for p in corpus.posts if p.title == PALMES[0]]
    assert len(palmes) == 1 and {m.by for m in corpus.merged} == {"url"}
    assert {m.source_file for m in corpus.merged} == set(names) - {palmes[0].source_file}
    graph = _graph(corpus.posts)
    documents = [
        d for d in graph.subjects(RDF.type, RC.Document) if graph.value(d, SCHEMA_URL) == URIRef(PALMES[3])
    ]
    assert len(documents) == 1
    (document,) = documents
    assert graph.value(document, DCTERMS.title) == Literal(PALMES[0])
    assert str(graph.value(document, DCTERMS.issued)) == PALMES[1]
    assert set(graph.objects(document, DCTERMS.subject)) == {Literal("AFRC"), Literal("Palmes")}
    assert graph.value(document, DCTERMS.creator) is not None


def _graph(posts: list[Post]):
    resolver, kept = resolve([(post, []) for post in posts])
    return build_graph(posts, resolver, kept, [])


# --- bad input -----------------------------------------------------------------------------------


def test_bad_input_is_named_with_the_reason_and_the_rest_is_read() -> None:
    corpus = read_corpus([FIXTURES / "bad"])
    reasons = {Path(r.path).name: r.reason for r in corpus.rejected}
    assert reasons == {
        "broken-line.jsonl": (
            "line 2: not JSON (Expecting property name enclosed in double quotes, column 81)"
        ),
        "declared_latin1.rss": "line 1: declared encoding ISO-8859-1, but the bytes are UTF-8; read as UTF-8",
        "malformed.atom": "malformed XML, line 2: not well-formed (invalid token)",
        "no-article.html": "no article found in the page (no paragraph of text outside menus and widgets)",
        "unknown-namespace.wordpress.xml": reasons["unknown-namespace.wordpress.xml"],
    }
    assert reasons["unknown-namespace.wordpress.xml"].startswith("line ")
    assert "unknown WordPress export namespace http://wordpress.org/export/9.9/ " in reasons[
        "unknown-namespace.wordpress.xml"]
    titles = {p.title for p in corpus.posts}
    assert titles == {PALMES[0], AGENDA[0], LEMOINE_MAG[0]}  # the good lines and the feed read as UTF-8
    assert all("Ã" not in p.text for p in corpus.posts)


def test_latin1_bytes_declared_utf8_are_read_as_windows_1252(tmp_path: Path) -> None:
    rss = (FIXTURES / "magazine.rss").read_text(encoding="utf-8")
    path = tmp_path / "latin.rss"
    path.write_bytes(rss.replace("\u2026", "...").encode("cp1252", errors="replace"))
    corpus = read_corpus([path])
    (problem,) = corpus.rejected
    assert problem.reason.startswith("line ") and problem.reason.endswith(
        ": bytes that are not UTF-8 as declared; read as Windows-1252"
    )
    assert "Hélène Garnier" in corpus.posts[0].text


def test_unknown_xml_and_malformed_xml(tmp_path: Path) -> None:
    sitemap = '<?xml version="1.0"?>\n<urlset><url/></urlset>\n'
    (tmp_path / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    (tmp_path / "cut.xml").write_text('<?xml version="1.0"?>\n<rss>\n<channel>\n<item>', encoding="utf-8")
    reasons = {Path(r.path).name: r.reason for r in read_corpus([tmp_path]).rejected}
    assert reasons["sitemap.xml"].startswith("XML that is neither a feed")
    assert reasons["cut.xml"].startswith("malformed XML, line 4")


# --- small parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://www.b.blogspot.fr/2013/12/x.html?m=1#c", "b.blogspot.com/2013/12/x.html"),
        ("https://b.blogspot.com/2013/12/x.html", "b.blogspot.com/2013/12/x.html"),
        ("https://mag.example/2013/12/x/?utm_source=rss&p=3", "mag.example/2013/12/x?p=3"),
        ("/2013/12/x.html", None),
        (None, None),
    ],
)
def test_canonical_url(url: str | None, key: str | None) -> None:
    assert canonical_url(url) == key


def test_near_identical_copies_are_merged_and_different_posts_are_not() -> None:
    body = " ".join(f"mot{i}" for i in range(60))
    articles = [
        _article("Un titre", body + " Fin du billet."),
        _article("Un titre", body + " Abonnez-vous à la lettre."),  # a repost with another footer
        _article("Un titre", " ".join(f"autre{i}" for i in range(60))),  # same title, another post
        _article("Court", "Un texte bref."),
    ]
    posts = make_posts(articles, "a.xml") + make_posts([_article("Court", "Un texte bref.")], "b.xml")
    kept, merged, _ = merge_duplicates(posts)
    assert [p.id for p in kept] == ["a.xml#1", "a.xml#2", "a.xml#3"]  # the copy with the most text
    assert [(m.kept, m.dropped, m.source_file, m.by) for m in merged] == [
        ("a.xml#1", "a.xml#0", "a.xml", "text"),
        ("a.xml#3", "b.xml#0", "b.xml", "text"),
    ]


def _article(title: str, body: str) -> Article:
    return Article(body=body, title=title)


def test_copies_complete_the_post_kept() -> None:
    (page,) = make_posts([_article("Titre", "Un texte assez long pour être gardé.")], "page.html")
    feed = replace(page, source_file="feed.xml", url="https://x.example/a", date="2014-01-02", labels=("A",))
    (kept,), merged, _ = merge_duplicates([page, feed])
    assert kept.id == "page.html#0"
    assert (kept.url, kept.date, kept.labels) == ("https://x.example/a", "2014-01-02", ("A",))
    assert [(m.source_file, m.by) for m in merged] == [("feed.xml", "text")]


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2013-12-18T23:30:00-05:00", "2013-12-18"),
        ("Thu, 12 Dec 2013 07:00:00 +0000", "2013-12-12"),
        ("0000-00-00 00:00:00", None),
        ("hier", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, date: str | None) -> None:
    assert iso_date(value) == date


def test_wordpress_bodies_without_paragraph_tags() -> None:
    assert html_to_text(autop("Un.\n\nDeux\ntrois.")) == "Un.\n\nDeux\ntrois.\n"
    assert autop("<p>Déjà balisé.</p>") == "<p>Déjà balisé.</p>"


@pytest.mark.parametrize(
    ("name", "head", "reader"),
    [
        ("a.txt", b"12 mars 2014", None),
        ("a.md", b"# Titre", None),
        ("a.html", b"<html>", "read_html"),
        ("a.jsonl", b"{}", "read_jsonl"),
        ("a.xml", b"<?xml version='1.0'?><rss version='2.0'>", "read_feed"),
        ("feed", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "read_feed"),
        ("a.xml", b"<rss xmlns:wp='http://wordpress.org/export/1.2/'>", "read_wxr"),
        ("a.xml", b"<feed xmlns:blogger='http://schemas.google.com/blogger/2018'>", "read_blogger"),
    ],
)
def test_reader_by_suffix_and_sniffing(name: str, head: bytes, reader: str | None) -> None:
    found = reader_for(Path(name), head)
    assert (found and found.__name__) == reader


# --- end to end ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_blog_in_every_format_builds_one_document_per_post_and_names_bad_files(tmp_path: Path) -> None:
    from tests.test_build import rckg

    files = [str(FIXTURES / name) for name in sorted(EXPECTED)]
    done = rckg("build", *files, str(FIXTURES / "bad"), "-o", str(tmp_path / "out"))
    assert done.returncode == 1, done.stderr
    reasons = [
        "broken-line.jsonl: line 2:",
        "malformed.atom: malformed XML, line 2",
        "no-article.html: no article",
        "unknown-namespace.wordpress.xml: line ",
        "declared_latin1.rss: line 1: declared encoding",
    ]
    for reason in reasons:
        assert reason in done.stderr
    assert "duplicates merged: " in done.stdout and "left out: " in done.stdout
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    documents = set(graph.subjects(RDF.type, RC.Document))
    assert len(documents) == 3
    urls = {str(graph.value(d, SCHEMA_URL)) for d in documents}
    assert PALMES[3] in urls and AGENDA[3] in urls
    for document in documents:
        assert graph.value(document, DCTERMS.title) and graph.value(document, DCTERMS.issued)
        assert graph.value(document, DCTERMS.creator) and set(graph.objects(document, DCTERMS.subject))


def test_a_wordpress_post_page_with_comment_articles_is_one_post(tmp_path: Path) -> None:
    body = "".join(f"<p>Le paragraphe {n} du billet sur la convention.</p>" for n in range(4))
    comment = (
        "<li class='comment'><article id='div-comment-{n}' class='comment-body'><footer class='comment-meta'>"
        "<b class='fn'>Lucie</b></footer><div class='comment-content'><p>Bravo pour ce compte rendu {n}, "
        "quelle belle soirée !</p></div></article></li>"
    )
    page = (
        "<html><head><title>Convention</title>"
        "<link rel='canonical' href='https://mag.example/convention/'></head>"
        "<body><article class='post type-post hentry'><h1 class='entry-title'>La convention 2014</h1>"
        f"<div class='entry-content'>{body}</div></article><div id='comments' class='comments-area'><ol>"
        + "".join(comment.format(n=n) for n in range(3))
        + "</ol></div><aside><article class='post'><h2>Un billet lié</h2><p>Un autre.</p></article></aside>"
        "</body></html>"
    )
    (tmp_path / "convention.html").write_text(page, encoding="utf-8")
    (post,) = read_corpus([tmp_path]).posts
    assert post.title == "La convention 2014" and post.url == "https://mag.example/convention/"
    assert "Bravo" not in post.text and "billet lié" not in post.text and "paragraphe 3" in post.text
