"""One run at a time reads and writes docs/: a lock file, held for one call of generate().

``scripts/build_faq.py`` and every ``mkdocs build``/``serve`` rebuild take
``<project>/.cache/generate.lock`` (``fcntl.flock``, exclusive) around the part of a run that reads
and writes docs/. A second run waits for it, then stops with :class:`BuildLockedError`. The
operating system releases the lock when its process ends, however it ends: a killed run never
leaves a stale lock. Under the lock, docs/ is first recovered from any interrupted run
(journal.py), so every run, ``--check`` included, sees docs/ wholly old or wholly new.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError
from . import journal

LOCK_FILE = Path(".cache") / "generate.lock"
"""Relative to the project folder (docs/'s parent). Never deleted: deleting a lock file lets two
runs hold two different locks."""
TIMEOUT = 60.0
"""Seconds a run waits for another one before it gives up."""


class BuildLockedError(OutputError):
    """Another run held the lock for longer than the timeout."""


@contextmanager
def locked_docs(docs: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the build lock of ``docs``'s project, with docs/ recovered from any killed run."""
    path = docs.parent / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a read-only project: no run can write docs/ here, so none to wait for
        fd = None
    try:
        if fd is not None:
            _acquire(fd, TIMEOUT if timeout is None else timeout)
        journal.recover(docs)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


def _acquire(fd: int, timeout: float) -> None:
    """Take the lock, polling until ``timeout``; record who holds it (for the message)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BuildLockedError(_locked_message(fd, timeout)) from None
            time.sleep(0.05)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except OSError:
        pass


def _locked_message(fd: int, timeout: float) -> str:
    try:
        holder = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        holder = ""
    who = f"process {holder}" if holder.isdigit() else "another process"
    return (
        f"{LOCK_FILE}: another build is writing docs/ ({who} holds the lock; waited "
        f"{timeout:g} s). Wait for it to finish (a scripts/build_faq.py run, mkdocs build or "
        "mkdocs serve), then run again. The lock ends with its process: no file to delete."
    )
