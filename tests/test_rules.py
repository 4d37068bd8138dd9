"""The rules kept as data: every file loads, and a key written twice is an error, not a silent overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import rules


def test_every_rules_file_loads_without_a_key_written_twice() -> None:
    files = rules.DATA_DIR.rglob("*.yaml")
    names = sorted(p.relative_to(rules.DATA_DIR).with_suffix("").as_posix() for p in files)
    assert names
    for name in names:
        assert rules.load(name) is not None, name


def test_a_key_written_twice_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "twice.yaml").write_text("heads: [prix]\nother: 1\nheads: [trophée]\n", encoding="utf-8")
    monkeypatch.setattr(rules, "DATA_DIR", tmp_path)
    with pytest.raises(rules.DuplicateKey, match="line 3: 'heads'"):
        rules.load.__wrapped__("twice")


def test_no_place_name_is_an_organization_of_the_gazetteer_or_a_first_name() -> None:
    from graph.gazetteer import load_gazetteer

    places = rules.load("rules/places")["places"]
    first_names = rules.word_set("rules/first_names", "first_names")
    gazetteer = load_gazetteer()
    assert len(places) > 1000 and {"Annecy", "Douala", "Turquie"} <= set(places)
    assert not [p for p in places if gazetteer.lookup(p) or rules.fold(p) in first_names]
