"""The garbage collector paused where a build makes objects that live until it ends.

Reading back 10,000 posts' results, resolving their names and making their triples make millions of
objects that live until the build ends; the collector, counting them as they come, walks all of them
again and again (a third of the triples' time at 10,000 posts, half of the results' lookup) and finds
nothing to free. ``graph.build.build`` unfreezes what was frozen here when it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_collection() -> Iterator[None]:
    """The collector paused, then told to leave alone what was made meanwhile (frozen)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
