"""The one atomic writer: every file the package writes (pages, the lock, caches, site files).

Readers see the old file or the new one, never a part: the data goes to a temporary file in the
same folder, which is then renamed over the target. The temporary file is removed on failure.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, mode: int = 0o644) -> None:
    """Write ``data`` (text as UTF-8 with ``\\n`` kept as is) to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_cache(path: Path, data: str | bytes) -> None:
    """:func:`write_atomic` for a cache: a cache that cannot be written only costs time."""
    try:
        write_atomic(path, data)
    except OSError:
        pass
