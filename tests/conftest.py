"""Shared fixtures: builds of the real corpus, made once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
GOLD = sorted((ROOT / "tests" / "gold").glob("0*.yaml"))
# Keys written later, blind to the extractors, for the seed files the rules were not tuned on.
GOLD_DEV = sorted((ROOT / "tests" / "gold-dev").glob("0*.yaml"))


def gold_sources(keys: list[Path] = GOLD) -> list[Path]:
    """The corpus files some answer keys annotate."""
    names = {yaml.safe_load(p.read_text(encoding="utf-8"))["source"] for p in keys}
    return sorted(CORPUS / name for name in names)


def _build_sources(tmp_path_factory, keys: list[Path], name: str):
    from graph.build import build

    folder = tmp_path_factory.mktemp(f"{name}-corpus")
    for source in gold_sources(keys):
        shutil.copy(source, folder)
    out = tmp_path_factory.mktemp(f"{name}-exports")
    return build([folder], out), out


@pytest.fixture(scope="session")
def gold_build(tmp_path_factory):
    """The graph built from the gold-annotated files alone, with its exports."""
    return _build_sources(tmp_path_factory, GOLD, "gold")


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory):
    """The graph built from the files of the development keys alone."""
    return _build_sources(tmp_path_factory, GOLD_DEV, "dev")


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The graph of the whole seed corpus (data/corpus), with its exports and store."""
    from graph.build import build

    out = tmp_path_factory.mktemp("corpus-exports")
    return build([CORPUS], out), out
