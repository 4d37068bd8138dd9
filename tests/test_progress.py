"""Progress of a long build: per stage, posts done / total, rate and time left; quiet off a terminal."""

from __future__ import annotations

import io

from graph.progress import Progress, duration


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_durations_read_naturally():
    assert duration(4.24) == "4.2s"
    assert duration(75) == "1m15s"
    assert duration(3700) == "1h01m"


def test_a_stage_line_gives_done_total_rate_and_time_left():
    line = Progress.line("parse and extract", 120, 1000, 40.0, "40 from the cache")
    assert line == "parse and extract: 120/1000 posts, 3.0 posts/s, 4m53s left (40 from the cache)"
    assert Progress.line("parse and extract", 1000, 1000, 200.0, finished=True) == (
        "parse and extract: 1000/1000 posts in 3m20s, 5.0 posts/s"
    )
    assert Progress.line("resolve", 0, None, 2.5, finished=True) == "resolve: done in 2.5s"


def test_a_terminal_sees_each_stage_redrawn_then_finished():
    now = [0.0]
    terminal = Terminal()
    progress = Progress(terminal, clock=lambda: now[0])
    with progress.stage("parse and extract", total=4) as advance:
        for _ in range(4):
            now[0] += 1.0
            advance(1)
    with progress.stage("resolve"):
        now[0] += 0.5
    shown = terminal.getvalue()
    assert "parse and extract: 2/4 posts, 1.0 posts/s, 2.0s left" in shown
    assert shown.endswith("parse and extract: 4/4 posts in 4.0s, 1.0 posts/s\n\r\x1b[Kresolve: ...\r\x1b[K"
                          "resolve: done in 0.5s\n")  # fmt: skip


def test_nothing_is_written_off_a_terminal():
    log = io.StringIO()
    with Progress(log).stage("parse and extract", total=2) as advance:
        advance(2)
    assert log.getvalue() == ""
