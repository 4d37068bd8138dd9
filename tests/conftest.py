"""Shared fixtures: builds of the real corpus, made once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
GOLD = sorted((ROOT / "tests" / "gold").glob("0*.yaml"))


def gold_sources() -> list[Path]:
    """The corpus files the gold answer keys annotate."""
    names = {yaml.safe_load(p.read_text(encoding="utf-8"))["source"] for p in GOLD}
    return sorted(CORPUS / name for name in names)


@pytest.fixture(scope="session")
def gold_build(tmp_path_factory):
    """The graph built from the gold-annotated files alone, with its exports."""
    from graph.build import build

    folder = tmp_path_factory.mktemp("gold-corpus")
    for source in gold_sources():
        shutil.copy(source, folder)
    out = tmp_path_factory.mktemp("gold-exports")
    return build([folder], out), out


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The graph of the whole seed corpus (data/corpus), with its exports and store."""
    from graph.build import build

    out = tmp_path_factory.mktemp("corpus-exports")
    return build([CORPUS], out), out
