"""Python's cycle collector paused around the stages that build large object trees.

Reading 5,000 questions, rendering their pages or indexing their search texts makes hundreds of
thousands of objects that stay alive; the collector walks all of them again each time enough new
ones pile up (reading: 1.0 s of 1.5 s). They hold no cycles worth collecting meanwhile, so the
collector is paused for the stage and walks them once when it next runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
