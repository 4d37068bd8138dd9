"""Tests of graph.loader: decoding, HTML text, post splitting, corpus loading, seed corpus end to end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import loader as loader_module
from graph import model as model_module
from graph.formats import dedup as dedup_module
from graph.loader import (
    UnreadableFile,
    decode,
    html_to_text,
    load_corpus,
    parse_date_line,
    read_corpus,
    read_text,
    split_posts,
)
from graph.model import Post, Rejected

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
GOLD = ROOT / "tests" / "gold"
FIXTURES = ROOT / "tests" / "fixtures" / "loader"


def assert_invariants(text: str, posts: list[Post]) -> None:
    """Posts are slices of the text, in order, covering it without overlap; titles are in their post."""
    if not text.strip():
        assert posts == []
        return
    assert posts, "text with content gives at least one post"
    assert "".join(post.text for post in posts) == text
    position = 0
    for index, post in enumerate(posts):
        assert post.index == index
        assert post.offset == position
        assert text[post.offset : post.offset + len(post.text)] == post.text
        assert 0 <= post.body_start <= len(post.text)
        if post.title is not None:
            assert post.title and post.title in post.text[: post.body_start]
        if post.author is not None:
            assert post.author in post.text
        position += len(post.text)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- decoding ------------------------------------------------------------------------------------

FRENCH = "Le Sens du client récompensé à l’Agora : « bravo » à l’équipe.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRENCH.encode("utf-8"), FRENCH),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH),
        (FRENCH.encode("utf-16"), FRENCH),  # with its byte order mark
        ("\ufeff".encode("utf-16-be") + FRENCH.encode("utf-16-be"), FRENCH),
        ("Le café de l'été\n".encode("latin-1"), "Le café de l'été\n"),
        (b"L\x92\xe9quipe \x93qualit\xe9\x94 \x96 enfin\n", "L’équipe “qualité” – enfin\n"),  # cp1252
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "latin-1", "cp1252"],
)
def test_decode_encodings(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_truncated_utf8_keeps_utf8_and_drops_the_broken_tail() -> None:
    data = "Prix de l’innovation décerné à Émilie".encode()[:-1] + "é".encode()[:1]
    text = decode(data)
    assert text.startswith("Prix de l’innovation décerné à Émili")
    assert "â" not in text and "Ã" not in text  # not misread as cp1252


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"texte\x00avec\x00des\x00octets\x00nuls",
        bytes(range(1, 32)) * 4,  # control bytes only
    ],
    ids=["png", "nul-bytes", "controls"],
)
def test_binary_content_is_rejected(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(UnreadableFile, match="^binary content$"):
        read_text(write(tmp_path, "image.txt", data))


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n  \n", "\ufeff\n".encode()], ids=["empty", "spaces", "bom"]
)
def test_empty_file_is_rejected(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(UnreadableFile, match="^empty file$"):
        read_text(write(tmp_path, "vide.txt", data))


def test_line_endings_become_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", b"12 mars 2014\r\n\r\nTitre du billet\r\n\r\nCorps.\rSuite.\r\n")
    assert read_text(path) == "12 mars 2014\n\nTitre du billet\n\nCorps.\nSuite.\n"


def test_unicode_is_nfc(tmp_path: Path) -> None:
    path = write(tmp_path, "nfd.txt", "Re\u0301mi et l’e\u0301quipe\n".encode())
    assert read_text(path) == "Rémi et l’équipe\n"


def test_directory_and_missing_file_give_the_os_reason(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="Is a directory"):
        read_text(tmp_path)
    with pytest.raises(UnreadableFile, match="No such file or directory"):
        read_text(tmp_path / "absent.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_permission_gives_the_os_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"Texte.")
    path.chmod(0)
    with pytest.raises(UnreadableFile, match="Permission denied"):
        read_text(path)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_rejected(data: bytes) -> None:
    try:
        assert isinstance(decode(data), str)
    except UnreadableFile as error:
        assert str(error) == "binary content"


# --- HTML ----------------------------------------------------------------------------------------


def test_html_text_drops_code_and_keeps_blocks_apart() -> None:
    markup = (
        "<html><head><title>Onglet</title><style>p{color:red}</style></head><body>"
        "<script>alert('pub')</script><h1>Les Palmes&nbsp;2013 &amp; l&#8217;AFRC</h1>"
        "<p>Premier   paragraphe\n sur deux lignes.</p><p>Second<br>avec saut.</p>"
        "<ul><li>Palme Innovation : PMU</li><li>Palme Voix du Client : Mercedes</li></ul></body></html>"
    )
    assert html_to_text(markup) == (
        "Les Palmes\u00a02013 & l’AFRC\n\nPremier paragraphe sur deux lignes.\n\nSecond\navec saut.\n\n"
        "• Palme Innovation : PMU\n• Palme Voix du Client : Mercedes\n"
    )


def test_html_unclosed_head_does_not_hide_the_body() -> None:
    assert (
        html_to_text("<html><head><meta charset=utf-8><body><p>Texte du billet.</p>") == "Texte du billet.\n"
    )


def test_html_page_with_two_articles_gives_two_posts() -> None:
    posts, rejected = load_corpus([FIXTURES / "blog.html"])
    assert rejected == []
    text = "".join(post.text for post in posts)
    assert "Retour au sommaire" not in text and "Publicité" not in text and "font-family" not in text
    assert '3 mars 2014";' not in text  # script in <head>
    assert [(p.date, p.title, p.author) for p in posts] == [
        ("2014-03-12", "Les Trophées de l’accueil 2014 : Café Martin récompensé", "Jeanne Durand"),
        ("2014-03-03", "Claire Petit (Banque Lumière) et le Sens du client", "Paul Martin"),
    ]
    assert posts[0].text[posts[0].body_start :].startswith("Le jury des Trophées")


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("26 juillet 2012", "2012-07-26"),
        ("07 juillet 2012", "2012-07-07"),
        ("1er mai 2011", "2011-05-01"),
        ("Mardi 17 décembre 2013", "2013-12-17"),
        ("  lundi 10 février 2014 ", "2014-02-10"),
        ("29 février 2012", "2012-02-29"),
        ("15 AOÛT 2013", "2013-08-15"),
        ("31 février 2012", None),
        ("29 février 2013", None),
        ("32 mai 2011", None),
        ("Mardi 17 décembre 2013 (conférence payante)", None),
        ("Le 29 juin 2012", None),
        ("17 décembre", None),
        ("mai 2011", None),
    ],
)
def test_parse_date_line(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


# --- post splitting: dated files -----------------------------------------------------------------

DATED = (
    "26 juillet 2012\n\nConcilier clients et équipes (Convention ACME)\n\n\n"
    "Le 29 juin dernier, l'ACME a tenu sa convention.\n"
    "  • Marie Dupont, directrice associée de Cabinet Lune, présentait l'étude.\n\n"
    "Billet écrit par Jean Martin du blog Client Roi, le blog des professionnels.\n\n"
    "1er mai 2011\n\nPalmes 2011 : un bon cru.\n\n"
    "Les Palmes ont récompensé trois entreprises.\n"
)


def test_dated_posts() -> None:
    posts = split_posts(DATED, "blog.txt")
    assert_invariants(DATED, posts)
    assert [(p.date, p.title, p.author) for p in posts] == [
        ("2012-07-26", "Concilier clients et équipes (Convention ACME)", "Jean Martin"),
        ("2011-05-01", "Palmes 2011 : un bon cru.", None),  # after a date, a title may end with a period
    ]
    first = posts[0]
    assert first.id == "blog.txt#0" and first.source_file == "blog.txt"
    assert first.text.startswith("26 juillet 2012\n")
    assert first.text[first.body_start :].startswith("Le 29 juin dernier")
    assert posts[1].offset == DATED.index("1er mai 2011")


def test_date_lines_inside_a_post_are_not_boundaries() -> None:
    text = (
        "Agenda de la relation client\n\n"
        "Voici les dates à noter dans vos agendas :\n\n"
        "Mardi 17 décembre 2013 (conférence payante)\n"
        "La conférence des tendances, présentée par Jean Martin.\n\n"
        "Lundi 10 février 2014\n"
        "Podium de la relation client 2014, organisé par l'institut Sondo.\n\n"
        "Le 12 février 2014, les trophées Qualiweb.\n"
    )
    posts = split_posts(text, "agenda.txt")
    assert_invariants(text, posts)
    assert [(p.title, p.date) for p in posts] == [("Agenda de la relation client", None)]


def test_impossible_date_is_ordinary_text() -> None:
    text = "12 mars 2014\n\nTitre\n\nCorps.\n\n31 février 2012\n\nAutre ligne\n\nLa suite du texte.\n"
    posts = split_posts(text, "faux.txt")
    assert_invariants(text, posts)
    assert [(p.date, p.title) for p in posts] == [("2014-03-12", "Titre")]
    alone = "31 février 2012\n\nLe corps du texte, bien réel.\n"
    assert [p.date for p in split_posts(alone, "faux.txt")] == [None]


def test_text_before_the_first_date_is_its_own_post() -> None:
    text = "Bienvenue sur mon blog, consacré au service client.\n\n" + DATED
    posts = split_posts(text, "blog.txt")
    assert_invariants(text, posts)
    assert [(p.date, p.title) for p in posts][0] == (None, None)
    assert [p.date for p in posts[1:]] == ["2012-07-26", "2011-05-01"]


def test_leading_blank_lines_belong_to_the_first_post() -> None:
    text = "\n\n" + DATED
    posts = split_posts(text, "blog.txt")
    assert_invariants(text, posts)
    assert len(posts) == 2 and posts[0].date == "2012-07-26" and posts[0].offset == 0


def test_a_title_that_reads_as_a_date_stays_in_its_post() -> None:
    text = "12 mars 2014\n\n13 mars 2014\n\nCorps du billet.\n"
    posts = split_posts(text, "dates.txt")
    assert_invariants(text, posts)
    assert [(p.date, p.title) for p in posts] == [("2014-03-12", "13 mars 2014")]


# --- post splitting: undated files ---------------------------------------------------------------

UNDATED = (
    "Le client sera connecté (Tendances 2015 - 1/10)\n\n"
    "Première des dix tendances : le client sera connecté.\n\n"
    "Enjeux pour les entreprises :\n\n"
    "  • Équiper les conseillers comme les clients.\n"
    "Retrouvez toutes les tendances dans le billet récapitulatif.\n\n"
    "Best of 2014 : mes meilleurs articles\n\n"
    "Voici mes articles préférés de l'année.\n\n"
    "Le bouton d'aide de la tablette Lumo\n"
    "Un billet sur la nouvelle fonction d'aide en vidéo.\n\n"
    "Le service client fait l'image\n"
    "Pourquoi la publicité ne suffit plus.\n\n"
    "Paul Durand (Banque Lumière) et le Sens du client\n\n"
    "Paul Durand dirige la relation client de Banque Lumière.\n\n"
    "Qui êtes-vous ?\n\n"
    "Je suis directeur de la relation client depuis 2005.\n\n"
    " Avez-vous une anecdote, un exemple de relation client remarquable ?\n\n"
    "Un client m'a écrit une lettre de remerciement.\n\n"
    "Retrouvez toutes les vidéos de la soirée sur le site de l'association.\n\n"
    "Palmes de la relation client : un bon anniversaire !\n\n"
    "Les Palmes fêtaient leurs dix ans.\n"
)


def test_undated_posts_by_their_titles() -> None:
    posts = split_posts(UNDATED, "tendances.txt")
    assert_invariants(UNDATED, posts)
    assert [p.title for p in posts] == [
        "Le client sera connecté (Tendances 2015 - 1/10)",
        "Best of 2014 : mes meilleurs articles",  # its list of titles with descriptions stays inside
        "Paul Durand (Banque Lumière) et le Sens du client",  # the interview questions stay inside
        "Palmes de la relation client : un bon anniversaire !",
    ]
    assert all(p.date is None and p.author is None for p in posts)
    assert posts[0].text[posts[0].body_start :].startswith("Première des dix tendances")


@pytest.mark.parametrize(
    "line",
    [
        "  • Catégorie « Services innovants » : Blablacar",
        "- Les résultats de l'enquête de satisfaction",
        "1. Parce que son auteur est un homme bon",
        "Qui êtes-vous ?",
        "Enjeux pour les entreprises :",
        "Plus d'infos sur la page dédiée à cette matinée.",
        "Billet écrit par Jean Martin",
        "Un très long titre " * 10,
    ],
)
def test_lines_that_are_never_titles(line: str) -> None:
    text = f"Premier billet\n\nSon corps de texte.\n\n{line}\n\nLa suite du texte.\n"
    posts = split_posts(text, "t.txt")
    assert_invariants(text, posts)
    assert [p.title for p in posts] == ["Premier billet"]


def test_first_line_of_body_text_gives_a_post_without_title() -> None:
    text = (
        "Cette année, l'association a décidé de placer sa cérémonie sous le signe de la confiance.\n\n"
        "Les Palmes ont récompensé quatre entreprises.\n\n"
        "Billet écrit par Thierry Martin, le blog des professionnels de la relation client.\n\n"
        "Marketing client – Sens du client – CRM\n"
    )
    posts = split_posts(text, "palmes.txt")
    assert_invariants(text, posts)
    assert [(p.title, p.author, p.body_start) for p in posts] == [(None, "Thierry Martin", 0)]


def test_text_without_blank_lines_is_one_post() -> None:
    text = "Quelle divine surprise que cette soirée.\nEt sinon ? Air France pour l'esprit de service.\n"
    posts = split_posts(text, "x.txt")
    assert_invariants(text, posts)
    assert [(p.title, p.offset, p.text) for p in posts] == [(None, 0, text)]


def test_a_headline_on_the_first_line_titles_the_text() -> None:
    text = (
        "Maison Durand prend la tête du classement Exemplia 2019\n"
        "Publié par Jeanne Petit\n"
        "Maison Durand devance les Boulangeries Léa.\n"
    )
    posts = split_posts(text, "x.txt")
    assert_invariants(text, posts)
    assert [(p.title, p.author, p.body_start) for p in posts] == [
        ("Maison Durand prend la tête du classement Exemplia 2019", "Jeanne Petit", text.index("Publié"))
    ]


def test_a_question_on_the_first_line_is_a_headline() -> None:
    text = "Comment Maison Durand sert-elle ses clients ?\n\nLe 3 mai 2012 par Exemplia Mag\n\nLe corps.\n"
    assert split_posts(text, "x.txt")[0].title == "Comment Maison Durand sert-elle ses clients ?"


def test_a_post_signed_by_the_newsroom_has_no_author() -> None:
    text = "Maison Durand prend la tête du classement\nPublié par La rédaction le\nLe corps du texte.\n"
    assert [p.author for p in split_posts(text, "x.txt")] == [None]


@pytest.mark.parametrize(
    "first",
    ["Introduction", "Juin 2022", "par Jeanne Petit", "le secteur a changé", "Ce jour-là, tout changea."],
)
def test_a_first_line_that_is_no_headline_gives_no_title(first: str) -> None:
    text = f"{first}\nMaison Durand devance les Boulangeries Léa.\n"
    assert [p.title for p in split_posts(text, "x.txt")] == [None]


def test_a_sentence_wrapped_on_the_first_line_gives_no_title() -> None:
    text = "Maison Durand est le grand gagnant du classement national\ndes boutiques en ligne. Voilà.\n"
    assert [p.title for p in split_posts(text, "x.txt")] == [None]
    dated = "Maison Durand prend la tête du classement\nvendredi 28 avril 2006\n\nLe corps du texte.\n"
    assert [p.title for p in split_posts(dated, "x.txt")] == ["Maison Durand prend la tête du classement"]


def test_very_long_line() -> None:
    text = "Titre court\n\n" + "La relation client, encore et toujours. " * 5000 + "\n"
    posts = split_posts(text, "long.txt")
    assert_invariants(text, posts)
    assert [p.title for p in posts] == ["Titre court"]


def test_a_title_alone_at_the_end_is_not_a_post() -> None:
    text = "Premier billet\n\nSon corps de texte.\n\nMots clés de fin\n"
    assert [p.title for p in split_posts(text, "t.txt")] == ["Premier billet"]


def test_markdown_headings_are_titles() -> None:
    text = read_text(FIXTURES / "undated.md")
    posts = split_posts(text, "undated.md")
    assert_invariants(text, posts)
    assert [(p.title, p.date, p.author) for p in posts] == [
        ("Le conseiller client, métier d'avenir", None, None),
        ("Agenda des salons de la relation client", None, "Louise Bernard"),
    ]


# --- authors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "author"),
    [
        (
            "Billet écrit par Thierry Spencer du Sens du client, le blog des professionnels.",
            "Thierry Spencer",
        ),
        ("Billet écrit par Thierry Spencer, du Sens du client.", "Thierry Spencer"),
        ("Interview réalisée par Thierry Spencer avec le concours d'Aude Marchand-Falce.", "Thierry Spencer"),
        ("Propos recueillis par Jean-François Le Gall.", "Jean-François Le Gall"),
        ("Article rédigé par J. Dupont pour le magazine.", "J. Dupont"),
        ("BILLET ÉCRIT PAR Marie Curie", "Marie Curie"),
        ("Billet écrit par moi-même.", None),
        ("Un billet écrit par Jean Martin.", None),  # not a signature line
    ],
)
def test_author_from_signature(signature: str, author: str | None) -> None:
    text = f"12 mars 2014\n\nUn titre\n\nLe corps du billet.\n\n{signature}\n"
    (post,) = split_posts(text, "s.txt")
    assert post.author == author


# --- properties ----------------------------------------------------------------------------------

LINES = st.sampled_from(
    [
        "",
        "",
        " ",
        "26 juillet 2012",
        "Mardi 17 décembre 2013",
        "31 février 2012",
        "Mardi 17 décembre 2013 (conférence payante)",
        "Le client sera augmenté (Tendances 2014 - 3/10)",
        "Qui êtes-vous ?",
        "  • Catégorie Banque : Banque Lumière",
        "# Un titre Markdown",
        "Billet écrit par Jean Martin du blog, le blog.",
        "Interview réalisée par",
        "Le corps du billet, une phrase assez longue pour être du texte.",
        "\r",
        "\u00a0",
    ]
)
TEXTS = st.one_of(
    st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=30).map("\n".join),
    st.text(alphabet=st.sampled_from("ab é.?:\n\r •#1er mai2012"), max_size=200),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_split_posts_invariants_on_any_text(text: str) -> None:
    assert_invariants(text, split_posts(text, "any.txt"))


# --- corpus loading ------------------------------------------------------------------------------


def test_load_corpus_walks_folders_and_keeps_going_after_bad_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "sub").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    write(tmp_path, "b/sub/2.md", b"Un billet\n\nSon texte.\n")
    write(tmp_path, "b/1.txt", "12 mars 2014\n\nTitre\n\nTexte.\n".encode("utf-16"))
    write(tmp_path, "b/0.htm", b"<p>Une page sans titre.</p>")
    write(tmp_path, "b/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "b/vide.txt", b"")
    write(tmp_path, "b/notes.csv", b"a,b\n")
    write(tmp_path, ".cache/cache.txt", b"Cache.\n")
    write(tmp_path, "seul.txt", b"Un texte sans forme de billet.")
    posts, rejected = load_corpus(
        [tmp_path / "b", tmp_path / "seul.txt", tmp_path / "absent", tmp_path / "b"]
    )
    assert [(p.source_file, p.index, p.title, p.date) for p in posts] == [
        ("0.htm", 0, None, None),
        ("1.txt", 0, "Titre", "2014-03-12"),
        ("2.md", 0, "Un billet", None),
        ("seul.txt", 0, None, None),  # text without post shape: one post, read
    ]
    assert rejected == [
        Rejected(str(tmp_path / "b" / "image.txt"), "binary content"),
        Rejected(str(tmp_path / "b" / "vide.txt"), "empty file"),
        Rejected(str(tmp_path / "absent"), "No such file or directory"),
    ]


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "billet.txt", b"Un texte.\n")
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".git/HEAD.txt", b"ref\n")
    posts, rejected = load_corpus([tmp_path])
    assert [p.source_file for p in posts] == ["billet.txt"] and rejected == []


# --- the seed corpus, end to end -----------------------------------------------------------------


def gold_posts(*names: str) -> list[tuple[str | None, str | None, str | None]]:
    keys = [yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8")) for name in names]
    return [(p["title"], p["date"] and str(p["date"]), p["author"]) for key in keys for p in key["posts"]]


@pytest.fixture(scope="module")
def seed_posts() -> dict[str, list[Post]]:
    posts, rejected = load_corpus([CORPUS])
    assert rejected == []
    by_file: dict[str, list[Post]] = {}
    for post in posts:
        by_file.setdefault(post.source_file[:3], []).append(post)
    return by_file


@pytest.mark.slow
def test_seed_corpus_invariants(seed_posts: dict[str, list[Post]]) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        assert_invariants(read_text(path), seed_posts[path.name[:3]])


@pytest.mark.slow
@pytest.mark.parametrize(("prefix", "gold"), [("002", ("002",)), ("003", ("003a", "003b"))])
def test_seed_corpus_matches_the_gold_posts(
    seed_posts: dict[str, list[Post]], prefix: str, gold: tuple[str, ...]
) -> None:
    assert [(p.title, p.date, p.author) for p in seed_posts[prefix]] == gold_posts(*gold)


@pytest.mark.slow
def test_seed_corpus_dated_and_single_posts(seed_posts: dict[str, list[Post]]) -> None:
    assert [p.date for p in seed_posts["000"]] == ["2012-07-26", "2012-07-21", "2012-07-12", "2012-07-07"]
    assert all(p.title for p in seed_posts["000"])
    assert [(p.title, p.body_start) for p in seed_posts["001"]] == [(None, 0)]
    assert seed_posts["001"][0].author == "Thierry Spencer"
    assert [(p.title, p.author) for p in seed_posts["004"]] == [(None, None)]


def test_a_date_under_the_title_opens_a_post_and_headings_stay_in_it() -> None:
    text = (
        "Trophées du Service 2015 : la Banque Lune rafle tout\n10 avril 2015\n\n"
        "Hier soir, la profession était réunie à Lyon.\n\n"
        "Le palmarès 2015\n\n"
        "Grand Prix : la Banque Lune.\n\n"
        "Nomination : Paul Durand rejoint Cabinet Soleil\n29 octobre 2015\n\n"
        "Paul Durand devient directeur de la relation client.\n"
    )
    posts = split_posts(text, "blog.txt")
    assert_invariants(text, posts)
    assert [(p.date, p.title) for p in posts] == [
        ("2015-04-10", "Trophées du Service 2015 : la Banque Lune rafle tout"),
        ("2015-10-29", "Nomination : Paul Durand rejoint Cabinet Soleil"),
    ]
    assert posts[0].text[posts[0].body_start :].startswith("Hier soir")
    assert "Le palmarès 2015" in posts[0].text  # a heading inside a dated post is no post of its own


@pytest.mark.parametrize(
    "head",
    [
        "3 mars 2015\nLivre blanc : le chat, dernière chance ?\n\n",  # the title right under the date
        "Livre blanc : le chat, dernière chance ?\n\n3 mars 2015\n\n",  # the title above, a blank between
        "3 mars 2015\n\nCOMMUNIQUÉ DE PRESSE\nLivre blanc : le chat, dernière chance ?\n\n",  # a kicker first
    ],
)
def test_title_and_date_layouts(head: str) -> None:
    text = head + "Le cabinet Lune publie son livre blanc, rédigé par deux associés.\n\nPar Hugo Lambert\n"
    (post,) = split_posts(text, "brief.txt")
    assert (post.date, post.title, post.author) == ("2015-03-03", "Livre blanc : le chat, dernière chance ?",
                                                    "Hugo Lambert")
    assert post.text[post.body_start :].startswith("Le cabinet Lune")


def test_files_of_the_same_name_in_different_folders_give_distinct_posts(tmp_path: Path) -> None:
    for month in ("2013/11", "2013/12"):
        (tmp_path / month).mkdir(parents=True)
        text = f"Un billet de {month}\n\nSon texte, écrit en {month}.\n"
        write(tmp_path, f"{month}/index.txt", text.encode())
    posts, rejected = load_corpus([tmp_path])
    assert rejected == [] and [p.id for p in posts] == ["index.txt#0", "12/index.txt#0"]


def test_a_text_that_opens_with_body_text_is_one_article_with_section_headings() -> None:
    text = (
        "Depuis 2011, la fédération remet ses prix chaque automne.\n\n"
        "Un jury de professionnels\n\n"
        "Les candidats sont notés sur dix critères.\n"
    )
    posts = split_posts(text, "article.txt")
    assert_invariants(text, posts)
    assert [(p.title, p.body_start) for p in posts] == [(None, 0)]


def test_a_line_a_list_hangs_from_is_a_section_heading() -> None:
    text = (
        "Trophées Exemplia 2019\n\n"
        "La soirée a réuni les lauréats.\n\n"
        "Les 3 premiers du classement\n\n"
        "1. Maison Durand\n2. Boulangeries Léa\n3. Atelier Brun\n"
    )
    posts = split_posts(text, "palmares.txt")
    assert_invariants(text, posts)
    assert [p.title for p in posts] == ["Trophées Exemplia 2019"]


# --- the reading cache ------------------------------------------------------------------------------


def _counting_split(monkeypatch) -> list[str]:
    """The files the text rules cut into posts, by name, from now on."""
    seen: list[str] = []
    original = loader_module.split_posts

    def counting(text: str, source_file: str) -> list[Post]:
        seen.append(source_file)
        return original(text, source_file)

    monkeypatch.setattr(loader_module, "split_posts", counting)
    return seen


def test_a_file_read_before_is_read_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RCKG_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("12 mars 2013\n\nUn titre\n\nMarie Dupont parle.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("14 mars 2013\n\nUn autre titre\n\nJean Martin répond.\n", encoding="utf-8")
    first = read_corpus([corpus])
    seen = _counting_split(monkeypatch)
    assert read_corpus([corpus]) == first and seen == []
    changed = "14 mars 2013\n\nUn autre titre\n\nJean Martin répond vite.\n"
    (corpus / "b.txt").write_text(changed, encoding="utf-8")
    again = read_corpus([corpus])
    assert seen == ["b.txt"] and again.posts[0] == first.posts[0] and again.posts[1] != first.posts[1]


def test_copies_merge_alike_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RCKG_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    post = "12 mars 2013\n\nUn titre\n\n" + "Marie Dupont parle de la relation client. " * 20 + "\n"
    (corpus / "a.txt").write_text(post, encoding="utf-8")
    (corpus / "b.txt").write_text(post + "Une phrase de plus.\n", encoding="utf-8")  # a near-copy
    first = read_corpus([corpus])
    assert len(first.posts) == 1 and len(first.merged) == 1

    def no_words(post: Post) -> list[str]:
        raise AssertionError(f"{post.id}: its words were read again")

    # The signatures and the near-copy verdict come from the cache: no post's words are read again.
    monkeypatch.setattr(dedup_module, "_post_words", no_words)
    assert read_corpus([corpus]) == first


def test_the_reading_fingerprint_covers_the_readers_their_rules_and_libraries(monkeypatch):
    inputs: dict[str, bytes] = {}
    monkeypatch.setattr(loader_module, "fingerprint_of", lambda given: inputs.update(given) or "f")
    loader_module.reading_fingerprint.cache_clear()
    try:
        loader_module.reading_fingerprint()
    finally:
        loader_module.reading_fingerprint.cache_clear()
    assert {"code:loader.py", "code:formats/html.py", "code:formats/dedup.py", "code:model.py",
            "data:rules/loader.yaml"} <= set(inputs)  # fmt: skip
    assert b"trafilatura-" in inputs["libraries"]


TYPOGRAPHIC = [char for char, _ in model_module._PLAIN] + list("ab '\"-\n")


@given(st.text(alphabet=st.sampled_from(TYPOGRAPHIC), max_size=60))
def test_plain_folds_each_typographic_variant_and_keeps_every_offset(text):
    folded = model_module.plain(text)
    assert folded == text.translate(str.maketrans(dict(model_module._PLAIN)))
    assert len(folded) == len(text)
