"""The reading stage alone: a 10,000-post blog in every format, read to posts, against the parse time.

    .venv/bin/python -m bench.bench_read [--posts 10000] [--sample 200] [--keep DIR]

Generates a blog of ``--posts`` distinct posts (titles and paragraphs recombined from the seed corpus)
spread over the formats rckg reads, shaped like the fixtures of ``tests/fixtures/formats``: Blogger
post pages (sidebar, popular posts, comments), Blogger monthly archive pages and WordPress category
pages (ten posts each), RSS 2.0 feeds with content:encoded, Atom feeds, a Blogger export of each schema
(with drafts, comments, pages), a WordPress WXR 1.2 export (with pages, attachments, drafts, comments)
and JSON Lines; plus a "latest posts" feed repeating 5% of the posts, which reading must merge.

Then, each in a fresh process: ``read_corpus`` over the folder (posts/s, peak resident memory and the
memory the reading added over the imports), and the spaCy parse of a sample of the posts read
(``nlp.pipe`` as the build runs it, model load apart), extrapolated to all the posts. The goal: reading
takes under 10% of the parse time of the same posts. The first read starts from an empty cache; a second
reads the files back from the reading cache, as a rebuild does. Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "data" / "corpus"
BLOG = "https://blog.example.fr/"
MAG = "https://mag.example.fr/"
# Share of the posts in each format, in order; the rest go to JSON Lines.
SHARES = (
    ("post_pages", 0.15),
    ("blogger_archives", 0.15),
    ("wordpress_categories", 0.10),
    ("rss", 0.15),
    ("atom", 0.10),
    ("blogger_old", 0.10),
    ("blogger_2018", 0.10),
    ("wxr", 0.10),
)
PER_PAGE = 10
PER_FEED = 100
REPEATED = 0.05


# --- the blog --------------------------------------------------------------------------------------


def make_posts(n: int, seed: int = 0) -> list[dict]:
    """``n`` distinct posts: a numbered seed title, 2-6 seed paragraphs, a date, an author, a URL."""
    from graph.loader import load_corpus

    seed_posts, _ = load_corpus([SEED_CORPUS])
    titles = sorted({p.title for p in seed_posts if p.title})
    paragraphs = [
        part.strip()
        for p in seed_posts
        for part in p.text[p.body_start :].split("\n\n")
        if len(part.strip()) > 80
    ]
    authors = ["Jeanne Durand", "Paul Martin", "Hélène Garnier", "Marc Lemoine"]
    rng = random.Random(seed)
    posts = []
    for number in range(n):
        year, month, day = rng.randint(2008, 2016), rng.randint(1, 12), rng.randint(1, 28)
        slug = f"billet-{number}"
        posts.append(
            {
                "title": f"{rng.choice(titles)} ({number})",
                "paragraphs": rng.sample(paragraphs, rng.randint(2, 6)),
                "date": f"{year:04d}-{month:02d}-{day:02d}",
                "author": rng.choice(authors),
                "url": f"{BLOG}{year:04d}/{month:02d}/{slug}.html",
                "labels": rng.sample(["AFRC", "Palmes", "Interview", "Agenda", "Études"], 2),
            }
        )
    return posts


def _html(post: dict) -> str:
    return "".join(f"<p>{escape(paragraph)}</p>\n" for paragraph in post["paragraphs"])


SIDEBAR = (
    "<div class='sidebar section'><div class='widget PopularPosts'><h2>Articles populaires</h2><ul>"
    + "".join(
        f"<li><a href='{BLOG}p{i}.html'>Un billet très lu numéro {i}</a>"
        f"<div class='item-snippet'>Le résumé du billet populaire {i}, souvent lu.</div></li>"
        for i in range(5)
    )
    + "</ul></div><div class='widget BlogArchive'><h2>Archives du blog</h2>"
    "<ul><li>2013 (42)</li></ul></div></div>"
)


def _blogger_block(post: dict, link_title: bool) -> str:
    title = escape(post["title"])
    if link_title:
        title = f"<a href='{post['url']}'>{title}</a>"
    labels = ", ".join(
        f"<a href='{BLOG}search/label/{escape(label)}' rel='tag'>{escape(label)}</a>"
        for label in post["labels"]
    )
    return (
        f"<div class='date-outer'><h2 class='date-header'><span>{post['date']}</span></h2>"
        f"<div class='post-outer'>"
        f"<div class='post hentry'><h3 class='post-title entry-title'>{title}</h3>"
        f"<div class='post-body entry-content'>{_html(post)}</div><div class='post-footer'>"
        f"<span class='post-author vcard'>Publié par <span class='fn'>{escape(post['author'])}</span></span> "
        f"<a class='timestamp-link' href='{post['url']}' rel='bookmark'><abbr class='published' "
        f"title='{post['date']}T09:00:00+01:00'>09:00</abbr></a>"
        f"<div class='post-share-buttons'><a href='#'>Envoyer par e-mail</a></div>"
        f"<span class='post-labels'>Libellés : {labels}</span></div></div></div></div>\n"
    )


def _page(title: str, canonical: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<link rel='canonical' href='{canonical}'/><script>var ga = 1;</script></head><body>"
        f"<nav><a href='{BLOG}'>Accueil</a></nav>"
        f"<div class='main'><div class='blog-posts hfeed'>{body}</div></div>"
        f"{SIDEBAR}<footer>Fourni par Blogger.</footer></body></html>\n"
    )


def post_page(post: dict) -> str:
    comments = (
        "<div class='comments' id='comments'><h4>2 commentaires :</h4>"
        "<ol><li class='comment'><cite>Lucie</cite>"
        "<p class='comment-content'>Bravo pour ce billet, très instructif sur la relation client !"
        "</p></li></ol></div>"
    )
    return _page(post["title"], post["url"], _blogger_block(post, False) + comments)


def blogger_archive(posts: list[dict]) -> str:
    return _page("Archives", f"{BLOG}archive.html", "".join(_blogger_block(post, True) for post in posts))


def wordpress_category(posts: list[dict]) -> str:
    articles = "".join(
        f"<article class='post type-post hentry'><header class='entry-header'><div class='entry-meta'>"
        f"<a href='{MAG}{p['url'][len(BLOG) :]}' rel='bookmark'><time class='entry-date published' "
        f"datetime='{p['date']}T09:00:00+01:00'>{p['date']}</time></a><span class='byline'> par <span "
        f"class='author vcard'><a class='url fn n' href='#'>{escape(p['author'])}</a></span></span></div>"
        f"<h2 class='entry-title'><a href='{MAG}{p['url'][len(BLOG) :]}' rel='bookmark'>"
        f"{escape(p['title'])}</a></h2>"
        f"</header><div class='entry-content'>{_html(p)}"
        f"<div class='sharedaddy'><h3>Partager :</h3></div></div>"
        f"<footer class='entry-footer'><span class='cat-links'>"
        + "".join(f"<a href='#' rel='category tag'>{escape(label)}</a>" for label in p["labels"])
        + "</span></footer></article>\n"
        for p in posts
    )
    return (
        "<!DOCTYPE html><html lang='fr-FR'><head><meta charset='UTF-8'><title>Catégorie</title></head><body>"
        f"<main id='main'>{articles}</main><aside class='widget-area'><section class='widget popular-posts'>"
        "<h2 class='widget-title'>Articles populaires</h2>"
        "<ul class='wpp-list'><li>Un billet lu</li></ul></section>"
        "</aside></body></html>\n"
    )


def rss(posts: list[dict]) -> str:
    items = "".join(
        f"<item><title>{escape(p['title'])}</title><link>{p['url']}</link><dc:creator><![CDATA[{p['author']}]]>"
        f"</dc:creator><pubDate>{_rfc822(p['date'])}</pubDate>"
        + "".join(f"<category><![CDATA[{label}]]></category>" for label in p["labels"])
        + f"<description><![CDATA[{p['paragraphs'][0][:120]} [&#8230;]]]></description>"
        f"<content:encoded><![CDATA[{_html(p)}]]></content:encoded></item>\n"
        for p in posts
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/'
        'modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog</title>'
        f"<link>{BLOG}</link>\n{items}</channel></rss>\n"
    )


def _rfc822(date: str) -> str:
    import datetime
    import email.utils

    moment = datetime.datetime.fromisoformat(date + "T09:00:00+00:00")
    return email.utils.format_datetime(moment)


def _atom_entry(p: dict, kind: str | None = None, extra: str = "") -> str:
    category = (
        (
            f"<category scheme='http://schemas.google.com/g/2005#kind' "
            f"term='http://schemas.google.com/blogger/2008/kind#{kind}'/>"
        )
        if kind
        else ""
    )
    labels = "".join(
        f"<category scheme='http://www.blogger.com/atom/ns#' term='{escape(label)}'/>"
        for label in p["labels"]
    )
    return (
        f"<entry><id>{p['url']}</id><published>{p['date']}T09:00:00.000+01:00</published>{category}{labels}"
        f"<title type='text'>{escape(p['title'])}</title><content type='html'>{escape(_html(p))}</content>"
        f"<link rel='alternate' type='text/html' href='{p['url']}'/>"
        f"<author><name>{escape(p['author'])}</name>"
        f"</author>{extra}</entry>\n"
    )


def atom(posts: list[dict]) -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Blog</title>"
        + "".join(_atom_entry(p) for p in posts)
        + "</feed>\n"
    )


def blogger_old(posts: list[dict]) -> str:
    noise = [
        {**posts[0], "title": f"Brouillon {i}", "url": f"{BLOG}d{i}.html"} for i in range(len(posts) // 10)
    ]
    entries = "".join(_atom_entry(p, "post") for p in posts)
    entries += "".join(
        _atom_entry(
            p,
            "post",
            "<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>",
        )
        for p in noise
    )
    entries += "".join(
        _atom_entry({**p, "title": "Commentaire"}, "comment") for p in posts[: len(posts) // 2]
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Blog</title>"
        f"<link rel='alternate' type='text/html' href='{BLOG}'/>{entries}</feed>\n"
    )


def blogger_2018(posts: list[dict]) -> str:
    def entry(p: dict, kind: str, status: str) -> str:
        labels = "".join(f"<category term='{escape(label)}'/>" for label in p["labels"])
        return (
            f"<entry><id>{p['url']}</id><blogger:type>{kind}</blogger:type><blogger:status>{status}"
            f"</blogger:status><author><name>{escape(p['author'])}</name></author><title>{escape(p['title'])}"
            f"</title><content type='html'>{escape(_html(p))}</content><published>{p['date']}T08:00:00.000Z"
            f"</published>{labels}<blogger:filename>{p['url'][len(BLOG) - 1 :]}</blogger:filename></entry>\n"
        )

    entries = "".join(entry(p, "POST", "LIVE") for p in posts)
    entries += "".join(entry(p, "COMMENT", "LIVE") for p in posts[: len(posts) // 2])
    entries += "".join(entry({**p, "title": "Brouillon"}, "POST", "DRAFT") for p in posts[: len(posts) // 10])
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        f"xmlns:blogger='http://schemas.google.com/blogger/2018'><link rel='alternate' href='{BLOG}'/>"
        f"{entries}</feed>\n"
    )


def wxr(posts: list[dict]) -> str:
    def item(p: dict, kind: str, status: str) -> str:
        body = "\n\n".join(
            escape(paragraph) for paragraph in p["paragraphs"]
        )  # no <p>, as WordPress keeps it
        comment = (
            "<wp:comment><wp:comment_author><![CDATA[Lucie]]></wp:comment_author><wp:comment_content>"
            "<![CDATA[Bravo !]]></wp:comment_content></wp:comment>"
        )
        return (
            f"<item><title>{escape(p['title'])}</title><link>{p['url']}</link><dc:creator><![CDATA[auteur]]>"
            f"</dc:creator><content:encoded><![CDATA[{body}]]></content:encoded><wp:post_date><![CDATA["
            f"{p['date']} 09:00:00]]></wp:post_date><wp:status><![CDATA[{status}]]></wp:status><wp:post_type>"
            f"<![CDATA[{kind}]]></wp:post_type>"
            + "".join(
                f'<category domain="category" nicename="c"><![CDATA[{label}]]></category>'
                for label in p["labels"]
            )
            + f"{comment}</item>\n"
        )

    items = "".join(item(p, "post", "publish") for p in posts)
    items += "".join(item({**p, "title": "Page"}, "page", "publish") for p in posts[: len(posts) // 20])
    items += "".join(
        item({**p, "title": "Image"}, "attachment", "inherit") for p in posts[: len(posts) // 20]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0" xmlns:excerpt="http://wordpress.org/'
        'export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://'
        'purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Mag</title>'
        "<wp:wxr_version>1.2</wp:wxr_version><wp:author><wp:author_login><![CDATA[auteur]]></wp:author_login>"
        "<wp:author_display_name><![CDATA[Jeanne Durand]]></wp:author_display_name></wp:author>\n"
        f"{items}</channel></rss>\n"
    )


def jsonl(posts: list[dict]) -> str:
    return "".join(
        json.dumps(
            {
                "url": p["url"],
                "title": p["title"],
                "date": p["date"],
                "author": p["author"],
                "html": _html(p),
                "tags": p["labels"],
            },
            ensure_ascii=False,
        )
        + "\n"
        for p in posts
    )


def write_blog(folder: Path, posts: list[dict]) -> dict[str, int]:
    """The blog's files under ``folder``; the number of files of each format."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, int] = {}
    start = 0

    def write(name: str, text: str, kind: str) -> None:
        (folder / name).write_text(text, encoding="utf-8")
        files[kind] = files.get(kind, 0) + 1

    for kind, share in (*SHARES, ("jsonl", 1.0)):
        end = len(posts) if kind == "jsonl" else start + round(share * len(posts))
        part = posts[start:end]
        if kind == "post_pages":
            for number, post in enumerate(part):
                write(f"post-{number:05d}.html", post_page(post), kind)
        elif kind in ("blogger_archives", "wordpress_categories"):
            page = blogger_archive if kind == "blogger_archives" else wordpress_category
            for number in range(0, len(part), PER_PAGE):
                write(f"{kind}-{number:05d}.html", page(part[number : number + PER_PAGE]), kind)
        elif kind in ("rss", "atom"):
            feed, suffix = (rss, "rss") if kind == "rss" else (atom, "atom")
            for number in range(0, len(part), PER_FEED):
                write(f"feed-{number:05d}.{suffix}", feed(part[number : number + PER_FEED]), kind)
        else:
            maker = {"blogger_old": blogger_old, "blogger_2018": blogger_2018, "wxr": wxr, "jsonl": jsonl}[
                kind
            ]
            suffix = "jsonl" if kind == "jsonl" else "xml"
            write(f"{kind}.{suffix}", maker(part), kind)
        start = end
    repeated = random.Random(1).sample(posts, round(REPEATED * len(posts)))
    write("latest.rss", rss(repeated), "repeated in a feed")
    return files


