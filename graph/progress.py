"""Progress of a long build on a terminal: per stage, posts done / total, the rate and the time left.

Quiet when the stream is not a terminal (a log, a pipe, a test): the build's closing summary is printed
by the caller either way.

    >>> progress = Progress(enabled=False)
    >>> with progress.stage("extract", total=3) as advance:
    ...     advance(3)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

REFRESH = 0.5  # seconds between two redraws of a stage's line


def duration(seconds: float) -> str:
    """``75`` -> ``1m15s``; ``3700`` -> ``1h01m``; ``4.2`` -> ``4.2s``."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m{secs:02d}s" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}m"


class Progress:
    """One line per stage on ``stream`` (default stderr), redrawn as posts are done."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):  # fmt: skip
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.clock = clock

    @contextmanager
    def stage(self, name: str, total: int | None = None, note: str = "") -> Iterator[Callable[[int], None]]:
        """A stage of ``total`` posts (None: a stage without posts); yields ``advance(n)``."""
        started = last = self.clock()
        done = 0

        def advance(n: int = 1) -> None:
            nonlocal done, last
            done += n
            now = self.clock()
            if self.enabled and now - last >= REFRESH:
                last = now
                self._draw(self.line(name, done, total, now - started, note))

        self._draw(self.line(name, 0, total, 0.0, note))
        yield advance
        self._draw(self.line(name, done, total, self.clock() - started, note, finished=True) + "\n")

    @staticmethod
    def line(name: str, done: int, total: int | None, elapsed: float, note: str = "",
             finished: bool = False) -> str:  # fmt: skip
        """``extract: 120/1000 posts, 3.1 posts/s, 4m44s left (40 from the cache)``."""
        if total is None:
            text = f"{name}: {'done in ' + duration(elapsed) if finished else '...'}"
        else:
            rate = done / elapsed if elapsed > 0 else 0.0
            text = f"{name}: {done}/{total} posts"
            if finished:
                text += f" in {duration(elapsed)}"
            if rate:
                text += f", {rate:.1f} posts/s"
                if not finished and done < total:
                    text += f", {duration((total - done) / rate)} left"
        return f"{text} ({note})" if note else text

    def _draw(self, text: str) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
