"""A synthetic corpus of any size, recombined from the seed corpus: same kind of posts, new people.

Each post gets a French date line, a seed title and a few seed paragraphs; every person name the
model finds in the seed is replaced, post by post, by a name recombined from the seed's first and
last names, so that a bigger corpus also names more people. The result depends only on ``seed``.

    .venv/bin/python -m bench.synthetic 1000 /tmp/synthetic-1000
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from graph.loader import load_corpus
from graph.nlp import parse

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "data" / "corpus"
POSTS_PER_FILE = 25
PARAGRAPHS_PER_POST = (2, 6)
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]  # fmt: skip


def seed_material(corpus: Path = SEED_CORPUS) -> tuple[list[str], list[str], list[str]]:
    """The seed's titles, body paragraphs and the two-word person names its parse finds."""
    posts, _ = load_corpus([corpus])
    titles = sorted({post.title for post in posts if post.title})
    paragraphs = [
        paragraph.strip()
        for post in posts
        for paragraph in post.text[post.body_start :].split("\n\n")
        if len(paragraph.strip()) > 80
    ]
    names = {
        ent.text
        for doc in parse(posts)
        for ent in doc.ents
        if ent.label_ == "PER" and re.fullmatch(r"[A-ZÉ][\w'-]+ [A-ZÉ][\w'-]+", ent.text)
    }
    return titles, paragraphs, sorted(names)


def write_synthetic_corpus(folder: Path, n_posts: int, seed: int = 0) -> list[Path]:
    """``n_posts`` posts in files of ``POSTS_PER_FILE`` under ``folder``; the files written."""
    titles, paragraphs, names = seed_material()
    rng = random.Random(seed)
    firsts, lasts = sorted({n.split()[0] for n in names}), sorted({n.split()[1] for n in names})
    name_pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    posts = []
    for _ in range(n_posts):
        renamed = {name: f"{rng.choice(firsts)} {rng.choice(lasts)}" for name in names}
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(*PARAGRAPHS_PER_POST)))
        date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2008, 2016)}"
        posts.append(f"{date}\n\n{rng.choice(titles)}\n\n{_rename(name_pattern, body, renamed)}\n")
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number, start in enumerate(range(0, n_posts, POSTS_PER_FILE)):
        path = folder / f"synthetic_{number:03d}.txt"
        path.write_text("\n".join(posts[start : start + POSTS_PER_FILE]), encoding="utf-8")
        files.append(path)
    return files


def _rename(names: re.Pattern[str], text: str, new_names: dict[str, str]) -> str:
    return names.sub(lambda match: new_names[match[0]], text)


if __name__ == "__main__":
    written = write_synthetic_corpus(Path(sys.argv[2]), int(sys.argv[1]))
    print(f"{len(written)} files written to {sys.argv[2]}")
