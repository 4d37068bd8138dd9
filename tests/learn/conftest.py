"""The learned deciders' tests share the extractor tests' parse of a hand-made post."""

from tests.extract.conftest import context, finder  # noqa: F401  (fixtures)
