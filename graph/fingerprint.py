"""Fingerprints: a hash of everything a cached result depends on besides its input (code, data, model).

A cache keyed by a fingerprint is never read by a build whose code or rules could give another result:
the fingerprint covers the source of the modules the work starts from and of every ``graph`` module they
import (transitively), and whatever data files the caller names.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def fingerprint_of(inputs: dict[str, bytes]) -> str:
    """A hash of named inputs (their names and contents, in name order)."""
    digest = hashlib.sha256()
    for name, data in sorted(inputs.items()):
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def code_inputs(starts: Iterable[str]) -> dict[str, bytes]:
    """``code:<module path>`` -> source, for the modules of :func:`modules_from`."""
    return {f"code:{path.relative_to(PACKAGE)}": path.read_bytes() for path in modules_from(starts)}


def modules_from(starts: Iterable[str]) -> list[Path]:
    """The source files of the starting modules (files or folders of ``graph``) and every graph module
    they import, transitively."""
    pending: list[Path] = []
    for name in starts:
        start = PACKAGE / name
        pending.extend(start.rglob("*.py") if start.is_dir() else [start])
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        pending.extend(_imported_modules(path))
    return sorted(seen)


def _imported_modules(path: Path) -> Iterator[Path]:
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "graph" and parts[1:]:
                relative = Path(*parts[1:])
                candidates = (PACKAGE / relative.with_suffix(".py"), PACKAGE / relative / "__init__.py")
                yield from (p for p in candidates if p.exists())
