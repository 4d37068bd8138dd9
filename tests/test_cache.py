"""The parse cache: a second parse reads every Doc back, a new post is the only one parsed; cached values."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import names
from graph import nlp as nlp_module
from graph.cache import DEFAULT_FOLDER, ParseCache, cache_folder, cached_value
from graph.extract import PostContext, extract_facts
from graph.mentions import MentionFinder
from graph.model import Post

TEXTS = [
    "Le 12 mars 2013, Marie Dupont, directrice de la relation client de la SNCF, a reçu la Palme d'or.",
    "L'AFRC organise sa convention annuelle à Paris. Thierry Spencer y présente l'étude de BearingPoint.",
    "Jean Martin rejoint Orange comme président du club. Il remercie l'équipe de Relation Client Magazine.",
]


def posts(texts: list[str]) -> list[Post]:
    return [Post(source_file="cache.txt", index=i, text=text, offset=0) for i, text in enumerate(texts)]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("RCKG_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def parsed_texts(monkeypatch) -> list[str]:
    """Every text that reaches the model's ``pipe``, in order."""
    nlp = nlp_module.load_nlp()
    original = nlp.pipe
    seen: list[str] = []

    def counting_pipe(texts, **options):
        texts = list(texts)
        seen.extend(texts)
        return original(texts, **options)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    return seen


ATTRIBUTES = ("idx", "text", "whitespace_", "pos_", "tag_", "lemma_", "morph", "dep_", "is_sent_start")


def token_view(doc) -> list[tuple]:
    return [tuple(str(getattr(t, name)) for name in ATTRIBUTES) + (t.head.i,) for t in doc]


def test_cache_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("RCKG_CACHE", raising=False)
    assert cache_folder() == DEFAULT_FOLDER
    monkeypatch.setenv("RCKG_CACHE", str(tmp_path))
    assert cache_folder() == tmp_path
    monkeypatch.setenv("RCKG_CACHE", "OFF")
    assert cache_folder() is None


def test_a_second_parse_runs_the_model_zero_times(cache_dir, parsed_texts):
    first = list(nlp_module.parse(posts(TEXTS)))
    assert len(parsed_texts) == len(TEXTS)
    second = list(nlp_module.parse(posts(TEXTS)))
    assert len(parsed_texts) == len(TEXTS)  # nothing more reached the model
    assert [doc.text for doc in second] == TEXTS
    assert [token_view(doc) for doc in second] == [token_view(doc) for doc in first]
    assert len(list(cache_dir.rglob("*.doc"))) == len(TEXTS)


def test_a_new_post_is_the_only_one_parsed(cache_dir, parsed_texts):
    list(nlp_module.parse(posts(TEXTS[:2])))
    parsed_texts.clear()
    docs = list(nlp_module.parse(posts(TEXTS)))
    assert parsed_texts == [TEXTS[2]]
    assert [doc.text for doc in docs] == TEXTS  # in the posts' order, hits and misses mixed


def test_the_cached_doc_equals_a_fresh_parse(cache_dir):
    list(nlp_module.parse(posts(TEXTS)))
    cached = list(nlp_module.parse(posts(TEXTS)))
    fresh = [nlp_module.load_nlp()(text) for text in TEXTS]
    for old, new in zip(cached, fresh, strict=True):
        assert token_view(old) == token_view(new)
        assert [(e.start_char, e.end_char, e.label_) for e in old.ents] == [
            (e.start_char, e.end_char, e.label_) for e in new.ents
        ]
        assert [s.start for s in old.sents] == [s.start for s in new.sents]
        assert old.vocab is new.vocab  # spans of cached Docs match the model's PhraseMatchers


def test_posts_are_keyed_by_their_plain_text():
    cache = ParseCache(Path("unused"), "model-1")
    assert cache.key("Le club") == cache.key("Le club")
    assert cache.key("Le club") != cache.key("Le club.")
    assert cache.key("Le club") != ParseCache(Path("unused"), "model-2").key("Le club")