# --- what runs in a fresh process ------------------------------------------------------------------


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def read_child(folder: Path, sample: int, sample_file: Path) -> dict:
    from graph.loader import read_corpus

    before = _rss_kib()
    started = time.perf_counter()
    corpus = read_corpus([folder])
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    texts = [post.text for post in random.Random(2).sample(corpus.posts, min(sample, len(corpus.posts)))]
    sample_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return {
        "posts": len(corpus.posts),
        "seconds": seconds,
        "merged": len(corpus.merged),
        "rejected": [f"{r.path}: {r.reason}" for r in corpus.rejected][:5],
        "left_out": sum(corpus.left_out.values()),
        "chars": sum(len(post.text) for post in corpus.posts),
        "rss_before_mb": before / 1024,
        "peak_mb": peak / 1024,
    }


def parse_child(sample_file: Path) -> dict:
    import spacy

    from graph.nlp import BATCH_SIZE, MODEL

    texts = json.loads(sample_file.read_text(encoding="utf-8"))
    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return {"texts": len(texts), "seconds": time.perf_counter() - started, "chars": sum(map(len, texts))}


def _in_child(*args: str, cache: str = "off") -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_read", "--child", *args],
        cwd=ROOT,
        env={**os.environ, "RCKG_CACHE": cache},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=200, help="posts parsed to estimate the parse time")
    parser.add_argument("--keep", type=Path, help="write the blog here and keep it")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = (
            read_child(Path(rest[0]), int(rest[1]), Path(rest[2]))
            if kind == "read"
            else parse_child(Path(rest[0]))
        )
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="rckg-bench-read-") as scratch:
        folder = args.keep or Path(scratch) / "blog"
        started = time.perf_counter()
        files = write_blog(folder, make_posts(args.posts))
        print(
            f"blog of {args.posts} posts written in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{kind} {n}" for kind, n in files.items())
            + " file(s)"
        )
        sample_file = Path(scratch) / "sample.json"
        cache = str(Path(scratch) / "cache")  # empty: the first read reads every file
        read = _in_child("read", str(folder), str(args.sample), str(sample_file), cache=cache)
        again = _in_child("read", str(folder), str(args.sample), str(sample_file), cache=cache)
        parse = _in_child("parse", str(sample_file))
    per_char = parse["seconds"] / parse["chars"]
    parse_all = per_char * read["chars"]
    print(
        f"read: {read['posts']} posts in {read['seconds']:.1f} s "
        f"= {read['posts'] / read['seconds']:.0f} posts/s; "
        f"{read['merged']} copies merged, {read['left_out']} items left out, "
        f"rejected {read['rejected'] or 'none'}"
    )
    print(
        f"memory: peak resident {read['peak_mb']:.0f} MB ({read['rss_before_mb']:.0f} MB after the imports)"
    )
    print(f"read again (every file in the reading cache): {again['seconds']:.1f} s")
    print(
        f"parse: {parse['texts']} posts in {parse['seconds']:.1f} s "
        f"({1000 * parse['seconds'] / parse['texts']:.0f}"
        f" ms/post); all {read['posts']} posts ~ {parse_all:.0f} s by their characters"
    )
    print(f"reading / parse = {read['seconds'] / parse_all:.1%} (goal: < 10%)")


if __name__ == "__main__":
    main()
