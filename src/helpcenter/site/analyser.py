"""Where :func:`search_index.analyse_many` runs: in this process, or in a child process.

Kiwi holds Python's global lock while it loads its model (~0.7 s) and while it hands back tokens,
so in a thread of the MkDocs process it stops MkDocs for that long. In a child process it runs on
the other core while MkDocs renders pages: a cold build starts the child as MkDocs imports the
project's hook (search_terms.start_ahead; :class:`ChildAnalyser`, ``python -m
helpcenter.site.analyser``), which loads Kiwi at once and then analyses the batches of texts sent
to it, in order, until the build has its indexes (:meth:`ChildAnalyser.end_input`).

The pipe carries JSON lines only: ``{"language": code, "texts": [...]}`` down,
``[[term, ...], ...]`` back (checked: one list of strings per text). A child that cannot start or
dies makes :meth:`ChildAnalyser.submit`'s futures fail with :class:`AnalyserGone`; the caller
then analyses in its own process (search_terms.py). Same function, same terms either way.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from . import search_index

_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent.parent)
"""The folder holding the ``helpcenter`` package (the child imports the same code)."""


class AnalyserGone(RuntimeError):
    """The child process could not start, or stopped before answering."""


class LocalAnalyser:
    """Analyses in a background thread of this process (tests; the fallback)."""

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None

    def start(self) -> None:
        """Nothing to load ahead here: Kiwi is loaded at the first Korean text."""

    def submit(self, language: str, texts: Sequence[str]) -> Future:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="search-terms")
        return self._executor.submit(search_index.analyse_many, language, list(texts))

    def end_input(self) -> None:
        """Nothing to stop ahead here (:meth:`ChildAnalyser.end_input`)."""

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


class ChildAnalyser:
    """Analyses in a child process, started by :meth:`start` (or the first :meth:`submit`) and
    kept until :meth:`close` (``mkdocs serve`` keeps it from rebuild to rebuild)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._waiting: deque[tuple[Future, int]] = deque()
        self._lock = threading.Lock()
        self._gone = False

    def start(self) -> None:
        """Start the child (it loads Kiwi at once); returns at once."""
        with self._lock:
            if self._process is not None or self._gone:
                return
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(
                filter(None, [_PACKAGE_PARENT, os.environ.get("PYTHONPATH")])))
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "helpcenter.site.analyser"], env=env,
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except OSError:
                self._gone = True
                return
            process = self._process
        threading.Thread(target=self._write, args=(process,), daemon=True,
                         name="analyser-writer").start()
        threading.Thread(target=self._read, args=(process,), daemon=True,
                         name="analyser-reader").start()

    def submit(self, language: str, texts: Sequence[str]) -> Future:
        """The terms of each text, later; never blocks (a thread feeds the pipe)."""
        self.start()
        future: Future = Future()
        line = json.dumps({"language": language, "texts": list(texts)}, ensure_ascii=False)
        with self._lock:
            if self._gone:
                future.set_exception(AnalyserGone("the analyser process is not running"))
                return future
            self._waiting.append((future, len(texts)))
            self._outbox.put(line.encode("utf-8") + b"\n")
        return future

    def end_input(self) -> None:
        """No more batches (a build has its last analyses): the child answers those it has, then
        exits (15-30 ms to free Kiwi's model) while the build writes its files, and
        :meth:`close` finds it gone. Later batches fail with :class:`AnalyserGone`."""
        with self._lock:
            if self._process is None or self._gone:
                return
            self._gone = True
        self._outbox.put(None)

    def kill(self) -> None:
        """Stop the child at once (started ahead for a build that does not need it)."""
        with self._lock:
            process, self._process = self._process, None
            self._gone = True
        if process is not None:
            process.kill()
            process.wait()
        self._outbox.put(None)
        self._fail_waiting()

    def close(self) -> None:
        """Let the child finish and stop (end of its input); fail what it did not answer."""
        with self._lock:
            process, self._process = self._process, None
            self._gone = True
        if process is None:
            return
        self._outbox.put(None)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._fail_waiting()

    def _write(self, process: subprocess.Popen) -> None:
        try:
            while (line := self._outbox.get()) is not None:
                process.stdin.write(line)
                process.stdin.flush()
            process.stdin.close()
        except (OSError, ValueError):
            pass  # the reader sees the child end and fails what is waiting

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            with self._lock:
                future, count = self._waiting.popleft()
            try:
                terms = json.loads(line)
                if not _is_terms(terms, count):
                    raise ValueError("an answer of another shape")
            except ValueError as err:
                future.set_exception(AnalyserGone(f"the analyser process answered badly: {err}"))
                break
            future.set_result(terms)
        with self._lock:
            self._gone = True
        self._fail_waiting()

    def _fail_waiting(self) -> None:
        with self._lock:
            waiting, self._waiting = self._waiting, deque()
        for future, _ in waiting:
            if not future.done():
                future.set_exception(AnalyserGone("the analyser process stopped"))


def _is_terms(terms: object, count: int) -> bool:
    return isinstance(terms, list) and len(terms) == count and all(
        isinstance(item, list) and all(isinstance(term, str) for term in item) for item in terms)


def main() -> None:
    """The child: load Kiwi, then answer each line of input with the terms of its texts.
    Kiwi works on one core fewer than the machine has (same terms on any number): the other
    one is MkDocs'."""
    search_index.KIWI_THREADS = max((os.cpu_count() or 1) - 1, 1)
    search_index.analyse_many("ko", ["한국어", "분석"])  # loads Kiwi before the first batch
    for line in sys.stdin.buffer:
        request = json.loads(line)
        terms = search_index.analyse_many(request["language"], request["texts"])
        sys.stdout.buffer.write(json.dumps(terms, ensure_ascii=False).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
    os._exit(0)  # nothing left to write: skip freeing Kiwi's model (~0.1 s) on the way out


if __name__ == "__main__":
    main()