def test_the_same_text_in_typographic_variants_shares_one_parse(cache_dir, parsed_texts):
    list(nlp_module.parse(posts(["Il dit \u00ab bonjour \u00bb à l\u2019équipe."])))
    list(nlp_module.parse(posts(['Il dit " bonjour " à l\'équipe.'])))
    assert len(parsed_texts) == 1


@pytest.mark.parametrize("damage", [b"", b"not a cached doc", None])
def test_a_damaged_cache_file_is_parsed_again_and_rewritten(cache_dir, parsed_texts, damage):
    list(nlp_module.parse(posts(TEXTS)))
    victim = sorted(cache_dir.rglob("*.doc"))[0]
    good = victim.read_bytes()
    victim.write_bytes(good[: len(good) // 2] if damage is None else damage)  # None: truncated
    parsed_texts.clear()
    docs = list(nlp_module.parse(posts(TEXTS)))
    assert len(parsed_texts) == 1
    assert [doc.text for doc in docs] == TEXTS
    assert victim.read_bytes() == good


def test_a_cache_file_of_another_text_is_not_trusted(cache_dir, parsed_texts):
    list(nlp_module.parse(posts(TEXTS)))
    files = sorted(cache_dir.rglob("*.doc"))
    files[1].write_bytes(files[0].read_bytes())
    parsed_texts.clear()
    assert [doc.text for doc in nlp_module.parse(posts(TEXTS))] == TEXTS
    assert len(parsed_texts) == 1


def test_cache_off_parses_every_time_and_writes_nothing(tmp_path, monkeypatch, parsed_texts):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RCKG_CACHE", "off")
    list(nlp_module.parse(posts(TEXTS[:1])))
    list(nlp_module.parse(posts(TEXTS[:1])))
    assert len(parsed_texts) == 2
    assert not any(tmp_path.iterdir())


def test_an_unwritable_cache_warns_and_the_parse_goes_on(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RCKG_CACHE", str(blocker))
    with pytest.warns(UserWarning, match="not writable"):
        docs = list(nlp_module.parse(posts(TEXTS[:2])))
    assert [doc.text for doc in docs] == TEXTS[:2]


def test_writes_leave_no_temporary_files(cache_dir):
    list(nlp_module.parse(posts(TEXTS)))
    assert all(path.name.endswith(".doc") for path in cache_dir.rglob("*") if path.is_file())


def test_mentions_and_facts_are_the_same_from_a_cached_parse(cache_dir):
    finder = MentionFinder()

    def findings() -> list[tuple]:
        found = []
        for post, doc in zip(posts(TEXTS), nlp_module.parse(posts(TEXTS)), strict=True):
            mentions = finder(post, doc)
            found.append((mentions, extract_facts(PostContext(post, doc, tuple(mentions)))))
        return found

    assert findings() == findings()  # the first from fresh parses, the second from the cache


def test_a_cached_value_is_made_once_then_read_back(cache_dir):
    made: list[int] = []

    def make() -> frozenset[str]:
        made.append(1)
        return frozenset({"banque", "client"})

    assert cached_value("lexicon", "f1", make) == frozenset({"banque", "client"})
    assert cached_value("lexicon", "f1", make) == frozenset({"banque", "client"})
    assert len(made) == 1
    (stored,) = (cache_dir / "lexicon").rglob("*.pickle")
    stored.write_bytes(b"not a pickle")  # damaged: made again, rewritten
    assert cached_value("lexicon", "f1", make) == frozenset({"banque", "client"})
    assert cached_value("lexicon", "f1", make) == frozenset({"banque", "client"})
    assert cached_value("lexicon", "f2", make) == frozenset({"banque", "client"})  # another fingerprint
    assert len(made) == 3


def test_a_cached_value_with_the_cache_off_is_made_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("RCKG_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    assert [cached_value("lexicon", "f1", lambda: 7) for _ in range(2)] == [7, 7]
    assert not any(tmp_path.iterdir())


def test_the_common_words_read_back_equal_those_made(cache_dir):
    made = names._common_words()
    names.common_words.cache_clear()
    assert names.common_words() == made  # made and stored
    names.common_words.cache_clear()
    assert names.common_words() == made  # read back
    assert len(list((cache_dir / "lexicon").rglob("*.pickle"))) == 1
