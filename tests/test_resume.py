"""A build killed in the middle loses nothing it finished: the next one goes on and gives the same exports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow
EXPORTS = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "graph.graphml", "graph.gexf")


def files(folder) -> dict[str, int]:
    """Every cached file under ``folder`` with its modification time (ns).

    Not the temporary file of a write (``graph.files.write_atomic``: ``.name.XXXX``) that a kill cut short:
    it is never read, and counting it made the test fail when the kill fell between its creation and rename.
    """
    found = folder.rglob("*") if folder.exists() else ()
    return {str(p): p.stat().st_mtime_ns for p in found if p.is_file() and not p.name.startswith(".")}


def start_and_signal(command: list[str], env: dict, cache, sig: int) -> subprocess.Popen:
    """Start a build, and send it ``sig`` once it has cached the results of 3 posts."""
    # As in a terminal: the build hears Ctrl-C even when this test runs where SIGINT is ignored (a job).
    build = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    deadline = time.monotonic() + 300
    while len(files(cache / "results")) < 3 and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(build.pid, sig)
    return build


def test_a_killed_build_resumes_without_parsing_again_and_gives_the_same_exports(tmp_path, corpus_build):
    _, uninterrupted = corpus_build
    cache, out = tmp_path / "cache", tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the previous export\n", encoding="utf-8")
    env = {**os.environ, "RCKG_CACHE": str(cache)}
    command = [sys.executable, "-m", "graph.cli", "build", str(CORPUS), "-o", str(out)]
    build = start_and_signal(command, env, cache, signal.SIGKILL)
    assert build.wait(timeout=60) == -signal.SIGKILL
    results, parses = files(cache / "results"), files(cache / "parses")
    assert 3 <= len(results) < 24, "the build was not killed in the middle of the extraction"
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# the previous export\n"
    (out / ".staging-999999999-x").mkdir()  # what a build killed while exporting leaves behind

    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    counts = f"{24 - len(results)} extracted, {24 - len(parses)} parsed, {len(results)} from the cache"
    assert counts in summary
    after = files(cache / "parses")
    assert all(after[path] == mtime for path, mtime in parses.items())  # no parse written again
    assert len(after) == 24
    for name in EXPORTS:
        assert (out / name).read_bytes() == (uninterrupted / name).read_bytes(), name
    assert not list(out.glob(".staging-*"))


def test_ctrl_c_stops_a_build_cleanly_keeping_what_it_finished(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    env = {**os.environ, "RCKG_CACHE": str(cache)}
    command = [sys.executable, "-m", "graph.cli", "build", str(CORPUS), "-o", str(out)]
    build = start_and_signal(command, env, cache, signal.SIGINT)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130
    assert "interrupted: the posts extracted so far are cached" in stderr.decode()
    assert len(files(cache / "results")) >= 3
    assert not out.exists() or not any(out.iterdir())
